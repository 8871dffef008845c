/* Calls for `--trace=api` and `--trace=loader` (tests/e2e/trace_*): a failing call that sets the last
 * error, strings in both widths, a call on a second thread, setjmp/longjmp through the CRT (whose
 * setjmp reads its return address), a DLL searched beside the program and one found nowhere. */
#include <windows.h>
#include <setjmp.h>
#include <stdio.h>

static jmp_buf jump;

static DWORD WINAPI second_thread(LPVOID arg)
{
    (void)arg;
    return (DWORD)lstrlenW(L"wide");
}

int main(void)
{
    HANDLE h = CreateFileA("missing.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    printf("CreateFileA: %s, error %lu\n", h == INVALID_HANDLE_VALUE ? "INVALID_HANDLE_VALUE" : "a handle",
           GetLastError());
    printf("lstrlenA: %d\n", lstrlenA("abc"));

    HANDLE t = CreateThread(NULL, 0, second_thread, NULL, 0, NULL);
    DWORD code = 0;
    WaitForSingleObject(t, INFINITE);
    GetExitCodeThread(t, &code);
    CloseHandle(t);
    printf("second thread: %lu\n", code);

    volatile int value = setjmp(jump);
    if (!value)
        longjmp(jump, 7);
    printf("longjmp: %d\n", value);

    HMODULE beside = LoadLibraryA("msgtable.dll");
    printf("msgtable.dll: %s\n", beside ? "loaded" : "not loaded");
    HMODULE nowhere = LoadLibraryA("ntexec_trace_nowhere.dll");
    printf("ntexec_trace_nowhere.dll: %s, error %lu\n", nowhere ? "loaded" : "not loaded", GetLastError());
    return 3;
}
