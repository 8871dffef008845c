/*
 * NtQueryDirectoryFile: the entries of a directory opened as a file object, filtered by a name pattern
 * (the pattern of the first call, or of a restart, stays for the scan). Names are matched
 * case-insensitively with '*' and '?'; "*.*" matches every name, as the Win32 layer expects. Each call
 * returns one entry (NT lets a call return fewer than fit), or STATUS_NO_MORE_FILES at the end.
 */
#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "ke/probe.h"
#include "nt/file.h"
#include "rtl/rtl.h"

ULONG IopFileAttributes(const struct host_stat *st, const char *name);   /* io/fileinfo.c */

static WCHAR upcase(WCHAR c)
{
    return RtlUpcaseUnicodeChar(c);
}

/* Wildcard match of name[0..n) against pattern[0..m). */
static bool match(const WCHAR *p, size_t m, const WCHAR *s, size_t n)
{
    size_t pi = 0, si = 0, star = (size_t)-1, mark = 0;
    while (si < n) {
        if (pi < m && (p[pi] == '?' || (p[pi] != '*' && upcase(p[pi]) == upcase(s[si])))) {
            pi++;
            si++;
        } else if (pi < m && p[pi] == '*') {
            star = pi++;
            mark = si;
        } else if (star != (size_t)-1) {
            pi = star + 1;
            si = ++mark;
        } else {
            return false;
        }
    }
    while (pi < m && p[pi] == '*')
        pi++;
    return pi == m;
}

static bool matches(const WCHAR *pattern, const WCHAR *name, size_t n)
{
    if (!pattern)
        return true;
    size_t m = RtlpWcslen(pattern);
    if (m == 3 && pattern[0] == '*' && pattern[1] == '.' && pattern[2] == '*')
        return true;
    return match(pattern, m, name, n);
}

static NTSTATUS keep_pattern(PFILE_OBJECT f, PUNICODE_STRING pattern, BOOLEAN restart)
{
    if (!pattern || !pattern->Buffer || (f->DirPattern && !restart))
        return STATUS_SUCCESS;
    size_t units = pattern->Length / sizeof(WCHAR);
    WCHAR *copy = malloc((units + 1) * sizeof(WCHAR));
    if (!copy)
        return STATUS_NO_MEMORY;
    memcpy(copy, pattern->Buffer, units * sizeof(WCHAR));
    copy[units] = 0;
    free(f->DirPattern);
    f->DirPattern = copy;
    return STATUS_SUCCESS;
}

struct entry {
    WCHAR name[256];
    size_t units;
    struct host_stat st;
    ULONG attributes;
};

/* The next entry of the scan that matches the pattern. */
static NTSTATUS next_entry(PFILE_OBJECT f, struct entry *e)
{
    char name[1024];
    for (;;) {
        NTSTATUS status = host_dir_read(f->Dir, name, sizeof name);
        if (status != STATUS_SUCCESS)
            return status;
        ULONG bytes;
        RtlUTF8ToUnicodeN(e->name, sizeof e->name, &bytes, name, (ULONG)strlen(name));
        e->units = bytes / sizeof(WCHAR);
        if (!matches(f->DirPattern, e->name, e->units))
            continue;
        size_t dlen = strlen(f->HostPath), nlen = strlen(name);
        char *full = malloc(dlen + nlen + 2);
        if (!full)
            return STATUS_NO_MEMORY;
        memcpy(full, f->HostPath, dlen);
        full[dlen] = '/';
        memcpy(full + dlen + 1, name, nlen + 1);
        status = host_stat(full, &e->st);
        if (status == STATUS_SUCCESS)
            e->attributes = IopFileAttributes(&e->st, full);
        free(full);
        if (status == STATUS_SUCCESS)
            return STATUS_SUCCESS;   /* an entry that vanished meanwhile is skipped */
    }
}

