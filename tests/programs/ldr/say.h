/* Output for the loader tests: WriteFile on the standard output, so that DLLs print in the order things
 * happen, even from DllMain at process exit, without depending on any CRT's buffering. */
#include <stdarg.h>
#include <stdio.h>
#include <windows.h>

static void say(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf - 2, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (n > (int)sizeof buf - 3)
        n = sizeof buf - 3;
    buf[n++] = '\r';
    buf[n++] = '\n';
    DWORD written;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), buf, (DWORD)n, &written, NULL);
}

static inline const char *reason_name(DWORD reason)
{
    switch (reason) {
    case DLL_PROCESS_ATTACH: return "process attach";
    case DLL_PROCESS_DETACH: return "process detach";
    case DLL_THREAD_ATTACH: return "thread attach";
    case DLL_THREAD_DETACH: return "thread detach";
    }
    return "?";
}
