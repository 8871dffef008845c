/*
 * Interlocked singly linked lists (SLIST_HEADER, x64 layout): Depth (16 bits) and Sequence (48 bits) in
 * the first quadword, the first entry's address >> 4 in bits 4-63 of the second. Every change replaces
 * the whole 16 bytes with one cmpxchg16b; a push bumps the sequence, so a pop that read a first entry
 * which was popped and pushed back meanwhile fails its exchange (no ABA).
 */
#include "rtl/rtl.h"

#define DEPTH_MASK   0xFFFFull
#define SEQUENCE_ONE 0x10000ull

static bool cmpxchg16b(volatile SLIST_HEADER *h, SLIST_HEADER *expected, SLIST_HEADER desired)
{
    bool ok;
    __asm__ volatile("lock cmpxchg16b %1"
                     : "=@ccz"(ok), "+m"(h->Value), "+a"(expected->Alignment), "+d"(expected->Region)
                     : "b"(desired.Alignment), "c"(desired.Region)
                     : "memory");
    return ok;
}

static SLIST_HEADER snapshot(volatile SLIST_HEADER *h)
{
    /* Two plain loads; a torn pair only makes the following cmpxchg16b fail and retry. */
    SLIST_HEADER s;
    s.Alignment = __atomic_load_n(&h->Alignment, __ATOMIC_ACQUIRE);
    s.Region = __atomic_load_n(&h->Region, __ATOMIC_ACQUIRE);
    return s;
}

static PSLIST_ENTRY first_of(const SLIST_HEADER *h)
{
    return (PSLIST_ENTRY)(h->Region & ~0xFull);
}

void WINAPI RtlInitializeSListHead(PSLIST_HEADER list)
{
    list->Alignment = 0;
    list->Region = 0;
}

PSLIST_ENTRY WINAPI RtlFirstEntrySList(const SLIST_HEADER *list)
{
    return first_of(list);
}

USHORT WINAPI RtlQueryDepthSList(PSLIST_HEADER list)
{
    return (USHORT)(__atomic_load_n(&list->Alignment, __ATOMIC_ACQUIRE) & DEPTH_MASK);
}

PSLIST_ENTRY WINAPI RtlInterlockedPushListSListEx(PSLIST_HEADER list, PSLIST_ENTRY first, PSLIST_ENTRY last,
                                                  ULONG count)
{
    SLIST_HEADER old = snapshot(list), new;
    do {
        last->Next = first_of(&old);
        new.Alignment = ((old.Alignment + count) & DEPTH_MASK) | ((old.Alignment & ~DEPTH_MASK) + SEQUENCE_ONE);
        new.Region = (ULONG_PTR)first | (old.Region & 0xFull);
    } while (!cmpxchg16b(list, &old, new));
    return first_of(&old);
}

PSLIST_ENTRY WINAPI RtlInterlockedPushEntrySList(PSLIST_HEADER list, PSLIST_ENTRY entry)
{
    return RtlInterlockedPushListSListEx(list, entry, entry, 1);
}

PSLIST_ENTRY WINAPI RtlInterlockedPopEntrySList(PSLIST_HEADER list)
{
    SLIST_HEADER old = snapshot(list), new;
    PSLIST_ENTRY first;
    do {
        first = first_of(&old);
        if (!first)
            return NULL;
        /* first may be popped and freed by another thread before our exchange; Windows resumes after
         * such a fault in ntdll, here the entry's memory must stay readable (heap blocks do). */
        new.Alignment = ((old.Alignment - 1) & DEPTH_MASK) | (old.Alignment & ~DEPTH_MASK);
        new.Region = (ULONG_PTR)__atomic_load_n(&first->Next, __ATOMIC_RELAXED) | (old.Region & 0xFull);
    } while (!cmpxchg16b(list, &old, new));
    return first;
}

PSLIST_ENTRY WINAPI RtlInterlockedFlushSList(PSLIST_HEADER list)
{
    SLIST_HEADER old = snapshot(list), new;
    do {
        if (!first_of(&old))
            return NULL;
        new.Alignment = old.Alignment & ~DEPTH_MASK;
        new.Region = old.Region & 0xFull;
    } while (!cmpxchg16b(list, &old, new));
    return first_of(&old);
}
