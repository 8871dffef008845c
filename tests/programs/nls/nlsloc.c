/* Locale identifiers and names, GetLocaleInfo, GetDateFormat and GetTimeFormat: results and errors. */
#include <windows.h>
#include <stdio.h>

static char *u8(const WCHAR *w)
{
    static char buf[4][256];
    static int i;
    char *o = buf[i++ % 4];
    int k = WideCharToMultiByte(CP_UTF8, 0, w, -1, o, 255, NULL, NULL);
    o[k > 0 ? k : 0] = 0;
    return o;
}

static void info(LCID lcid, LCTYPE type)
{
    WCHAR buf[128];
    SetLastError(0);
    int n = GetLocaleInfoW(lcid, type, buf, 128);
    printf("%04lx %#06lx: %d [%s] %lu\n", (unsigned long)lcid, (unsigned long)type, n, n ? u8(buf) : "",
           n ? 0 : GetLastError());
}

static void date(DWORD flags, const SYSTEMTIME *st, const WCHAR *pic)
{
    WCHAR buf[128];
    SetLastError(0);
    int n = GetDateFormatW(0x409, flags, st, pic, buf, 128);
    printf("date %#lx [%s]: %d [%s] %lu\n", (unsigned long)flags, pic ? u8(pic) : "-", n, n ? u8(buf) : "",
           n ? 0 : GetLastError());
}

static void tim(DWORD flags, const SYSTEMTIME *st, const WCHAR *pic)
{
    WCHAR buf[128];
    SetLastError(0);
    int n = GetTimeFormatW(0x409, flags, st, pic, buf, 128);
    printf("time %#lx [%s]: %d [%s] %lu\n", (unsigned long)flags, pic ? u8(pic) : "-", n, n ? u8(buf) : "",
           n ? 0 : GetLastError());
}

