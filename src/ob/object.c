/* Object headers, reference counts and the namespace of named objects. */
#include <stdlib.h>
#include <string.h>

#include "ob/ob.h"
#include "rtl/rtl.h"

typedef struct _OBJECT_HEADER {
    volatile LONG_PTR PointerCount;
    volatile LONG     HandleCount;
    const OBJECT_TYPE *Type;
    UNICODE_STRING Name;              /* Buffer != NULL: the object is in the namespace */
    LIST_ENTRY NameLinks;
    __attribute__((aligned(16))) BYTE Body[];
} OBJECT_HEADER;

static OBJECT_HEADER *header_of(const void *object)
{
    return CONTAINING_RECORD(object, OBJECT_HEADER, Body);
}

static host_lock namespace_lock = HOST_LOCK_INIT;
static LIST_ENTRY namespace_list = {&namespace_list, &namespace_list};

NTSTATUS ObCreateObject(const OBJECT_TYPE *type, size_t body_size, void **object)
{
    *object = NULL;
    OBJECT_HEADER *h = calloc(1, sizeof *h + body_size);
    if (!h)
        return STATUS_INSUFFICIENT_RESOURCES;
    h->PointerCount = 1;
    h->Type = type;
    InitializeListHead(&h->NameLinks);
    *object = h->Body;
    return STATUS_SUCCESS;
}

void ObReferenceObject(void *object)
{
    __atomic_add_fetch(&header_of(object)->PointerCount, 1, __ATOMIC_RELAXED);
}

void ObDereferenceObject(void *object)
{
    OBJECT_HEADER *h = header_of(object);
    if (__atomic_sub_fetch(&h->PointerCount, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    if (h->Name.Buffer) {
        host_lock_acquire(&namespace_lock);
        RemoveEntryList(&h->NameLinks);
        host_lock_release(&namespace_lock);
        free(h->Name.Buffer);
    }
    if (h->Type->Delete)
        h->Type->Delete(object);
    free(h);
}

const OBJECT_TYPE *ObGetObjectType(const void *object)
{
    return header_of(object)->Type;
}

ULONG ObGetHandleCount(const void *object)
{
    return (ULONG)__atomic_load_n(&header_of(object)->HandleCount, __ATOMIC_RELAXED);
}

/* Called by the handle table as handles come and go. */
void ObpIncrementHandleCount(void *object)
{
    __atomic_add_fetch(&header_of(object)->HandleCount, 1, __ATOMIC_RELAXED);
}

void ObpDecrementHandleCount(void *object)
{
    OBJECT_HEADER *h = header_of(object);
    LONG remaining = __atomic_sub_fetch(&h->HandleCount, 1, __ATOMIC_ACQ_REL);
    if (h->Type->Close)
        h->Type->Close(object, (ULONG)remaining);
}

NTSTATUS ObCaptureUnicodeString(PUNICODE_STRING dst, const WCHAR *buffer, size_t bytes)
{
    *dst = (UNICODE_STRING){0};
    WCHAR *copy = malloc(bytes + sizeof(WCHAR));
    if (!copy)
        return STATUS_NO_MEMORY;
    memcpy(copy, buffer, bytes);
    copy[bytes / sizeof(WCHAR)] = 0;
    dst->Buffer = copy;
    dst->Length = (USHORT)bytes;
    dst->MaximumLength = (USHORT)(bytes + sizeof(WCHAR));
    return STATUS_SUCCESS;
}

static OBJECT_HEADER *lookup_locked(PCUNICODE_STRING name)
{
    for (PLIST_ENTRY e = namespace_list.Flink; e != &namespace_list; e = e->Flink) {
        OBJECT_HEADER *h = CONTAINING_RECORD(e, OBJECT_HEADER, NameLinks);
        if (RtlEqualUnicodeString(&h->Name, name, TRUE))
            return h;
    }
    return NULL;
}

NTSTATUS ObInsertNamedObject(void *object, PCUNICODE_STRING name, void **existing)
{
    OBJECT_HEADER *h = header_of(object);
    *existing = NULL;
    UNICODE_STRING copy;
    if (ObCaptureUnicodeString(&copy, name->Buffer, name->Length) != STATUS_SUCCESS)
        return STATUS_INSUFFICIENT_RESOURCES;
    host_lock_acquire(&namespace_lock);
    OBJECT_HEADER *other = lookup_locked(name);
    /* An object on its way out (no references left) no longer owns its name. */
    if (other && __atomic_add_fetch(&other->PointerCount, 1, __ATOMIC_ACQUIRE) > 1) {
        host_lock_release(&namespace_lock);
        free(copy.Buffer);
        *existing = other->Body;
        return STATUS_OBJECT_NAME_COLLISION;
    }
    if (other)
        __atomic_sub_fetch(&other->PointerCount, 1, __ATOMIC_RELEASE);
    h->Name = copy;
    InsertHeadList(&namespace_list, &h->NameLinks);
    host_lock_release(&namespace_lock);
    return STATUS_SUCCESS;
}

NTSTATUS ObLookupNamedObject(PCUNICODE_STRING name, const OBJECT_TYPE *type, void **object)
{
    *object = NULL;
    host_lock_acquire(&namespace_lock);
    OBJECT_HEADER *h = lookup_locked(name);
    if (!h || __atomic_add_fetch(&h->PointerCount, 1, __ATOMIC_ACQUIRE) == 1) {
        if (h)
            __atomic_sub_fetch(&h->PointerCount, 1, __ATOMIC_RELEASE);
        host_lock_release(&namespace_lock);
        return STATUS_OBJECT_NAME_NOT_FOUND;
    }
    host_lock_release(&namespace_lock);
    if (type && h->Type != type) {
        ObDereferenceObject(h->Body);
        return STATUS_OBJECT_TYPE_MISMATCH;
    }
    *object = h->Body;
    return STATUS_SUCCESS;
}
