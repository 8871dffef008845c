/*
 * Locales: identifiers, names and GetLocaleInfo. ntexec has the data of en-US (every default locale, as on a
 * fresh US Windows) and of the invariant locale; any other LCID or name is unknown (ERROR_INVALID_PARAMETER),
 * which is what Windows answers for a locale that is not installed. The host's LANG is not followed: without
 * the data of that locale (names of months, formats) following it would only change the name.
 */
#include <string.h>

#include "win32/nls.h"

#define LOCALE_NOUSEROVERRIDE        0x80000000
#define LOCALE_USE_CP_ACP            0x40000000
#define LOCALE_RETURN_NUMBER         0x20000000
#define LOCALE_RETURN_GENITIVE_NAMES 0x10000000
#define LOCALE_ALLOW_NEUTRAL_NAMES   0x08000000
#define LOCALE_NAME_MAX_LENGTH 85

struct locale_field {
    LCTYPE type;
    const WCHAR *value;
};

/* en-US, as Windows 10 and Wine report it. */
static const struct locale_field en_us[] = {
    {0x0001, u"0409"}, {0x0002, u"English (United States)"}, {0x0003, u"ENU"}, {0x0004, u"English"},
    {0x0005, u"1"}, {0x0006, u"United States"}, {0x0007, u"USA"}, {0x0008, u"United States"},
    {0x0009, u"0409"}, {0x000A, u"1"}, {0x000B, u"437"}, {0x000C, u","}, {0x000D, u"1"}, {0x000E, u"."},
    {0x000F, u","}, {0x0010, u"3;0"}, {0x0011, u"2"}, {0x0012, u"1"}, {0x0013, u"0123456789"},
    {0x0014, u"$"}, {0x0015, u"USD"}, {0x0016, u"."}, {0x0017, u","}, {0x0018, u"3;0"}, {0x0019, u"2"},
    {0x001A, u"2"}, {0x001B, u"0"}, {0x001C, u"0"}, {0x001D, u"/"}, {0x001E, u":"}, {0x001F, u"M/d/yyyy"},
    {0x0020, u"dddd, MMMM d, yyyy"}, {0x0021, u"0"}, {0x0022, u"0"}, {0x0023, u"0"}, {0x0024, u"1"},
    {0x0025, u"0"}, {0x0026, u"0"}, {0x0027, u"0"}, {0x0028, u"AM"}, {0x0029, u"PM"},
    {0x002A, u"Monday"}, {0x002B, u"Tuesday"}, {0x002C, u"Wednesday"}, {0x002D, u"Thursday"},
    {0x002E, u"Friday"}, {0x002F, u"Saturday"}, {0x0030, u"Sunday"},
    {0x0031, u"Mon"}, {0x0032, u"Tue"}, {0x0033, u"Wed"}, {0x0034, u"Thu"}, {0x0035, u"Fri"},
    {0x0036, u"Sat"}, {0x0037, u"Sun"},
    {0x0038, u"January"}, {0x0039, u"February"}, {0x003A, u"March"}, {0x003B, u"April"}, {0x003C, u"May"},
    {0x003D, u"June"}, {0x003E, u"July"}, {0x003F, u"August"}, {0x0040, u"September"}, {0x0041, u"October"},
    {0x0042, u"November"}, {0x0043, u"December"}, {0x100E, u""},
    {0x0044, u"Jan"}, {0x0045, u"Feb"}, {0x0046, u"Mar"}, {0x0047, u"Apr"}, {0x0048, u"May"}, {0x0049, u"Jun"},
    {0x004A, u"Jul"}, {0x004B, u"Aug"}, {0x004C, u"Sep"}, {0x004D, u"Oct"}, {0x004E, u"Nov"}, {0x004F, u"Dec"},
    {0x100F, u""},
    {0x0050, u""}, {0x0051, u"-"}, {0x0052, u"3"}, {0x0053, u"0"}, {0x0054, u"1"}, {0x0055, u"0"},
    {0x0056, u"1"}, {0x0057, u"0"}, {0x0059, u"en"}, {0x005A, u"US"}, {0x005B, u"244"}, {0x005C, u"en-US"},
    {0x005D, u"h:mm:ss"}, {0x0060, u"Mo"}, {0x0061, u"Tu"}, {0x0062, u"We"}, {0x0063, u"Th"},
    {0x0064, u"Fr"}, {0x0065, u"Sa"}, {0x0066, u"Su"}, {0x0067, u"eng"}, {0x0068, u"USA"},
    {0x0069, u"NaN"}, {0x006A, u"\u221E"}, {0x006B, u"-\u221E"}, {0x006C, u"Latn;"}, {0x006D, u"en"},
    {0x006E, u"en-US"}, {0x0070, u"0"}, {0x0071, u"0"}, {0x0072, u"English (United States)"},
    {0x0073, u"English (United States)"}, {0x0074, u"0"}, {0x0075, u"0"}, {0x0076, u"%"},
    {0x0077, u"\u2030"}, {0x0078, u"MMMM d"}, {0x0079, u"h:mm tt"},
    {0x1001, u"English"}, {0x1002, u"United States"}, {0x1003, u"h:mm:ss tt"}, {0x1004, u"1252"},
    {0x1005, u"0"}, {0x1006, u"MMMM yyyy"}, {0x1007, u"US Dollar"}, {0x1008, u"US Dollar"},
    {0x1009, u"1"}, {0x100A, u"1"}, {0x100B, u"0"}, {0x100C, u"6"}, {0x100D, u"0"}, {0x1010, u"1"},
    {0x1011, u"10000"}, {0x1012, u"37"}, {0x1014, u"1"},
};

