/* Thread descriptions (tests/e2e/rt_threaddesc): SetThreadDescription/GetThreadDescription on the current
 * thread and on another one, an empty and a long name, a non-ASCII name, bad handles (HRESULTs). */
#include <stdio.h>
#include <wchar.h>
#include <windows.h>

typedef HRESULT(WINAPI *set_fn)(HANDLE, PCWSTR);
typedef HRESULT(WINAPI *get_fn)(HANDLE, PWSTR *);
static set_fn set_desc;
static get_fn get_desc;

static void show(const char *what, HANDLE thread)
{
    PWSTR d = (PWSTR)1;
    HRESULT hr = get_desc(thread, &d);
    printf("%s: hr=%08lx", what, (unsigned long)hr);
    if (d) {
        printf(" len=%u \"", (unsigned)wcslen(d));
        for (PWSTR p = d; *p; p++)
            printf(*p < 128 ? "%c" : "\\u%04x", *p);
        printf("\"");
        LocalFree(d);
    } else {
        printf(" NULL");
    }
    printf("\n");
}

static HANDLE ready, go;

static DWORD WINAPI worker(void *arg)
{
    (void)arg;
    SetEvent(ready);
    WaitForSingleObject(go, 5000);
    show("worker reads its own name", GetCurrentThread());
    return 0;
}

int main(void)
{
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    set_desc = (set_fn)GetProcAddress(k32, "SetThreadDescription");
    get_desc = (get_fn)GetProcAddress(k32, "GetThreadDescription");
    printf("exported: %d %d\n", set_desc != NULL, get_desc != NULL);
    if (!set_desc || !get_desc)
        return 1;

    show("main, never named", GetCurrentThread());
    printf("set \"main thread\": hr=%08lx\n", (unsigned long)set_desc(GetCurrentThread(), L"main thread"));
    show("main", GetCurrentThread());
    printf("set \"\": hr=%08lx\n", (unsigned long)set_desc(GetCurrentThread(), L""));
    show("main after \"\"", GetCurrentThread());
    printf("set non-ASCII: hr=%08lx\n", (unsigned long)set_desc(GetCurrentThread(), L"r\u00e9seau \u4e16\u754c"));
    show("main", GetCurrentThread());
    WCHAR longname[301];
    for (int i = 0; i < 300; i++)
        longname[i] = (WCHAR)('a' + i % 26);
    longname[300] = 0;
    printf("set 300 chars: hr=%08lx\n", (unsigned long)set_desc(GetCurrentThread(), longname));
    PWSTR d = NULL;
    HRESULT hr = get_desc(GetCurrentThread(), &d);
    printf("get 300 chars: hr=%08lx len=%u same=%d\n", (unsigned long)hr, d ? (unsigned)wcslen(d) : 0,
           d && wcscmp(d, longname) == 0);
    LocalFree(d);

    ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    go = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    WaitForSingleObject(ready, 5000);
    show("worker, never named", t);
    printf("main names the worker: hr=%08lx\n", (unsigned long)set_desc(t, L"worker-1"));
    show("worker", t);
    SetEvent(go);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);

    printf("set on NULL: hr=%08lx\n", (unsigned long)set_desc(NULL, L"x"));
    d = (PWSTR)1;
    hr = get_desc(NULL, &d);
    printf("get on NULL: hr=%08lx description %s\n", (unsigned long)hr, d ? "set" : "NULL");
    printf("set on the process: hr=%08lx\n", (unsigned long)set_desc(GetCurrentProcess(), L"x"));
    return 0;
}
