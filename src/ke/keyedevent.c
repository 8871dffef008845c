/*
 * Keyed events (NtCreateKeyedEvent, NtWaitForKeyedEvent, NtReleaseKeyedEvent): a rendezvous on a key (an
 * address, its low bit clear). A wait pairs with a release of the same key and a release with a wait;
 * whichever comes first sleeps until the other arrives, its timeout passes or, alertable, an APC or alert
 * comes. wepoll's reference locks and older runtimes' lock slow paths use them; a NULL handle is the
 * process's own keyed event, as Windows' \KernelObjects\CritSecOutOfMemoryEvent serves a NULL handle.
 *
 * Each sleeper waits on a synchronization event of its own in the dispatcher (so timeouts, alerts and
 * APCs are the ordinary wait's), listed on the keyed event with its key under the dispatcher lock. The
 * arriving partner looks for a sleeper of the other kind whose wait is still queued, takes it off the
 * list and signals it, in the same hold of the lock as its own wait would begin: a sleeper whose wait
 * already ended (timed out, alerted) is never paired.
 */
#include "ke/ke.h"
#include "ob/ob.h"
#include "ps/ps.h"

typedef struct {
    LIST_ENTRY Sleepers;   /* struct keyed_sleeper, in arrival order */
} KEYED_EVENT;

struct keyed_sleeper {
    LIST_ENTRY Entry;
    KEYED_EVENT *Event;
    PVOID Key;
    BOOLEAN Release;       /* a release waiting for a waiter (else a waiter waiting for a release) */
    BOOLEAN Listed;
    KEVENT Signal;
};

static const OBJECT_TYPE keyed_event_type = {"KeyedEvent", NULL, NULL};
static KEYED_EVENT process_keyed_event = {{&process_keyed_event.Sleepers, &process_keyed_event.Sleepers}};

static void init_keyed_event(void *object, const void *arg)
{
    (void)arg;
    KEYED_EVENT *k = object;
    InitializeListHead(&k->Sleepers);
}

NTSTATUS WINAPI NtCreateKeyedEvent(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, ULONG flags)
{
    if (flags)
        return STATUS_INVALID_PARAMETER_4;
    return KiCreateNamedObject(handle, access, attributes, &keyed_event_type, sizeof(KEYED_EVENT), init_keyed_event,
                               NULL);
}

NTSTATUS WINAPI NtOpenKeyedEvent(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes)
{
    return KiOpenNamedObject(handle, access, attributes, &keyed_event_type);
}

/* Dispatcher lock held, before the sleeper's wait begins: pairs it with a partner already asleep, or
 * lists it. */
static NTSTATUS meet(void *arg)
{
    struct keyed_sleeper *me = arg;
    LIST_ENTRY *head = &me->Event->Sleepers;
    for (LIST_ENTRY *e = head->Flink; e != head; e = e->Flink) {
        struct keyed_sleeper *other = CONTAINING_RECORD(e, struct keyed_sleeper, Entry);
        if (other->Key != me->Key || other->Release == me->Release || IsListEmpty(&other->Signal.Header.WaitListHead))
            continue;
        RemoveEntryList(&other->Entry);
        other->Listed = FALSE;
        KiSetEventLocked(&other->Signal);
        me->Signal.Header.SignalState = 1;   /* the rendezvous is made: the wait ends at once */
        return STATUS_SUCCESS;
    }
    InsertTailList(head, &me->Entry);
    me->Listed = TRUE;
    return STATUS_SUCCESS;
}

static NTSTATUS rendezvous(HANDLE handle, PVOID key, BOOLEAN release, BOOLEAN alertable, const LARGE_INTEGER *timeout)
{
    if ((ULONG_PTR)key & 1)
        return STATUS_INVALID_PARAMETER_1;
    KEYED_EVENT *k = &process_keyed_event;
    if (handle) {
        NTSTATUS status = ObReferenceObjectByHandle(handle, &keyed_event_type, (void **)&k);
        if (status != STATUS_SUCCESS)
            return status;
    }
    struct keyed_sleeper me = {.Event = k, .Key = key, .Release = release};
    KeInitializeDispatcherHeader(&me.Signal.Header, DispatcherSynchronizationEvent, 0);
    DISPATCHER_HEADER *objects[1] = {&me.Signal.Header};
    NTSTATUS status = KiWaitWithSignal(1, objects, WaitAny, alertable, timeout, meet, &me);
    KiLockDispatcher();
    if (me.Listed)
        RemoveEntryList(&me.Entry);   /* timed out or alerted before a partner came */
    KiUnlockDispatcher();
    if (handle)
        ObDereferenceObject(k);
    return status == STATUS_WAIT_0 ? STATUS_SUCCESS : status;
}

NTSTATUS WINAPI NtWaitForKeyedEvent(HANDLE handle, PVOID key, BOOLEAN alertable, const LARGE_INTEGER *timeout)
{
    return rendezvous(handle, key, FALSE, alertable, timeout);
}

NTSTATUS WINAPI NtReleaseKeyedEvent(HANDLE handle, PVOID key, BOOLEAN alertable, const LARGE_INTEGER *timeout)
{
    return rendezvous(handle, key, TRUE, alertable, timeout);
}
