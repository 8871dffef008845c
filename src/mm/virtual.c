/*
 * The Windows view of the address space (regions with per-page state and protection) and the
 * virtual memory services built on it: NtAllocate/Free/Protect/QueryVirtualMemory.
 */
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "ke/probe.h"
#include "mm/mm.h"

/* The highest user address of a Windows x64 process. */
#define MM_HIGHEST_USER_ADDRESS 0x7FFFFFFEFFFFull

static ULONG_PTR page_size(void)
{
    return host_page_size();
}

static ULONG_PTR round_down(ULONG_PTR v, ULONG_PTR a)
{
    return v & ~(a - 1);
}

static ULONG_PTR round_up(ULONG_PTR v, ULONG_PTR a)
{
    return (v + a - 1) & ~(a - 1);
}

/* The host protection for a Windows page protection (guard pages are inaccessible until touched);
 * image views use it too. */
unsigned MiHostProtection(ULONG protect)
{
    if (protect & PAGE_GUARD)
        return HOST_PROT_NONE;
    switch (protect & 0xFF) {
    case PAGE_READONLY:          return HOST_PROT_READ;
    case PAGE_READWRITE:
    case PAGE_WRITECOPY:         return HOST_PROT_READ | HOST_PROT_WRITE;
    case PAGE_EXECUTE:
    case PAGE_EXECUTE_READ:      return HOST_PROT_READ | HOST_PROT_EXEC;
    case PAGE_EXECUTE_READWRITE:
    case PAGE_EXECUTE_WRITECOPY: return HOST_PROT_READ | HOST_PROT_WRITE | HOST_PROT_EXEC;
    default:                     return HOST_PROT_NONE;
    }
}

/* Exactly one base protection, optionally with PAGE_GUARD / PAGE_NOCACHE / PAGE_WRITECOMBINE. */
static bool valid_protect(ULONG protect)
{
    ULONG base = protect & 0xFF;
    if (protect & ~0x7FFu || !base || (base & (base - 1)))
        return false;
    return !((protect & PAGE_GUARD) && base == PAGE_NOACCESS);
}

static struct mm_address_space *space_of(PEPROCESS process)
{
    return process ? process->AddressSpace : NULL;
}

struct mm_region *MiFindRegionLocked(struct mm_address_space *as, ULONG_PTR address)
{
    for (PLIST_ENTRY e = as->Regions.Flink; e != &as->Regions; e = e->Flink) {
        struct mm_region *r = CONTAINING_RECORD(e, struct mm_region, Links);
        if (address < r->Base)
            return NULL;
        if (address - r->Base < r->Size)
            return r;
    }
    return NULL;
}

struct mm_region *MiNewRegion(ULONG_PTR base, SIZE_T size, ULONG type, ULONG protect)
{
    SIZE_T pages = size / page_size();
    struct mm_region *r = calloc(1, sizeof *r + pages * sizeof(ULONG));
    if (!r)
        return NULL;
    r->Base = base;
    r->Size = size;
    r->Type = type;
    r->AllocationProtect = protect;
    return r;
}

void MiInsertRegionLocked(struct mm_address_space *as, struct mm_region *region)
{
    PLIST_ENTRY e = as->Regions.Flink;
    while (e != &as->Regions && CONTAINING_RECORD(e, struct mm_region, Links)->Base < region->Base)
        e = e->Flink;
    InsertTailList(e, &region->Links);  /* inserts before e */
}

void MiSetPagesLocked(struct mm_region *r, ULONG_PTR start, ULONG_PTR end, ULONG value)
{
    for (ULONG_PTR a = start; a < end; a += page_size())
        r->Pages[(a - r->Base) / page_size()] = value;
}

NTSTATUS MmCreateAddressSpace(PEPROCESS process)
{
    struct mm_address_space *as = calloc(1, sizeof *as);
    if (!as)
        return STATUS_NO_MEMORY;
    InitializeListHead(&as->Regions);
    /* KUSER_SHARED_DATA is in every address space, read-only (ke mapped the page at boot). */
    struct mm_region *kusd = MiNewRegion(MM_SHARED_USER_DATA_VA, page_size(), MEM_PRIVATE, PAGE_READONLY);
    if (!kusd) {
        free(as);
        return STATUS_NO_MEMORY;
    }
    kusd->Fixed = TRUE;
    MiSetPagesLocked(kusd, kusd->Base, kusd->Base + kusd->Size, PAGE_READONLY | MM_PAGE_COMMITTED);
    MiInsertRegionLocked(as, kusd);
    process->AddressSpace = as;
    return STATUS_SUCCESS;
}

