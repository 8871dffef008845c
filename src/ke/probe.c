/* Probes of service arguments (ke/probe.h): range checks, then a guarded touch of every page. */
#include "host/host.h"
#include "ke/probe.h"
#include "mm/mm.h"
#include "ob/ob.h"

static bool out_of_range(ULONG_PTR address, SIZE_T length)
{
    return address > KE_USER_PROBE_ADDRESS || length > KE_USER_PROBE_ADDRESS - address;
}

/* A fault at address inside a probe: a guard page gives its one-shot exception's status, as NT's kernel
 * access to a guard page does; anything else is an access violation. */
static NTSTATUS fault_status(uint64_t address)
{
    return MmHandleGuardPageFault((ULONG_PTR)address) ? STATUS_GUARD_PAGE_VIOLATION : STATUS_ACCESS_VIOLATION;
}

NTSTATUS KeProbeForRead(const void *address, SIZE_T length)
{
    uint64_t fault;
    if (!length)
        return STATUS_SUCCESS;
    if (out_of_range((ULONG_PTR)address, length))
        return STATUS_ACCESS_VIOLATION;
    return host_probe(address, length, false, &fault) ? STATUS_SUCCESS : fault_status(fault);
}

NTSTATUS KeProbeWriteFileBuffer(const void *address, SIZE_T length)
{
    NTSTATUS status = KeProbeForRead(address, length);
    return status == STATUS_ACCESS_VIOLATION && !out_of_range((ULONG_PTR)address, length) ? STATUS_INVALID_USER_BUFFER
                                                                                         : status;
}

NTSTATUS KeProbeForWrite(void *address, SIZE_T length)
{
    uint64_t fault;
    if (!length)
        return STATUS_SUCCESS;
    if (out_of_range((ULONG_PTR)address, length))
        return STATUS_ACCESS_VIOLATION;
    return host_probe(address, length, true, &fault) ? STATUS_SUCCESS : fault_status(fault);
}

NTSTATUS KeCopyFromUser(void *to, const void *from, SIZE_T length)
{
    uint64_t fault;
    if (!length)
        return STATUS_SUCCESS;
    if (out_of_range((ULONG_PTR)from, length))
        return STATUS_ACCESS_VIOLATION;
    return host_copy_guarded(to, from, length, &fault) ? STATUS_SUCCESS : fault_status(fault);
}

NTSTATUS KeCopyToUser(void *to, const void *from, SIZE_T length)
{
    uint64_t fault;
    if (!length)
        return STATUS_SUCCESS;
    if (out_of_range((ULONG_PTR)to, length))
        return STATUS_ACCESS_VIOLATION;
    return host_copy_guarded(to, from, length, &fault) ? STATUS_SUCCESS : fault_status(fault);
}

NTSTATUS KeProbeObjectAttributes(const OBJECT_ATTRIBUTES *attributes)
{
    NTSTATUS status = KeProbeForRead(attributes, sizeof *attributes);
    if (status != STATUS_SUCCESS || !attributes->ObjectName)
        return status;
    status = KeProbeForRead(attributes->ObjectName, sizeof *attributes->ObjectName);
    if (status != STATUS_SUCCESS)
        return status;
    return KeProbeForRead(attributes->ObjectName->Buffer, attributes->ObjectName->Length);
}
