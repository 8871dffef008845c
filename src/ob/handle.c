/*
 * Handle tables. A handle value is (index + 1) * 4, as Windows hands out multiples of four; the low two
 * bits are ignored on lookup like Windows does (they are tag bits there).
 */
#include <stdlib.h>
#include <string.h>

#include "ke/probe.h"
#include "ob/ob.h"
#include "ps/ps.h"

void ObpIncrementHandleCount(void *object);
void ObpDecrementHandleCount(void *object);

#define HANDLE_TABLE_MAX (1u << 24)

static HANDLE handle_of(ULONG index)
{
    return (HANDLE)(ULONG_PTR)((index + 1) * 4);
}

static bool index_of(HANDLE handle, ULONG *index)
{
    ULONG_PTR v = (ULONG_PTR)handle;
    if (v < 4 || v >= (ULONG_PTR)HANDLE_TABLE_MAX * 4)
        return false;
    *index = (ULONG)(v / 4 - 1);
    return true;
}

NTSTATUS ObInitializeHandleTable(HANDLE_TABLE *table)
{
    memset(table, 0, sizeof *table);
    return STATUS_SUCCESS;
}

static NTSTATUS grow_locked(HANDLE_TABLE *table)
{
    ULONG capacity = table->Capacity ? table->Capacity * 2 : 64;
    if (capacity > HANDLE_TABLE_MAX)
        return STATUS_INSUFFICIENT_RESOURCES;
    struct handle_entry *e = realloc(table->Entries, capacity * sizeof *e);
    if (!e)
        return STATUS_INSUFFICIENT_RESOURCES;
    /* New entries join the free list in ascending order, so handles are handed out low first. */
    for (ULONG i = table->Capacity; i < capacity; i++) {
        e[i] = (struct handle_entry){0};
        e[i].NextFree = i + 1 < capacity ? i + 2 : table->FirstFree;
    }
    table->FirstFree = table->Capacity + 1;
    table->Entries = e;
    table->Capacity = capacity;
    return STATUS_SUCCESS;
}

static NTSTATUS insert_locked(HANDLE_TABLE *table, ULONG index, void *object, ACCESS_MASK access, ULONG attributes)
{
    struct handle_entry *e = &table->Entries[index];
    e->Object = object;
    e->Access = access;
    e->Attributes = attributes & (OBJ_INHERIT | OBJ_PROTECT_CLOSE);
    e->NextFree = 0;
    table->HandleCount++;
    ObReferenceObject(object);
    ObpIncrementHandleCount(object);
    return STATUS_SUCCESS;
}

NTSTATUS ObInsertHandle(HANDLE_TABLE *table, void *object, ACCESS_MASK access, ULONG attributes, HANDLE *handle)
{
    *handle = NULL;
    host_lock_acquire(&table->Lock);
    NTSTATUS status = STATUS_SUCCESS;
    if (!table->FirstFree)
        status = grow_locked(table);
    if (status == STATUS_SUCCESS) {
        ULONG index = table->FirstFree - 1;
        table->FirstFree = table->Entries[index].NextFree;
        insert_locked(table, index, object, access, attributes);
        *handle = handle_of(index);
    }
    host_lock_release(&table->Lock);
    return status;
}

static NTSTATUS reference_in_table(HANDLE_TABLE *table, HANDLE handle, const OBJECT_TYPE *type, void **object,
                                   ACCESS_MASK *access, ULONG *attributes)
{
    ULONG index;
    if (!index_of(handle, &index))
        return STATUS_INVALID_HANDLE;
    host_lock_acquire(&table->Lock);
    NTSTATUS status = STATUS_INVALID_HANDLE;
    if (index < table->Capacity && table->Entries[index].Object) {
        struct handle_entry *e = &table->Entries[index];
        if (type && ObGetObjectType(e->Object) != type) {
            status = STATUS_OBJECT_TYPE_MISMATCH;
        } else {
            ObReferenceObject(e->Object);
            *object = e->Object;
            if (access)
                *access = e->Access;
            if (attributes)
                *attributes = e->Attributes;
            status = STATUS_SUCCESS;
        }
    }
    host_lock_release(&table->Lock);
    return status;
}

NTSTATUS ObReferenceObjectByHandleEx(HANDLE handle, const OBJECT_TYPE *type, void **object, ACCESS_MASK *access,
                                     ULONG *attributes)
{
    *object = NULL;
    if (access)
        *access = 0;
    if (attributes)
        *attributes = 0;
    void *target = NULL;
    if (handle == NtCurrentProcess())
        target = PsGetCurrentProcess();
    else if (handle == NtCurrentThread())
        target = PsGetCurrentThread();
    if (target) {
        if (type && ObGetObjectType(target) != type)
            return STATUS_OBJECT_TYPE_MISMATCH;
        ObReferenceObject(target);
        *object = target;
        if (access)
            *access = 0x1FFFFF;
        return STATUS_SUCCESS;
    }
    return reference_in_table(&PsGetCurrentProcess()->ObjectTable, handle, type, object, access, attributes);
}

