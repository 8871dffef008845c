/*
 * Windows paths <-> host paths. Drive letters map to host directories (C: is "/" unless the user picks
 * another root with --drive-c); components match case-insensitively, as on NTFS; '\' and '/' both
 * separate. The exact spelling is tried first, so the common case costs one lookup.
 */
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "io/io.h"
#include "rtl/rtl.h"

static char *drive_roots[26];

NTSTATUS IoSetDriveRoot(WCHAR letter, const char *host_root)
{
    letter = RtlUpcaseUnicodeChar(letter);
    if (letter < 'A' || letter > 'Z' || host_root[0] != '/')
        return STATUS_INVALID_PARAMETER;
    size_t len = strlen(host_root);
    while (len > 1 && host_root[len - 1] == '/')
        len--;
    char *copy = malloc(len + 1);
    if (!copy)
        return STATUS_NO_MEMORY;
    memcpy(copy, host_root, len);
    copy[len] = 0;
    free(drive_roots[letter - 'A']);
    drive_roots[letter - 'A'] = copy;
    return STATUS_SUCCESS;
}

static const char *root_of(WCHAR letter)
{
    letter = RtlUpcaseUnicodeChar(letter);
    if (letter < 'A' || letter > 'Z')
        return NULL;
    if (!drive_roots[letter - 'A'] && letter == 'C')
        IoSetDriveRoot('C', "/");
    return drive_roots[letter - 'A'];
}

const char *IoDriveHostRoot(WCHAR letter)
{
    return root_of(letter);
}

static bool is_sep(WCHAR c)
{
    return c == '\\' || c == '/';
}

/* Case-insensitive comparison of two UTF-8 names through their UTF-16 upper case. */
static bool names_equal_ci(const char *a, const char *b)
{
    const unsigned char *pa = (const unsigned char *)a, *pb = (const unsigned char *)b;
    size_t la = strlen(a), lb = strlen(b);
    while (la && lb) {
        uint32_t ca, cb;
        size_t na = RtlpDecodeUtf8(pa, la, &ca), nb = RtlpDecodeUtf8(pb, lb, &cb);
        if (!na || !nb)
            return false;
        if (ca < 0x10000)
            ca = RtlUpcaseUnicodeChar((WCHAR)ca);
        if (cb < 0x10000)
            cb = RtlUpcaseUnicodeChar((WCHAR)cb);
        if (ca != cb)
            return false;
        pa += na, la -= na, pb += nb, lb -= nb;
    }
    return !la && !lb;
}

/* In directory dir, the entry whose name equals name case-insensitively; writes it into name. */
static bool find_ci(const char *dir, char *name, size_t size)
{
    host_dir *d;
    if (host_dir_open(*dir ? dir : "/", &d) != STATUS_SUCCESS)
        return false;
    char entry[1024];
    bool found = false;
    while (!found && host_dir_read(d, entry, sizeof entry) == STATUS_SUCCESS) {
        if (names_equal_ci(entry, name) && strlen(entry) < size) {
            strcpy(name, entry);
            found = true;
        }
    }
    host_dir_close(d);
    return found;
}

struct path_builder {
    char *buf;
    size_t len, cap;
};

