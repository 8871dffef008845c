/*
 * setupapi.dll: SetupIterateCabinetW, the cabinet walk that Wine's extrac32 and installers use. The
 * cabinet format is read by libmspack (host/cab.c); every file access goes through kernel32 here
 * (CreateFileW, ReadFile, WriteFile), so paths are Windows paths with their usual errors.
 * Notifications, as Microsoft documents them: SPFILENOTIFY_CABINETINFO once (CABINET_INFO_W), then per
 * file SPFILENOTIFY_FILEINCABINET (FILE_IN_CABINET_INFO_W; the handler answers FILEOP_DOIT with
 * FullTargetName filled in or FILEOP_SKIP; the documentation defines no other answer for it, and any
 * other, FILEOP_ABORT included, skips the file as Wine's setupapi does), and after each extracted
 * file SPFILENOTIFY_FILEEXTRACTED (FILEPATHS_W; a non-zero answer stops with that error).
 * Not done: a cabinet set spanning several files (SPFILENOTIFY_NEEDNEWCABINET): a file continued in
 * the next cabinet fails to extract with ERROR_INVALID_DATA; extracted files keep the time of their
 * extraction rather than the one stored in the cabinet.
 */
#include <stdlib.h>
#include <string.h>

#include "host/cab.h"
#include "io/builtin.h"
#include "win32/k32.h"

typedef ULONG_PTR UINT_PTR;
#define NO_ERROR 0

typedef UINT(WINAPI *PSP_FILE_CALLBACK_W)(PVOID ctx, UINT notification, UINT_PTR p1, UINT_PTR p2);

#define SPFILENOTIFY_CABINETINFO     0x10
#define SPFILENOTIFY_FILEINCABINET   0x11
#define SPFILENOTIFY_NEEDNEWCABINET  0x12
#define SPFILENOTIFY_FILEEXTRACTED   0x13
#define FILEOP_DOIT  1
#define FILEOP_SKIP  2

typedef struct {
    PCWSTR CabinetPath;
    PCWSTR CabinetFile;
    PCWSTR DiskName;
    USHORT SetId;
    USHORT CabinetNumber;
} CABINET_INFO_W;

typedef struct {
    PCWSTR NameInCabinet;
    DWORD FileSize;
    DWORD Win32Error;
    WORD DosDate;
    WORD DosTime;
    WORD DosAttribs;
    WCHAR FullTargetName[MAX_PATH];
} FILE_IN_CABINET_INFO_W;

typedef struct {
    PCWSTR Target;
    PCWSTR Source;
    UINT Win32Error;
    DWORD Flags;
} FILEPATHS_W;

static_assert(sizeof(FILE_IN_CABINET_INFO_W) == 544, "FILE_IN_CABINET_INFO_W");

/* ---- the cabinet library's file access, through kernel32 --------------------------------------------- */

struct io_ctx {
    DWORD error;   /* of the last failed open */
};

