/* ntdll's runtime library as programs call it directly, through GetProcAddress (so that a missing export
 * shows as such): CRC-32, bitmaps, time fields, string hashing, random numbers, IPv4 text, 8-bit strings,
 * integer <-> text, the thread's last error, the performance counter, stack back traces, Zw* aliases.
 * Each line prints the observable values (return, status, buffers). */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <winternl.h>

static HMODULE nt;
#define GET(type, name) ((type)GetProcAddress(nt, #name))

typedef struct {
    ULONG SizeOfBitMap;
    PULONG Buffer;
} BITMAP_T;
typedef struct {
    SHORT Year, Month, Day, Hour, Minute, Second, Milliseconds, Weekday;
} TF;
typedef struct {
    USHORT Length, MaximumLength;
    PCHAR Buffer;
} STR;

typedef ULONG(WINAPI *crc_t)(ULONG, const BYTE *, INT);
typedef void(WINAPI *bminit_t)(BITMAP_T *, PULONG, ULONG);
typedef void(WINAPI *bmall_t)(BITMAP_T *);
typedef void(WINAPI *bmrange_t)(BITMAP_T *, ULONG, ULONG);
typedef BOOLEAN(WINAPI *bmtest_t)(BITMAP_T *, ULONG, ULONG);
typedef ULONG(WINAPI *bmcount_t)(BITMAP_T *);
typedef ULONG(WINAPI *bmfind_t)(BITMAP_T *, ULONG, ULONG);
typedef ULONG(WINAPI *bmrun_t)(BITMAP_T *, PULONG);
typedef ULONG(WINAPI *bmnext_t)(BITMAP_T *, ULONG, PULONG);
typedef void(WINAPI *t2f_t)(const LARGE_INTEGER *, TF *);
typedef BOOLEAN(WINAPI *f2t_t)(TF *, LARGE_INTEGER *);
typedef BOOLEAN(WINAPI *t2s_t)(const LARGE_INTEGER *, PULONG);
typedef void(WINAPI *s2t_t)(ULONG, LARGE_INTEGER *);
typedef NTSTATUS(WINAPI *hash_t)(const UNICODE_STRING *, BOOLEAN, ULONG, PULONG);
typedef ULONG(WINAPI *rand_t)(PULONG);
typedef PSTR(WINAPI *ip_a_t)(const void *, PSTR);
typedef PWSTR(WINAPI *ip_w_t)(const void *, PWSTR);
typedef NTSTATUS(WINAPI *ipex_a_t)(const void *, USHORT, PSTR, PULONG);
typedef NTSTATUS(WINAPI *ipex_w_t)(const void *, USHORT, PWSTR, PULONG);
typedef LONG(WINAPI *cmpstr_t)(const STR *, const STR *, BOOLEAN);
typedef BOOLEAN(WINAPI *eqstr_t)(const STR *, const STR *, BOOLEAN);
typedef void(WINAPI *upstr_t)(STR *, const STR *);
typedef NTSTATUS(WINAPI *initex_t)(UNICODE_STRING *, PCWSTR);
typedef NTSTATUS(WINAPI *down_t)(UNICODE_STRING *, const UNICODE_STRING *, BOOLEAN);
typedef ULONG(WINAPI *usize_t)(const UNICODE_STRING *);
typedef ULONG(WINAPI *asize_t)(const STR *);
typedef NTSTATUS(WINAPI *c2i_t)(const char *, ULONG, PULONG);
typedef NTSTATUS(WINAPI *u2i_t)(const UNICODE_STRING *, ULONG, PULONG);
typedef NTSTATUS(WINAPI *i2c_t)(ULONG, ULONG, ULONG, char *);
typedef NTSTATUS(WINAPI *i2u_t)(ULONG, ULONG, UNICODE_STRING *);
typedef ULONG(WINAPI *getle_t)(void);
typedef void(WINAPI *setle_t)(ULONG);
typedef ULONG(WINAPI *setst_t)(NTSTATUS);
typedef NTSTATUS(WINAPI *getst_t)(void);
typedef NTSTATUS(WINAPI *qpc_t)(LARGE_INTEGER *, LARGE_INTEGER *);
typedef BOOLEAN(WINAPI *rqpf_t)(LARGE_INTEGER *);
typedef USHORT(WINAPI *cst_t)(ULONG, ULONG, PVOID *, PULONG);
typedef NTSTATUS(WINAPI *qip_t)(HANDLE, ULONG, PVOID, ULONG, PULONG);
typedef NTSTATUS(WINAPI *qsi_t)(ULONG, PVOID, ULONG, PULONG);