/* Where the invariant locale differs from en-US. */
static const struct locale_field invariant[] = {
    {0x0001, u"007f"}, {0x0002, u"Invariant Language (Invariant Country)"}, {0x0003, u"IVL"},
    {0x0004, u"Invariant Language"}, {0x0005, u"0"}, {0x0006, u"Invariant Country"}, {0x0007, u"IVC"},
    {0x0008, u"Invariant Country"}, {0x0009, u"007f"}, {0x000A, u"0"}, {0x000D, u"0"}, {0x0014, u"\u00A4"},
    {0x0015, u"XDR"}, {0x001F, u"MM/dd/yyyy"}, {0x0020, u"dddd, dd MMMM yyyy"}, {0x0023, u"1"},
    {0x0025, u"1"}, {0x0026, u"1"}, {0x0027, u"1"}, {0x0050, u"+"}, {0x0059, u"iv"}, {0x005A, u"IV"},
    {0x005C, u""}, {0x0067, u"ivl"}, {0x0068, u"IVC"}, {0x006D, u""}, {0x006E, u""},
    {0x0072, u"Invariant Language (Invariant Country)"}, {0x0073, u"Invariant Language (Invariant Country)"},
    {0x0078, u"MMMM dd"}, {0x0079, u"HH:mm"}, {0x1001, u"Invariant Language"},
    {0x1002, u"Invariant Country"}, {0x1003, u"HH:mm:ss"}, {0x1006, u"yyyy MMMM"},
    {0x1007, u"International Monetary Fund"}, {0x1008, u"International Monetary Fund"}, {0x100A, u"9"},
};

LCID NlsResolveLcid(LCID lcid)
{
    switch (lcid) {
    case LOCALE_NEUTRAL:
    case LOCALE_USER_DEFAULT:
    case LOCALE_SYSTEM_DEFAULT:
    case LOCALE_CUSTOM_DEFAULT:
    case LOCALE_CUSTOM_UNSPECIFIED:
    case LOCALE_CUSTOM_UI_DEFAULT:
    case NLS_LCID_EN_US:
        return NLS_LCID_EN_US;
    case NLS_LCID_INVARIANT:
        return NLS_LCID_INVARIANT;
    default:
        return 0;
    }
}

static bool name_equal(LPCWSTR a, const WCHAR *b)
{
    size_t n = RtlpWcslen(b);
    return RtlpWcslen(a) == n && RtlCompareUnicodeStrings(a, n, b, n, TRUE) == 0;
}

LCID NlsResolveName(LPCWSTR name)
{
    if (!name || name_equal(name, u"!x-sys-default-locale") || name_equal(name, u"en-US") ||
        name_equal(name, u"en_US"))
        return NLS_LCID_EN_US;
    if (!*name)
        return NLS_LCID_INVARIANT;
    return 0;
}

const WCHAR *NlsLocaleString(LCID lcid, LCTYPE type)
{
    if (lcid == NLS_LCID_INVARIANT)
        for (size_t i = 0; i < ARRAY_SIZE(invariant); i++)
            if (invariant[i].type == type)
                return invariant[i].value;
    for (size_t i = 0; i < ARRAY_SIZE(en_us); i++)
        if (en_us[i].type == type)
            return en_us[i].value;
    return NULL;
}