void MmDeleteAddressSpace(PEPROCESS process)
{
    struct mm_address_space *as = process->AddressSpace;
    if (!as)
        return;
    while (!IsListEmpty(&as->Regions)) {
        struct mm_region *r = CONTAINING_RECORD(as->Regions.Flink, struct mm_region, Links);
        RemoveEntryList(&r->Links);
        if (!r->Fixed)
            host_unmap((void *)r->Base, r->Size);
        if (r->Section)
            ObDereferenceObject(r->Section);
        free(r);
    }
    free(as);
    process->AddressSpace = NULL;
}

/* Reserves size bytes at *base, or anywhere when *base is 0: below 2 GiB with low4g (zero bits), at the
 * highest free address of the user range (or of the low 2 GiB) with top_down (MEM_TOP_DOWN). */
static NTSTATUS reserve(struct mm_address_space *as, ULONG_PTR *base, SIZE_T size, ULONG protect, bool low4g,
                        bool top_down)
{
    void *addr = (void *)*base;
    unsigned flags = HOST_MAP_NORESERVE | (addr ? HOST_MAP_FIXED : 0) | (low4g ? HOST_MAP_LOW4G : 0);
    NTSTATUS status;
    if (top_down && !addr)
        status = host_map_top_down(&addr, size, MM_ALLOCATION_GRANULARITY,
                                   low4g ? 0x80000000ull : MM_HIGHEST_USER_ADDRESS + 1, HOST_PROT_NONE,
                                   HOST_MAP_NORESERVE);
    else
        status = host_map(&addr, size, MM_ALLOCATION_GRANULARITY, HOST_PROT_NONE, flags);
    if (status != STATUS_SUCCESS)
        return status == STATUS_CONFLICTING_ADDRESSES ? status : STATUS_NO_MEMORY;
    struct mm_region *r = MiNewRegion((ULONG_PTR)addr, size, MEM_PRIVATE, protect);
    if (!r) {
        host_unmap(addr, size);
        return STATUS_NO_MEMORY;
    }
    host_lock_acquire(&as->Lock);
    MiInsertRegionLocked(as, r);
    host_lock_release(&as->Lock);
    *base = (ULONG_PTR)addr;
    return STATUS_SUCCESS;
}

/* Commits [start, end) inside one private region, with protect. */
static NTSTATUS commit(struct mm_address_space *as, ULONG_PTR start, ULONG_PTR end, ULONG protect)
{
    host_lock_acquire(&as->Lock);
    struct mm_region *r = MiFindRegionLocked(as, start);
    NTSTATUS status = STATUS_SUCCESS;
    if (!r || end - r->Base > r->Size)
        status = STATUS_CONFLICTING_ADDRESSES;
    else if (r->Fixed)
        status = STATUS_ACCESS_DENIED;
    else
        status = host_protect((void *)start, end - start, MiHostProtection(protect));
    if (status == STATUS_SUCCESS)
        MiSetPagesLocked(r, start, end, protect | MM_PAGE_COMMITTED);
    host_lock_release(&as->Lock);
    return status;
}

/* The process behind handle, referenced; *remote when it lives in another host, whose ntexec does the
 * work (PsRemoteMemoryRequest). */
static NTSTATUS reference_any_process(HANDLE handle, PEPROCESS *process, bool *remote)
{
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsProcessType, (void **)process);
    if (status != STATUS_SUCCESS)
        return status;
    *remote = (*process)->Remote;
    if (!*remote && !space_of(*process)) {
        ObDereferenceObject(*process);
        return STATUS_PROCESS_IS_TERMINATING;   /* a process of this host that has ended */
    }
    return STATUS_SUCCESS;
}

/* The process behind handle, referenced, when its address space is in this host. */
NTSTATUS MiReferenceProcess(HANDLE handle, PEPROCESS *process)
{
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsProcessType, (void **)process);
    if (status != STATUS_SUCCESS)
        return status;
    if (!space_of(*process)) {
        ObDereferenceObject(*process);
        return STATUS_NOT_SUPPORTED;  /* another host process: reached through its own ntexec */
    }
    return STATUS_SUCCESS;
}

