/*
 * LdrpSnapImports: for each DLL a module imports, load it (LdrpLoadDll) and write the address of every
 * imported function into the import address table, by hint and name or by ordinal.
 */
#include <stdio.h>
#include <string.h>

#include "ke/trace.h"
#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/rtl.h"

/* Reports an unresolved import the way Windows' loader does at process start. */
static void report_unresolved(NTSTATUS status, const struct pe_thunk *thunk, LDRP_MODULE *dll)
{
    if (!LdrpInLdrInit)
        return;
    char what[PE_MAX_NAME + 16], where[300];
    if (thunk->by_ordinal)
        snprintf(what, sizeof what, "%u", thunk->ordinal);
    else
        snprintf(what, sizeof what, "%s", thunk->name);
    RtlpUnicodeToUtf8Z(where, sizeof where, dll->Entry.FullDllName.Buffer, dll->Entry.FullDllName.Length / 2);
    LdrpRaiseHardError(status, what, where);
}

static NTSTATUS snap_dll(LDRP_MODULE *module, const struct pe_import_dll *imp, struct ldrp_writable *w,
                         unsigned *count)
{
    LDRP_MODULE *dll;
    NTSTATUS status = LdrpLoadDll(imp->name, module, &dll);
    if (status != STATUS_SUCCESS) {
        if (status == STATUS_DLL_NOT_FOUND && LdrpInLdrInit)
            LdrpRaiseHardError(status, imp->name, NULL);
        return status;
    }
    /* The export directory is read once for all the functions taken from this DLL. */
    struct pe_exports ex;
    BOOLEAN has_exports = pe_exports_get(&dll->Image, &ex) == STATUS_SUCCESS;
    struct pe_thunk_iter it;
    struct pe_thunk thunk;
    pe_thunk_begin(&it, &module->Image, imp->lookup_rva, imp->iat_rva);
    while ((status = pe_thunk_next(&it, &thunk)) == STATUS_SUCCESS) {
        PVOID address;
        status = has_exports ? LdrpGetExportAddress(dll, &ex, thunk.by_ordinal ? NULL : thunk.name, thunk.hint,
                                                    thunk.ordinal, &address, module)
                             : STATUS_PROCEDURE_NOT_FOUND;
        if (status != STATUS_SUCCESS) {
            status = thunk.by_ordinal ? STATUS_ORDINAL_NOT_FOUND : STATUS_ENTRYPOINT_NOT_FOUND;
            report_unresolved(status, &thunk, dll);
            return status;
        }
        /* The IAT of a real image may be only 4-byte aligned (libstdc++-6.dll's is): copy, do not store. */
        BYTE *slot = (BYTE *)module->Entry.DllBase + thunk.iat_rva;
        ULONG_PTR value = (ULONG_PTR)address;
        status = LdrpMakeWritable(w, slot, sizeof value);
        if (status != STATUS_SUCCESS)
            return status;
        memcpy(slot, &value, sizeof value);
        (*count)++;
    }
    return status == STATUS_NO_MORE_ENTRIES ? STATUS_SUCCESS : status;
}

NTSTATUS LdrpSnapImports(LDRP_MODULE *module)
{
    int trace = TRACE_BEGIN("LdrpSnapImports");
    struct pe_import_iter it;
    struct pe_import_dll imp;
    struct ldrp_writable w = {0};
    unsigned functions = 0, dlls = 0;
    NTSTATUS status;
    pe_import_begin(&it, &module->Image);
    while ((status = pe_import_next(&it, &imp)) == STATUS_SUCCESS) {
        status = snap_dll(module, &imp, &w, &functions);
        if (status != STATUS_SUCCESS)
            break;
        dlls++;
    }
    LdrpRestoreProtection(&w);
    if (status == STATUS_NO_MORE_ENTRIES)
        status = STATUS_SUCCESS;
    if (trace >= 0) {
        char name[96];
        RtlpBaseNameUtf8(name, sizeof name, &module->Entry.FullDllName);
        TRACE_END(trace, "%s: %u functions from %u DLLs%s", name, functions, dlls,
                  status == STATUS_SUCCESS ? "" : " (failed)");
    }
    return status;
}
