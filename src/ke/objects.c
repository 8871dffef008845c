/*
 * Events, mutants and semaphores as kernel objects (optionally named), and the wait services over any
 * waitable object (these, processes, threads). Objects that cannot be waited on (files) count as
 * signaled, as a file with no I/O pending does on Windows.
 */
#include <string.h>

#include "ke/ke.h"
#include "ob/ob.h"
#include "ps/ps.h"

static const OBJECT_TYPE event_type = {"Event", NULL, NULL};
static const OBJECT_TYPE mutant_type = {"Mutant", NULL, NULL};
static const OBJECT_TYPE semaphore_type = {"Semaphore", NULL, NULL};
const OBJECT_TYPE *ExEventObjectType = &event_type;
const OBJECT_TYPE *ExMutantObjectType = &mutant_type;
const OBJECT_TYPE *ExSemaphoreObjectType = &semaphore_type;

static bool waitable(const void *object)
{
    const OBJECT_TYPE *t = ObGetObjectType(object);
    return t == &event_type || t == &mutant_type || t == &semaphore_type || t == PsProcessType ||
           t == PsThreadType || t == ExTimerObjectType;
}

/* Creates (or, for a name already in use, opens) an object of type and returns a handle to it. */
NTSTATUS KiCreateNamedObject(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes,
                             const OBJECT_TYPE *type, size_t size, void (*init)(void *, const void *),
                             const void *init_arg)
{
    if (!handle)
        return STATUS_ACCESS_VIOLATION;
    *handle = NULL;
    void *object;
    NTSTATUS status = ObCreateObject(type, size, &object);
    if (status != STATUS_SUCCESS)
        return status;
    init(object, init_arg);
    NTSTATUS result = STATUS_SUCCESS;
    if (attributes && attributes->ObjectName && attributes->ObjectName->Length) {
        void *existing;
        status = ObInsertNamedObject(object, attributes->ObjectName, &existing);
        if (status == STATUS_OBJECT_NAME_COLLISION) {
            ObDereferenceObject(object);
            if (ObGetObjectType(existing) != type) {
                ObDereferenceObject(existing);
                return STATUS_OBJECT_TYPE_MISMATCH;
            }
            object = existing;
            result = STATUS_OBJECT_NAME_EXISTS;
        } else if (status != STATUS_SUCCESS) {
            ObDereferenceObject(object);
            return status;
        }
    }
    status = ObInsertHandle(&PsGetCurrentProcess()->ObjectTable, object, access,
                            attributes ? attributes->Attributes : 0, handle);
    ObDereferenceObject(object);
    return status == STATUS_SUCCESS ? result : status;
}

NTSTATUS KiOpenNamedObject(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, const OBJECT_TYPE *type)
{
    if (!handle || !attributes || !attributes->ObjectName)
        return STATUS_INVALID_PARAMETER;
    void *object;
    NTSTATUS status = ObLookupNamedObject(attributes->ObjectName, type, &object);
    if (status != STATUS_SUCCESS)
        return status;
    status = ObInsertHandle(&PsGetCurrentProcess()->ObjectTable, object, access, attributes->Attributes, handle);
    ObDereferenceObject(object);
    return status;
}

/* ---- events ---------------------------------------------------------------------------------------- */

struct event_init {
    int type;   /* 0 NotificationEvent, 1 SynchronizationEvent */
    BOOLEAN state;
};

static void init_event(void *object, const void *arg)
{
    const struct event_init *e = arg;
    KeInitializeDispatcherHeader(object, e->type ? DispatcherSynchronizationEvent : DispatcherNotificationEvent,
                                 e->state ? 1 : 0);
}

NTSTATUS WINAPI NtCreateEvent(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, int type,
                              BOOLEAN state)
{
    struct event_init e = {type, state};
    return KiCreateNamedObject(handle, access, attributes, &event_type, sizeof(KEVENT), init_event, &e);
}

NTSTATUS WINAPI NtOpenEvent(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes)
{
    return KiOpenNamedObject(handle, access, attributes, &event_type);
}

