/* msvcrt's _beginthreadex/_endthreadex (exit codes, CREATE_SUSPENDED, thread ids) and _beginthread
 * (the thread closes its own handle), as g++'s std::thread over winpthreads uses them. */
#include <windows.h>
#include <errno.h>
#include <process.h>
#include <stdio.h>

static volatile LONG ran, simple_done;

static unsigned __stdcall worker(void *arg)
{
    int id = (int)(INT_PTR)arg;
    InterlockedIncrement(&ran);
    if (id == 3)
        _endthreadex(300);
    return 100 + id;
}

static void __cdecl simple(void *arg)
{
    InterlockedIncrement(&simple_done);
    if (arg)
        _endthread();
}

int main(void)
{
    HANDLE h[6];
    unsigned tids[6];
    for (int i = 0; i < 6; i++)
        h[i] = (HANDLE)_beginthreadex(NULL, 0, worker, (void *)(INT_PTR)i, i == 5 ? CREATE_SUSPENDED : 0, &tids[i]);
    Sleep(50);
    printf("suspended thread has not run: %d (ran %ld)\n", ran == 5, ran);
    ResumeThread(h[5]);
    WaitForMultipleObjects(6, h, TRUE, INFINITE);
    int distinct = 1;
    for (int i = 0; i < 6; i++) {
        DWORD code;
        GetExitCodeThread(h[i], &code);
        printf("thread %d exit code %lu, tid matches %d\n", i, (unsigned long)code, GetThreadId(h[i]) == tids[i]);
        for (int j = 0; j < i; j++)
            distinct &= tids[i] != tids[j];
        CloseHandle(h[i]);
    }
    printf("thread ids distinct: %d\n", distinct);

    for (int i = 0; i < 4; i++) {
        uintptr_t t = _beginthread(simple, 0, (void *)(INT_PTR)(i & 1));
        if (t == (uintptr_t)-1)
            printf("_beginthread failed\n");
    }
    for (int i = 0; i < 2000 && simple_done < 4; i++)
        Sleep(1);
    printf("_beginthread threads ran: %ld\n", simple_done);

    errno = 0;
    uintptr_t bad = _beginthreadex(NULL, 0, NULL, NULL, 0, NULL);
    printf("_beginthreadex(NULL start): %llu, errno %d (EINVAL %d)\n", (unsigned long long)bad, errno, EINVAL);
    return 0;
}
