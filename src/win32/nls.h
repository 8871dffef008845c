/*
 * kernel32's locale data (win32/locale.c), shared by the string, comparison and date functions. ntexec knows
 * two locales: en-US (LCID 0x409, every default) and the invariant locale (LCID 0x7F, name "").
 */
#ifndef WIN32_NLS_H
#define WIN32_NLS_H

#include "win32/k32.h"

typedef DWORD LCID;
typedef DWORD LCTYPE;
typedef LONG_PTR LPARAM;
typedef WORD *LPWORD;

#define NLS_LCID_EN_US     0x0409
#define NLS_LCID_INVARIANT 0x007F
#define LOCALE_NEUTRAL        0x0000
#define LOCALE_USER_DEFAULT   0x0400
#define LOCALE_SYSTEM_DEFAULT 0x0800
#define LOCALE_CUSTOM_DEFAULT 0x0C00
#define LOCALE_CUSTOM_UNSPECIFIED 0x1000
#define LOCALE_CUSTOM_UI_DEFAULT 0x1400

/* The LCID a caller's LCID stands for (the defaults resolved), or 0 when ntexec does not know it. */
LCID NlsResolveLcid(LCID lcid);
static inline bool NlsLocaleValid(LCID lcid)
{
    return NlsResolveLcid(lcid) != 0;
}
/* The LCID of a locale name (NULL: the user's default; "!x-sys-default-locale"), 0 when unknown. */
LCID NlsResolveName(LPCWSTR name);
static inline bool NlsLocaleValidName(LPCWSTR name)
{
    return NlsResolveName(name) != 0;
}
/* The string value of a locale field for a resolved LCID (NULL: no such field). */
const WCHAR *NlsLocaleString(LCID lcid, LCTYPE type);

int WINAPI MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, int src_len, LPWSTR dst, int dst_len);
int WINAPI WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src, int src_len, LPSTR dst, int dst_len,
                               LPCSTR default_char, BOOL *used_default);

#endif
