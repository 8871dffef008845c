/*
 * winmm.dll: the multimedia timer functions runtimes use (Go's runtime resolves timeBeginPeriod and
 * timeEndPeriod at start-up and panics without them). ntexec's waits are host futex/nanosleep waits
 * with nanosecond resolution, so the requested period changes nothing; the calls still check their
 * arguments and keep the count of Begin/End pairs, as winmm does.
 */
#include "io/builtin.h"
#include "win32/k32.h"

BOOL WINAPI QueryPerformanceCounter(PLARGE_INTEGER counter);

#define TIMERR_NOERROR 0
#define TIMERR_NOCANDO 97
/* The range winmm reports on current Windows (timeGetDevCaps). */
#define PERIOD_MIN 1u
#define PERIOD_MAX 1000000u

typedef struct {
    UINT wPeriodMin;
    UINT wPeriodMax;
} TIMECAPS;

static volatile LONG active_periods;

UINT WINAPI timeBeginPeriod(UINT period)
{
    if (period < PERIOD_MIN || period > PERIOD_MAX)
        return TIMERR_NOCANDO;
    __atomic_add_fetch(&active_periods, 1, __ATOMIC_RELAXED);
    return TIMERR_NOERROR;
}

UINT WINAPI timeEndPeriod(UINT period)
{
    if (period < PERIOD_MIN || period > PERIOD_MAX)
        return TIMERR_NOCANDO;
    LONG n = __atomic_load_n(&active_periods, __ATOMIC_RELAXED);
    do {
        if (n == 0)
            return TIMERR_NOCANDO;   /* an End without its Begin */
    } while (!__atomic_compare_exchange_n(&active_periods, &n, n - 1, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED));
    return TIMERR_NOERROR;
}

/* Milliseconds since boot, from the interrupt time, as winmm computes it. */
DWORD WINAPI timeGetTime(void)
{
    LARGE_INTEGER t;
    QueryPerformanceCounter(&t);   /* 10 MHz: the interrupt time */
    return (DWORD)(t.QuadPart / 10000);
}

UINT WINAPI timeGetDevCaps(TIMECAPS *caps, UINT size)
{
    if (!caps || size != sizeof *caps)
        return TIMERR_NOCANDO;
    caps->wPeriodMin = PERIOD_MIN;
    caps->wPeriodMax = PERIOD_MAX;
    return TIMERR_NOERROR;
}

/* MMTIME: the type and, for TIME_MS, the milliseconds; filled only when the size covers it (winmm answers
 * TIMERR_NOERROR either way). */
#define TIME_MS 1
typedef struct {
    UINT wType;
    union {
        DWORD ms;
        BYTE other[8];
    } u;
} MMTIME;

UINT WINAPI timeGetSystemTime(MMTIME *t, UINT size)
{
    if (t && size >= sizeof *t) {
        t->wType = TIME_MS;
        t->u.ms = timeGetTime();
    }
    return TIMERR_NOERROR;
}

/* Sound: ntexec has no audio device, so a sound never plays and PlaySound answers FALSE, as Windows does
 * when it cannot play one; stopping (no sound named) succeeds, there being nothing to stop. */
BOOL WINAPI PlaySoundW(LPCWSTR sound, HMODULE module, DWORD flags)
{
    (void)module, (void)flags;
    return sound == NULL;
}

BOOL WINAPI PlaySoundA(LPCSTR sound, HMODULE module, DWORD flags)
{
    (void)module, (void)flags;
    return sound == NULL;
}

BOOL WINAPI sndPlaySoundW(LPCWSTR sound, UINT flags)
{
    (void)flags;
    return sound == NULL;
}

BOOL WINAPI sndPlaySoundA(LPCSTR sound, UINT flags)
{
    (void)flags;
    return sound == NULL;
}

static const struct builtin_export winmm_exports[] = {
    BUILTIN_FUNCTION("timeBeginPeriod", timeBeginPeriod),
    BUILTIN_FUNCTION("timeEndPeriod", timeEndPeriod),
    BUILTIN_FUNCTION("timeGetDevCaps", timeGetDevCaps),
    BUILTIN_FUNCTION("timeGetTime", timeGetTime),
    BUILTIN_FUNCTION("timeGetSystemTime", timeGetSystemTime),
    BUILTIN_FUNCTION("PlaySoundA", PlaySoundA),
    BUILTIN_FUNCTION("PlaySoundW", PlaySoundW),
    BUILTIN_FUNCTION("sndPlaySoundA", sndPlaySoundA),
    BUILTIN_FUNCTION("sndPlaySoundW", sndPlaySoundW),
};

static const struct builtin_dll winmm = {
    .name = "WINMM.dll",
    .exports = winmm_exports,
    .nexports = ARRAY_SIZE(winmm_exports),
};
BUILTIN_DLL(winmm);