int main(void)
{
    WCHAR name[LOCALE_NAME_MAX_LENGTH];
    printf("lcid %04lx %04lx lang %04x %04x ui %04x thread %04lx\n", (unsigned long)GetUserDefaultLCID(),
           (unsigned long)GetSystemDefaultLCID(), GetUserDefaultLangID(), GetSystemDefaultLangID(),
           GetUserDefaultUILanguage(), (unsigned long)GetThreadLocale());
    int n = GetUserDefaultLocaleName(name, LOCALE_NAME_MAX_LENGTH);
    printf("user name %d [%s]\n", n, u8(name));
    n = GetSystemDefaultLocaleName(name, LOCALE_NAME_MAX_LENGTH);
    printf("system name %d [%s]\n", n, u8(name));
    printf("name to lcid: %04lx %04lx %04lx\n", (unsigned long)LocaleNameToLCID(L"en-US", 0),
           (unsigned long)LocaleNameToLCID(L"EN-us", 0), (unsigned long)LocaleNameToLCID(L"", 0));
    SetLastError(0);
    { unsigned long r_ = (unsigned long)LocaleNameToLCID(L"xx-YY", 0); printf("unknown name: %04lx %lu\n", r_, GetLastError()); }
    n = LCIDToLocaleName(0x409, name, LOCALE_NAME_MAX_LENGTH, 0);
    printf("lcid to name: %d [%s]\n", n, u8(name));
    n = LCIDToLocaleName(LOCALE_USER_DEFAULT, name, LOCALE_NAME_MAX_LENGTH, 0);
    printf("default to name: %d [%s]\n", n, u8(name));
    n = LCIDToLocaleName(0x7F, name, LOCALE_NAME_MAX_LENGTH, 0);
    printf("invariant to name: %d [%s]\n", n, u8(name));
    SetLastError(0);
    n = LCIDToLocaleName(0x409, name, 3, 0);
    printf("small: %d %lu\n", n, GetLastError());
    printf("valid: %d %d %d %d %d\n", IsValidLocale(0x409, LCID_INSTALLED), IsValidLocale(0x7F, LCID_SUPPORTED),
           IsValidLocaleName(L"en-US"), IsValidLocaleName(L""), IsValidLocaleName(L"zz-ZZ"));

    static const LCTYPE types[] = {
        LOCALE_ILANGUAGE, LOCALE_SLANGUAGE, LOCALE_SENGLANGUAGE, LOCALE_SABBREVLANGNAME, LOCALE_SNATIVELANGNAME,
        LOCALE_ICOUNTRY, LOCALE_SCOUNTRY, LOCALE_SENGCOUNTRY, LOCALE_SABBREVCTRYNAME, LOCALE_IDEFAULTLANGUAGE,
        LOCALE_IDEFAULTCOUNTRY, LOCALE_IDEFAULTCODEPAGE, LOCALE_IDEFAULTANSICODEPAGE, LOCALE_IDEFAULTMACCODEPAGE,
        LOCALE_SLIST, LOCALE_IMEASURE, LOCALE_SDECIMAL, LOCALE_STHOUSAND, LOCALE_SGROUPING, LOCALE_IDIGITS,
        LOCALE_ILZERO, LOCALE_INEGNUMBER, LOCALE_SNATIVEDIGITS, LOCALE_SCURRENCY, LOCALE_SINTLSYMBOL,
        LOCALE_SMONDECIMALSEP, LOCALE_SMONTHOUSANDSEP, LOCALE_SMONGROUPING, LOCALE_ICURRDIGITS,
        LOCALE_ICURRENCY, LOCALE_INEGCURR, LOCALE_SDATE, LOCALE_STIME, LOCALE_SSHORTDATE, LOCALE_SLONGDATE,
        LOCALE_STIMEFORMAT, LOCALE_SSHORTTIME, LOCALE_SYEARMONTH, LOCALE_IDATE, LOCALE_ILDATE, LOCALE_ITIME,
        LOCALE_ICENTURY, LOCALE_ITLZERO, LOCALE_IDAYLZERO, LOCALE_IMONLZERO, LOCALE_S1159, LOCALE_S2359,
        LOCALE_SDAYNAME1, LOCALE_SDAYNAME7, LOCALE_SABBREVDAYNAME3, LOCALE_SMONTHNAME1, LOCALE_SMONTHNAME12,
        LOCALE_SABBREVMONTHNAME5, LOCALE_SNEGATIVESIGN, LOCALE_SISO639LANGNAME, LOCALE_SISO3166CTRYNAME,
        LOCALE_SISO639LANGNAME2, LOCALE_SISO3166CTRYNAME2, LOCALE_SNAME, LOCALE_IFIRSTDAYOFWEEK,
        LOCALE_IFIRSTWEEKOFYEAR, LOCALE_ICALENDARTYPE, LOCALE_IPAPERSIZE, LOCALE_SENGCURRNAME,
        LOCALE_SPARENT, 0x7777,
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        info(0x409, types[i]);
    info(LOCALE_USER_DEFAULT, LOCALE_SSHORTDATE);
    info(LOCALE_SYSTEM_DEFAULT, LOCALE_SDECIMAL);
    info(0x7F, LOCALE_SNAME);
    info(0x7F, LOCALE_SSHORTDATE);
    info(0x7F, LOCALE_STIMEFORMAT);
    info(0x7F, LOCALE_SCURRENCY);
    info(0x12345, LOCALE_SNAME);
    DWORD num = 0;
    n = GetLocaleInfoW(0x409, LOCALE_IDEFAULTANSICODEPAGE | LOCALE_RETURN_NUMBER, (WCHAR *)&num, 2);
    printf("number ansi cp: %d %lu\n", n, (unsigned long)num);
    n = GetLocaleInfoW(0x409, LOCALE_ILANGUAGE | LOCALE_RETURN_NUMBER, (WCHAR *)&num, 2);
    printf("number language: %d %#lx\n", n, (unsigned long)num);
    printf("size only: %d\n", GetLocaleInfoW(0x409, LOCALE_SLONGDATE, NULL, 0));
    WCHAR small[3];
    SetLastError(0);
    { int r_ = GetLocaleInfoW(0x409, LOCALE_SLONGDATE, small, 3); printf("small: %d %lu\n", r_, GetLastError()); }
    char abuf[64];
    n = GetLocaleInfoA(0x409, LOCALE_SMONTHNAME2, abuf, sizeof abuf);
    printf("A: %d [%s]\n", n, abuf);
    n = GetLocaleInfoEx(L"en-US", LOCALE_SSHORTDATE, name, LOCALE_NAME_MAX_LENGTH);
    printf("Ex: %d [%s]\n", n, u8(name));
    n = GetLocaleInfoEx(LOCALE_NAME_USER_DEFAULT, LOCALE_SNAME, name, LOCALE_NAME_MAX_LENGTH);
    printf("Ex default: %d [%s]\n", n, u8(name));

    SYSTEMTIME st = {2024, 3, 0, 5, 14, 7, 9, 0}, am = {1999, 12, 0, 31, 0, 5, 0, 0};
    date(0, &st, NULL);
    date(DATE_SHORTDATE, &st, NULL);
    date(DATE_LONGDATE, &st, NULL);
    date(DATE_YEARMONTH, &st, NULL);
    date(0, &st, L"dd/MM/yy");
    date(0, &st, L"ddd d MMM yyyy");
    date(0, &st, L"dddd, MMMM dd, y");
    date(0, &st, L"'Today is' dddd'''s' d");
    date(0, &am, L"yyyyy M/d");
    date(DATE_LONGDATE, &st, L"d");
    SYSTEMTIME bad = {2023, 13, 0, 1, 0, 0, 0, 0};
    date(0, &bad, NULL);
    tim(0, &st, NULL);
    tim(0, &am, NULL);
    tim(TIME_NOSECONDS, &st, NULL);
    tim(TIME_NOMINUTESORSECONDS, &st, NULL);
    tim(TIME_NOTIMEMARKER, &st, NULL);
    tim(TIME_FORCE24HOURFORMAT, &st, NULL);
    tim(0, &st, L"HH:mm:ss");
    tim(0, &st, L"h 'o''clock' t");
    tim(TIME_NOSECONDS, &st, L"hh:mm:ss tt");
    tim(0, &am, L"hh:mm tt");
    SYSTEMTIME badt = {2024, 1, 0, 1, 24, 0, 0, 0};
    tim(0, &badt, NULL);
    WCHAR out[5];
    SetLastError(0);
    { int r_ = GetDateFormatW(0x409, 0, &st, NULL, out, 5); printf("date small: %d %lu\n", r_, GetLastError()); }
    printf("date size: %d\n", GetDateFormatW(0x409, DATE_LONGDATE, &st, NULL, NULL, 0));
    char ab[64];
    n = GetDateFormatA(0x409, DATE_LONGDATE, &st, NULL, ab, sizeof ab);
    printf("date A: %d [%s]\n", n, ab);
    n = GetTimeFormatA(0x409, 0, &st, "H.mm", ab, sizeof ab);
    printf("time A: %d [%s]\n", n, ab);
    n = GetDateFormatEx(L"en-US", DATE_SHORTDATE, &st, NULL, name, LOCALE_NAME_MAX_LENGTH, NULL);
    printf("date Ex: %d [%s]\n", n, u8(name));
    n = GetTimeFormatEx(NULL, TIME_NOSECONDS, &st, NULL, name, LOCALE_NAME_MAX_LENGTH);
    printf("time Ex: %d [%s]\n", n, u8(name));
    n = GetDateFormatW(0x409, 0, NULL, L"yyyy", name, LOCALE_NAME_MAX_LENGTH);
    printf("now: %d\n", n);
    return 0;
}
