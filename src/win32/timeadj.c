/* Setting the clock: what a process without SeSystemtimePrivilege (any non-elevated one) gets on Windows. */
#include "win32/k32.h"

/* No adjustment is in effect: the adjustment equals the clock interrupt interval (15.625 ms, Windows'
 * default period), and time adjustment is disabled. */
BOOL WINAPI GetSystemTimeAdjustment(DWORD *adjustment, DWORD *increment, BOOL *disabled)
{
    *adjustment = 156250;
    *increment = 156250;
    *disabled = TRUE;
    return TRUE;
}

BOOL WINAPI SetSystemTime(const SYSTEMTIME *st)
{
    (void)st;
    SetLastError(ERROR_PRIVILEGE_NOT_HELD);
    return FALSE;
}

BOOL WINAPI SetLocalTime(const SYSTEMTIME *st)
{
    (void)st;
    SetLastError(ERROR_PRIVILEGE_NOT_HELD);
    return FALSE;
}
