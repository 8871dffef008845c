/*
 * LdrpRunInitializeRoutines: DLL_PROCESS_ATTACH for every newly loaded DLL, dependencies first (the
 * order LdrpLoadDll queued them in); at process start the exe's TLS callbacks last. Also thread attach
 * and detach, and process detach (reverse order). For every reason a module's TLS callbacks run just
 * before its DllMain, as in Windows' loader and Wine's.
 */
#include "ke/trace.h"
#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/rtl.h"
#include "ntdll/rtl/unwind.h"

static LIST_ENTRY pending = {&pending, &pending};

void LdrpQueueInitRoutine(LDRP_MODULE *m)
{
    InsertTailList(&pending, &m->InitOrderWork);
}

void LdrpDequeueInitRoutine(LDRP_MODULE *m)
{
    RemoveEntryList(&m->InitOrderWork);
    InitializeListHead(&m->InitOrderWork);
}

static BOOL call_dll_main(LDRP_MODULE *m, ULONG reason, PVOID reserved)
{
    if (!m->Entry.EntryPoint || !(m->Entry.Flags & LDRP_IMAGE_DLL))
        return TRUE;
    LDRP_DLL_MAIN entry = (LDRP_DLL_MAIN)m->Entry.EntryPoint;
    return entry(m->Entry.DllBase, reason, reserved);
}

struct attach_call {
    LDRP_MODULE *module;
    BOOL ok;
};

static void attach(void *arg)
{
    struct attach_call *call = arg;
    LdrpCallTlsCallbacks(call->module, DLL_PROCESS_ATTACH);
    call->ok = call_dll_main(call->module, DLL_PROCESS_ATTACH, LdrpInLdrInit ? (PVOID)1 : NULL);
}

NTSTATUS LdrpRunInitializeRoutines(void)
{
    if (IsListEmpty(&pending) && !LdrpInLdrInit)
        return STATUS_SUCCESS;
    int trace = TRACE_BEGIN("LdrpRunInitializeRoutines");
    unsigned calls = 0;
    NTSTATUS status = STATUS_SUCCESS;
    while (!IsListEmpty(&pending) && status == STATUS_SUCCESS) {
        LDRP_MODULE *m = CONTAINING_RECORD(pending.Flink, LDRP_MODULE, InitOrderWork);
        LdrpDequeueInitRoutine(m);
        if (!m->InInitOrder) {
            InsertTailList(&LdrpData->LdrData.InInitializationOrderModuleList, &m->Entry.InInitializationOrderLinks);
            m->InInitOrder = TRUE;
        }
        /* lpReserved is non-NULL for the DLLs of the process start, NULL for LoadLibrary. A dynamic load
         * runs them guarded: an exception they leave unhandled fails the load with its code, as a FALSE
         * from DllMain does (Windows' and Wine's loaders catch it the same way). */
        struct attach_call call = {m, FALSE};
        NTSTATUS raised = STATUS_SUCCESS;
        if (LdrpInLdrInit)
            attach(&call);
        else
            raised = RtlpCallGuarded(attach, &call);
        BOOL ok = call.ok;
        if (KeTraceKinds & KE_TRACE_LOADER) {
            char name[96];
            RtlpBaseNameUtf8(name, sizeof name, &m->Entry.FullDllName);
            if (m->Entry.EntryPoint && (m->Entry.Flags & LDRP_IMAGE_DLL))
                TRACE_LOADER("init %s: DllMain(DLL_PROCESS_ATTACH) = %s", name, ok ? "TRUE" : "FALSE");
            else
                TRACE_LOADER("init %s: no DllMain", name);
        }
        calls += m->Entry.EntryPoint != NULL;
        m->Entry.Flags |= LDRP_ENTRY_PROCESSED | LDRP_PROCESS_ATTACH_CALLED;
        m->Initialized = TRUE;
        if (!ok) {
            /* LdrLoadDll's failed load then detaches it (DLL_PROCESS_DETACH) and unmaps it, as Windows does. */
            status = raised != STATUS_SUCCESS ? raised : STATUS_DLL_INIT_FAILED;
            if (LdrpInLdrInit) {
                char name[96];
                RtlpBaseNameUtf8(name, sizeof name, &m->Entry.FullDllName);
                LdrpRaiseHardError(status, name, NULL);
            }
        }
    }
    if (status == STATUS_SUCCESS && LdrpInLdrInit)
        LdrpCallTlsCallbacks(LdrpExeModule, DLL_PROCESS_ATTACH);
    TRACE_END(trace, "%u DllMain calls (DLL_PROCESS_ATTACH)%s", calls, status == STATUS_SUCCESS ? "" : ", one failed");
    /* What was queued behind a failed initializer never runs. */
    while (!IsListEmpty(&pending))
        LdrpDequeueInitRoutine(CONTAINING_RECORD(pending.Flink, LDRP_MODULE, InitOrderWork));
    return status;
}

static bool wants_thread_calls(LDRP_MODULE *m)
{
    return m->Initialized && !(m->Entry.Flags & LDRP_DONT_CALL_FOR_THREADS);
}

void LdrpCallThreadRoutines(ULONG reason)
{
    PLIST_ENTRY head = &LdrpData->LdrData.InInitializationOrderModuleList;
    if (reason == DLL_THREAD_ATTACH) {
        for (PLIST_ENTRY e = head->Flink; e != head; e = e->Flink) {
            LDRP_MODULE *m = CONTAINING_RECORD(e, LDRP_MODULE, Entry.InInitializationOrderLinks);
            if (!wants_thread_calls(m))
                continue;
            LdrpCallTlsCallbacks(m, reason);
            call_dll_main(m, reason, NULL);
        }
        LdrpCallTlsCallbacks(LdrpExeModule, reason);
        return;
    }
    LdrpCallTlsCallbacks(LdrpExeModule, reason);
    for (PLIST_ENTRY e = head->Blink; e != head; e = e->Blink) {
        LDRP_MODULE *m = CONTAINING_RECORD(e, LDRP_MODULE, Entry.InInitializationOrderLinks);
        if (!wants_thread_calls(m))
            continue;
        LdrpCallTlsCallbacks(m, reason);
        call_dll_main(m, reason, NULL);
    }
}

void LdrpDetachModule(LDRP_MODULE *m, PVOID reserved)
{
    m->Initialized = FALSE;
    LdrpCallTlsCallbacks(m, DLL_PROCESS_DETACH);
    call_dll_main(m, DLL_PROCESS_DETACH, reserved);
}

void LdrpRunDetachRoutines(BOOLEAN process_terminating)
{
    LdrpCallTlsCallbacks(LdrpExeModule, DLL_PROCESS_DETACH);
    PLIST_ENTRY head = &LdrpData->LdrData.InInitializationOrderModuleList;
    for (PLIST_ENTRY e = head->Blink; e != head; e = e->Blink) {
        LDRP_MODULE *m = CONTAINING_RECORD(e, LDRP_MODULE, Entry.InInitializationOrderLinks);
        if (!m->Initialized || m == LdrpNtdllModule)
            continue;
        LdrpDetachModule(m, process_terminating ? (PVOID)1 : NULL);
    }
}
