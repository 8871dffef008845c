/* The DLLs runtimes load by name at start-up (tests/e2e/rt_startup): winmm's timer functions, advapi32's
 * SystemFunction036 (RtlGenRandom), ws2_32 without a network stack, ntdll's RtlGetNtVersionNumbers, and
 * KUSER_SHARED_DATA's clock advancing by itself (read directly, as Go's runtime does). */
#include <stdio.h>
#include <string.h>
#include <windows.h>

typedef UINT(WINAPI *period_fn)(UINT);
typedef DWORD(WINAPI *gettime_fn)(void);
typedef struct { UINT min, max; } caps_t;
typedef UINT(WINAPI *devcaps_fn)(caps_t *, UINT);
typedef BOOLEAN(WINAPI *genrandom_fn)(PVOID, ULONG);
typedef int(WINAPI *wsastartup_fn)(WORD, void *);
typedef BOOL(WINAPI *wsaovl_fn)(UINT_PTR, void *, DWORD *, BOOL, DWORD *);
typedef int(WINAPI *wsaerr_fn)(void);
typedef void(WINAPI *versions_fn)(ULONG *, ULONG *, ULONG *);

static ULONGLONG read_ksystem_time(ULONG_PTR address)
{
    volatile LONG *high1 = (volatile LONG *)(address + 4), *high2 = (volatile LONG *)(address + 8);
    volatile ULONG *low = (volatile ULONG *)address;
    LONG h;
    ULONG l;
    do {
        h = *high1;
        l = *low;
    } while (h != *high2);
    return (ULONGLONG)(ULONG)h << 32 | l;
}

int main(void)
{
    HMODULE winmm = LoadLibraryA("winmm.dll");
    printf("winmm loaded: %d\n", winmm != NULL);
    period_fn begin = (period_fn)GetProcAddress(winmm, "timeBeginPeriod");
    period_fn end = (period_fn)GetProcAddress(winmm, "timeEndPeriod");
    gettime_fn gettime = (gettime_fn)GetProcAddress(winmm, "timeGetTime");
    devcaps_fn devcaps = (devcaps_fn)GetProcAddress(winmm, "timeGetDevCaps");
    printf("timeBeginPeriod(1) = %u\n", begin(1));
    printf("timeBeginPeriod(0) = %u\n", begin(0));
    printf("timeEndPeriod(1) = %u\n", end(1));
    caps_t caps = {0, 0};
    UINT r = devcaps(&caps, sizeof caps);
    printf("timeGetDevCaps = %u, min=%u, max>=1000: %d\n", r, caps.min, caps.max >= 1000);
    printf("timeGetDevCaps(size 4) = %u\n", devcaps(&caps, 4));
    DWORD t0 = gettime();
    Sleep(50);
    DWORD dt = gettime() - t0;
    printf("timeGetTime advanced 45..1000 ms over Sleep(50): %d\n", dt >= 45 && dt < 1000);
    DWORD tick = GetTickCount();
    printf("timeGetTime within 100 ms of GetTickCount: %d\n", (LONG)(gettime() - tick) < 100 && (LONG)(tick - gettime()) < 100);

    HMODULE advapi = LoadLibraryA("advapi32.dll");
    genrandom_fn genrandom = (genrandom_fn)GetProcAddress(advapi, "SystemFunction036");
    unsigned char a[32], b[32], zero[32] = {0};
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    BOOLEAN g1 = genrandom(a, sizeof a), g2 = genrandom(b, sizeof b);
    printf("SystemFunction036: %d %d, nonzero: %d, differ: %d\n", g1, g2, memcmp(a, zero, 32) != 0, memcmp(a, b, 32) != 0);
    printf("SystemFunction036(len 0) = %d\n", genrandom(a, 0));

    HMODULE ws = LoadLibraryA("ws2_32.dll");
    printf("ws2_32 loaded: %d, WSAGetOverlappedResult found: %d\n", ws != NULL,
           GetProcAddress(ws, "WSAGetOverlappedResult") != NULL);
    wsaovl_fn ovl = (wsaovl_fn)GetProcAddress(ws, "WSAGetOverlappedResult");
    wsaerr_fn wsaerr = (wsaerr_fn)GetProcAddress(ws, "WSAGetLastError");
    DWORD n = 0, flags = 0;
    OVERLAPPED o = {0};
    BOOL okv = ovl(0, &o, &n, FALSE, &flags);
    printf("WSAGetOverlappedResult before WSAStartup: %d, WSAGetLastError %d\n", okv, wsaerr());

    /* WSAStartup succeeds without a network: version negotiation only */
    wsastartup_fn startup = (wsastartup_fn)GetProcAddress(ws, "WSAStartup");
    wsaerr_fn cleanup = (wsaerr_fn)GetProcAddress(ws, "WSACleanup");
    struct { WORD version, high; unsigned short maxsock, maxudp; char *vendor; char desc[257], status[129]; } wsa;
    memset(&wsa, 0x55, sizeof wsa);
    printf("WSAStartup(1.0) = %d\n", startup(0x0001, &wsa));
    int sr = startup(0x0202, &wsa);
    printf("WSAStartup(2.2) = %d, version %04x high %04x, description \"%s\", status \"%s\"\n", sr, wsa.version,
           wsa.high, wsa.desc, wsa.status);
    sr = startup(0x0303, &wsa);
    printf("WSAStartup(3.3) = %d, version %04x\n", sr, wsa.version);
    okv = ovl(0, &o, &n, FALSE, &flags);
    printf("WSAGetOverlappedResult(socket 0) after WSAStartup: %d, WSAGetLastError %d\n", okv, wsaerr());
    int cl1 = cleanup(), cl2 = cleanup(), cl3 = cleanup();
    printf("WSACleanup x3: %d %d %d, then WSAGetLastError %d\n", cl1, cl2, cl3, wsaerr());

    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    versions_fn versions = (versions_fn)GetProcAddress(ntdll, "RtlGetNtVersionNumbers");
    ULONG major = 0, minor = 0, build = 0;
    versions(&major, &minor, &build);
    printf("RtlGetNtVersionNumbers: %lu.%lu, build top nibble %lx\n", major, minor, build >> 28);
    printf("NtWaitForSingleObject found: %d\n", GetProcAddress(ntdll, "NtWaitForSingleObject") != NULL);

    /* KUSER_SHARED_DATA: InterruptTime (+0x8) and SystemTime (+0x14) advance while nothing calls a clock */
    ULONGLONG i0 = read_ksystem_time(0x7FFE0008), s0 = read_ksystem_time(0x7FFE0014);
    volatile ULONG spin = 0;
    LARGE_INTEGER f, c0, c1;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c0);
    ULONGLONG i1, s1;
    do {   /* busy, reading the page only: up to 2 s */
        spin++;
        i1 = read_ksystem_time(0x7FFE0008);
        s1 = read_ksystem_time(0x7FFE0014);
    } while ((i1 - i0 < 500000 || s1 - s0 < 500000) && spin < 2000000000u);
    QueryPerformanceCounter(&c1);
    printf("shared InterruptTime and SystemTime advanced 50 ms by direct reads: %d %d\n", i1 - i0 >= 500000, s1 - s0 >= 500000);
    return 0;
}
