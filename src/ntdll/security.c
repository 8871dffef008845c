/*
 * The SID functions that allocate, on the process heap as on Windows (the rest are in src/rtl/sid.c).
 */
#include <string.h>

#include "ntdll/rtl/rtl.h"
#include "rtl/sid.h"

NTSTATUS WINAPI RtlAllocateAndInitializeSid(PSID_IDENTIFIER_AUTHORITY authority, BYTE count, ULONG s0, ULONG s1,
                                            ULONG s2, ULONG s3, ULONG s4, ULONG s5, ULONG s6, ULONG s7, PSID *out)
{
    if (!out)
        return STATUS_ACCESS_VIOLATION;
    if (count > 8)
        return STATUS_INVALID_SID;
    PSID sid = RtlAllocateHeap(RtlGetProcessHeap(), 0, RtlLengthRequiredSid(count));
    if (!sid)
        return STATUS_NO_MEMORY;
    RtlInitializeSid(sid, authority, count);
    const ULONG sub[8] = {s0, s1, s2, s3, s4, s5, s6, s7};
    memcpy(RtlSubAuthoritySid(sid, 0), sub, count * sizeof(ULONG));
    *out = sid;
    return STATUS_SUCCESS;
}

PVOID WINAPI RtlFreeSid(PSID sid)
{
    RtlFreeHeap(RtlGetProcessHeap(), 0, sid);
    return NULL;
}

NTSTATUS WINAPI RtlConvertSidToUnicodeString(PUNICODE_STRING out, PSID sid, BOOLEAN allocate)
{
    WCHAR buf[16 + 15 * 11];
    ULONG n = RtlpSidToString(sid, buf, sizeof buf / sizeof buf[0]);
    if (!n)
        return STATUS_INVALID_SID;
    if (allocate) {
        out->Buffer = RtlAllocateHeap(RtlGetProcessHeap(), 0, (n + 1) * sizeof(WCHAR));
        if (!out->Buffer)
            return STATUS_NO_MEMORY;
        out->MaximumLength = (USHORT)((n + 1) * sizeof(WCHAR));
    } else if (out->MaximumLength < (n + 1) * sizeof(WCHAR)) {
        return STATUS_BUFFER_OVERFLOW;
    }
    memcpy(out->Buffer, buf, (n + 1) * sizeof(WCHAR));
    out->Length = (USHORT)(n * sizeof(WCHAR));
    return STATUS_SUCCESS;
}