static NTSTATUS with_event(HANDLE handle, int op, PLONG previous)
{
    KEVENT *e;
    NTSTATUS status = ObReferenceObjectByHandle(handle, &event_type, (void **)&e);
    if (status != STATUS_SUCCESS)
        return status;
    LONG old = op == 2 ? KePulseEvent(e) : KeSetSignalState(&e->Header, op);
    if (previous)
        *previous = old;
    ObDereferenceObject(e);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtSetEvent(HANDLE handle, PLONG previous)
{
    return with_event(handle, 1, previous);
}

NTSTATUS WINAPI NtResetEvent(HANDLE handle, PLONG previous)
{
    return with_event(handle, 0, previous);
}

NTSTATUS WINAPI NtPulseEvent(HANDLE handle, PLONG previous)
{
    return with_event(handle, 2, previous);
}

/* ---- mutants ------------------------------------------------------------------------------------------ */

static void init_mutant(void *object, const void *arg)
{
    KMUTANT *m = object;
    KeInitializeDispatcherHeader(&m->Header, DispatcherMutant, 1);
    InitializeListHead(&m->MutantListEntry);
    if (*(const BOOLEAN *)arg) {
        PETHREAD t = PsGetCurrentThread();
        m->OwnerThread = t;
        m->Header.SignalState = 0;
        InsertTailList(&t->OwnedMutants, &m->MutantListEntry);
    }
}

NTSTATUS WINAPI NtCreateMutant(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, BOOLEAN owned)
{
    return KiCreateNamedObject(handle, access, attributes, &mutant_type, sizeof(KMUTANT), init_mutant, &owned);
}

NTSTATUS WINAPI NtOpenMutant(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes)
{
    return KiOpenNamedObject(handle, access, attributes, &mutant_type);
}

NTSTATUS WINAPI NtReleaseMutant(HANDLE handle, PLONG previous)
{
    KMUTANT *m;
    NTSTATUS status = ObReferenceObjectByHandle(handle, &mutant_type, (void **)&m);
    if (status != STATUS_SUCCESS)
        return status;
    status = KeReleaseMutant(m, FALSE, previous);
    ObDereferenceObject(m);
    return status;
}

/* ---- semaphores ----------------------------------------------------------------------------------------- */

static void init_semaphore(void *object, const void *arg)
{
    KSEMAPHORE *s = object;
    const LONG *counts = arg;
    KeInitializeDispatcherHeader(&s->Header, DispatcherSemaphore, counts[0]);
    s->Limit = counts[1];
}

NTSTATUS WINAPI NtCreateSemaphore(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, LONG initial,
                                  LONG maximum)
{
    if (maximum <= 0 || initial < 0 || initial > maximum)
        return STATUS_INVALID_PARAMETER;
    LONG counts[2] = {initial, maximum};
    return KiCreateNamedObject(handle, access, attributes, &semaphore_type, sizeof(KSEMAPHORE), init_semaphore, counts);
}

NTSTATUS WINAPI NtOpenSemaphore(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes)
{
    return KiOpenNamedObject(handle, access, attributes, &semaphore_type);
}

NTSTATUS WINAPI NtReleaseSemaphore(HANDLE handle, LONG count, PLONG previous)
{
    KSEMAPHORE *s;
    NTSTATUS status = ObReferenceObjectByHandle(handle, &semaphore_type, (void **)&s);
    if (status != STATUS_SUCCESS)
        return status;
    status = KeReleaseSemaphore(s, count, previous);
    ObDereferenceObject(s);
    return status;
}

/* ---- waits -------------------------------------------------------------------------------------------------- */

NTSTATUS WINAPI NtWaitForMultipleObjects(ULONG count, const HANDLE *handles, int wait_type, BOOLEAN alertable,
                                         const LARGE_INTEGER *timeout)
{
    if (count == 0 || count > MAXIMUM_WAIT_OBJECTS)
        return STATUS_INVALID_PARAMETER;
    void *objects[MAXIMUM_WAIT_OBJECTS];
    DISPATCHER_HEADER *headers[MAXIMUM_WAIT_OBJECTS];
    static DISPATCHER_HEADER always_signaled = {DispatcherNotificationEvent, 1, {NULL, NULL}};
    ULONG n = 0;
    NTSTATUS status = STATUS_SUCCESS;
    for (; n < count; n++) {
        status = ObReferenceObjectByHandle(handles[n], NULL, &objects[n]);
        if (status != STATUS_SUCCESS)
            break;
        headers[n] = waitable(objects[n]) ? objects[n] : &always_signaled;
    }
    if (status == STATUS_SUCCESS) {
        /* WaitAll on the same object twice is refused, as Windows does. */
        for (ULONG i = 0; wait_type == WaitAll && i < count && status == STATUS_SUCCESS; i++)
            for (ULONG j = i + 1; j < count; j++)
                if (objects[i] == objects[j] && headers[i] != &always_signaled)
                    status = STATUS_INVALID_PARAMETER_MIX;
    }
    if (status == STATUS_SUCCESS)
        status = KeWaitForMultipleObjects(count, headers, wait_type == WaitAll ? WaitAll : WaitAny, alertable,
                                          timeout);
    while (n > 0)
        ObDereferenceObject(objects[--n]);
    return status;
}

NTSTATUS WINAPI NtWaitForSingleObject(HANDLE handle, BOOLEAN alertable, const LARGE_INTEGER *timeout)
{
    return NtWaitForMultipleObjects(1, &handle, WaitAny, alertable, timeout);
}

/* ---- NtSignalAndWaitForSingleObject: the signal and the start of the wait under one dispatcher lock -- */

struct signal_arg {
    void *object;
};

static NTSTATUS signal_object(void *arg)
{
    void *object = ((struct signal_arg *)arg)->object;
    const OBJECT_TYPE *t = ObGetObjectType(object);
    if (t == &event_type) {
        KiSetEventLocked(object);
        return STATUS_SUCCESS;
    }
    if (t == &mutant_type)
        return KiReleaseMutantLocked(object, NULL);
    if (t == &semaphore_type)
        return KiReleaseSemaphoreLocked(object, 1, NULL);
    return STATUS_OBJECT_TYPE_MISMATCH;
}

NTSTATUS WINAPI NtSignalAndWaitForSingleObject(HANDLE signal, HANDLE wait, BOOLEAN alertable,
                                               const LARGE_INTEGER *timeout)
{
    struct signal_arg arg;
    NTSTATUS status = ObReferenceObjectByHandle(signal, NULL, &arg.object);
    if (status != STATUS_SUCCESS)
        return status;
    const OBJECT_TYPE *t = ObGetObjectType(arg.object);
    void *object = NULL;
    if (t != &event_type && t != &mutant_type && t != &semaphore_type)
        status = STATUS_OBJECT_TYPE_MISMATCH;
    else
        status = ObReferenceObjectByHandle(wait, NULL, &object);
    if (status == STATUS_SUCCESS) {
        static DISPATCHER_HEADER always_signaled = {DispatcherNotificationEvent, 1, {NULL, NULL}};
        DISPATCHER_HEADER *header = waitable(object) ? object : &always_signaled;
        status = KiWaitWithSignal(1, &header, WaitAny, alertable, timeout, signal_object, &arg);
        ObDereferenceObject(object);
    }
    ObDereferenceObject(arg.object);
    return status;
}