static void crc(void)
{
    crc_t f = GET(crc_t, RtlComputeCrc32);
    const BYTE *s = (const BYTE *)"123456789";
    ULONG whole = f(0, s, 9);
    ULONG part = f(f(0, s, 4), s + 4, 5);
    printf("crc32 %08lx pieces %08lx empty %08lx seeded %08lx\n", whole, part, f(0, s, 0), f(0x12345678, s, 9));
}

static void bitmaps(void)
{
    bminit_t init = GET(bminit_t, RtlInitializeBitMap);
    bmall_t clear_all = GET(bmall_t, RtlClearAllBits), set_all = GET(bmall_t, RtlSetAllBits);
    bmrange_t set = GET(bmrange_t, RtlSetBits), clear = GET(bmrange_t, RtlClearBits);
    bmtest_t are_set = GET(bmtest_t, RtlAreBitsSet), are_clear = GET(bmtest_t, RtlAreBitsClear);
    bmcount_t nset = GET(bmcount_t, RtlNumberOfSetBits), nclear = GET(bmcount_t, RtlNumberOfClearBits);
    bmfind_t fclear = GET(bmfind_t, RtlFindClearBits), fset = GET(bmfind_t, RtlFindSetBits);
    bmfind_t fclear_set = GET(bmfind_t, RtlFindClearBitsAndSet), fset_clear = GET(bmfind_t, RtlFindSetBitsAndClear);
    bmrun_t longest = GET(bmrun_t, RtlFindLongestRunClear);
    bmnext_t next = GET(bmnext_t, RtlFindNextForwardRunClear);
    ULONG buf[3] = { 0xAAAAAAAA, 0xAAAAAAAA, 0xAAAAAAAA };
    BITMAP_T b;
    init(&b, buf, 70);
    printf("bitmap init size %lu\n", b.SizeOfBitMap);
    clear_all(&b);
    printf("clear_all %08lx %08lx %08lx\n", buf[0], buf[1], buf[2]);
    set(&b, 3, 8);
    set(&b, 30, 40);
    printf("set 3+8 30+40 %08lx %08lx %08lx\n", buf[0], buf[1], buf[2]);
    printf("are_set 3,8=%d 2,8=%d 30,40=%d 30,41=%d are_clear 11,19=%d 11,20=%d 0,3=%d\n", are_set(&b, 3, 8),
           are_set(&b, 2, 8), are_set(&b, 30, 40), are_set(&b, 30, 41), are_clear(&b, 11, 19), are_clear(&b, 11, 20),
           are_clear(&b, 0, 3));
    printf("count set %lu clear %lu\n", nset(&b), nclear(&b));
    printf("find_clear 3,0=%lu 4,0=%lu 19,0=%lu 20,0=%lx 2,15=%lu 3,25=%lu 71,0=%lx\n", fclear(&b, 3, 0),
           fclear(&b, 4, 0), fclear(&b, 19, 0), fclear(&b, 20, 0), fclear(&b, 2, 15), fclear(&b, 3, 25),
           fclear(&b, 71, 0));
    printf("find_set 8,0=%lu 9,0=%lu 5,40=%lu 41,0=%lx\n", fset(&b, 8, 0), fset(&b, 9, 0), fset(&b, 5, 40),
           fset(&b, 41, 0));
    ULONG start = 0, len = next(&b, 0, &start);
    printf("next_run_clear from 0 len %lu start %lu\n", len, start);
    len = next(&b, 5, &start);
    printf("next_run_clear from 5 len %lu start %lu\n", len, start);
    len = longest(&b, &start);
    printf("longest_run_clear len %lu start %lu\n", len, start);
    ULONG got = fclear_set(&b, 5, 12);
    printf("find_clear_and_set 5,12=%lu then %08lx\n", got, buf[0]);
    got = fset_clear(&b, 4, 0);
    printf("find_set_and_clear 4,0=%lu then %08lx\n", got, buf[0]);
    clear(&b, 30, 40);
    printf("clear 30+40 %08lx %08lx %08lx\n", buf[0], buf[1], buf[2]);
    set_all(&b);
    printf("set_all %08lx %08lx %08lx count %lu\n", buf[0], buf[1], buf[2], nset(&b));
}

static void print_tf(const char *what, const TF *t)
{
    printf("%s %04d-%02d-%02d %02d:%02d:%02d.%03d wd %d\n", what, t->Year, t->Month, t->Day, t->Hour, t->Minute,
           t->Second, t->Milliseconds, t->Weekday);
}