static void *io_open(void *ctx, const char *name, int write)
{
    struct io_ctx *c = ctx;
    WCHAR *w = RtlpUtf8ToWideAlloc(name);
    if (!w)
        return NULL;
    HANDLE h = CreateFileW(w, write ? GENERIC_WRITE : GENERIC_READ, write ? 0 : FILE_SHARE_READ, NULL,
                           write ? CREATE_ALWAYS : OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    free(w);
    if (h == INVALID_HANDLE_VALUE) {
        c->error = GetLastError();
        return NULL;
    }
    return h;
}

static int io_read(void *ctx, void *file, void *buf, int n)
{
    (void)ctx;
    DWORD got;
    return ReadFile(file, buf, (DWORD)n, &got, NULL) ? (int)got : -1;
}

static int io_write(void *ctx, void *file, const void *buf, int n)
{
    (void)ctx;
    DWORD put;
    return WriteFile(file, buf, (DWORD)n, &put, NULL) ? (int)put : -1;
}

static int io_seek(void *ctx, void *file, int64_t off, int whence)
{
    (void)ctx;
    LARGE_INTEGER d = {.QuadPart = off};
    return SetFilePointerEx(file, d, NULL, (DWORD)whence) ? 0 : -1;
}

static int64_t io_tell(void *ctx, void *file)
{
    (void)ctx;
    LARGE_INTEGER zero = {.QuadPart = 0}, pos;
    return SetFilePointerEx(file, zero, &pos, 1 /* FILE_CURRENT */) ? pos.QuadPart : -1;
}

static void io_close(void *ctx, void *file)
{
    (void)ctx;
    CloseHandle(file);
}

/* ---- SetupIterateCabinetW ---------------------------------------------------------------------------- */

static BOOL fail(DWORD error)
{
    SetLastError(error);
    return FALSE;
}

static BOOL iterate(struct host_cab *cab, const WCHAR *full, const char *full8, PSP_FILE_CALLBACK_W handler,
                    PVOID context)
{
    /* CABINETINFO: the directory (with its backslash) and the file name of the cabinet. */
    WCHAR dir[MAX_PATH * 2];
    size_t n = RtlpWcslen(full), cut = n;
    while (cut && full[cut - 1] != '\\')
        cut--;
    memcpy(dir, full, cut * sizeof(WCHAR));
    dir[cut] = 0;
    uint16_t set_id, index;
    const char *next;
    host_cab_info(cab, &set_id, &index, &next);
    CABINET_INFO_W ci = {dir, full + cut, u"", set_id, index};
    UINT r = handler(context, SPFILENOTIFY_CABINETINFO, (UINT_PTR)&ci, 0);
    if (r != NO_ERROR)
        return fail(r);
    struct host_cab_entry e;
    for (unsigned i = 0; host_cab_entry(cab, i, &e) == 0; i++) {
        WCHAR *name = RtlpUtf8ToWideAlloc(e.name);
        if (!name)
            return fail(ERROR_NOT_ENOUGH_MEMORY);
        FILE_IN_CABINET_INFO_W fi;
        memset(&fi, 0, sizeof fi);
        fi.NameInCabinet = name;
        fi.FileSize = e.size;
        fi.DosDate = e.dos_date;
        fi.DosTime = e.dos_time;
        fi.DosAttribs = e.attribs;
        r = handler(context, SPFILENOTIFY_FILEINCABINET, (UINT_PTR)&fi, (UINT_PTR)full);
        if (r == FILEOP_DOIT) {
            fi.FullTargetName[MAX_PATH - 1] = 0;
            char *target = RtlpWideToUtf8Alloc(fi.FullTargetName, RtlpWcslen(fi.FullTargetName));
            UINT err = NO_ERROR;
            if (!target || host_cab_extract(cab, i, target) != 0)
                err = ERROR_INVALID_DATA;
            free(target);
            FILEPATHS_W fp = {fi.FullTargetName, full, err, 0};
            r = handler(context, SPFILENOTIFY_FILEEXTRACTED, (UINT_PTR)&fp, 0);
            if (r != NO_ERROR) {
                free(name);
                return fail(r);
            }
        }
        free(name);
    }
    (void)full8;
    return TRUE;
}

BOOL WINAPI SetupIterateCabinetW(PCWSTR cabinet, DWORD reserved, PSP_FILE_CALLBACK_W handler, PVOID context)
{
    if (!cabinet || !handler || reserved)
        return fail(ERROR_INVALID_PARAMETER);
    WCHAR full[MAX_PATH * 2];
    DWORD n = GetFullPathNameW(cabinet, ARRAY_SIZE(full), full, NULL);
    if (!n || n >= ARRAY_SIZE(full))
        return fail(ERROR_INVALID_PARAMETER);
    DWORD attrs = GetFileAttributesW(full);
    if (attrs == INVALID_FILE_ATTRIBUTES)
        return FALSE;   /* GetFileAttributesW's error: 2, 3, 5 */
    if (attrs & FILE_ATTRIBUTE_DIRECTORY)
        return fail(ERROR_INVALID_DATA);
    char *full8 = RtlpWideToUtf8Alloc(full, n);
    if (!full8)
        return fail(ERROR_NOT_ENOUGH_MEMORY);
    struct io_ctx ctx = {0};
    const struct host_cab_io io = {&ctx, io_open, io_read, io_write, io_seek, io_tell, io_close};
    struct host_cab *cab;
    if (host_cab_open(&io, full8, &cab) != 0) {
        free(full8);
        return fail(ctx.error ? ctx.error : ERROR_INVALID_DATA);   /* not a cabinet */
    }
    BOOL ok = iterate(cab, full, full8, handler, context);
    DWORD err = GetLastError();
    host_cab_close(cab);
    free(full8);
    SetLastError(ok ? NO_ERROR : err);
    return ok;
}

static const struct builtin_export setupapi_exports[] = {
    BUILTIN_FUNCTION("SetupIterateCabinetW", SetupIterateCabinetW),
};

static const struct builtin_dll setupapi = {
    .name = "SETUPAPI.dll",
    .exports = setupapi_exports,
    .nexports = ARRAY_SIZE(setupapi_exports),
};
BUILTIN_DLL(setupapi);
