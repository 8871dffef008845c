/*
 * advapi32's security functions (security.c): the layers they stand on. Account lookups go to the security
 * layer's Se* lookups, which play lsass's part (there is no LSA service to call).
 */
#ifndef ADVAPI32_SECURITY_H
#define ADVAPI32_SECURITY_H

#include "rtl/sid.h"
#include "se/se.h"

typedef BOOL *PBOOL;
typedef DWORD *PDWORD;

NTSTATUS WINAPI RtlAllocateAndInitializeSid(PSID_IDENTIFIER_AUTHORITY authority, BYTE count, ULONG s0, ULONG s1,
                                            ULONG s2, ULONG s3, ULONG s4, ULONG s5, ULONG s6, ULONG s7, PSID *out);
PVOID WINAPI RtlFreeSid(PSID sid);

#endif
