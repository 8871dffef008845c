/* Keyed events, the rendezvous under wepoll's reference locks: NtCreateKeyedEvent, a release that waits for
 * its waiter and a wait that waits for its release (each pairs with one of the other kind, by key), timeouts
 * on both sides, an odd key, the process's keyed event (a NULL handle) and an alertable wait an APC ends. */
#include <windows.h>
#include <stdio.h>

typedef LONG NTSTATUS;
static NTSTATUS(WINAPI *pCreate)(HANDLE *, ACCESS_MASK, void *, ULONG);
static NTSTATUS(WINAPI *pWait)(HANDLE, void *, BOOLEAN, const LARGE_INTEGER *);
static NTSTATUS(WINAPI *pRelease)(HANDLE, void *, BOOLEAN, const LARGE_INTEGER *);

static HANDLE keyed;
static int key_a, key_b;   /* their addresses are the keys */
static volatile LONG order[8], step;

static DWORD WINAPI waiter(void *key)
{
    NTSTATUS st = pWait(keyed, key, FALSE, NULL);
    order[InterlockedIncrement(&step) - 1] = key == &key_a ? 1 : 2;
    return (DWORD)st;
}

static DWORD WINAPI releaser(void *key)
{
    return (DWORD)pRelease(keyed, key, FALSE, NULL);
}

static DWORD WINAPI null_waiter(void *key)
{
    return (DWORD)pWait(NULL, key, FALSE, NULL);
}

static void WINAPI apc(ULONG_PTR arg)
{
    (void)arg;
}

static DWORD WINAPI alertable_waiter(void *unused)
{
    (void)unused;
    return (DWORD)pWait(keyed, &key_b, TRUE, NULL);
}

int main(void)
{
    HMODULE nt = GetModuleHandleW(L"ntdll.dll");
    pCreate = (void *)GetProcAddress(nt, "NtCreateKeyedEvent");
    pWait = (void *)GetProcAddress(nt, "NtWaitForKeyedEvent");
    pRelease = (void *)GetProcAddress(nt, "NtReleaseKeyedEvent");
    printf("functions: %d %d %d\n", pCreate != NULL, pWait != NULL, pRelease != NULL);
    if (!pCreate || !pWait || !pRelease)
        return 1;
    NTSTATUS st = pCreate(&keyed, EVENT_ALL_ACCESS, NULL, 0);
    printf("NtCreateKeyedEvent: 0x%08lx\n", (unsigned long)st);

    /* Timeouts: nobody comes. */
    LARGE_INTEGER short_wait = {.QuadPart = -50 * 10000};
    printf("wait, nobody releases: 0x%08lx\n", (unsigned long)pWait(keyed, &key_a, FALSE, &short_wait));
    printf("release, nobody waits: 0x%08lx\n", (unsigned long)pRelease(keyed, &key_a, FALSE, &short_wait));
    printf("odd key: 0x%08lx\n", (unsigned long)pWait(keyed, (char *)&key_a + 1, FALSE, &short_wait));

    /* Two waiters on different keys: each release ends the wait of its own key only, in the order asked. */
    HANDLE wa = CreateThread(NULL, 0, waiter, &key_a, 0, NULL), wb = CreateThread(NULL, 0, waiter, &key_b, 0, NULL);
    Sleep(100);
    printf("release b: 0x%08lx\n", (unsigned long)pRelease(keyed, &key_b, FALSE, NULL));
    WaitForSingleObject(wb, 5000);
    printf("release a: 0x%08lx\n", (unsigned long)pRelease(keyed, &key_a, FALSE, NULL));
    WaitForSingleObject(wa, 5000);
    DWORD ca, cb;
    GetExitCodeThread(wa, &ca);
    GetExitCodeThread(wb, &cb);
    printf("waiters: 0x%08lx 0x%08lx, woke in order %ld %ld\n", ca, cb, order[0], order[1]);

    /* A release first: it waits until a waiter of its key comes. */
    HANDLE r = CreateThread(NULL, 0, releaser, &key_a, 0, NULL);
    Sleep(100);
    printf("release still waiting: %d\n", WaitForSingleObject(r, 0) == WAIT_TIMEOUT);
    printf("wait meets it: 0x%08lx\n", (unsigned long)pWait(keyed, &key_a, FALSE, NULL));
    WaitForSingleObject(r, 5000);
    DWORD cr;
    GetExitCodeThread(r, &cr);
    printf("release ended: 0x%08lx\n", cr);

    /* The process's keyed event: a NULL handle. */
    HANDLE n = CreateThread(NULL, 0, null_waiter, &key_b, 0, NULL);
    Sleep(100);
    printf("release through NULL: 0x%08lx\n", (unsigned long)pRelease(NULL, &key_b, FALSE, NULL));
    WaitForSingleObject(n, 5000);
    DWORD cn;
    GetExitCodeThread(n, &cn);
    printf("NULL waiter: 0x%08lx\n", cn);

    /* An alertable wait ends with STATUS_USER_APC, and a later release finds nobody. */
    HANDLE al = CreateThread(NULL, 0, alertable_waiter, NULL, 0, NULL);
    Sleep(100);
    QueueUserAPC(apc, al, 0);
    WaitForSingleObject(al, 5000);
    DWORD cal;
    GetExitCodeThread(al, &cal);
    printf("alertable waiter: 0x%08lx\n", cal);
    printf("release after it: 0x%08lx\n", (unsigned long)pRelease(keyed, &key_b, FALSE, &short_wait));
    printf("CloseHandle: %d\n", CloseHandle(keyed));
    return 0;
}