static void times(void)
{
    t2f_t t2f = GET(t2f_t, RtlTimeToTimeFields);
    f2t_t f2t = GET(f2t_t, RtlTimeFieldsToTime);
    t2s_t t2s70 = GET(t2s_t, RtlTimeToSecondsSince1970), t2s80 = GET(t2s_t, RtlTimeToSecondsSince1980);
    s2t_t s2t70 = GET(s2t_t, RtlSecondsSince1970ToTime), s2t80 = GET(s2t_t, RtlSecondsSince1980ToTime);
    LARGE_INTEGER t;
    TF f;
    t.QuadPart = 0;
    t2f(&t, &f);
    print_tf("time 0", &f);
    TF leap = { 2024, 2, 29, 13, 45, 30, 123, 0 };
    BOOLEAN ok = f2t(&leap, &t);
    printf("fields 2024-02-29 ok %d time %lld\n", ok, t.QuadPart);
    t2f(&t, &f);
    print_tf("back", &f);
    TF dates[] = { { 2000, 12, 31, 23, 59, 59, 999, 0 }, { 1900, 3, 1, 0, 0, 0, 0, 0 },
                   { 2100, 2, 28, 12, 0, 0, 0, 0 }, { 1601, 12, 31, 0, 0, 0, 0, 0 } };
    for (int i = 0; i < 4; i++) {
        ok = f2t(&dates[i], &t);
        t2f(&t, &f);
        printf("ok %d %lld ", ok, t.QuadPart);
        print_tf("->", &f);
    }
    /* (February 29 of a common year is left out: Wine 8 rolls it over to March 1, Windows' answer is not
     * documented; ntexec refuses it.) */
    TF bad[] = { { 2024, 2, 30, 0, 0, 0, 0, 0 }, { 2024, 4, 31, 0, 0, 0, 0, 0 }, { 2024, 13, 1, 0, 0, 0, 0, 0 },
                 { 2024, 1, 1, 24, 0, 0, 0, 0 }, { 2024, 1, 1, 0, 60, 0, 0, 0 }, { 2024, 1, 1, 0, 0, 0, 1000, 0 },
                 { 1600, 12, 31, 0, 0, 0, 0, 0 }, { 2024, 0, 1, 0, 0, 0, 0, 0 } };
    for (int i = 0; i < 8; i++) {
        t.QuadPart = 77;
        ok = f2t(&bad[i], &t);
        printf("bad %d: ok %d time %lld\n", i, ok, t.QuadPart);
    }
    s2t70(1700000000, &t);
    printf("1970+1700000000 = %lld\n", t.QuadPart);
    ULONG secs = 5;
    ok = t2s70(&t, &secs);
    printf("back ok %d secs %lu\n", ok, secs);
    t.QuadPart = 116444736000000000LL - 1;
    secs = 5;
    ok = t2s70(&t, &secs);
    printf("before 1970 ok %d secs %lu\n", ok, secs);
    t.QuadPart = 116444736000000000LL + 0x100000000LL * 10000000;
    ok = t2s70(&t, &secs);
    printf("past 2106 ok %d secs %lu\n", ok, secs);
    s2t80(0, &t);
    ok = t2s80(&t, &secs);
    printf("1980+0 = %lld ok %d secs %lu\n", t.QuadPart, ok, secs);
}

static void hashes(void)
{
    hash_t h = GET(hash_t, RtlHashUnicodeString);
    UNICODE_STRING s;
    RtlInitUnicodeString(&s, L"Hello, World");
    ULONG v = 0;
    NTSTATUS st = h(&s, FALSE, 0, &v);
    printf("hash cs alg0 %08lx %08lx\n", st, v);
    st = h(&s, TRUE, 1, &v);
    printf("hash ci alg1 %08lx %08lx\n", st, v);
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, L"HELLO, WORLD");
    ULONG v2 = 0;
    h(&u, TRUE, 1, &v2);
    printf("hash ci same %d\n", v == v2);
    v = 7;
    st = h(&s, FALSE, 2, &v);
    printf("hash alg2 %08lx %lu\n", st, v);
    st = h(NULL, FALSE, 0, &v);
    printf("hash null %08lx\n", st);
}

static void randoms(void)
{
    rand_t r = GET(rand_t, RtlRandom), rx = GET(rand_t, RtlRandomEx);
    ULONG seed = 12345, prev = seed;
    int in_range = 1, seed_moves = 1;
    for (int i = 0; i < 100; i++) {
        ULONG v = (i & 1 ? r : rx)(&seed);
        in_range &= v < 0x7FFFFFFF && seed < 0x7FFFFFFF;
        seed_moves &= seed != prev;
        prev = seed;
    }
    printf("random in range %d seed moves %d\n", in_range, seed_moves);
}