NTSTATUS MiAllocateVirtual(PEPROCESS process, PVOID *base, SIZE_T size, ULONG protect, BOOLEAN low4g)
{
    struct mm_address_space *as = space_of(process);
    ULONG_PTR addr = 0;
    size = round_up(size, page_size());
    NTSTATUS status = reserve(as, &addr, size, protect, low4g, false);
    if (status == STATUS_SUCCESS)
        status = commit(as, addr, addr + size, protect);
    *base = (PVOID)addr;
    return status;
}

NTSTATUS MiProtectPages(PEPROCESS process, PVOID base, SIZE_T size, ULONG protect)
{
    return commit(space_of(process), (ULONG_PTR)base, (ULONG_PTR)base + size, protect);
}

NTSTATUS WINAPI NtAllocateVirtualMemory(HANDLE process_handle, PVOID *base, ULONG_PTR zero_bits, PSIZE_T size,
                                        ULONG type, ULONG protect)
{
    PROBE_FOR_WRITE(base, sizeof *base);
    PROBE_FOR_WRITE(size, sizeof *size);
    if (!base || !size || !*size || zero_bits > 32)
        return STATUS_INVALID_PARAMETER;
    if (!(type & (MEM_COMMIT | MEM_RESERVE | MEM_RESET)) || (type & ~(MEM_COMMIT | MEM_RESERVE | MEM_RESET |
                                                                         MEM_TOP_DOWN | MEM_RESET_UNDO)))
        return STATUS_INVALID_PARAMETER;
    if (!valid_protect(protect))
        return STATUS_INVALID_PAGE_PROTECTION;
    ULONG_PTR addr = (ULONG_PTR)*base;
    if (addr > MM_HIGHEST_USER_ADDRESS || *size > MM_HIGHEST_USER_ADDRESS - addr)
        return STATUS_INVALID_PARAMETER;
    PEPROCESS process;
    bool remote;
    NTSTATUS status = reference_any_process(process_handle, &process, &remote);
    if (status != STATUS_SUCCESS)
        return status;
    if (remote) {
        ULONG64 args[4] = {addr, *size, type, protect}, results[3];
        status = PsRemoteMemoryRequest(process, PS_REMOTE_ALLOCATE, args, results, NULL);
        if (status == STATUS_SUCCESS) {
            *base = (PVOID)(ULONG_PTR)results[0];
            *size = (SIZE_T)results[1];
        }
        ObDereferenceObject(process);
        return status;
    }
    struct mm_address_space *as = space_of(process);
    ULONG_PTR start, end;
    if (type & MEM_RESET) {
        start = round_up(addr, page_size());
        end = round_down(addr + *size, page_size());
        status = end > start ? host_discard((void *)start, end - start) : STATUS_SUCCESS;
    } else if ((type & MEM_RESERVE) || !addr) {
        /* A reservation starts on the allocation granularity and covers whole pages. */
        start = round_down(addr, MM_ALLOCATION_GRANULARITY);
        end = round_up(addr + *size, page_size());
        status = reserve(as, &start, end - start, protect, zero_bits != 0, (type & MEM_TOP_DOWN) != 0);
        end = start + (end - round_down(addr, MM_ALLOCATION_GRANULARITY));
        if (status == STATUS_SUCCESS && (type & MEM_COMMIT))
            status = commit(as, start, end, protect);
    } else {
        start = round_down(addr, page_size());
        end = round_up(addr + *size, page_size());
        status = commit(as, start, end, protect);
        if (status == STATUS_CONFLICTING_ADDRESSES)
            status = STATUS_MEMORY_NOT_ALLOCATED;
    }
    if (status == STATUS_SUCCESS) {
        *base = (PVOID)start;
        *size = end - start;
    }
    ObDereferenceObject(process);
    return status;
}

