/* NTSTATUS names and the NTSTATUS -> Win32 error mapping, both from the one list in nt/ntstatus.h. */
#include "nt/ntstatus.h"
#include "nt/winerror.h"
#include "rtl/rtl.h"

struct status_entry {
    NTSTATUS status;
    ULONG dos_error;
    const char *name;
};

#define STATUS_ENTRY(name, value, dos) {(NTSTATUS)(value##u), (ULONG)(dos##u), #name},
static const struct status_entry status_table[] = {NT_STATUS_LIST(STATUS_ENTRY)};
#undef STATUS_ENTRY

static const struct status_entry *status_lookup(NTSTATUS status)
{
    for (size_t i = 0; i < ARRAY_SIZE(status_table); i++)
        if (status_table[i].status == status)
            return &status_table[i];
    return NULL;
}

const char *RtlpNtStatusName(NTSTATUS status)
{
    const struct status_entry *e = status_lookup(status);
    return e ? e->name : NULL;
}

/*
 * RtlNtStatusToDosError: the Win32 error for a status. Customer-defined statuses (bit 29) are returned
 * unchanged, Win32 errors wrapped as 0x8007xxxx / 0xC001xxxx give back xxxx, unknown ones give
 * ERROR_MR_MID_NOT_FOUND (317), as on Windows.
 */
ULONG WINAPI RtlNtStatusToDosError(NTSTATUS status)
{
    ULONG v = (ULONG)status;
    if (v & 0x20000000u)
        return v;
    if ((v & 0xFFFF0000u) == 0x80070000u || (v & 0xFFFF0000u) == 0xC0010000u)
        return v & 0xFFFF;
    const struct status_entry *e = status_lookup(status);
    if (e && e->dos_error != 0xFFFFFFFFu)
        return e->dos_error;
    return ERROR_MR_MID_NOT_FOUND;
}