static void ipv4(void)
{
    ip_a_t a = GET(ip_a_t, RtlIpv4AddressToStringA);
    ip_w_t w = GET(ip_w_t, RtlIpv4AddressToStringW);
    ipex_a_t exa = GET(ipex_a_t, RtlIpv4AddressToStringExA);
    ipex_w_t exw = GET(ipex_w_t, RtlIpv4AddressToStringExW);
    BYTE addr[4] = { 192, 168, 1, 20 }, zero[4] = { 0, 0, 0, 0 };
    char buf[32];
    WCHAR wbuf[32];
    PSTR end = a(addr, buf);
    printf("ipv4 '%s' end %d\n", buf, (int)(end - buf));
    end = a(zero, buf);
    printf("ipv4 '%s' end %d\n", buf, (int)(end - buf));
    PWSTR wend = w(addr, wbuf);
    printf("ipv4 W '%ls' end %d\n", wbuf, (int)(wend - wbuf));
    USHORT port = (USHORT)((8080 >> 8) | (8080 & 0xFF) << 8);
    ULONG len = sizeof buf;
    NTSTATUS st = exa(addr, port, buf, &len);
    printf("ipv4 ex %08lx '%s' len %lu\n", st, buf, len);
    len = sizeof buf;
    st = exa(addr, 0, buf, &len);
    printf("ipv4 ex noport %08lx '%s' len %lu\n", st, buf, len);
    len = 5;
    st = exa(addr, port, buf, &len);
    printf("ipv4 ex small %08lx len %lu\n", st, len);
    len = 32;
    st = exw(addr, port, wbuf, &len);
    printf("ipv4 exW %08lx '%ls' len %lu\n", st, wbuf, len);
    len = 32;
    st = exa(NULL, 0, buf, &len);
    printf("ipv4 ex null %08lx\n", st);
}

static void strings(void)
{
    cmpstr_t cmp = GET(cmpstr_t, RtlCompareString);
    eqstr_t eq = GET(eqstr_t, RtlEqualString);
    upstr_t up = GET(upstr_t, RtlUpperString);
    initex_t initex = GET(initex_t, RtlInitUnicodeStringEx);
    down_t down = GET(down_t, RtlDowncaseUnicodeString);
    usize_t usize = GET(usize_t, RtlUnicodeStringToAnsiSize);
    asize_t asize = GET(asize_t, RtlAnsiStringToUnicodeSize);
    char a1[] = "abcdef", a2[] = "ABCxyz", out[16];
    STR s1 = { 6, 7, a1 }, s2 = { 6, 7, a2 }, s3 = { 3, 4, a2 }, o = { 0, sizeof out, out };
    printf("compare cs %d ci %d ci3 %d eq3 %d eqci3 %d\n", cmp(&s1, &s2, FALSE) > 0, cmp(&s1, &s2, TRUE) < 0,
           cmp(&s1, &s3, TRUE) > 0, eq(&s1, &s3, TRUE), eq(&(STR){ 3, 3, a1 }, &s3, TRUE));
    up(&o, &s1);
    printf("upper '%.*s' len %u\n", o.Length, o.Buffer, o.Length);
    UNICODE_STRING u;
    NTSTATUS st = initex(&u, L"Mixed Case");
    printf("initex %08lx len %u max %u\n", st, u.Length, u.MaximumLength);
    WCHAR wbuf[32];
    UNICODE_STRING d = { 0, sizeof wbuf, wbuf };
    st = down(&d, &u, FALSE);
    printf("downcase %08lx '%.*ls'\n", st, d.Length / 2, d.Buffer);
    UNICODE_STRING small = { 0, 4, wbuf };
    st = down(&small, &u, FALSE);
    printf("downcase small %08lx\n", st);
    printf("sizes ansi %lu unicode %lu\n", usize(&u), asize(&s1));
}

