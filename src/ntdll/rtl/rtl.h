/* ntdll's runtime library (Rtl*): what other layers call directly. */
#ifndef NTDLL_RTL_RTL_H
#define NTDLL_RTL_RTL_H

#include "nt/ntstatus.h"

ULONG WINAPI RtlNtStatusToDosError(NTSTATUS status);

#endif
