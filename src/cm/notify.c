/*
 * NtNotifyChangeKey: a change to the key (its values, its subkeys' names; with subtree, anything below it),
 * made by any process. The store keeps a change stamp per key that every write advances, so a notification
 * is a poll of the key's (or subtree's) largest stamp until it moves: every 50 ms, in the caller's thread
 * for a synchronous call, else in a kernel thread that then fills the IO_STATUS_BLOCK and sets the event.
 * The filter chooses which stamps are watched: REG_NOTIFY_CHANGE_NAME the one of subkeys made, deleted or
 * renamed, REG_NOTIFY_CHANGE_LAST_SET the one of values set or deleted. Attributes and security
 * descriptors are not kept, so a filter of only those never completes, as on Windows where nothing
 * changes them. Closing the key's last handle ends a pending notification with STATUS_NOTIFY_CLEANUP, and
 * deleting the key ends it with STATUS_KEY_DELETED.
 */
#include <stdlib.h>

#include "cm/cm.h"
#include "cm/cmp.h"
#include "io/io.h"
#include "ke/ke.h"
#include "ke/probe.h"

struct notify {
    CM_KEY_BODY *Key;
    KEVENT *Event;
    PIO_STATUS_BLOCK Iosb;
    bool Subtree, Names, Values;
    int64_t Stamp;
};

static NTSTATUS read_stamp(const struct notify *n, int64_t *stamp)
{
    NTSTATUS status = CmpBegin(false);
    if (status != STATUS_SUCCESS)
        return status;
    return CmpEnd(host_reg_key_stamp(n->Key->Id, n->Subtree, n->Names, n->Values, stamp));
}

/* Polls until the stamp moves: STATUS_NOTIFY_ENUM_DIR when it did (NT's answer when no buffer says what
 * changed), STATUS_NOTIFY_CLEANUP when the handle went, or the store's failure (STATUS_KEY_DELETED). */
static NTSTATUS wait_change(struct notify *n)
{
    for (;;) {
        if (n->Key->Closed)
            return STATUS_NOTIFY_CLEANUP;
        int64_t now;
        NTSTATUS status = read_stamp(n, &now);
        if (status != STATUS_SUCCESS)
            return status;
        if (now != n->Stamp)
            return STATUS_SUCCESS;
        host_sleep_ns(50 * 1000 * 1000);
    }
}

static void notify_thread(void *arg)
{
    struct notify *n = arg;
    NTSTATUS status = wait_change(n);
    if (n->Iosb) {
        n->Iosb->Status = status;
        n->Iosb->Information = 0;
    }
    if (n->Event) {
        KeSetSignalState(&n->Event->Header, 1);
        ObDereferenceObject(n->Event);
    }
    ObDereferenceObject(n->Key);
    free(n);
}

NTSTATUS WINAPI NtNotifyChangeKey(HANDLE handle, HANDLE event, PVOID apc_routine, PVOID apc_context,
                                  PIO_STATUS_BLOCK iosb, ULONG filter, BOOLEAN subtree, PVOID buffer,
                                  ULONG buffer_size, BOOLEAN asynchronous)
{
    (void)apc_context;
    (void)buffer;
    (void)buffer_size;
    if (!filter || (filter & ~(REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_ATTRIBUTES | REG_NOTIFY_CHANGE_LAST_SET |
                               REG_NOTIFY_CHANGE_SECURITY | REG_NOTIFY_THREAD_AGNOSTIC)))
        return STATUS_INVALID_PARAMETER;
    if (apc_routine)
        return STATUS_NOT_IMPLEMENTED;   /* completion APCs are not delivered for key notifications */
    if (iosb)
        PROBE_FOR_WRITE(iosb, sizeof *iosb);
    struct notify *n = calloc(1, sizeof *n);
    if (!n)
        return STATUS_NO_MEMORY;
    n->Iosb = iosb;
    n->Subtree = subtree;
    n->Names = filter & REG_NOTIFY_CHANGE_NAME;
    n->Values = filter & REG_NOTIFY_CHANGE_LAST_SET;
    ACCESS_MASK granted;
    NTSTATUS status = ObReferenceObjectByHandleEx(handle, CmKeyObjectType, (void **)&n->Key, &granted, NULL);
    if (status != STATUS_SUCCESS)
        goto out_free;
    if (!(granted & KEY_NOTIFY)) {
        status = STATUS_ACCESS_DENIED;
        goto out_key;
    }
    if (event && (status = ObReferenceObjectByHandle(event, ExEventObjectType, (void **)&n->Event)) != STATUS_SUCCESS)
        goto out_key;
    if ((status = read_stamp(n, &n->Stamp)) != STATUS_SUCCESS)
        goto out_event;
    if (asynchronous) {
        if (n->Event)
            KeSetSignalState(&n->Event->Header, 0);
        if (iosb)
            iosb->Status = STATUS_PENDING;
        if ((status = host_thread_start(notify_thread, n, NULL)) != STATUS_SUCCESS)
            goto out_event;
        return STATUS_PENDING;
    }
    status = wait_change(n);
    if (iosb) {
        iosb->Status = status;
        iosb->Information = 0;
    }
out_event:
    if (n->Event)
        ObDereferenceObject(n->Event);
out_key:
    ObDereferenceObject(n->Key);
out_free:
    free(n);
    return status;
}