static void integers(void)
{
    c2i_t c2i = GET(c2i_t, RtlCharToInteger);
    u2i_t u2i = GET(u2i_t, RtlUnicodeStringToInteger);
    i2c_t i2c = GET(i2c_t, RtlIntegerToChar);
    i2u_t i2u = GET(i2u_t, RtlIntegerToUnicodeString);
    const char *in[] = { "123", "  -45", "+7", "0x1F", "0o17", "0b101", "12abc", "ff" };
    ULONG bases[] = { 0, 10, 0, 0, 0, 0, 10, 16 };
    for (int i = 0; i < 8; i++) {
        ULONG v = 99;
        NTSTATUS st = c2i(in[i], bases[i], &v);
        printf("char_to_int '%s' base %lu: %08lx %ld\n", in[i], bases[i], st, (LONG)v);
    }
    ULONG v = 99;
    NTSTATUS st = c2i("12", 7, &v);
    printf("char_to_int base 7: %08lx %lu\n", st, v);
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, L"0x7fffffff");
    st = u2i(&u, 0, &v);
    printf("ustr_to_int %08lx %lu\n", st, v);
    RtlInitUnicodeString(&u, L"1010");
    st = u2i(&u, 2, &v);
    printf("ustr_to_int base2 %08lx %lu\n", st, v);
    char buf[16];
    memset(buf, 'x', sizeof buf);
    st = i2c(255, 16, sizeof buf, buf);
    printf("int_to_char 255/16 %08lx '%s'\n", st, buf);
    memset(buf, 'x', sizeof buf);
    st = i2c(12345, 10, 5, buf);
    printf("int_to_char exact %08lx '%.6s'\n", st, buf);
    st = i2c(12345, 10, 4, buf);
    printf("int_to_char small %08lx\n", st);
    st = i2c(5, 3, sizeof buf, buf);
    printf("int_to_char base3 %08lx\n", st);
    st = i2c(5, 2, sizeof buf, buf);
    printf("int_to_char base2 %08lx '%s'\n", st, buf);
    WCHAR wbuf[16];
    UNICODE_STRING w = { 0, sizeof wbuf, wbuf };
    st = i2u(4000000000u, 0, &w);
    printf("int_to_ustr %08lx '%.*ls' len %u\n", st, w.Length / 2, w.Buffer, w.Length);
    UNICODE_STRING ws = { 0, 4, wbuf };
    st = i2u(1234, 10, &ws);
    printf("int_to_ustr small %08lx\n", st);
}

static void last_error(void)
{
    getle_t get = GET(getle_t, RtlGetLastWin32Error);
    setle_t set = GET(setle_t, RtlSetLastWin32Error), restore = GET(setle_t, RtlRestoreLastWin32Error);
    setst_t from_status = GET(setst_t, RtlSetLastWin32ErrorAndNtStatusFromNtStatus);
    getst_t get_status = GET(getst_t, RtlGetLastNtStatus);
    set(1234);
    printf("set 1234 -> GetLastError %lu\n", GetLastError());
    SetLastError(5);
    printf("SetLastError 5 -> Rtl %lu\n", get());
    restore(87);
    printf("restore 87 -> %lu\n", GetLastError());
    ULONG r = from_status((NTSTATUS)0xC0000034);
    printf("from status c0000034 -> %lu last %lu status %08lx\n", r, GetLastError(), get_status());
    SetLastError(7);
    ULONG (WINAPI *noteb)(NTSTATUS) = (ULONG(WINAPI *)(NTSTATUS))GetProcAddress(nt, "RtlNtStatusToDosErrorNoTeb");
    printf("no teb c000000f -> %lu 80070005 -> %lu 20001234 -> %lx c0ffffff -> %lu last %lu\n", noteb(0xC000000F),
           noteb(0x80070005), noteb(0x20001234), noteb(0xC0FFFFFF), GetLastError());
    BOOLEAN (WINAPI *pf)(ULONG) = (BOOLEAN(WINAPI *)(ULONG))GetProcAddress(nt, "RtlIsProcessorFeaturePresent");
    printf("processor feature sse2 %d same as kernel32 %d, 64 %d\n", pf(PF_XMMI64_INSTRUCTIONS_AVAILABLE),
           pf(PF_NX_ENABLED) == IsProcessorFeaturePresent(PF_NX_ENABLED), pf(64));
}

static void perf_counter(void)
{
    qpc_t q = GET(qpc_t, NtQueryPerformanceCounter), zq = GET(qpc_t, ZwQueryPerformanceCounter);
    rqpf_t freq = GET(rqpf_t, RtlQueryPerformanceFrequency), cnt = GET(rqpf_t, RtlQueryPerformanceCounter);
    LARGE_INTEGER c1, c2, f, f2, k32;
    NTSTATUS st = q(&c1, &f);
    QueryPerformanceFrequency(&k32);
    Sleep(20);
    NTSTATUS st2 = zq(&c2, NULL);
    BOOLEAN ok = freq(&f2);
    printf("qpc %08lx %08lx freq matches kernel32 %d rtl %d %d advanced >=15ms %d\n", st, st2, f.QuadPart == k32.QuadPart,
           ok, f2.QuadPart == f.QuadPart, (c2.QuadPart - c1.QuadPart) * 1000 / f.QuadPart >= 15);
    ok = cnt(&c1);
    printf("rtl counter %d monotonic %d\n", ok, c1.QuadPart >= c2.QuadPart);
    st = q(NULL, &f);
    printf("qpc null %08lx\n", st);
}