/* Fills the entry in the layout of info_class; returns the bytes used, or 0 when it does not fit. */
static ULONG fill(ULONG info_class, const struct entry *e, PVOID info, ULONG length)
{
    ULONG name_bytes = (ULONG)(e->units * sizeof(WCHAR));
    ULONG fixed;
    switch (info_class) {
    case FileDirectoryInformation:     fixed = 64; break;
    case FileFullDirectoryInformation: fixed = 68; break;
    case FileBothDirectoryInformation: fixed = offsetof(FILE_BOTH_DIR_INFORMATION, FileName); break;
    case FileNamesInformation:         fixed = 12; break;
    case FileIdBothDirectoryInformation: fixed = 104; break;   /* FileBoth + padding + FileId at 96 */
    case FileIdFullDirectoryInformation: fixed = 80; break;    /* FileFull + padding + FileId at 72 */
    default: return 0;
    }
    if (length < fixed + name_bytes)
        return 0;
    memset(info, 0, fixed);
    char *p = info;
    if (info_class == FileNamesInformation) {
        memcpy(p + 8, &name_bytes, 4);
    } else {
        FILE_BOTH_DIR_INFORMATION *b = info;   /* the first fields are common to the three layouts */
        b->CreationTime.QuadPart = (LONGLONG)(e->st.ctime < e->st.mtime ? e->st.ctime : e->st.mtime);
        b->LastAccessTime.QuadPart = (LONGLONG)e->st.atime;
        b->LastWriteTime.QuadPart = (LONGLONG)e->st.mtime;
        b->ChangeTime.QuadPart = (LONGLONG)e->st.ctime;
        b->EndOfFile.QuadPart = e->st.type == HOST_FT_DIR ? 0 : (LONGLONG)e->st.size;
        b->AllocationSize.QuadPart = (LONGLONG)e->st.alloc_size;
        b->FileAttributes = e->attributes;
        b->FileNameLength = name_bytes;
    }
    if (info_class == FileIdBothDirectoryInformation || info_class == FileIdFullDirectoryInformation) {
        uint64_t id = e->st.ino;
        memcpy(p + fixed - 8, &id, 8);
    }
    memcpy(p + fixed, e->name, name_bytes);
    return fixed + name_bytes;
}

NTSTATUS WINAPI NtQueryDirectoryFile(HANDLE handle, HANDLE event, PVOID apc, PVOID apc_context, PIO_STATUS_BLOCK io,
                                     PVOID info, ULONG length, ULONG info_class, BOOLEAN single_entry,
                                     PUNICODE_STRING pattern, BOOLEAN restart)
{
    PROBE_FOR_WRITE(io, sizeof *io);
    PROBE_FOR_WRITE(info, length);
    if (pattern) {
        PROBE_FOR_READ(pattern, sizeof *pattern);
        PROBE_FOR_READ(pattern->Buffer, pattern->Length);
    }
    (void)event;
    (void)apc;
    (void)apc_context;
    (void)single_entry;
    PFILE_OBJECT f;
    NTSTATUS status = ObReferenceObjectByHandle(handle, IoFileObjectType, (void **)&f);
    ULONG written = 0;
    if (status != STATUS_SUCCESS)
        goto out;
    host_lock_acquire(&f->Lock);
    if (!(f->Flags & FO_DIRECTORY) || !f->HostPath)
        status = STATUS_INVALID_PARAMETER;
    else if (!f->Dir)
        status = host_dir_open(f->HostPath, &f->Dir);
    else if (restart)
        host_dir_rewind(f->Dir);
    if (status == STATUS_SUCCESS)
        status = keep_pattern(f, pattern, restart);
    struct entry e;
    if (status == STATUS_SUCCESS)
        status = next_entry(f, &e);
    if (status == STATUS_SUCCESS && !(written = fill(info_class, &e, info, length)))
        status = info_class == FileDirectoryInformation || info_class == FileFullDirectoryInformation ||
                         info_class == FileBothDirectoryInformation || info_class == FileNamesInformation ||
                         info_class == FileIdBothDirectoryInformation || info_class == FileIdFullDirectoryInformation
                     ? STATUS_BUFFER_TOO_SMALL
                     : STATUS_INVALID_INFO_CLASS;
    host_lock_release(&f->Lock);
    ObDereferenceObject(f);
out:
    if (io) {
        io->Status = status;
        io->Information = written;
    }
    return status;
}