static NTSTATUS release_locked(struct mm_address_space *as, struct mm_region *r)
{
    if (r->Type != MEM_PRIVATE || r->Fixed)
        return STATUS_UNABLE_TO_DELETE_SECTION;
    RemoveEntryList(&r->Links);
    host_unmap((void *)r->Base, r->Size);
    free(r);
    (void)as;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtFreeVirtualMemory(HANDLE process_handle, PVOID *base, PSIZE_T size, ULONG type)
{
    PROBE_FOR_WRITE(base, sizeof *base);
    PROBE_FOR_WRITE(size, sizeof *size);
    if (!base || !size || (type != MEM_RELEASE && type != MEM_DECOMMIT))
        return STATUS_INVALID_PARAMETER;
    PEPROCESS process;
    bool remote;
    NTSTATUS status = reference_any_process(process_handle, &process, &remote);
    if (status != STATUS_SUCCESS)
        return status;
    if (remote) {
        ULONG64 args[4] = {(ULONG_PTR)*base, *size, type, 0}, results[3];
        status = PsRemoteMemoryRequest(process, PS_REMOTE_FREE, args, results, NULL);
        if (status == STATUS_SUCCESS) {
            *base = (PVOID)(ULONG_PTR)results[0];
            *size = (SIZE_T)results[1];
        }
        ObDereferenceObject(process);
        return status;
    }
    struct mm_address_space *as = space_of(process);
    ULONG_PTR addr = (ULONG_PTR)*base;
    host_lock_acquire(&as->Lock);
    struct mm_region *r = MiFindRegionLocked(as, addr);
    if (!r) {
        status = STATUS_MEMORY_NOT_ALLOCATED;
    } else if (type == MEM_RELEASE) {
        if (*size != 0)
            status = STATUS_INVALID_PARAMETER;
        else if (addr != r->Base)
            status = STATUS_FREE_VM_NOT_AT_BASE;
        else {
            *size = r->Size;
            status = release_locked(as, r);
        }
    } else {
        ULONG_PTR start = round_down(addr, page_size());
        ULONG_PTR end = *size ? round_up(addr + *size, page_size()) : r->Base + r->Size;
        if (end - r->Base > r->Size || r->Type != MEM_PRIVATE) {
            status = STATUS_UNABLE_TO_FREE_VM;
        } else {
            host_protect((void *)start, end - start, HOST_PROT_NONE);
            host_discard((void *)start, end - start);
            MiSetPagesLocked(r, start, end, 0);
            *base = (PVOID)start;
            *size = end - start;
        }
    }
    host_lock_release(&as->Lock);
    ObDereferenceObject(process);
    return status;
}

/* Whether the pages of [start, end) in r already have the host protection protect asks for: then only
 * the Windows protection changes (PAGE_WRITECOPY <-> PAGE_READWRITE, as the loader does for every
 * relocation and import page it patches), and no mprotect is needed. */
static bool same_host_protection(const struct mm_region *r, ULONG_PTR start, ULONG_PTR end, ULONG protect)
{
    unsigned want = MiHostProtection(protect);
    for (ULONG_PTR a = start; a < end; a += page_size())
        if (MiHostProtection(r->Pages[(a - r->Base) / page_size()] & ~MM_PAGE_COMMITTED) != want)
            return false;
    return true;
}

NTSTATUS WINAPI NtProtectVirtualMemory(HANDLE process_handle, PVOID *base, PSIZE_T size, ULONG protect, PULONG old)
{
    PROBE_FOR_WRITE(base, sizeof *base);
    PROBE_FOR_WRITE(size, sizeof *size);
    PROBE_FOR_WRITE(old, sizeof *old);
    if (!base || !size || !old)
        return STATUS_INVALID_PARAMETER;
    *old = 0;
    if (!valid_protect(protect))
        return STATUS_INVALID_PAGE_PROTECTION;
    PEPROCESS process;
    bool remote;
    NTSTATUS status = reference_any_process(process_handle, &process, &remote);
    if (status != STATUS_SUCCESS)
        return status;
    if (remote) {
        ULONG64 args[4] = {(ULONG_PTR)*base, *size, protect, 0}, results[3];
        status = PsRemoteMemoryRequest(process, PS_REMOTE_PROTECT, args, results, NULL);
        if (status == STATUS_SUCCESS) {
            *base = (PVOID)(ULONG_PTR)results[0];
            *size = (SIZE_T)results[1];
            *old = (ULONG)results[2];
        }
        ObDereferenceObject(process);
        return status;
    }
    struct mm_address_space *as = space_of(process);
    ULONG_PTR start = round_down((ULONG_PTR)*base, page_size());
    ULONG_PTR end = round_up((ULONG_PTR)*base + *size, page_size());
    host_lock_acquire(&as->Lock);
    struct mm_region *r = MiFindRegionLocked(as, start);
    if (!r || end <= start || end - r->Base > r->Size) {
        status = STATUS_CONFLICTING_ADDRESSES;
    } else {
        for (ULONG_PTR a = start; a < end && status == STATUS_SUCCESS; a += page_size())
            if (!(r->Pages[(a - r->Base) / page_size()] & MM_PAGE_COMMITTED))
                status = STATUS_NOT_COMMITTED;
        if (status == STATUS_SUCCESS && r->Fixed)
            status = STATUS_ACCESS_DENIED;
        if (status == STATUS_SUCCESS && !same_host_protection(r, start, end, protect))
            status = host_protect((void *)start, end - start, MiHostProtection(protect));
        if (status == STATUS_SUCCESS) {
            *old = r->Pages[(start - r->Base) / page_size()] & ~MM_PAGE_COMMITTED;
            MiSetPagesLocked(r, start, end, protect | MM_PAGE_COMMITTED);
            *base = (PVOID)start;
            *size = end - start;
        }
    }
    host_lock_release(&as->Lock);
    ObDereferenceObject(process);
    return status;
}

/* MEMORY_BASIC_INFORMATION for the run of pages at address with the same state and protection. */
static void query_locked(struct mm_address_space *as, ULONG_PTR address, MEMORY_BASIC_INFORMATION *mbi)
{
    ULONG_PTR page = round_down(address, page_size());
    memset(mbi, 0, sizeof *mbi);
    mbi->BaseAddress = (PVOID)page;
    struct mm_region *r = MiFindRegionLocked(as, page);
    if (!r) {
        ULONG_PTR next = MM_HIGHEST_USER_ADDRESS + 1;
        for (PLIST_ENTRY e = as->Regions.Flink; e != &as->Regions; e = e->Flink) {
            struct mm_region *n = CONTAINING_RECORD(e, struct mm_region, Links);
            if (n->Base > page) {
                next = n->Base;
                break;
            }
        }
        mbi->RegionSize = next - page;
        mbi->State = MEM_FREE;
        mbi->Protect = PAGE_NOACCESS;
        return;
    }
    ULONG value = r->Pages[(page - r->Base) / page_size()];
    ULONG_PTR end = page;
    while (end - r->Base < r->Size && r->Pages[(end - r->Base) / page_size()] == value)
        end += page_size();
    mbi->AllocationBase = (PVOID)r->Base;
    mbi->AllocationProtect = r->AllocationProtect;
    mbi->RegionSize = end - page;
    mbi->State = value & MM_PAGE_COMMITTED ? MEM_COMMIT : MEM_RESERVE;
    mbi->Protect = value & MM_PAGE_COMMITTED ? value & ~MM_PAGE_COMMITTED : 0;
    mbi->Type = r->Type;
}

NTSTATUS WINAPI NtQueryVirtualMemory(HANDLE process_handle, PVOID base, ULONG info_class, PVOID info, SIZE_T length,
                                     PSIZE_T return_length)
{
    PROBE_FOR_WRITE(info, length);
    if (return_length)
        PROBE_FOR_WRITE(return_length, sizeof *return_length);
    if (info_class != 0)  /* MemoryBasicInformation */
        return STATUS_INVALID_INFO_CLASS;
    if (length < sizeof(MEMORY_BASIC_INFORMATION))
        return STATUS_INFO_LENGTH_MISMATCH;
    if ((ULONG_PTR)base > MM_HIGHEST_USER_ADDRESS)
        return STATUS_INVALID_PARAMETER;
    PEPROCESS process;
    bool remote;
    NTSTATUS status = reference_any_process(process_handle, &process, &remote);
    if (status != STATUS_SUCCESS)
        return status;
    if (remote) {
        ULONG64 args[4] = {(ULONG_PTR)base, 0, 0, 0};
        status = PsRemoteMemoryRequest(process, PS_REMOTE_QUERY, args, NULL, info);
        if (return_length && status == STATUS_SUCCESS)
            *return_length = sizeof(MEMORY_BASIC_INFORMATION);
        ObDereferenceObject(process);
        return status;
    }
    struct mm_address_space *as = space_of(process);
    host_lock_acquire(&as->Lock);
    query_locked(as, (ULONG_PTR)base, info);
    host_lock_release(&as->Lock);
    if (return_length)
        *return_length = sizeof(MEMORY_BASIC_INFORMATION);
    ObDereferenceObject(process);
    return STATUS_SUCCESS;
}

BOOLEAN MmHandleGuardPageFault(ULONG_PTR address)
{
    struct mm_address_space *as = space_of(PsGetCurrentProcess());
    if (!as)
        return FALSE;
    BOOLEAN guarded = FALSE;
    host_lock_acquire(&as->Lock);
    struct mm_region *r = MiFindRegionLocked(as, address);
    if (r) {
        ULONG_PTR page = round_down(address, page_size());
        ULONG *value = &r->Pages[(page - r->Base) / page_size()];
        if ((*value & MM_PAGE_COMMITTED) && (*value & PAGE_GUARD)) {
            *value &= ~(ULONG)PAGE_GUARD;
            host_protect((void *)page, page_size(), MiHostProtection(*value & ~MM_PAGE_COMMITTED));
            guarded = TRUE;
        }
    }
    host_lock_release(&as->Lock);
    return guarded;
}

NTSTATUS WINAPI NtFlushInstructionCache(HANDLE process, PVOID base, SIZE_T size)
{
    /* x86 keeps instruction fetches coherent with stores. */
    (void)process;
    (void)base;
    (void)size;
    return STATUS_SUCCESS;
}

/* NtReadVirtualMemory / NtWriteVirtualMemory (MmCopyVirtualMemory): this process's memory through guarded
 * copies, another host's through the host (process_vm_readv/writev, or /proc/PID/mem for pages a guest
 * made read-only). A copy that stops part-way is STATUS_PARTIAL_COPY with the bytes that were copied. */
static NTSTATUS copy_virtual(HANDLE process_handle, ULONG_PTR remote_addr, PVOID local, SIZE_T size, bool write,
                             PSIZE_T done)
{
    if (write)
        PROBE_FOR_READ(local, size);   /* the source of a write may be read-only (a string literal) */
    else
        PROBE_FOR_WRITE(local, size);
    if (done)
        PROBE_FOR_WRITE(done, sizeof *done);
    SIZE_T copied = 0;
    PEPROCESS process;
    bool remote;
    NTSTATUS status = reference_any_process(process_handle, &process, &remote);
    if (status == STATUS_SUCCESS) {
        if (remote_addr > MM_HIGHEST_USER_ADDRESS || size > MM_HIGHEST_USER_ADDRESS - remote_addr + 1) {
            status = STATUS_ACCESS_VIOLATION;
        } else if (remote) {
            size_t n = 0;
            status = write ? host_process_write(process->UniqueProcessId, remote_addr, local, size, &n)
                           : host_process_read(process->UniqueProcessId, remote_addr, local, size, &n);
            copied = n;
        } else {
            uint64_t fault;
            PVOID dst = write ? (PVOID)remote_addr : local;
            const void *src = write ? local : (const void *)remote_addr;
            if (host_copy_guarded(dst, src, size, &fault)) {
                copied = size;
            } else {
                /* What a byte-wise copy gets before the fault, as Windows reports it. */
                for (copied = 0; copied < size; copied++)
                    if (!host_copy_guarded((BYTE *)dst + copied, (const BYTE *)src + copied, 1, &fault))
                        break;
                status = STATUS_PARTIAL_COPY;
            }
        }
        ObDereferenceObject(process);
    }
    if (done)
        *done = copied;
    return status;
}

NTSTATUS WINAPI NtReadVirtualMemory(HANDLE process, const void *base, PVOID buffer, SIZE_T size, PSIZE_T done)
{
    return copy_virtual(process, (ULONG_PTR)base, buffer, size, false, done);
}

NTSTATUS WINAPI NtWriteVirtualMemory(HANDLE process, PVOID base, const void *buffer, SIZE_T size, PSIZE_T done)
{
    return copy_virtual(process, (ULONG_PTR)base, (PVOID)buffer, size, true, done);
}
