/*
 * Bitmaps (RTL_BITMAP): a count of bits over a caller's buffer of ULONGs, bit i in ULONG i / 32 at
 * position i % 32, as Windows lays them out (the loader's TLS bitmap and many programs' slot allocators
 * use them). Pure: no allocation, no calls out of this file but RtlpBitmap* helpers.
 */
#include "rtl/rtl.h"

#define NOT_FOUND 0xFFFFFFFFu

void WINAPI RtlInitializeBitMap(PRTL_BITMAP bitmap, PULONG buffer, ULONG size)
{
    bitmap->SizeOfBitMap = size;
    bitmap->Buffer = buffer;
}

static inline bool test_bit(const RTL_BITMAP *b, ULONG i)
{
    return (b->Buffer[i >> 5] >> (i & 31)) & 1;
}

BOOLEAN WINAPI RtlTestBit(PRTL_BITMAP bitmap, ULONG index)
{
    return index < bitmap->SizeOfBitMap && test_bit(bitmap, index);
}

/* Whole ULONGs: Windows fills the buffer's last ULONG entirely, the bits past SizeOfBitMap included. */
void WINAPI RtlSetAllBits(PRTL_BITMAP bitmap)
{
    for (ULONG i = 0; i < (bitmap->SizeOfBitMap + 31) / 32; i++)
        bitmap->Buffer[i] = 0xFFFFFFFFu;
}

void WINAPI RtlClearAllBits(PRTL_BITMAP bitmap)
{
    for (ULONG i = 0; i < (bitmap->SizeOfBitMap + 31) / 32; i++)
        bitmap->Buffer[i] = 0;
}

static void change_bits(PRTL_BITMAP b, ULONG start, ULONG count, bool set)
{
    for (ULONG i = start; i < start + count; i++) {
        if ((i & 31) == 0 && start + count - i >= 32) {   /* a whole ULONG at once */
            b->Buffer[i >> 5] = set ? 0xFFFFFFFFu : 0;
            i += 31;
            continue;
        }
        if (set)
            b->Buffer[i >> 5] |= 1u << (i & 31);
        else
            b->Buffer[i >> 5] &= ~(1u << (i & 31));
    }
}

/* The range must lie inside the bitmap (the caller's contract, as on Windows); what lies outside is left. */
void WINAPI RtlSetBits(PRTL_BITMAP bitmap, ULONG start, ULONG count)
{
    if (start < bitmap->SizeOfBitMap && count <= bitmap->SizeOfBitMap - start)
        change_bits(bitmap, start, count, true);
}

void WINAPI RtlClearBits(PRTL_BITMAP bitmap, ULONG start, ULONG count)
{
    if (start < bitmap->SizeOfBitMap && count <= bitmap->SizeOfBitMap - start)
        change_bits(bitmap, start, count, false);
}

static bool all_bits(const RTL_BITMAP *b, ULONG start, ULONG count, bool set)
{
    if (!count || start >= b->SizeOfBitMap || count > b->SizeOfBitMap - start)
        return false;
    for (ULONG i = start; i < start + count; i++)
        if (test_bit(b, i) != set)
            return false;
    return true;
}

BOOLEAN WINAPI RtlAreBitsSet(PRTL_BITMAP bitmap, ULONG start, ULONG count)
{
    return all_bits(bitmap, start, count, true);
}

BOOLEAN WINAPI RtlAreBitsClear(PRTL_BITMAP bitmap, ULONG start, ULONG count)
{
    return all_bits(bitmap, start, count, false);
}

static ULONG count_bits(const RTL_BITMAP *b, bool set)
{
    ULONG n = 0;
    for (ULONG i = 0; i < b->SizeOfBitMap; i++)
        n += test_bit(b, i) == set;
    return n;
}

ULONG WINAPI RtlNumberOfSetBits(PRTL_BITMAP bitmap)
{
    return count_bits(bitmap, true);
}

ULONG WINAPI RtlNumberOfClearBits(PRTL_BITMAP bitmap)
{
    return count_bits(bitmap, false);
}

/* The first run of count bits in the wanted state, searched from hint to the end, then from the start up
 * to hint (a hint past the end means 0); NOT_FOUND when none. */
static ULONG find_bits(const RTL_BITMAP *b, ULONG count, ULONG hint, bool set)
{
    ULONG size = b->SizeOfBitMap;
    if (!count || count > size)
        return NOT_FOUND;
    if (hint >= size)
        hint = 0;
    for (ULONG pos = hint; pos + count <= size; pos++)
        if (all_bits(b, pos, count, set))
            return pos;
    for (ULONG pos = 0; pos < hint && pos + count <= size; pos++)
        if (all_bits(b, pos, count, set))
            return pos;
    return NOT_FOUND;
}

ULONG WINAPI RtlFindClearBits(PRTL_BITMAP bitmap, ULONG count, ULONG hint)
{
    return find_bits(bitmap, count, hint, false);
}

ULONG WINAPI RtlFindSetBits(PRTL_BITMAP bitmap, ULONG count, ULONG hint)
{
    return find_bits(bitmap, count, hint, true);
}

ULONG WINAPI RtlFindClearBitsAndSet(PRTL_BITMAP bitmap, ULONG count, ULONG hint)
{
    ULONG pos = find_bits(bitmap, count, hint, false);
    if (pos != NOT_FOUND)
        change_bits(bitmap, pos, count, true);
    return pos;
}

ULONG WINAPI RtlFindSetBitsAndClear(PRTL_BITMAP bitmap, ULONG count, ULONG hint)
{
    ULONG pos = find_bits(bitmap, count, hint, true);
    if (pos != NOT_FOUND)
        change_bits(bitmap, pos, count, false);
    return pos;
}

/* The run of bits in the wanted state starting at or after from: its length (0 if none), *start its index. */
static ULONG next_run(const RTL_BITMAP *b, ULONG from, PULONG start, bool set)
{
    ULONG i = from;
    while (i < b->SizeOfBitMap && test_bit(b, i) != set)
        i++;
    *start = i;
    ULONG j = i;
    while (j < b->SizeOfBitMap && test_bit(b, j) == set)
        j++;
    if (i >= b->SizeOfBitMap)
        *start = NOT_FOUND;
    return j - i;
}

ULONG WINAPI RtlFindFirstRunClear(PRTL_BITMAP bitmap, PULONG start)
{
    return next_run(bitmap, 0, start, false);
}

ULONG WINAPI RtlFindNextForwardRunClear(PRTL_BITMAP bitmap, ULONG from, PULONG start)
{
    return next_run(bitmap, from, start, false);
}

ULONG WINAPI RtlFindLongestRunClear(PRTL_BITMAP bitmap, PULONG start)
{
    ULONG best = 0, best_start = NOT_FOUND, pos = 0, run_start;
    while (pos < bitmap->SizeOfBitMap) {
        ULONG len = next_run(bitmap, pos, &run_start, false);
        if (!len)
            break;
        if (len > best) {
            best = len;
            best_start = run_start;
        }
        pos = run_start + len;
    }
    *start = best_start;
    return best;
}
