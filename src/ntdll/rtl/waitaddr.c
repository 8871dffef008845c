/*
 * WaitOnAddress: a thread sleeps until another wakes the address, if the value there still equals the
 * one it compared against. Waiters queue in one of a fixed set of buckets (hashed by address), each
 * with its own lock, and each sleeps on a futex word of its own, so WakeByAddressSingle wakes exactly
 * the oldest waiter of that address (FIFO) and never one of another address sharing the bucket.
 */
#include <string.h>

#include "ke/ke.h"
#include "ntdll/rtl/sync.h"

struct address_waiter {
    struct address_waiter *next;
    const void *address;
    volatile uint32_t woken;
};

struct address_bucket {
    host_lock lock;
    struct address_waiter *head, **tail;
};

#define BUCKETS 256
static struct address_bucket buckets[BUCKETS];

static struct address_bucket *bucket_of(const void *address)
{
    ULONG_PTR a = (ULONG_PTR)address;
    a ^= a >> 17;
    a *= 0x9E3779B97F4A7C15ull;
    return &buckets[(a >> 32) % BUCKETS];
}

static bool same_value(const void *address, const void *compare, SIZE_T size)
{
    switch (size) {
    case 1: return __atomic_load_n((const volatile uint8_t *)address, __ATOMIC_SEQ_CST) == *(const uint8_t *)compare;
    case 2: return __atomic_load_n((const volatile uint16_t *)address, __ATOMIC_SEQ_CST) == *(const uint16_t *)compare;
    case 4: return __atomic_load_n((const volatile uint32_t *)address, __ATOMIC_SEQ_CST) == *(const uint32_t *)compare;
    default: return __atomic_load_n((const volatile uint64_t *)address, __ATOMIC_SEQ_CST) == *(const uint64_t *)compare;
    }
}

static void unlink_waiter(struct address_bucket *b, struct address_waiter *w)
{
    for (struct address_waiter **p = &b->head; *p; p = &(*p)->next) {
        if (*p == w) {
            *p = w->next;
            if (b->tail == &w->next)
                b->tail = p;
            return;
        }
    }
}

NTSTATUS WINAPI RtlWaitOnAddress(const void *address, const void *compare, SIZE_T size, const LARGE_INTEGER *timeout)
{
    if (size != 1 && size != 2 && size != 4 && size != 8)
        return STATUS_INVALID_PARAMETER;
    int64_t deadline = KeTimeoutDeadline(timeout);
    struct address_bucket *b = bucket_of(address);
    struct address_waiter w = {NULL, address, 0};
    host_lock_acquire(&b->lock);
    /* Compared under the bucket lock: a waker that changed the value first is seen here, one that
     * changes it later takes the lock after this waiter is queued. */
    if (!same_value(address, compare, size)) {
        host_lock_release(&b->lock);
        return STATUS_SUCCESS;
    }
    if (!b->tail)
        b->tail = &b->head;    /* the bucket's first use */
    *b->tail = &w;
    b->tail = &w.next;
    host_lock_release(&b->lock);
    while (!__atomic_load_n(&w.woken, __ATOMIC_ACQUIRE)) {
        if (RtlpFutexWaitUntil(&w.woken, 0, deadline) == STATUS_TIMEOUT) {
            host_lock_acquire(&b->lock);
            bool woken = __atomic_load_n(&w.woken, __ATOMIC_ACQUIRE);
            if (!woken)
                unlink_waiter(b, &w);
            host_lock_release(&b->lock);
            return woken ? STATUS_SUCCESS : STATUS_TIMEOUT;
        }
    }
    /* The waker has unlinked us and is done with w once it set woken (it wakes under the lock). */
    host_lock_acquire(&b->lock);
    host_lock_release(&b->lock);
    return STATUS_SUCCESS;
}

static void wake_address(const void *address, bool all)
{
    struct address_bucket *b = bucket_of(address);
    host_lock_acquire(&b->lock);
    struct address_waiter **p = &b->head;
    while (*p) {
        struct address_waiter *w = *p;
        if (w->address != address) {
            p = &w->next;
            continue;
        }
        *p = w->next;
        if (b->tail == &w->next)
            b->tail = p;
        __atomic_store_n(&w->woken, 1, __ATOMIC_RELEASE);
        host_futex_wake(&w->woken, 1);
        if (!all)
            break;
    }
    host_lock_release(&b->lock);
}

void WINAPI RtlWakeAddressSingle(const void *address)
{
    wake_address(address, false);
}

void WINAPI RtlWakeAddressAll(const void *address)
{
    wake_address(address, true);
}
