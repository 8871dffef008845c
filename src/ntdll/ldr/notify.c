/*
 * LdrRegisterDllNotification: callbacks told of each DLL mapped into the process (after its relocation,
 * before its imports are bound and its DllMain runs) and of each DLL leaving it (after its
 * DLL_PROCESS_DETACH, before it is unmapped), in the order they registered, with the loader lock held.
 */
#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/rtl.h"

struct _LDR_DLL_NOTIFICATION_DATA {
    ULONG Flags;
    PCUNICODE_STRING FullDllName;
    PCUNICODE_STRING BaseDllName;
    PVOID DllBase;
    ULONG SizeOfImage;
};

struct notification {
    LIST_ENTRY links;
    LDR_DLL_NOTIFICATION_FUNCTION callback;
    PVOID context;
};

static LIST_ENTRY notifications = {&notifications, &notifications};

NTSTATUS WINAPI LdrRegisterDllNotification(ULONG flags, LDR_DLL_NOTIFICATION_FUNCTION callback, PVOID context,
                                           PVOID *cookie)
{
    if (flags || !callback || !cookie)
        return STATUS_INVALID_PARAMETER;
    struct notification *n = RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof *n);
    if (!n)
        return STATUS_NO_MEMORY;
    n->callback = callback;
    n->context = context;
    LdrpAcquireLoaderLock();
    InsertTailList(&notifications, &n->links);
    LdrpReleaseLoaderLock();
    *cookie = n;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI LdrUnregisterDllNotification(PVOID cookie)
{
    LdrpAcquireLoaderLock();
    struct notification *found = NULL;
    for (PLIST_ENTRY e = notifications.Flink; e != &notifications; e = e->Flink) {
        if (CONTAINING_RECORD(e, struct notification, links) == cookie) {
            found = cookie;
            RemoveEntryList(e);
            break;
        }
    }
    LdrpReleaseLoaderLock();
    if (!found)
        return STATUS_DLL_NOT_FOUND;
    RtlFreeHeap(RtlGetProcessHeap(), 0, found);
    return STATUS_SUCCESS;
}

void LdrpSendDllNotifications(LDRP_MODULE *m, ULONG reason)
{
    LDR_DLL_NOTIFICATION_DATA data = {0, &m->Entry.FullDllName, &m->Entry.BaseDllName, m->Entry.DllBase,
                                      m->Entry.SizeOfImage};
    for (PLIST_ENTRY e = notifications.Flink; e != &notifications;) {
        struct notification *n = CONTAINING_RECORD(e, struct notification, links);
        e = e->Flink;   /* a callback may unregister itself */
        n->callback(reason, &data, n->context);
    }
}
