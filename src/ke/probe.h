/*
 * Probing a service's pointer arguments, as NT's services do before touching them (ProbeForRead,
 * ProbeForWrite inside the service's __try): an argument that is not accessible makes the service return
 * STATUS_ACCESS_VIOLATION (or STATUS_GUARD_PAGE_VIOLATION, the guard spent) without writing anything,
 * where it would otherwise fault in host code.
 */
#ifndef KE_PROBE_H
#define KE_PROBE_H

#include "nt/ntstatus.h"
#include "nt/ntdef.h"

/* The highest user address + 1 an argument may reach (MmUserProbeAddress on x64). */
#define KE_USER_PROBE_ADDRESS 0x7FFFFFFF0000ull

/* Whether [address, address + length) can be read / written now. Length 0 always succeeds; unlike NT's
 * probes these touch every page, because the service's later accesses are not guarded. */
NTSTATUS KeProbeForRead(const void *address, SIZE_T length);
NTSTATUS KeProbeForWrite(void *address, SIZE_T length);
/* The data of a write (NtWriteFile): NT's I/O manager checks only its range (STATUS_ACCESS_VIOLATION);
 * the file system's copy from it faults, which file systems report as STATUS_INVALID_USER_BUFFER. */
NTSTATUS KeProbeWriteFileBuffer(const void *address, SIZE_T length);
/* Copies from or to guest memory, failing cleanly (nothing raised) with the probes' statuses. */
NTSTATUS KeCopyFromUser(void *to, const void *from, SIZE_T length);
NTSTATUS KeCopyToUser(void *to, const void *from, SIZE_T length);
/* An OBJECT_ATTRIBUTES argument: the structure, its ObjectName and the name's characters (NULL fails). */
struct _OBJECT_ATTRIBUTES;
NTSTATUS KeProbeObjectAttributes(const struct _OBJECT_ATTRIBUTES *attributes);

/* The first lines of a service: return the probe's status when an argument fails it. */
#define PROBE_FOR_READ(p, n)                                                                                   \
    do {                                                                                                       \
        NTSTATUS probe_status_ = KeProbeForRead((p), (n));                                                     \
        if (probe_status_ != STATUS_SUCCESS)                                                                   \
            return probe_status_;                                                                              \
    } while (0)
#define PROBE_FOR_WRITE(p, n)                                                                                  \
    do {                                                                                                       \
        NTSTATUS probe_status_ = KeProbeForWrite((p), (n));                                                    \
        if (probe_status_ != STATUS_SUCCESS)                                                                   \
            return probe_status_;                                                                              \
    } while (0)

#define PROBE_WRITE_FILE_BUFFER(p, n)                                                                          \
    do {                                                                                                       \
        NTSTATUS probe_status_ = KeProbeWriteFileBuffer((p), (n));                                             \
        if (probe_status_ != STATUS_SUCCESS)                                                                   \
            return probe_status_;                                                                              \
    } while (0)
#define PROBE_OBJECT_ATTRIBUTES(a)                                                                              \
    do {                                                                                                       \
        NTSTATUS probe_status_ = KeProbeObjectAttributes(a);                                                   \
        if (probe_status_ != STATUS_SUCCESS)                                                                   \
            return probe_status_;                                                                              \
    } while (0)

#endif