/* A decimal (or, for LOCALE_ILANGUAGE-like fields, hexadecimal) string as LOCALE_RETURN_NUMBER gives it. */
static DWORD field_number(LCTYPE type, const WCHAR *s)
{
    DWORD v = 0;
    bool hex = type == 0x0001 || type == 0x0009;
    for (; *s; s++) {
        unsigned d = *s >= '0' && *s <= '9' ? *s - '0' : hex && (*s | 0x20) >= 'a' && (*s | 0x20) <= 'f'
                                                           ? (*s | 0x20) - 'a' + 10 : 99;
        if (d == 99)
            break;
        v = v * (hex ? 16 : 10) + d;
    }
    return v;
}

static int locale_info(LCID lcid, LCTYPE type, LPWSTR out, int size)
{
    if (size < 0 || (size && !out)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    LCID id = NlsResolveLcid(lcid);
    if (!id) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    LCTYPE field = type & ~(LOCALE_NOUSEROVERRIDE | LOCALE_USE_CP_ACP | LOCALE_RETURN_NUMBER |
                            LOCALE_RETURN_GENITIVE_NAMES | LOCALE_ALLOW_NEUTRAL_NAMES);
    const WCHAR *value = NlsLocaleString(id, field);
    if (!value) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (type & LOCALE_RETURN_NUMBER) {
        /* the value as a DWORD in two WCHARs */
        if (!size)
            return 2;
        if (size < 2) {
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        DWORD v = field_number(field, value);
        memcpy(out, &v, sizeof v);
        return 2;
    }
    int n = (int)RtlpWcslen(value) + 1;
    if (!size)
        return n;
    if (n > size) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    memcpy(out, value, n * sizeof(WCHAR));
    return n;
}

int WINAPI GetLocaleInfoW(LCID lcid, LCTYPE type, LPWSTR out, int size)
{
    return locale_info(lcid, type, out, size);
}

int WINAPI GetLocaleInfoEx(LPCWSTR name, LCTYPE type, LPWSTR out, int size)
{
    LCID lcid = NlsResolveName(name);
    if (!lcid) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return locale_info(lcid, type, out, size);
}

/* The ANSI form counts bytes of the ANSI text; LOCALE_RETURN_NUMBER gives the same DWORD in 4 bytes. */
int WINAPI GetLocaleInfoA(LCID lcid, LCTYPE type, LPSTR out, int size)
{
    if (size < 0 || (size && !out)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (type & LOCALE_RETURN_NUMBER) {
        WCHAR v[2];
        if (!locale_info(lcid, type, v, 2))
            return 0;
        if (!size)
            return 4;
        if (size < 4) {
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        memcpy(out, v, 4);
        return 4;
    }
    WCHAR buf[128];
    int n = locale_info(lcid, type, buf, ARRAY_SIZE(buf));
    if (!n)
        return 0;
    return WideCharToMultiByte(CP_ACP, 0, buf, n, out, size, NULL, NULL);
}

LCID WINAPI GetUserDefaultLCID(void)
{
    return NLS_LCID_EN_US;
}

LCID WINAPI GetSystemDefaultLCID(void)
{
    return NLS_LCID_EN_US;
}

WORD WINAPI GetUserDefaultLangID(void)
{
    return NLS_LCID_EN_US;
}

WORD WINAPI GetSystemDefaultLangID(void)
{
    return NLS_LCID_EN_US;
}

WORD WINAPI GetUserDefaultUILanguage(void)
{
    return NLS_LCID_EN_US;
}

WORD WINAPI GetSystemDefaultUILanguage(void)
{
    return NLS_LCID_EN_US;
}

/* ---- UI languages ------------------------------------------------------------------------------------------
 * en-US is the one UI language ntexec's resources and messages are in: it is the user's, the system's, the
 * thread's and the process's list, as on an English Windows without language packs. */

WORD WINAPI GetThreadUILanguage(void)
{
    return NLS_LCID_EN_US;
}

/* 0 asks for the current one; another language than the installed en-US cannot be the UI's. */
WORD WINAPI SetThreadUILanguage(WORD langid)
{
    if (langid == 0 || langid == NLS_LCID_EN_US)
        return NLS_LCID_EN_US;
    SetLastError(ERROR_INVALID_PARAMETER);
    return 0;
}

#define MUI_LANGUAGE_ID           0x04
#define MUI_LANGUAGE_NAME         0x08
#define MUI_MERGE_SYSTEM_FALLBACK 0x10
#define MUI_MERGE_USER_FALLBACK   0x20
#define MUI_THREAD_LANGUAGES      0x40

/* The list as a multi-string of names ("en-US") or of four-digit hexadecimal LANGIDs ("0409"); without a
 * buffer, *size gets the length it needs; a short *size is ERROR_INSUFFICIENT_BUFFER with the length needed. */
static BOOL ui_languages(DWORD flags, DWORD allowed, PULONG num, PWSTR buffer, PULONG size)
{
    if ((flags & ~allowed) || (flags & MUI_LANGUAGE_ID && flags & MUI_LANGUAGE_NAME) || !num || !size ||
        (*size && !buffer)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const WCHAR *list = flags & MUI_LANGUAGE_ID ? u"0409\0" : u"en-US\0";
    ULONG length = flags & MUI_LANGUAGE_ID ? 6 : 7;
    if (buffer && *size < length) {
        *size = length;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    if (buffer)
        memcpy(buffer, list, length * sizeof(WCHAR));
    *num = 1;
    *size = length;
    return TRUE;
}

BOOL WINAPI GetUserPreferredUILanguages(DWORD flags, PULONG num, PWSTR buffer, PULONG size)
{
    return ui_languages(flags, MUI_LANGUAGE_ID | MUI_LANGUAGE_NAME, num, buffer, size);
}

BOOL WINAPI GetSystemPreferredUILanguages(DWORD flags, PULONG num, PWSTR buffer, PULONG size)
{
    return ui_languages(flags, MUI_LANGUAGE_ID | MUI_LANGUAGE_NAME | MUI_MERGE_SYSTEM_FALLBACK, num, buffer, size);
}

BOOL WINAPI GetThreadPreferredUILanguages(DWORD flags, PULONG num, PWSTR buffer, PULONG size)
{
    return ui_languages(flags,
                        MUI_LANGUAGE_ID | MUI_LANGUAGE_NAME | MUI_MERGE_SYSTEM_FALLBACK | MUI_MERGE_USER_FALLBACK |
                            MUI_THREAD_LANGUAGES | 0x80 /* MUI_CONSOLE_FILTER */ | 0x100 /* MUI_COMPLEX_SCRIPT_FILTER */ |
                            0x200 /* MUI_RESET_FILTERS */,
                        num, buffer, size);
}

/* The thread's locale lives in the TEB (CurrentLocale), where Windows keeps it. */
LCID WINAPI GetThreadLocale(void)
{
    LCID lcid = BaseCurrentTeb()->CurrentLocale;
    return lcid ? lcid : NLS_LCID_EN_US;
}

BOOL WINAPI SetThreadLocale(LCID lcid)
{
    LCID id = NlsResolveLcid(lcid);
    if (!id) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    BaseCurrentTeb()->CurrentLocale = id;
    return TRUE;
}

#define LCID_INSTALLED 1
#define LCID_SUPPORTED 2

BOOL WINAPI IsValidLocale(LCID lcid, DWORD flags)
{
    (void)flags;
    return lcid == NLS_LCID_EN_US || lcid == NLS_LCID_INVARIANT;
}

BOOL WINAPI IsValidLocaleName(LPCWSTR name)
{
    return name && NlsResolveName(name) != 0;
}

static int copy_name(const WCHAR *name, LPWSTR out, int size)
{
    int n = (int)RtlpWcslen(name) + 1;
    if (size < 0 || (size && !out)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!size)
        return n;
    if (n > size) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    memcpy(out, name, n * sizeof(WCHAR));
    return n;
}

int WINAPI GetUserDefaultLocaleName(LPWSTR out, int size)
{
    return copy_name(u"en-US", out, size);
}

int WINAPI GetSystemDefaultLocaleName(LPWSTR out, int size)
{
    return copy_name(u"en-US", out, size);
}

LCID WINAPI LocaleNameToLCID(LPCWSTR name, DWORD flags)
{
    (void)flags;
    LCID lcid = NlsResolveName(name);
    if (!lcid)
        SetLastError(ERROR_INVALID_PARAMETER);
    return lcid;
}

int WINAPI LCIDToLocaleName(LCID lcid, LPWSTR out, int size, DWORD flags)
{
    (void)flags;
    LCID id = NlsResolveLcid(lcid);
    if (!id) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return copy_name(id == NLS_LCID_INVARIANT ? u"" : u"en-US", out, size);
}

typedef BOOL(WINAPI *LOCALE_ENUMPROCW)(LPWSTR);
typedef BOOL(WINAPI *LOCALE_ENUMPROCA)(LPSTR);

/* The installed locales as 8 hexadecimal digits; the callback stops the enumeration by returning FALSE. */
BOOL WINAPI EnumSystemLocalesW(LOCALE_ENUMPROCW proc, DWORD flags)
{
    (void)flags;
    if (!proc) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR id[] = u"00000409";
    proc(id);
    return TRUE;
}

BOOL WINAPI EnumSystemLocalesA(LOCALE_ENUMPROCA proc, DWORD flags)
{
    (void)flags;
    if (!proc) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    char id[] = "00000409";
    proc(id);
    return TRUE;
}
