/*
 * RTL_USER_PROCESS_PARAMETERS: built by the creator (RtlCreateProcessParametersEx) as one block with its
 * strings, then copied into the new process by the kernel (MmCreatePeb). "Normalized" parameters hold
 * pointers, denormalized ones offsets from the block's start, as on Windows.
 */
#include <string.h>

#include "rtl/rtl.h"

/* SetCurrentDirectory rewrites CurrentDirectory.DosPath in place, so it always has MAX_PATH characters. */
#define CURDIR_CHARS 260

static SIZE_T string_space(PCUNICODE_STRING s, SIZE_T minimum)
{
    /* The terminator goes after the last whole character: an odd byte count (RuntimeData holds bytes)
     * keeps its last byte. */
    SIZE_T n = s ? (s->Length + 1u) / 2 * 2 + sizeof(WCHAR) : sizeof(WCHAR);
    if (n < minimum)
        n = minimum;
    return (n + 7) & ~(SIZE_T)7;
}

/* Copies src into dst's storage at *cursor (advancing it) with room for space bytes. */
static void put_string(PUNICODE_STRING dst, PCUNICODE_STRING src, SIZE_T space, BYTE **cursor)
{
    dst->Buffer = (PWSTR)*cursor;
    dst->Length = src ? src->Length : 0;
    dst->MaximumLength = (USHORT)(space > 0xFFFF ? 0xFFFF : space);
    if (src && src->Length)
        memcpy(dst->Buffer, src->Buffer, src->Length);
    dst->Buffer[(dst->Length + 1u) / 2] = 0;
    *cursor += space;
}

SIZE_T RtlpEnvironmentSize(const WCHAR *env)
{
    if (!env)
        return 0;
    const WCHAR *p = env;
    while (*p)
        p += RtlpWcslen(p) + 1;
    return (SIZE_T)(p - env + 1) * sizeof(WCHAR);
}

size_t RtlpEnvironmentNameLength(const WCHAR *entry)
{
    const WCHAR *eq = entry[0] == '=' ? entry + 1 : entry;
    while (*eq && *eq != '=')
        eq++;
    return (size_t)(eq - entry);
}

const WCHAR *RtlpFindEnvironmentVariable(const WCHAR *env, const WCHAR *name, size_t len)
{
    for (const WCHAR *p = env; p && *p; p += RtlpWcslen(p) + 1) {
        size_t n = RtlpEnvironmentNameLength(p);
        if (n == len && p[n] == '=' && RtlCompareUnicodeStrings(p, n, name, len, TRUE) == 0)
            return p;
    }
    return NULL;
}

NTSTATUS WINAPI RtlCreateProcessParametersEx(PRTL_USER_PROCESS_PARAMETERS *result, PUNICODE_STRING image_path,
                                             PUNICODE_STRING dll_path, PUNICODE_STRING current_directory,
                                             PUNICODE_STRING command_line, PVOID environment,
                                             PUNICODE_STRING window_title, PUNICODE_STRING desktop,
                                             PUNICODE_STRING shell_info, PUNICODE_STRING runtime_data, ULONG flags)
{
    *result = NULL;
    UNICODE_STRING empty = {0, 0, NULL};
    PUNICODE_STRING strings[] = {current_directory, dll_path,    image_path, command_line,
                                 window_title,      desktop,     shell_info, runtime_data};
    SIZE_T spaces[ARRAY_SIZE(strings)];
    SIZE_T size = (sizeof(RTL_USER_PROCESS_PARAMETERS) + 7) & ~(SIZE_T)7;
    for (size_t i = 0; i < ARRAY_SIZE(strings); i++) {
        if (!strings[i])
            strings[i] = &empty;
        spaces[i] = string_space(strings[i], i == 0 ? CURDIR_CHARS * sizeof(WCHAR) : 0);
        size += spaces[i];
    }
    PRTL_USER_PROCESS_PARAMETERS p = RtlpAllocateMemory(size, TRUE);
    if (!p)
        return STATUS_NO_MEMORY;
    p->MaximumLength = p->Length = (ULONG)size;
    p->Flags = RTL_USER_PROC_PARAMS_NORMALIZED;
    BYTE *cursor = (BYTE *)p + ((sizeof *p + 7) & ~(SIZE_T)7);
    PUNICODE_STRING fields[] = {&p->CurrentDirectory.DosPath, &p->DllPath, &p->ImagePathName, &p->CommandLine,
                                &p->WindowTitle, &p->DesktopInfo, &p->ShellInfo, &p->RuntimeData};
    for (size_t i = 0; i < ARRAY_SIZE(strings); i++)
        put_string(fields[i], strings[i], spaces[i], &cursor);
    p->Environment = environment;
    p->EnvironmentSize = RtlpEnvironmentSize(environment);
    if (!(flags & RTL_USER_PROC_PARAMS_NORMALIZED)) {
        /* Denormalized: every string buffer becomes an offset from the block. */
        for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
            fields[i]->Buffer = (PWSTR)((BYTE *)fields[i]->Buffer - (BYTE *)p);
        p->Flags = 0;
    }
    *result = p;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlDestroyProcessParameters(PRTL_USER_PROCESS_PARAMETERS params)
{
    RtlpFreeMemory(params);
    return STATUS_SUCCESS;
}

PRTL_USER_PROCESS_PARAMETERS WINAPI RtlNormalizeProcessParams(PRTL_USER_PROCESS_PARAMETERS p)
{
    if (!p || (p->Flags & RTL_USER_PROC_PARAMS_NORMALIZED))
        return p;
    PUNICODE_STRING fields[] = {&p->CurrentDirectory.DosPath, &p->DllPath, &p->ImagePathName, &p->CommandLine,
                                &p->WindowTitle, &p->DesktopInfo, &p->ShellInfo, &p->RuntimeData};
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
        if (fields[i]->Buffer)
            fields[i]->Buffer = (PWSTR)((BYTE *)p + (ULONG_PTR)fields[i]->Buffer);
    p->Flags |= RTL_USER_PROC_PARAMS_NORMALIZED;
    return p;
}
