/* Clocks: tick counts, the performance counter, system and local time, FILETIME <-> SYSTEMTIME. */
#include <string.h>

#include "ke/ke.h"
#include "ke/timezone.h"
#include "win32/k32.h"

/* The performance counter runs at 10 MHz, as on current Windows (QueryPerformanceFrequency). */
#define QPC_FREQUENCY 10000000LL

/* A KUSER_SHARED_DATA time, as the clock thread last wrote it: the writer stores High2Time first and
 * High1Time last, so a read whose two high parts agree is consistent. */
static ULONGLONG shared_time(const volatile KSYSTEM_TIME *t)
{
    LONG high;
    ULONG low;
    do {
        high = t->High1Time;
        low = t->LowPart;
    } while (high != t->High2Time);
    return (ULONGLONG)(ULONG)high << 32 | low;
}

/* The current UTC - local time in 100 ns units (KUSER_SHARED_DATA.TimeZoneBias, which the clock thread
 * looks up again every second). */
static LONGLONG current_bias(void)
{
    return (LONGLONG)shared_time(&((const KUSER_SHARED_DATA *)MM_SHARED_USER_DATA_VA)->TimeZoneBias);
}

/* Milliseconds since boot, moving at the host kernel's tick (Windows' at its clock interrupt). */
ULONGLONG WINAPI GetTickCount64(void)
{
    return KeQueryTickCount();
}

DWORD WINAPI GetTickCount(void)
{
    return (DWORD)GetTickCount64();
}

BOOL WINAPI QueryPerformanceCounter(PLARGE_INTEGER counter)
{
    counter->QuadPart = (LONGLONG)KeQueryInterruptTimePrecise();   /* 100 ns units == 10 MHz */
    return TRUE;
}

BOOL WINAPI QueryPerformanceFrequency(PLARGE_INTEGER frequency)
{
    frequency->QuadPart = QPC_FREQUENCY;
    return TRUE;
}

void WINAPI GetSystemTimeAsFileTime(LPFILETIME ft)
{
    LARGE_INTEGER now;
    NtQuerySystemTime(&now);
    ft->dwLowDateTime = now.LowPart;
    ft->dwHighDateTime = (DWORD)now.HighPart;
}

void WINAPI GetSystemTimePreciseAsFileTime(LPFILETIME ft)
{
    GetSystemTimeAsFileTime(ft);
}

/* Days from 1601-01-01 to a date in the proleptic Gregorian calendar. */
static LONGLONG days_from_1601(LONGLONG y, LONGLONG m, LONGLONG d)
{
    y -= m <= 2;
    LONGLONG era = (y >= 0 ? y : y - 399) / 400;
    LONGLONG yoe = y - era * 400;
    LONGLONG doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    LONGLONG doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 584694;   /* 584694: days from 0000-03-01 to 1601-01-01 */
}

BOOL WINAPI FileTimeToSystemTime(const FILETIME *ft, LPSYSTEMTIME st)
{
    ULONGLONG t = (ULONGLONG)ft->dwHighDateTime << 32 | ft->dwLowDateTime;
    if (t >= 0x8000000000000000ull) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ULONGLONG ms_total = t / 10000;
    LONGLONG days = (LONGLONG)(ms_total / 86400000);
    ULONGLONG ms = ms_total % 86400000;
    st->wMilliseconds = (WORD)(ms % 1000);
    st->wSecond = (WORD)(ms / 1000 % 60);
    st->wMinute = (WORD)(ms / 60000 % 60);
    st->wHour = (WORD)(ms / 3600000);
    st->wDayOfWeek = (WORD)((days + 1) % 7);   /* 1601-01-01 was a Monday */
    /* civil-from-days, counted from 0000-03-01 */
    LONGLONG z = days + 584694;
    LONGLONG era = z / 146097, doe = z - era * 146097;
    LONGLONG yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    LONGLONG doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    LONGLONG mp = (5 * doy + 2) / 153;
    LONGLONG d = doy - (153 * mp + 2) / 5 + 1;
    LONGLONG m = mp < 10 ? mp + 3 : mp - 9;
    st->wYear = (WORD)(yoe + era * 400 + (m <= 2));
    st->wMonth = (WORD)m;
    st->wDay = (WORD)d;
    return TRUE;
}

BOOL WINAPI SystemTimeToFileTime(const SYSTEMTIME *st, LPFILETIME ft)
{
    static const BYTE month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (st->wYear % 4 == 0 && st->wYear % 100 != 0) || st->wYear % 400 == 0;
    if (st->wYear < 1601 || st->wYear > 30827 || st->wMonth < 1 || st->wMonth > 12 || st->wDay < 1 ||
        st->wDay > month_days[st->wMonth - 1] + (st->wMonth == 2 && leap) || st->wHour > 23 || st->wMinute > 59 ||
        st->wSecond > 59 || st->wMilliseconds > 999) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    LONGLONG days = days_from_1601(st->wYear, st->wMonth, st->wDay);
    ULONGLONG t = (((ULONGLONG)days * 24 + st->wHour) * 60 + st->wMinute) * 60 + st->wSecond;
    t = (t * 1000 + st->wMilliseconds) * 10000;
    ft->dwLowDateTime = (DWORD)t;
    ft->dwHighDateTime = (DWORD)(t >> 32);
    return TRUE;
}