NTSTATUS ObReferenceObjectInTable(HANDLE_TABLE *table, HANDLE handle, void **object, ACCESS_MASK *access,
                                  ULONG *attributes)
{
    *object = NULL;
    return reference_in_table(table, handle, NULL, object, access, attributes);
}

NTSTATUS ObReferenceObjectByHandle(HANDLE handle, const OBJECT_TYPE *type, void **object)
{
    return ObReferenceObjectByHandleEx(handle, type, object, NULL, NULL);
}

/* Removes the entry and returns its object (still referenced by the caller's new ownership). */
static void *remove_locked(HANDLE_TABLE *table, ULONG index)
{
    struct handle_entry *e = &table->Entries[index];
    void *object = e->Object;
    *e = (struct handle_entry){0};
    e->NextFree = table->FirstFree;
    table->FirstFree = index + 1;
    table->HandleCount--;
    return object;
}

NTSTATUS ObCloseHandleInTable(HANDLE_TABLE *table, HANDLE handle)
{
    ULONG index;
    if (!index_of(handle, &index))
        return STATUS_INVALID_HANDLE;
    host_lock_acquire(&table->Lock);
    if (index >= table->Capacity || !table->Entries[index].Object) {
        host_lock_release(&table->Lock);
        return STATUS_INVALID_HANDLE;
    }
    if (table->Entries[index].Attributes & OBJ_PROTECT_CLOSE) {
        host_lock_release(&table->Lock);
        return STATUS_HANDLE_NOT_CLOSABLE;
    }
    void *object = remove_locked(table, index);
    host_lock_release(&table->Lock);
    ObpDecrementHandleCount(object);
    ObDereferenceObject(object);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtClose(HANDLE handle)
{
    if (handle == NtCurrentProcess() || handle == NtCurrentThread())
        return STATUS_SUCCESS;
    return ObCloseHandleInTable(&PsGetCurrentProcess()->ObjectTable, handle);
}

NTSTATUS ObSetHandleAttributes(HANDLE handle, ULONG mask, ULONG attributes)
{
    HANDLE_TABLE *table = &PsGetCurrentProcess()->ObjectTable;
    ULONG index;
    if (!index_of(handle, &index))
        return STATUS_INVALID_HANDLE;
    host_lock_acquire(&table->Lock);
    NTSTATUS status = STATUS_INVALID_HANDLE;
    if (index < table->Capacity && table->Entries[index].Object) {
        struct handle_entry *e = &table->Entries[index];
        e->Attributes = (e->Attributes & ~mask) | (attributes & mask & (OBJ_INHERIT | OBJ_PROTECT_CLOSE));
        status = STATUS_SUCCESS;
    }
    host_lock_release(&table->Lock);
    return status;
}

void ObKillHandleTable(HANDLE_TABLE *table)
{
    for (;;) {
        host_lock_acquire(&table->Lock);
        ULONG i = 0;
        while (i < table->Capacity && !table->Entries[i].Object)
            i++;
        if (i == table->Capacity) {
            free(table->Entries);
            table->Entries = NULL;
            table->Capacity = table->FirstFree = table->HandleCount = 0;
            host_lock_release(&table->Lock);
            return;
        }
        void *object = remove_locked(table, i);
        host_lock_release(&table->Lock);
        ObpDecrementHandleCount(object);
        ObDereferenceObject(object);
    }
}

/* The free entries in ascending order, after entries were filled at chosen places (and the table grown more
 * than once): new handles are handed out low first again. */
static void rebuild_free_list_locked(HANDLE_TABLE *table)
{
    table->FirstFree = 0;
    for (ULONG i = table->Capacity; i-- > 0;) {
        if (!table->Entries[i].Object) {
            table->Entries[i].NextFree = table->FirstFree;
            table->FirstFree = i + 1;
        }
    }
}

NTSTATUS ObDuplicateInheritableHandles(HANDLE_TABLE *parent, HANDLE_TABLE *child)
{
    NTSTATUS status = STATUS_SUCCESS;
    host_lock_acquire(&parent->Lock);
    host_lock_acquire(&child->Lock);
    while (child->Capacity < parent->Capacity && status == STATUS_SUCCESS)
        status = grow_locked(child);
    for (ULONG i = 0; status == STATUS_SUCCESS && i < parent->Capacity; i++) {
        struct handle_entry *e = &parent->Entries[i];
        if (e->Object && (e->Attributes & OBJ_INHERIT) && !child->Entries[i].Object)
            insert_locked(child, i, e->Object, e->Access, e->Attributes);   /* at the same handle value */
    }
    rebuild_free_list_locked(child);
    host_lock_release(&child->Lock);
    host_lock_release(&parent->Lock);
    return status;
}

NTSTATUS WINAPI NtDuplicateObject(HANDLE source_process, HANDLE source, HANDLE target_process, PHANDLE target,
                                  ACCESS_MASK access, ULONG attributes, ULONG options)
{
    if (target)
        PROBE_FOR_WRITE(target, sizeof *target);
    if (target)
        *target = NULL;
    PEPROCESS sp, tp = NULL;
    NTSTATUS status = ObReferenceObjectByHandle(source_process, PsProcessType, (void **)&sp);
    if (status != STATUS_SUCCESS)
        return status;
    if (sp->Remote) {
        /* Out of a process of another host: its host gives the object (files only) or closes the handle. */
        if (target) {
            status = ObReferenceObjectByHandle(target_process, PsProcessType, (void **)&tp);
            if (status == STATUS_SUCCESS && tp != PsGetCurrentProcess())
                status = STATUS_NOT_SUPPORTED;   /* between two other processes */
            if (tp)
                ObDereferenceObject(tp);
        }
        if (status == STATUS_SUCCESS)
            status = PsTakeHandleFromRemote(sp, source, target ? &PsGetCurrentProcess()->ObjectTable : NULL, access,
                                            attributes, options, target);
        goto out_sp;
    }
    if (sp != PsGetCurrentProcess()) {
        status = STATUS_NOT_SUPPORTED;   /* a process of this host that has ended */
        goto out_sp;
    }
    void *object;
    ACCESS_MASK old_access;
    ULONG old_attributes;
    status = ObReferenceObjectByHandleEx(source, NULL, &object, &old_access, &old_attributes);
    if (status != STATUS_SUCCESS)
        goto out_sp;
    if (target) {
        status = ObReferenceObjectByHandle(target_process, PsProcessType, (void **)&tp);
        if (status == STATUS_SUCCESS && tp->Remote)
            status = PsInsertHandleInRemote(tp, object, options & DUPLICATE_SAME_ACCESS ? old_access : access,
                                            options & DUPLICATE_SAME_ATTRIBUTES ? old_attributes : attributes,
                                            target);
        else if (status == STATUS_SUCCESS && tp != PsGetCurrentProcess())
            status = STATUS_NOT_SUPPORTED;
        else if (status == STATUS_SUCCESS)
            status = ObInsertHandle(&tp->ObjectTable, object, options & DUPLICATE_SAME_ACCESS ? old_access : access,
                                    options & DUPLICATE_SAME_ATTRIBUTES ? old_attributes : attributes, target);
        if (tp)
            ObDereferenceObject(tp);
    }
    ObDereferenceObject(object);
    if (options & DUPLICATE_CLOSE_SOURCE && source != NtCurrentProcess() && source != NtCurrentThread())
        ObCloseHandleInTable(&sp->ObjectTable, source);
out_sp:
    ObDereferenceObject(sp);
    return status;
}

NTSTATUS ObSnapshotHandles(HANDLE_TABLE *table, ULONG attributes, struct ob_handle_info **out, ULONG *count)
{
    *out = NULL;
    *count = 0;
    host_lock_acquire(&table->Lock);
    ULONG n = 0;
    for (ULONG i = 0; i < table->Capacity; i++)
        if (table->Entries[i].Object && (table->Entries[i].Attributes & attributes) == attributes)
            n++;
    struct ob_handle_info *info = n ? malloc(n * sizeof *info) : NULL;
    if (n && !info) {
        host_lock_release(&table->Lock);
        return STATUS_NO_MEMORY;
    }
    n = 0;
    for (ULONG i = 0; i < table->Capacity; i++) {
        struct handle_entry *e = &table->Entries[i];
        if (!e->Object || (e->Attributes & attributes) != attributes)
            continue;
        ObReferenceObject(e->Object);
        info[n++] = (struct ob_handle_info){handle_of(i), e->Object, e->Access, e->Attributes};
    }
    host_lock_release(&table->Lock);
    *out = info;
    *count = n;
    return STATUS_SUCCESS;
}

void ObFreeHandleSnapshot(struct ob_handle_info *info, ULONG count)
{
    for (ULONG i = 0; i < count; i++)
        ObDereferenceObject(info[i].Object);
    free(info);
}

NTSTATUS ObInsertHandleAt(HANDLE_TABLE *table, HANDLE handle, void *object, ACCESS_MASK access, ULONG attributes)
{
    ULONG index;
    if (!index_of(handle, &index) || (ULONG_PTR)handle % 4)
        return STATUS_INVALID_HANDLE;
    host_lock_acquire(&table->Lock);
    NTSTATUS status = STATUS_SUCCESS;
    while (index >= table->Capacity && status == STATUS_SUCCESS)
        status = grow_locked(table);
    if (status == STATUS_SUCCESS && table->Entries[index].Object)
        status = STATUS_INVALID_HANDLE;   /* taken */
    if (status == STATUS_SUCCESS) {
        insert_locked(table, index, object, access, attributes);
        rebuild_free_list_locked(table);
    }
    host_lock_release(&table->Lock);
    return status;
}
