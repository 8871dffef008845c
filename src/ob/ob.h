/*
 * ob: the object manager. Every kernel object (process, thread, file, section, event, ...) is a body
 * preceded by an OBJECT_HEADER that holds its type, its reference count and an optional name. Handles
 * are indexes into a per-process HANDLE_TABLE; a handle holds one reference.
 */
#ifndef OB_OB_H
#define OB_OB_H

#include "host/host.h"
#include "nt/ntdef.h"
#include "nt/ntstatus.h"

typedef struct _OBJECT_TYPE {
    const char *Name;
    /* Releases what the body owns when the last reference goes (the memory itself is freed by ob). */
    void (*Delete)(void *object);
    /* Called when a handle to the object is closed (files: nothing; processes: nothing). May be NULL. */
    void (*Close)(void *object, ULONG remaining_handles);
} OBJECT_TYPE;

/* Handle attributes (OBJECT_ATTRIBUTES.Attributes / DuplicateHandle options). */
#define OBJ_INHERIT          0x00000002
#define OBJ_PROTECT_CLOSE    0x00000001
#define OBJ_OPENIF           0x00000080
#define OBJ_CASE_INSENSITIVE 0x00000040

#define DUPLICATE_CLOSE_SOURCE 0x1
#define DUPLICATE_SAME_ACCESS  0x2
#define DUPLICATE_SAME_ATTRIBUTES 0x4

typedef struct _OBJECT_ATTRIBUTES {
    ULONG Length;
    HANDLE RootDirectory;
    PUNICODE_STRING ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor;
    PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;

static_assert(sizeof(OBJECT_ATTRIBUTES) == 48, "OBJECT_ATTRIBUTES");

struct handle_entry {
    void       *Object;      /* NULL: free; then NextFree links the free list */
    ACCESS_MASK Access;
    ULONG       Attributes;  /* OBJ_INHERIT, OBJ_PROTECT_CLOSE */
    ULONG       NextFree;
};

typedef struct _HANDLE_TABLE {
    host_lock Lock;
    struct handle_entry *Entries;
    ULONG Capacity;
    ULONG FirstFree;       /* index + 1 of the first free entry, 0 if none */
    ULONG HandleCount;
} HANDLE_TABLE;

/* Creates an object with one reference and a zeroed body of body_size bytes. */
NTSTATUS ObCreateObject(const OBJECT_TYPE *type, size_t body_size, void **object);
void ObReferenceObject(void *object);
void ObDereferenceObject(void *object);
const OBJECT_TYPE *ObGetObjectType(const void *object);
ULONG ObGetHandleCount(const void *object);
/* A NUL-terminated copy of the bytes-long string at buffer, allocated with malloc (free() releases it):
 * the names objects, files, sections and processes keep. dst is cleared first. */
NTSTATUS ObCaptureUnicodeString(PUNICODE_STRING dst, const WCHAR *buffer, size_t bytes);

/* Named objects (events, mutexes, semaphores, sections): one namespace, names compared case-insensitively.
 * ObInsertNamedObject fails with STATUS_OBJECT_NAME_COLLISION and returns the existing object, referenced. */
NTSTATUS ObInsertNamedObject(void *object, PCUNICODE_STRING name, void **existing);
NTSTATUS ObLookupNamedObject(PCUNICODE_STRING name, const OBJECT_TYPE *type, void **object);

NTSTATUS ObInitializeHandleTable(HANDLE_TABLE *table);
/* Closes every handle (process exit). */
void ObKillHandleTable(HANDLE_TABLE *table);
/* Copies the inheritable handles of parent into child at the same handle values (CreateProcess). */
NTSTATUS ObDuplicateInheritableHandles(HANDLE_TABLE *parent, HANDLE_TABLE *child);

/* Adds a handle to object in table (taking a new reference). */
NTSTATUS ObInsertHandle(HANDLE_TABLE *table, void *object, ACCESS_MASK access, ULONG attributes, HANDLE *handle);
/* The object behind handle in the current process (pseudo handles included), referenced; type NULL = any.
 * STATUS_INVALID_HANDLE or STATUS_OBJECT_TYPE_MISMATCH otherwise. */
/* The entries whose attributes include all of attributes (0: every entry), objects referenced; freed (and
 * dereferenced) by ObFreeHandleSnapshot. */
struct ob_handle_info {
    HANDLE Handle;
    void *Object;
    ACCESS_MASK Access;
    ULONG Attributes;
};
NTSTATUS ObSnapshotHandles(HANDLE_TABLE *table, ULONG attributes, struct ob_handle_info **out, ULONG *count);
void ObFreeHandleSnapshot(struct ob_handle_info *info, ULONG count);
/* The object of handle in another table than the current process's (a child host answering for its process). */
NTSTATUS ObReferenceObjectInTable(HANDLE_TABLE *table, HANDLE handle, void **object, ACCESS_MASK *access,
                                  ULONG *attributes);
/* Inserts object at exactly handle (a child host placing inherited handles at their values). */
NTSTATUS ObInsertHandleAt(HANDLE_TABLE *table, HANDLE handle, void *object, ACCESS_MASK access, ULONG attributes);
NTSTATUS ObReferenceObjectByHandle(HANDLE handle, const OBJECT_TYPE *type, void **object);
NTSTATUS ObReferenceObjectByHandleEx(HANDLE handle, const OBJECT_TYPE *type, void **object, ACCESS_MASK *access,
                                     ULONG *attributes);
NTSTATUS ObCloseHandleInTable(HANDLE_TABLE *table, HANDLE handle);
NTSTATUS ObSetHandleAttributes(HANDLE handle, ULONG mask, ULONG attributes);

/* Nt services. */
NTSTATUS WINAPI NtClose(HANDLE handle);
NTSTATUS WINAPI NtDuplicateObject(HANDLE source_process, HANDLE source, HANDLE target_process, PHANDLE target,
                                  ACCESS_MASK access, ULONG attributes, ULONG options);

#endif
