/*
 * A fault inside a DLL function the program called is an exception in the program's thread: its own
 * __except finds it (strlen, memcpy, MultiByteToWideChar with bad pointers), a vectored handler sees it
 * first, the thread goes on normally afterwards, and an unhandled one ends the process with the code.
 * Built with clang (__try/__except).
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static volatile LONG vectored_calls;
static DWORD vectored_code;

static LONG WINAPI vectored(EXCEPTION_POINTERS *info)
{
    vectored_calls++;
    vectored_code = info->ExceptionRecord->ExceptionCode;
    return EXCEPTION_CONTINUE_SEARCH;
}

static DWORD code;
static ULONG_PTR info0, info1;
static DWORD nparams;

static int filter(EXCEPTION_POINTERS *info)
{
    code = info->ExceptionRecord->ExceptionCode;
    nparams = info->ExceptionRecord->NumberParameters;
    info0 = info->ExceptionRecord->ExceptionInformation[0];
    info1 = info->ExceptionRecord->ExceptionInformation[1];
    return EXCEPTION_EXECUTE_HANDLER;
}

static void report(const char *what, int reached)
{
    printf("%s: after the call %d, code %#lx, params %lu, [0] %llu, [1] %#llx\n", what, reached, code, nparams,
           (unsigned long long)info0, (unsigned long long)info1);
    code = 0;
    nparams = 0;
    info0 = info1 = 0;
}

typedef size_t(__cdecl *strlen_fn)(const char *);
typedef void *(__cdecl *memcpy_fn)(void *, const void *, size_t);
static strlen_fn my_strlen;

/* Another thread: its builtin calls are its own. */
static DWORD WINAPI thread_main(void *arg)
{
    (void)arg;
    volatile int reached = 0;
    __try {
        my_strlen((const char *)0x80);
        reached = 1;
    } __except (filter(GetExceptionInformation())) {
    }
    report("strlen on a second thread", reached);
    return 7;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    /* Through GetProcAddress, so no compiler builtin replaces the calls. */
    HMODULE crt = GetModuleHandleA("msvcrt.dll");
    my_strlen = (strlen_fn)GetProcAddress(crt, "strlen");
    memcpy_fn my_memcpy = (memcpy_fn)GetProcAddress(crt, "memcpy");
    volatile int reached = 0;
    char buf[64];

    if (argc > 1 && !strcmp(argv[1], "unhandled")) {
        printf("strlen((char *)1) outside any __try\n");
        printf("%zu\n", my_strlen((const char *)1));
        return 0;
    }

    __try {
        reached = (int)my_strlen((const char *)1);
        reached = 1;
    } __except (filter(GetExceptionInformation())) {
    }
    report("strlen((char *)1)", reached);

    reached = 0;
    __try {
        my_memcpy(buf, (const void *)0x10, 1);   /* one byte: the address is the same whatever order memcpy reads in */
        reached = 1;
    } __except (filter(GetExceptionInformation())) {
    }
    report("memcpy from 0x10", reached);

    reached = 0;
    __try {
        my_memcpy((void *)0x20, "abcdefgh", 1);
        reached = 1;
    } __except (filter(GetExceptionInformation())) {
    }
    report("memcpy to 0x20", reached);

    reached = 0;
    WCHAR wide[16];
    __try {
        reached = MultiByteToWideChar(CP_UTF8, 0, (const char *)0x30, -1, wide, 16);
        reached = 1;
    } __except (filter(GetExceptionInformation())) {
    }
    report("MultiByteToWideChar from 0x30", reached);

    PVOID handle = AddVectoredExceptionHandler(1, vectored);
    reached = 0;
    __try {
        my_strlen((const char *)0x40);
        reached = 1;
    } __except (filter(GetExceptionInformation())) {
    }
    RemoveVectoredExceptionHandler(handle);
    report("strlen with a vectored handler", reached);
    printf("vectored handler: %ld call(s), code %#lx\n", vectored_calls, vectored_code);

    /* Nested: the fault is in a function called from the __except of another. */
    reached = 0;
    __try {
        my_strlen((const char *)0x50);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        __try {
            my_memcpy(buf, (const void *)0x60, 1);
        } __except (filter(GetExceptionInformation())) {
            reached = 2;
        }
    }
    report("memcpy in an __except block", reached);

    /* A lock the program holds is the program's business: the fault is still its to catch. */
    CRITICAL_SECTION cs;
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    reached = 0;
    __try {
        my_strlen((const char *)0x70);
        reached = 1;
    } __except (filter(GetExceptionInformation())) {
    }
    LeaveCriticalSection(&cs);
    report("strlen inside the program's critical section", reached);
    printf("critical section free again: %d\n", TryEnterCriticalSection(&cs));
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);

    HANDLE thread = CreateThread(NULL, 0, thread_main, NULL, 0, NULL);
    DWORD thread_code = 0;
    WaitForSingleObject(thread, INFINITE);
    GetExitCodeThread(thread, &thread_code);
    CloseHandle(thread);
    printf("second thread exit code %lu\n", thread_code);

    printf("afterwards: strlen(\"abc\") = %zu, lstrlenA(\"hello\") = %d\n", my_strlen("abc"), lstrlenA("hello"));
    return 0;
}
