/* Processor affinity: the host's CPU sets as Windows affinity masks (bit n = CPU n, CPUs 0-63). */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>

#include "host/host.h"

uint64_t host_process_affinity(void)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return 0;
    uint64_t mask = 0;
    for (int i = 0; i < 64; i++)
        if (CPU_ISSET(i, &set))
            mask |= 1ull << i;
    return mask;
}

NTSTATUS host_set_thread_affinity(uint32_t tid, uint64_t mask)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int i = 0; i < 64; i++)
        if (mask & (1ull << i))
            CPU_SET(i, &set);
    if (sched_setaffinity((pid_t)tid, sizeof set, &set) == 0)
        return STATUS_SUCCESS;
    return errno == ESRCH ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;   /* ESRCH: it has just ended */
}
