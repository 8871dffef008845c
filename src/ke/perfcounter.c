/*
 * NtQueryPerformanceCounter: the counter QueryPerformanceCounter reads, 10 MHz from boot (CLOCK_MONOTONIC),
 * the clock KUSER_SHARED_DATA.InterruptTime is taken from, read here at full resolution.
 */
#include "host/host.h"
#include "ke/ke.h"
#include "ke/probe.h"

#define KE_PERFORMANCE_FREQUENCY 10000000LL

NTSTATUS WINAPI NtQueryPerformanceCounter(PLARGE_INTEGER counter, PLARGE_INTEGER frequency)
{
    PROBE_FOR_WRITE(counter, sizeof *counter);
    if (!counter)
        return STATUS_ACCESS_VIOLATION;
    if (frequency)
        PROBE_FOR_WRITE(frequency, sizeof *frequency);
    counter->QuadPart = (LONGLONG)(host_monotonic_ns() / 100);
    if (frequency)
        frequency->QuadPart = KE_PERFORMANCE_FREQUENCY;
    return STATUS_SUCCESS;
}