void WINAPI GetSystemTime(LPSYSTEMTIME st)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    FileTimeToSystemTime(&ft, st);
}

/* UTC -> local time with the current bias (KUSER_SHARED_DATA.TimeZoneBias), as Windows does: the
 * bias of now, not of the converted instant. */
BOOL WINAPI FileTimeToLocalFileTime(const FILETIME *utc, LPFILETIME local)
{
    LONGLONG t = (LONGLONG)((ULONGLONG)utc->dwHighDateTime << 32 | utc->dwLowDateTime) - current_bias();
    local->dwLowDateTime = (DWORD)t;
    local->dwHighDateTime = (DWORD)((ULONGLONG)t >> 32);
    return TRUE;
}

/* The inverse, with the same current bias (Windows applies today's, not the one in force at the time). */
BOOL WINAPI LocalFileTimeToFileTime(const FILETIME *local, LPFILETIME utc)
{
    LONGLONG t = (LONGLONG)((ULONGLONG)local->dwHighDateTime << 32 | local->dwLowDateTime) + current_bias();
    utc->dwLowDateTime = (DWORD)t;
    utc->dwHighDateTime = (DWORD)((ULONGLONG)t >> 32);
    return TRUE;
}

void WINAPI GetLocalTime(LPSYSTEMTIME st)
{
    FILETIME ft, local;
    GetSystemTimeAsFileTime(&ft);
    FileTimeToLocalFileTime(&ft, &local);
    FileTimeToSystemTime(&local, st);
}

LONG WINAPI CompareFileTime(const FILETIME *a, const FILETIME *b)
{
    ULONGLONG x = (ULONGLONG)a->dwHighDateTime << 32 | a->dwLowDateTime;
    ULONGLONG y = (ULONGLONG)b->dwHighDateTime << 32 | b->dwLowDateTime;
    return x < y ? -1 : x > y;
}

static void rule_to_systemtime(const TIME_FIELDS *f, SYSTEMTIME *st)
{
    st->wYear = (WORD)f->Year;
    st->wMonth = (WORD)f->Month;
    st->wDayOfWeek = (WORD)f->Weekday;
    st->wDay = (WORD)f->Day;
    st->wHour = (WORD)f->Hour;
    st->wMinute = (WORD)f->Minute;
    st->wSecond = (WORD)f->Second;
    st->wMilliseconds = (WORD)f->Milliseconds;
}

static void zone_to_win32(const RTL_TIME_ZONE_INFORMATION *rtl, LPTIME_ZONE_INFORMATION tzi)
{
    tzi->Bias = rtl->Bias;
    memcpy(tzi->StandardName, rtl->StandardName, sizeof tzi->StandardName);
    memcpy(tzi->DaylightName, rtl->DaylightName, sizeof tzi->DaylightName);
    rule_to_systemtime(&rtl->StandardStart, &tzi->StandardDate);
    rule_to_systemtime(&rtl->DaylightStart, &tzi->DaylightDate);
    tzi->StandardBias = rtl->StandardBias;
    tzi->DaylightBias = rtl->DaylightBias;
}

/*
 * GetTimeZoneInformationForYear: the local zone with the daylight-saving rules of that year, from the
 * host's zone data (which knows each year's transitions, as Windows' dynamic DST entries do). A
 * DYNAMIC_TIME_ZONE_INFORMATION names a zone of Windows' time-zone database by its registry key; there is
 * no such database here, so a named zone is not found (ERROR_FILE_NOT_FOUND, as for a key that is absent).
 */
BOOL WINAPI GetTimeZoneInformationForYear(USHORT year, const void *dynamic, LPTIME_ZONE_INFORMATION tzi)
{
    if (dynamic) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return FALSE;
    }
    RTL_TIME_ZONE_INFORMATION rtl;
    NTSTATUS status = KeQueryTimeZoneInformationForYear(year, &rtl);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    zone_to_win32(&rtl, tzi);
    return TRUE;
}

/* The zone's bias, names and yearly DST rules; which of them applies now comes from the current bias
 * (KUSER_SHARED_DATA.TimeZoneBias), as on Windows. */
DWORD WINAPI GetTimeZoneInformation(LPTIME_ZONE_INFORMATION tzi)
{
    RTL_TIME_ZONE_INFORMATION rtl;
    NTSTATUS status = KeQueryTimeZoneInformation(&rtl);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNTError(status);
        return (DWORD)-1;
    }
    zone_to_win32(&rtl, tzi);
    if (!tzi->DaylightDate.wMonth)
        return TIME_ZONE_ID_UNKNOWN;
    return current_bias() / 600000000 == tzi->Bias + tzi->DaylightBias ? TIME_ZONE_ID_DAYLIGHT
                                                                        : TIME_ZONE_ID_STANDARD;
}