static PVOID frames[3][8];
static USHORT counts[3];
static ULONG hashes_out[3];

__attribute__((noinline)) static void capture(int i, ULONG skip)
{
    cst_t f = GET(cst_t, RtlCaptureStackBackTrace);
    counts[i] = f(skip, 8, frames[i], &hashes_out[i]);
    __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) static void outer(void)
{
    for (int i = 0; i < 3; i++)
        capture(i, i == 2);   /* one call site: the first two traces are identical */
    __asm__ volatile("" ::: "memory");
}

static void backtrace(void)
{
    outer();
    BYTE *base = (BYTE *)GetModuleHandleW(NULL);
    IMAGE_NT_HEADERS *h = (IMAGE_NT_HEADERS *)(base + ((IMAGE_DOS_HEADER *)base)->e_lfanew);
    BYTE *end = base + h->OptionalHeader.SizeOfImage;
    int in_exe0 = (BYTE *)frames[0][0] >= base && (BYTE *)frames[0][0] < end;
    int in_exe1 = (BYTE *)frames[0][1] >= base && (BYTE *)frames[0][1] < end;
    int in_capture = (BYTE *)frames[0][0] > (BYTE *)capture && (BYTE *)frames[0][0] < (BYTE *)capture + 200;
    int in_outer = (BYTE *)frames[0][1] > (BYTE *)outer && (BYTE *)frames[0][1] < (BYTE *)outer + 200;
    int same = counts[0] == counts[1] && !memcmp(frames[0], frames[1], counts[0] * sizeof(PVOID));
    printf("backtrace frames>=3 %d in exe %d %d in capture %d in outer %d same trace %d same hash %d skip1 %d %d\n",
           counts[0] >= 3, in_exe0, in_exe1, in_capture, in_outer, same, hashes_out[0] == hashes_out[1],
           frames[2][0] == frames[0][1], counts[2] == counts[0] - 1 || counts[0] == 8);
}

static void zw_and_system(void)
{
    qip_t zqip = GET(qip_t, ZwQueryInformationProcess);
    PROCESS_BASIC_INFORMATION pbi;
    ULONG len = 0;
    NTSTATUS st = zqip(GetCurrentProcess(), ProcessBasicInformation, &pbi, sizeof pbi, &len);
    printf("ZwQueryInformationProcess %08lx len %lu pid matches %d\n", st, len,
           pbi.UniqueProcessId == (ULONG_PTR)GetCurrentProcessId());
    const char *zw[] = { "ZwClose", "ZwCreateFile", "ZwReadFile", "ZwWriteFile", "ZwQueryInformationFile",
                         "ZwQueryDirectoryFile", "ZwDelayExecution", "ZwQuerySystemTime", "ZwYieldExecution",
                         "ZwQueryVirtualMemory", "ZwAllocateVirtualMemory", "ZwQuerySystemInformation",
                         "ZwWaitForSingleObject", "ZwQueryInformationThread" };
    int all = 1;
    for (int i = 0; i < (int)(sizeof zw / sizeof *zw); i++)
        if (!GetProcAddress(nt, zw[i])) {
            printf("missing %s\n", zw[i]);
            all = 0;
        }
    printf("Zw aliases present %d\n", all);
    qsi_t qsi = GET(qsi_t, NtQuerySystemInformation);
    struct {
        USHORT arch, level, revision, maxproc;
        ULONG features;
    } spi;
    len = 0;
    st = qsi(1, &spi, sizeof spi, &len);
    printf("SystemProcessorInformation %08lx len %lu arch %u\n", st, len, spi.arch);
    st = qsi(1, &spi, sizeof spi - 1, &len);
    printf("short %08lx len %lu\n", st, len);
}

typedef ULONG(WINAPI *fullpath_t)(PCWSTR, ULONG, PWSTR, PWSTR *);
typedef ULONG(WINAPI *curdir_t)(ULONG, PWSTR);
typedef ULONG(WINAPI *pathtype_t)(PCWSTR);
typedef BOOLEAN(WINAPI *dos2nt_t)(PCWSTR, UNICODE_STRING *, PWSTR *, void *);
typedef NTSTATUS(WINAPI *dos2nts_t)(PCWSTR, UNICODE_STRING *, PWSTR *, void *);

