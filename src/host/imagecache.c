/*
 * The image cache (docs/DESIGN.md, "Image views"): files that hold an image laid out as its view is, by
 * RVA, so that a view maps the image's pages copy-on-write from the page cache instead of copying the file
 * into fresh memory, and pages nobody reads (`.debug_*`, code never run) are never touched. Windows keeps
 * an image's layout in memory for all its views (the section's prototype pages); this keeps it in a file.
 *
 * An entry is named for the identity of the file it was laid out from: device, inode, size, and the
 * modification and change times to the nanosecond (a change time cannot be set back), so a rebuilt or
 * rewritten image gets a new entry. mm checks the entry's headers against the image's before using it.
 * A builtin DLL's image (io/builtin.c) is an entry too, named for the ntexec binary (the same identity of
 * /proc/self/exe) and the DLL. Entries are written under a temporary name and renamed into place, so a reader never sees half of one.
 * The directory holds at most $NTEXEC_IMAGE_CACHE_SIZE MiB (default 512): after each new entry, the oldest
 * ones go.
 *
 * Where: $NTEXEC_IMAGE_CACHE (`off` or empty: no cache), else $XDG_CACHE_HOME/ntexec/images, else
 * ~/.cache/ntexec/images. The directory must be the user's own and writable by nobody else (its files are
 * code that will run), on a file system that allows executable mappings; otherwise there is no cache and
 * every view is copied, as before.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "host/host.h"

#define DEFAULT_LIMIT_MIB 512
#define ENTRY_PREFIX "image1-"   /* the layout's format: a change of it starts new names */
#define BUILTIN_PREFIX "builtin1-"  /* a builtin DLL's image, named for the ntexec binary that built it */
#define TEMP_PREFIX "tmp-"

static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static int cache_dir = -1;
static char own_identity[96];   /* of ntexec's binary, /proc/self/exe, for builtin images; "" unknown */
static uint64_t cache_limit;   /* bytes */

/* The part of an entry's name that identifies a file: device, inode, size, modification and change time. */
static int identity(const struct stat *s, char *out, size_t size)
{
    return snprintf(out, size, "%jx-%jx-%jx-%jx.%09ld-%jx.%09ld", (uintmax_t)s->st_dev, (uintmax_t)s->st_ino,
                    (uintmax_t)s->st_size, (uintmax_t)s->st_mtim.tv_sec, s->st_mtim.tv_nsec,
                    (uintmax_t)s->st_ctim.tv_sec, s->st_ctim.tv_nsec);
}

static void open_cache_dir(void)
{
    char path[4096];
    const char *env = getenv("NTEXEC_IMAGE_CACHE");
    if (env) {
        if (!*env || !strcmp(env, "off") || strlen(env) >= sizeof path)
            return;
        strcpy(path, env);
    } else if (host_user_path("XDG_CACHE_HOME", ".cache", "ntexec/images", path, sizeof path) != STATUS_SUCCESS) {
        return;
    }
    /* Made (with its parents) only the first time: every process opens it. */
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && host_make_directories(path) == STATUS_SUCCESS)
        fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    struct stat s;
    struct statvfs v;
    if (fstat(fd, &s) || s.st_uid != geteuid() || (s.st_mode & 022) || fstatvfs(fd, &v) ||
        (v.f_flag & (ST_NOEXEC | ST_RDONLY))) {
        close(fd);
        return;
    }
    cache_dir = fd;
    struct stat exe;
    if (!stat("/proc/self/exe", &exe))
        identity(&exe, own_identity, sizeof own_identity);
    const char *limit = getenv("NTEXEC_IMAGE_CACHE_SIZE");
    char *end;
    unsigned long long mib = limit && *limit ? strtoull(limit, &end, 10) : DEFAULT_LIMIT_MIB;
    if (!limit || !*limit || *end || !mib)
        mib = DEFAULT_LIMIT_MIB;
    cache_limit = (uint64_t)mib << 20;
}

static bool cache_available(void)
{
    pthread_once(&cache_once, open_cache_dir);
    return cache_dir >= 0;
}

