/*
 * Share access and byte-range locks of files, keyed by the host file's identity (st_dev, st_ino).
 *
 * NT keeps both per file (the FCB's SHARE_ACCESS and FILE_LOCK): every file object that opened the file
 * with read, write or delete access counts in the share state, and IoCheckShareAccess refuses an open
 * whose access the existing opens do not share, or whose share mode does not admit their access. Locks
 * belong to a file object (and the caller's key); NtReadFile/NtWriteFile of other file objects are
 * refused over a locked range.
 *
 * The table is a fixed array of plain records (no pointers, one futex lock), so that a later step can
 * move it into memory shared by the processes of a tree (a memfd mapped by each host process) without
 * changing its users; owners are named by (pid, file object address), which stays unique across
 * processes. Today it lives in this process only (docs/DESIGN.md, "Share modes and locks"); byte-range locks
 * also take the host's open-file-description lock of the file object, which other processes see.
 */
#include <string.h>

#include "io/io.h"
#include "nt/file.h"

/* Scans stop at the highest slot used so far: a process with a few files open looks at a few records. */
#define SHARE_ENTRIES 8192
#define LOCK_ENTRIES  4096

struct share_entry {
    uint64_t dev, ino;
    uint32_t open_count, readers, writers, deleters, shared_read, shared_write, shared_delete;
};

struct lock_entry {
    uint64_t dev, ino;
    uint64_t owner;          /* file object address */
    uint32_t pid, key;
    uint64_t offset, length;
    bool used, exclusive;
};

static struct {
    host_lock lock;
    uint32_t locks_in_use;   /* lets I/O skip the lock table while nothing is locked */
    uint32_t share_high, lock_high;   /* slots at and above these were never used */
    struct share_entry share[SHARE_ENTRIES];
    struct lock_entry locks[LOCK_ENTRIES];
} table;

static struct share_entry *find_share(uint64_t dev, uint64_t ino)
{
    for (size_t i = 0; i < table.share_high; i++)
        if (table.share[i].open_count && table.share[i].dev == dev && table.share[i].ino == ino)
            return &table.share[i];
    return NULL;
}

static bool counted(ACCESS_MASK access)
{
    return access & (FILE_READ_DATA | FILE_EXECUTE | FILE_WRITE_DATA | FILE_APPEND_DATA | DELETE);
}

/* IoCheckShareAccess: may an open with this access and share mode join the opens recorded in e? */
static bool share_compatible(const struct share_entry *e, ACCESS_MASK access, ULONG share)
{
    if (!e)
        return true;
    bool read = access & (FILE_READ_DATA | FILE_EXECUTE), write = access & (FILE_WRITE_DATA | FILE_APPEND_DATA),
         del = access & DELETE;
    return !((read && e->shared_read != e->open_count) || (write && e->shared_write != e->open_count) ||
             (del && e->shared_delete != e->open_count) || (e->readers && !(share & FILE_SHARE_READ)) ||
             (e->writers && !(share & FILE_SHARE_WRITE)) || (e->deleters && !(share & FILE_SHARE_DELETE)));
}

/*
 * Records the open of file object f (its Access and ShareAccess) on the host file (dev, ino), or
 * STATUS_SHARING_VIOLATION when the file's existing opens forbid it. An open without read, write or
 * delete access (attributes only) neither checks nor counts, as on NT.
 */