static void paths(void)
{
    fullpath_t full = GET(fullpath_t, RtlGetFullPathName_U);
    curdir_t curdir = GET(curdir_t, RtlGetCurrentDirectory_U);
    pathtype_t type = GET(pathtype_t, RtlDetermineDosPathNameType_U);
    dos2nt_t dos2nt = GET(dos2nt_t, RtlDosPathNameToNtPathName_U);
    dos2nts_t dos2nts = GET(dos2nts_t, RtlDosPathNameToNtPathName_U_WithStatus);
    const WCHAR *abs[] = { L"C:\\a\\..\\b\\.\\c", L"C:/x/y/", L"\\\\?\\C:\\dev", L"C:\\dir\\name. . " };
    WCHAR buf[MAX_PATH], k32[MAX_PATH];
    for (int i = 0; i < 4; i++) {
        PWSTR part = NULL;
        ULONG n = full(abs[i], sizeof buf, buf, &part);
        printf("full '%ls' -> %lu '%ls' part '%ls'\n", abs[i], n, buf, part ? part : L"(null)");
    }
    const WCHAR *rel[] = { L"rel\\x.txt", L"..\\up", L"\\rooted", L"." };
    for (int i = 0; i < 4; i++) {
        ULONG n = full(rel[i], sizeof buf, buf, NULL);
        DWORD m = GetFullPathNameW(rel[i], MAX_PATH, k32, NULL);
        printf("full '%ls' same as kernel32 %d bytes %d\n", rel[i], !wcscmp(buf, k32), n == m * 2);
    }
    ULONG need = full(L"C:\\abc", 4, buf, NULL);
    printf("full small %lu empty %lu\n", need, full(L"", sizeof buf, buf, NULL));
    ULONG n = curdir(sizeof buf, buf);
    DWORD m = GetCurrentDirectoryW(MAX_PATH, k32);
    printf("curdir same %d bytes %d small %d\n", !wcscmp(buf, k32), n == m * 2, curdir(2, buf) == n + 2);
    const WCHAR *types[] = { L"\\\\server\\share", L"C:\\x", L"C:x", L"\\x", L"x", L"\\\\.\\pipe", L"\\\\?", L"\\\\.x", L"/", L"" };
    printf("types");
    for (int i = 0; i < 10; i++)
        printf(" %lu", type(types[i]));
    printf("\n");
    UNICODE_STRING nts;
    PWSTR part = NULL;
    BOOLEAN ok = dos2nt(L"C:\\dir\\..\\file.txt", &nts, &part, NULL);
    printf("dos2nt %d '%.*ls' len %u part '%ls'\n", ok, nts.Length / 2, nts.Buffer, nts.Length, part ? part : L"(null)");
    RtlFreeUnicodeString(&nts);
    BYTE relative[32];
    memset(relative, 0xCC, sizeof relative);
    NTSTATUS st = dos2nts(L"\\\\?\\C:\\x", &nts, NULL, relative);
    printf("dos2nt device %08lx '%.*ls'\n", st, nts.Length / 2, nts.Buffer);
    RtlFreeUnicodeString(&nts);
    st = dos2nts(L"", &nts, NULL, NULL);
    printf("dos2nt empty %08lx\n", st);
}

typedef NTSTATUS(WINAPI *s2a_t)(const char *, BOOLEAN, const char **, BYTE *);
typedef NTSTATUS(WINAPI *s2aw_t)(PCWSTR, BOOLEAN, PCWSTR *, BYTE *);
typedef NTSTATUS(WINAPI *s2aex_t)(const char *, BOOLEAN, BYTE *, USHORT *);

static void ipv4_parse(void)
{
    s2a_t p = GET(s2a_t, RtlIpv4StringToAddressA);
    s2aw_t pw = GET(s2aw_t, RtlIpv4StringToAddressW);
    s2aex_t px = GET(s2aex_t, RtlIpv4StringToAddressExA);
    const char *in[] = { "192.168.1.20", "1.2.3.4:80", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.5",
                         "0x7f.1", "010.0.0.1", "4294967295", "1.2.3.", "", "abc", "1.2.3.04", "1..2.3",
                         "0xffffffff", "127.1 x", "1.2.65535", "1.2.65536" };
    for (int i = 0; i < (int)(sizeof in / sizeof *in); i++) {
        for (int strict = 1; strict >= 0; strict--) {
            BYTE a[4] = { 0xEE, 0xEE, 0xEE, 0xEE };
            const char *term = NULL;
            NTSTATUS st = p(in[i], (BOOLEAN)strict, &term, a);
            printf("parse '%s' strict %d: %08lx term %d addr %u.%u.%u.%u\n", in[i], strict, st,
                   term ? (int)(term - in[i]) : -1, a[0], a[1], a[2], a[3]);
        }
    }
    BYTE a[4];
    PCWSTR wterm;
    NTSTATUS st = pw(L"10.20.30.40/8", TRUE, &wterm, a);
    printf("parse W %08lx term '%ls' addr %u.%u.%u.%u\n", st, wterm, a[0], a[1], a[2], a[3]);
    const char *ex[] = { "1.2.3.4", "1.2.3.4:8080", "1.2.3.4:", "1.2.3.4:0", "1.2.3.4:65536", "1.2.3.4 ", "1.2.3:99" };
    for (int i = 0; i < 7; i++) {
        USHORT port = 0xEEEE;
        memset(a, 0xEE, 4);
        st = px(ex[i], TRUE, a, &port);
        printf("parse ex '%s': %08lx addr %u.%u.%u.%u port %04x\n", ex[i], st, a[0], a[1], a[2], a[3], port);
    }
}