NTSTATUS host_image_cache_lookup(int image_fd, const char *builtin, uint64_t size, struct host_image_entry *entry,
                                 int *fd)
{
    *fd = -1;
    if (!cache_available())
        return STATUS_NOT_SUPPORTED;
    struct stat s;
    char id[96];
    if (image_fd >= 0) {
        if (fstat(image_fd, &s))
            return host_status(errno);
        identity(&s, id, sizeof id);
    } else if (own_identity[0]) {
        strcpy(id, own_identity);
    } else {
        return STATUS_NOT_SUPPORTED;
    }
    int n = image_fd >= 0 ? snprintf(entry->name, sizeof entry->name, ENTRY_PREFIX "%s", id)
                          : snprintf(entry->name, sizeof entry->name, BUILTIN_PREFIX "%s-%s", id, builtin);
    if (n < 0 || (size_t)n >= sizeof entry->name || (builtin && strchr(builtin, '/')))
        return STATUS_NOT_SUPPORTED;
    entry->temp[0] = 0;
    int f = openat(cache_dir, entry->name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (f < 0)
        return STATUS_NOT_FOUND;
    /* Only a whole entry of the user's own counts; anything else is replaced. */
    if (fstat(f, &s) || !S_ISREG(s.st_mode) || s.st_uid != geteuid() || (size && (uint64_t)s.st_size != size)) {
        close(f);
        return STATUS_NOT_FOUND;
    }
    *fd = f;
    return STATUS_SUCCESS;
}

NTSTATUS host_image_cache_create(struct host_image_entry *entry, uint64_t size, int *fd)
{
    static unsigned counter;
    *fd = -1;
    if (!cache_available())
        return STATUS_NOT_SUPPORTED;
    snprintf(entry->temp, sizeof entry->temp, TEMP_PREFIX "%d-%u", (int)getpid(),
             __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED));
    int f = openat(cache_dir, entry->temp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (f < 0) {
        entry->temp[0] = 0;
        return host_status(errno);
    }
    if (ftruncate(f, (off_t)size)) {
        NTSTATUS status = host_status(errno);
        host_image_cache_discard(entry, f);
        return status;
    }
    *fd = f;
    return STATUS_SUCCESS;
}

void host_image_cache_discard(struct host_image_entry *entry, int fd)
{
    if (entry->temp[0])
        unlinkat(cache_dir, entry->temp, 0);
    entry->temp[0] = 0;
    close(fd);
}

struct cached_file {
    char name[sizeof ((struct host_image_entry *)0)->name];
    struct timespec mtime;
    uint64_t bytes;
};

static int oldest_first(const void *a, const void *b)
{
    const struct timespec *x = &((const struct cached_file *)a)->mtime, *y = &((const struct cached_file *)b)->mtime;
    return x->tv_sec != y->tv_sec ? (x->tv_sec < y->tv_sec ? -1 : 1)
                                  : (x->tv_nsec < y->tv_nsec ? -1 : x->tv_nsec > y->tv_nsec);
}

/* Removes the oldest files of the directory until it holds at most three quarters of its limit, when it holds
 * more than the limit. A file a process still maps stays mapped. */
static void trim_cache(void)
{
    int d = dup(cache_dir);
    DIR *dir = d >= 0 ? fdopendir(d) : NULL;
    if (!dir) {
        if (d >= 0)
            close(d);
        return;
    }
    struct cached_file *files = NULL;
    size_t n = 0, cap = 0;
    uint64_t total = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        bool ours = !strncmp(e->d_name, ENTRY_PREFIX, sizeof ENTRY_PREFIX - 1) ||
                    !strncmp(e->d_name, BUILTIN_PREFIX, sizeof BUILTIN_PREFIX - 1) ||
                    !strncmp(e->d_name, TEMP_PREFIX, sizeof TEMP_PREFIX - 1);
        struct stat s;
        if (!ours || strlen(e->d_name) >= sizeof files->name ||
            fstatat(cache_dir, e->d_name, &s, AT_SYMLINK_NOFOLLOW) || !S_ISREG(s.st_mode))
            continue;
        if (n == cap) {
            struct cached_file *bigger = realloc(files, (cap = cap ? 2 * cap : 64) * sizeof *files);
            if (!bigger)
                break;
            files = bigger;
        }
        strcpy(files[n].name, e->d_name);
        files[n].mtime = s.st_mtim;
        files[n].bytes = (uint64_t)s.st_blocks * 512;
        total += files[n++].bytes;
    }
    closedir(dir);
    if (total > cache_limit) {
        qsort(files, n, sizeof *files, oldest_first);
        for (size_t i = 0; i < n && total > cache_limit / 4 * 3; i++)
            if (!unlinkat(cache_dir, files[i].name, 0))
                total -= files[i].bytes;
    }
    free(files);
}

void host_image_cache_publish(struct host_image_entry *entry)
{
    if (!entry->temp[0])
        return;
    if (renameat(cache_dir, entry->temp, cache_dir, entry->name))
        unlinkat(cache_dir, entry->temp, 0);
    entry->temp[0] = 0;
    trim_cache();
}
