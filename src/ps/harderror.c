/*
 * NtRaiseHardError: what Windows shows in a message box when a process cannot start (a DLL or an entry
 * point missing, a bad image) becomes one line on stderr: "ntexec: prog.exe: <message> (STATUS_...)".
 */
#include <stdio.h>
#include <string.h>

#include "host/host.h"
#include "ps/ps.h"
#include "rtl/rtl.h"

static void utf8_param(char *out, size_t size, ULONG_PTR param, bool is_string)
{
    const UNICODE_STRING *us = (const UNICODE_STRING *)param;
    if (is_string && us && us->Buffer)
        RtlpUnicodeToUtf8Z(out, size, us->Buffer, us->Length / sizeof(WCHAR));
    else
        snprintf(out, size, "0x%llx", (unsigned long long)param);
}

NTSTATUS WINAPI NtRaiseHardError(NTSTATUS status, ULONG count, ULONG string_mask, PULONG_PTR params, ULONG option,
                                 PULONG response)
{
    (void)option;
    char a[300] = "?", b[300] = "?", message[700];
    if (count > 0 && params)
        utf8_param(a, sizeof a, params[0], string_mask & 1);
    if (count > 1 && params)
        utf8_param(b, sizeof b, params[1], string_mask & 2);
    switch (status) {
    case STATUS_DLL_NOT_FOUND:
        snprintf(message, sizeof message, "%s was not found", a);
        break;
    case STATUS_ENTRYPOINT_NOT_FOUND:
        snprintf(message, sizeof message, "the procedure entry point %s could not be located in %s", a, b);
        break;
    case STATUS_ORDINAL_NOT_FOUND:
        snprintf(message, sizeof message, "the ordinal %s could not be located in %s", a, b);
        break;
    case STATUS_DLL_INIT_FAILED:
        snprintf(message, sizeof message, "initialization of %s failed", a);
        break;
    case STATUS_INVALID_IMAGE_FORMAT:
        snprintf(message, sizeof message, "%s is not a valid Win32 application", a);
        break;
    default:
        snprintf(message, sizeof message, "the application was unable to start correctly%s%s",
                 count ? ": " : "", count ? a : "");
        break;
    }
    const char *name = RtlpNtStatusName(status);
    char image[128];
    RtlpBaseNameUtf8(image, sizeof image, &PsGetCurrentProcess()->ImageFileName);
    host_print_error("ntexec: %s: %s (%s)\n", image, message, name ? name : "unknown status");
    if (response)
        *response = 1;  /* ResponseOk */
    return STATUS_SUCCESS;
}