static DWORD WINAPI quick_thread(LPVOID arg)
{
    return (DWORD)(ULONG_PTR)arg;
}

static void thread_classes(void)
{
    qip_t qit = GET(qip_t, NtQueryInformationThread);
    ULONG v = 99, len = 0;
    HANDLE h = CreateThread(NULL, 0, quick_thread, (LPVOID)7, CREATE_SUSPENDED, NULL);
    NTSTATUS st = qit(h, 35, &v, sizeof v, &len);
    printf("ThreadSuspendCount suspended %08lx %lu\n", st, v);
    SuspendThread(h);
    st = qit(h, 35, &v, sizeof v, &len);
    printf("ThreadSuspendCount twice %08lx %lu\n", st, v);
    st = qit(h, 35, &v, 8, &len);
    printf("ThreadSuspendCount bad length %08lx\n", st);
    ResumeThread(h);
    ResumeThread(h);
    WaitForSingleObject(h, 5000);
    v = 99;
    st = qit(GetCurrentThread(), 35, &v, sizeof v, &len);
    printf("ThreadSuspendCount self %08lx %lu\n", st, v);
    CloseHandle(h);
}

typedef BOOLEAN(WINAPI *fromasciiz_t)(UNICODE_STRING *, const char *);
typedef NTSTATUS(WINAPI *oem2u_t)(PWSTR, ULONG, PULONG, const char *, ULONG);
typedef NTSTATUS(WINAPI *u2oem_t)(char *, ULONG, PULONG, PCWSTR, ULONG);
typedef NTSTATUS(WINAPI *u2oems_t)(STR *, const UNICODE_STRING *, BOOLEAN);
typedef void(WINAPI *freeoem_t)(STR *);

static void oem_strings(void)
{
    UNICODE_STRING u;
    BOOLEAN ok = GET(fromasciiz_t, RtlCreateUnicodeStringFromAsciiz)(&u, "From ASCII");
    printf("from asciiz %d '%.*ls' len %u max %u\n", ok, u.Length / 2, u.Buffer, u.Length, u.MaximumLength);
    STR o;
    NTSTATUS st = GET(u2oems_t, RtlUnicodeStringToOemString)(&o, &u, TRUE);
    printf("to oem %08lx '%.*s' len %u max %u\n", st, o.Length, o.Buffer, o.Length, o.MaximumLength);
    GET(freeoem_t, RtlFreeOemString)(&o);
    char small[4];
    STR so = { 0, sizeof small, small };
    st = GET(u2oems_t, RtlUnicodeStringToOemString)(&so, &u, FALSE);
    printf("to oem small %08lx len %u '%s'\n", st, so.Length, small);
    RtlFreeUnicodeString(&u);
    WCHAR w[8];
    ULONG bytes = 0;
    st = GET(oem2u_t, RtlOemToUnicodeN)(w, sizeof w, &bytes, "oem text", 8);
    printf("oem to unicode %08lx bytes %lu '%.*ls'\n", st, bytes, (int)(bytes / 2), w);
    char a[8];
    st = GET(u2oem_t, RtlUnicodeToOemN)(a, sizeof a, &bytes, L"unicode", 14);
    printf("unicode to oem %08lx bytes %lu '%.7s'\n", st, bytes, a);
}

int main(void)
{
    nt = GetModuleHandleW(L"ntdll.dll");
    crc();
    bitmaps();
    times();
    hashes();
    randoms();
    ipv4();
    strings();
    integers();
    last_error();
    perf_counter();
    backtrace();
    zw_and_system();
    paths();
    ipv4_parse();
    thread_classes();
    oem_strings();
    return 0;
}
