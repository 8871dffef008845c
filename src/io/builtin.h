/*
 * Builtin DLLs: ntdll, kernel32, msvcrt, ... implemented in ntexec itself. Each layer describes its
 * DLLs with BUILTIN_DLL(); io/builtin.c turns a description into a real PE image (headers, an export
 * directory, a 16-byte thunk per function jumping to the host implementation, the exported data), which
 * the loader maps like any DLL. Descriptions are collected through the linker section ntexec_builtins.
 */
#ifndef IO_BUILTIN_H
#define IO_BUILTIN_H

#include <stddef.h>
#include <stdint.h>

#include "nt/ntdef.h"

enum builtin_export_kind {
    BUILTIN_FUNC,     /* value.func: a WINAPI host function */
    BUILTIN_DATA,     /* value.data_offset: an offset in the DLL's data area */
    BUILTIN_FORWARD,  /* value.forward: "DLL.Function" */
};

struct builtin_export {
    const char *name;
    enum builtin_export_kind kind;
    union {
        const void *func;
        size_t data_offset;
        const char *forward;
    } value;
    uint16_t ordinal;   /* the export's fixed ordinal (programs import some DLLs by ordinal), 0: any */
};

/* The data area (exported variables and whatever else the DLL keeps in guest memory) is the first
 * section of the image, at this RVA; a DLL finds it from its own base. */
#define BUILTIN_DATA_RVA 0x1000

typedef BOOL (WINAPI *builtin_dll_main)(HMODULE module, DWORD reason, PVOID reserved);

struct builtin_dll {
    const char *name;                  /* "kernel32.dll", as the export directory names it */
    const struct builtin_export *exports;
    size_t nexports;
    size_t data_size;                  /* bytes of the data area (0: none) */
    builtin_dll_main entry;            /* DllMain, or NULL */
};

#define BUILTIN_FUNCTION(n, f) {n, BUILTIN_FUNC, {.func = (const void *)(f)}}
#define BUILTIN_VARIABLE(n, off) {n, BUILTIN_DATA, {.data_offset = (off)}}
#define BUILTIN_FORWARDER(n, target) {n, BUILTIN_FORWARD, {.forward = (target)}}
/* Exports with the ordinal Windows' DLL gives them; the others of the DLL follow its highest one. */
#define BUILTIN_FUNCTION_ORD(n, f, ord) {n, BUILTIN_FUNC, {.func = (const void *)(f)}, (ord)}
#define BUILTIN_FORWARDER_ORD(n, target, ord) {n, BUILTIN_FORWARD, {.forward = (target)}, (ord)}

/* A builtin DLL's exports in strcmp order of their names, as the build computes it (tools/builtin-order.c
 * writes build/gen/builtin_order.c from these same descriptions): index[i] is the position in exports of
 * the i-th name. A process checks the order in one pass instead of sorting (io/builtin.c). */
struct builtin_order {
    const char *dll;                   /* builtin_dll.name */
    size_t count;
    const uint16_t *index;
};

/* Registers a builtin DLL description (a const struct builtin_dll object). */
#define BUILTIN_DLL(desc)                                                                  \
    __attribute__((used, section("ntexec_builtins"))) static const struct builtin_dll *const \
        desc##_registration = &desc

static inline void *builtin_data(HMODULE module)
{
    return (char *)module + BUILTIN_DATA_RVA;
}

#endif