NTSTATUS IopSetShareAccess(PFILE_OBJECT f, uint64_t dev, uint64_t ino)
{
    if (!counted(f->Access))
        return STATUS_SUCCESS;
    NTSTATUS status = STATUS_SUCCESS;
    host_lock_acquire(&table.lock);
    struct share_entry *e = find_share(dev, ino);
    if (!share_compatible(e, f->Access, f->ShareAccess)) {
        status = STATUS_SHARING_VIOLATION;
    } else {
        for (size_t i = 0; !e && i < SHARE_ENTRIES; i++)
            if (!table.share[i].open_count) {
                e = &table.share[i];
                memset(e, 0, sizeof *e);
                e->dev = dev;
                e->ino = ino;
                if (i >= table.share_high)
                    table.share_high = (uint32_t)i + 1;
            }
        if (!e) {
            status = STATUS_INSUFFICIENT_RESOURCES;
        } else {
            e->open_count++;
            e->readers += (f->Access & (FILE_READ_DATA | FILE_EXECUTE)) != 0;
            e->writers += (f->Access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0;
            e->deleters += (f->Access & DELETE) != 0;
            e->shared_read += (f->ShareAccess & FILE_SHARE_READ) != 0;
            e->shared_write += (f->ShareAccess & FILE_SHARE_WRITE) != 0;
            e->shared_delete += (f->ShareAccess & FILE_SHARE_DELETE) != 0;
            f->ShareDev = dev;
            f->ShareIno = ino;
            f->ShareTracked = TRUE;
        }
    }
    host_lock_release(&table.lock);
    return status;
}

/* Would an open with access and share succeed on (dev, ino) now? For NtDeleteFile, which opens for
 * DELETE sharing everything and closes at once. */
NTSTATUS IopCheckShareAccess(uint64_t dev, uint64_t ino, ACCESS_MASK access, ULONG share)
{
    host_lock_acquire(&table.lock);
    bool ok = share_compatible(find_share(dev, ino), access, share);
    host_lock_release(&table.lock);
    return ok ? STATUS_SUCCESS : STATUS_SHARING_VIOLATION;
}

/* The last reference to f is gone: its share access and its locks go with it (IoRemoveShareAccess,
 * FsRtlFastUnlockAll). */
void IopRemoveShareAccess(PFILE_OBJECT f)
{
    if (!f->ShareTracked)
        return;
    host_lock_acquire(&table.lock);
    struct share_entry *e = find_share(f->ShareDev, f->ShareIno);
    if (e) {
        e->readers -= (f->Access & (FILE_READ_DATA | FILE_EXECUTE)) != 0;
        e->writers -= (f->Access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0;
        e->deleters -= (f->Access & DELETE) != 0;
        e->shared_read -= (f->ShareAccess & FILE_SHARE_READ) != 0;
        e->shared_write -= (f->ShareAccess & FILE_SHARE_WRITE) != 0;
        e->shared_delete -= (f->ShareAccess & FILE_SHARE_DELETE) != 0;
        e->open_count--;
    }
    uint32_t pid = host_getpid();
    for (size_t i = 0; table.locks_in_use && i < table.lock_high; i++) {
        struct lock_entry *l = &table.locks[i];
        if (l->used && l->owner == (uintptr_t)f && l->pid == pid) {
            l->used = false;
            table.locks_in_use--;
        }
    }
    f->ShareTracked = FALSE;
    host_lock_release(&table.lock);
}

/* ---- byte-range locks ------------------------------------------------------------------------------------ */

static bool overlaps(const struct lock_entry *l, uint64_t offset, uint64_t length)
{
    /* a zero-length range conflicts with nothing */
    if (!length || !l->length)
        return false;
    uint64_t end = offset + length - 1, lend = l->offset + l->length - 1;   /* ranges end at 2^64 - 1 at most */
    return offset <= lend && l->offset <= end;
}

static bool same_owner(const struct lock_entry *l, PFILE_OBJECT f, uint32_t pid, ULONG key)
{
    return l->owner == (uintptr_t)f && l->pid == pid && l->key == key;
}

/*
 * Locks [offset, offset + length) for file object f and key. An exclusive lock may not overlap any
 * other lock (the owner's included); a shared lock may not overlap another owner's exclusive lock.
 * STATUS_LOCK_NOT_GRANTED when it conflicts. f must have read or write access (checked by the caller).
 */
NTSTATUS IopLockRange(PFILE_OBJECT f, uint64_t offset, uint64_t length, ULONG key, bool exclusive)
{
    if (!f->ShareTracked)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (length && offset + length - 1 < offset)
        return STATUS_INVALID_LOCK_RANGE;
    uint32_t pid = host_getpid();
    NTSTATUS status = STATUS_SUCCESS;
    host_lock_acquire(&table.lock);
    struct lock_entry *free_slot = NULL;
    for (size_t i = 0; i < table.lock_high; i++) {
        struct lock_entry *l = &table.locks[i];
        if (!l->used) {
            free_slot = free_slot ? free_slot : l;
            continue;
        }
        if (l->dev != f->ShareDev || l->ino != f->ShareIno || !overlaps(l, offset, length))
            continue;
        if (exclusive || (l->exclusive && !same_owner(l, f, pid, key))) {
            status = STATUS_LOCK_NOT_GRANTED;
            break;
        }
    }
    if (status == STATUS_SUCCESS && !free_slot && table.lock_high < LOCK_ENTRIES)
        free_slot = &table.locks[table.lock_high++];
    if (status == STATUS_SUCCESS && !free_slot)
        status = STATUS_INSUFFICIENT_RESOURCES;
    if (status == STATUS_SUCCESS && f->Fd >= 0) {
        /* Other processes' locks: the host's open-file-description lock of this file object. A handle
         * whose host file cannot carry the kind of lock (a read-only one for an exclusive lock) keeps the
         * lock in this process's table only. */
        NTSTATUS host = host_range_lock(f->Fd, offset, length, exclusive ? 2 : 1);
        if (host == STATUS_LOCK_NOT_GRANTED)
            status = host;
    }
    if (status == STATUS_SUCCESS) {
        *free_slot = (struct lock_entry){f->ShareDev, f->ShareIno, (uintptr_t)f, pid, key, offset, length, true,
                                         exclusive};
        table.locks_in_use++;
    }
    host_lock_release(&table.lock);
    return status;
}

/* Removes the lock of f and key that has exactly this offset and length (NT's rule), or
 * STATUS_RANGE_NOT_LOCKED. */
NTSTATUS IopUnlockRange(PFILE_OBJECT f, uint64_t offset, uint64_t length, ULONG key)
{
    uint32_t pid = host_getpid();
    NTSTATUS status = STATUS_RANGE_NOT_LOCKED;
    host_lock_acquire(&table.lock);
    for (size_t i = 0; table.locks_in_use && i < table.lock_high; i++) {
        struct lock_entry *l = &table.locks[i];
        if (l->used && same_owner(l, f, pid, key) && l->offset == offset && l->length == length) {
            l->used = false;
            table.locks_in_use--;
            status = STATUS_SUCCESS;
            break;
        }
    }
    if (status == STATUS_SUCCESS && f->Fd >= 0) {
        /* The host lock covers the range once however many locks of f overlap it: release it, then take
         * back what f's other locks there still hold (exclusive ones last, so they win where both are). */
        host_range_lock(f->Fd, offset, length, 0);
        struct lock_entry probe = {.offset = offset, .length = length};
        for (int pass = 1; pass <= 2; pass++)
            for (size_t i = 0; i < table.lock_high; i++) {
                struct lock_entry *l = &table.locks[i];
                if (l->used && l->owner == (uintptr_t)f && l->pid == pid && (l->exclusive ? 2 : 1) == pass &&
                    overlaps(l, probe.offset, probe.length))
                    host_range_lock(f->Fd, l->offset, l->length, pass);
            }
    }
    host_lock_release(&table.lock);
    return status;
}

/*
 * May f read (write == false) or write [offset, offset + length)? Reading is refused over another
 * owner's exclusive lock; writing over any other owner's lock and over a shared lock of f itself
 * (a shared lock denies writes to everyone). STATUS_FILE_LOCK_CONFLICT when refused.
 */
NTSTATUS IopCheckLockedRange(PFILE_OBJECT f, uint64_t offset, uint64_t length, bool write)
{
    if (!f->ShareTracked || !__atomic_load_n(&table.locks_in_use, __ATOMIC_RELAXED))
        return STATUS_SUCCESS;
    uint32_t pid = host_getpid();
    NTSTATUS status = STATUS_SUCCESS;
    host_lock_acquire(&table.lock);
    for (size_t i = 0; i < table.lock_high; i++) {
        struct lock_entry *l = &table.locks[i];
        if (!l->used || l->dev != f->ShareDev || l->ino != f->ShareIno || !overlaps(l, offset, length))
            continue;
        bool mine = l->owner == (uintptr_t)f && l->pid == pid;
        if ((!mine && (l->exclusive || write)) || (mine && write && !l->exclusive)) {
            status = STATUS_FILE_LOCK_CONFLICT;
            break;
        }
    }
    host_lock_release(&table.lock);
    return status;
}