static NTSTATUS append(struct path_builder *b, const char *s, size_t n)
{
    if (b->len + n + 2 > b->cap) {
        size_t cap = (b->len + n + 2) * 2;
        char *nb = realloc(b->buf, cap);
        if (!nb)
            return STATUS_NO_MEMORY;
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = 0;
    return STATUS_SUCCESS;
}

/* Appends component (UTF-8) to b, resolving its case against what exists when the spelling does not. */
static NTSTATUS append_component(struct path_builder *b, const char *component)
{
    size_t dir_len = b->len;
    NTSTATUS status = append(b, "/", 1);
    if (status == STATUS_SUCCESS)
        status = append(b, component, strlen(component));
    if (status != STATUS_SUCCESS)
        return status;
    if (host_exists(b->buf))
        return STATUS_SUCCESS;
    char name[1024];
    if (strlen(component) >= sizeof name)
        return STATUS_SUCCESS;
    strcpy(name, component);
    b->buf[dir_len] = 0;
    bool found = find_ci(b->buf, name, sizeof name);
    b->buf[dir_len] = '/';
    if (found) {
        b->len = dir_len + 1;
        return append(b, name, strlen(name));
    }
    return STATUS_SUCCESS;
}

/* Characters NTFS refuses in a name (wildcards, ':' of alternate streams, control characters). */
static bool valid_component(const WCHAR *c, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (c[k] < 0x20 || (c[k] < 0x80 && strchr("\"*:<>?|", (char)c[k])))
            return false;
    return true;
}

/* Skips the NT and Win32 namespace prefixes: "\??\", "\\?\", "\\.\". */
static size_t skip_prefix(const WCHAR *p, size_t n)
{
    if (n >= 4 && p[0] == '\\' && (p[1] == '?' || p[1] == '\\') && (p[2] == '?' || p[2] == '.') && p[3] == '\\')
        return 4;
    return 0;
}

NTSTATUS IoTranslatePath(PCUNICODE_STRING path, char **host_path)
{
    *host_path = NULL;
    const WCHAR *p = path->Buffer;
    size_t n = path->Length / sizeof(WCHAR);
    size_t i = skip_prefix(p, n);
    const char *root;
    static const WCHAR volume[] = IO_SYSTEM_VOLUME_NAME;
    size_t vlen = ARRAY_SIZE(volume) - 1;
    if (i == 4 && n - i >= vlen && RtlCompareUnicodeStrings(p + i, vlen, volume, vlen, TRUE) == 0 &&
        (n - i == vlen || is_sep(p[i + vlen]))) {
        root = root_of('C');   /* "\\?\Volume{...}\": the volume drive C: is */
        i += vlen;
    } else if (n - i >= 2 && p[i + 1] == ':') {
        root = root_of(p[i]);
        i += 2;
    } else if (i < n && is_sep(p[i])) {
        root = root_of('C');   /* rooted without a drive: the system drive */
    } else {
        return STATUS_OBJECT_PATH_SYNTAX_BAD;  /* relative paths are made absolute by the caller */
    }
    if (!root)
        return STATUS_OBJECT_PATH_NOT_FOUND;
    struct path_builder b = {0};
    NTSTATUS status = append(&b, root, strcmp(root, "/") ? strlen(root) : 0);
    /* Walk the components; "." is skipped and ".." removes one, never above the drive root. */
    size_t root_len = b.len;
    while (status == STATUS_SUCCESS && i < n) {
        while (i < n && is_sep(p[i]))
            i++;
        size_t start = i;
        while (i < n && !is_sep(p[i]))
            i++;
        if (i == start)
            break;
        if (i - start > IO_MAX_COMPONENT) {
            status = STATUS_OBJECT_NAME_INVALID;   /* what NTFS answers for a longer name */
            break;
        }
        char *component = RtlpWideToUtf8Alloc(p + start, i - start);
        if (!component) {
            status = STATUS_NO_MEMORY;
            break;
        }
        if (!strcmp(component, ".")) {
        } else if (!strcmp(component, "..")) {
            while (b.len > root_len && b.buf[b.len - 1] != '/')
                b.len--;
            if (b.len > root_len)
                b.len--;
            b.buf[b.len] = 0;
        } else if (!valid_component(p + start, i - start)) {
            status = STATUS_OBJECT_NAME_INVALID;
        } else {
            status = append_component(&b, component);
        }
        free(component);
    }
    if (status == STATUS_SUCCESS && b.len == 0)
        status = append(&b, "/", 1);
    if (status != STATUS_SUCCESS) {
        free(b.buf);
        return status;
    }
    *host_path = b.buf;
    return STATUS_SUCCESS;
}

NTSTATUS IoHostPathToDos(const char *host_path, WCHAR **dos_path)
{
    *dos_path = NULL;
    int best = -1;
    size_t best_len = 0;
    for (int d = 0; d < 26; d++) {
        const char *root = root_of((WCHAR)('A' + d));
        if (!root)
            continue;
        size_t len = strcmp(root, "/") ? strlen(root) : 0;
        if (strncmp(host_path, root, len) == 0 && (host_path[len] == '/' || host_path[len] == 0) &&
            (best < 0 || len > best_len)) {
            best = d;
            best_len = len;
        }
    }
    if (best < 0)
        return STATUS_OBJECT_PATH_NOT_FOUND;
    const char *rest = host_path + best_len;
    size_t len = strlen(rest);
    char *dos = malloc(len + 4);
    if (!dos)
        return STATUS_NO_MEMORY;
    dos[0] = (char)('A' + best);
    dos[1] = ':';
    size_t o = 2;
    for (size_t k = 0; k < len; k++)
        dos[o++] = rest[k] == '/' ? '\\' : rest[k];
    if (o == 2)
        dos[o++] = '\\';
    dos[o] = 0;
    *dos_path = RtlpUtf8ToWideAlloc(dos);
    free(dos);
    return *dos_path ? STATUS_SUCCESS : STATUS_NO_MEMORY;
}
