/*
 * __fastfail (int 0x29): the process ends at once with STATUS_STACK_BUFFER_OVERRUN, and no exception
 * handler sees it, neither a vectored handler nor the unhandled-exception filter. Rust's panic=abort and
 * the UCRT's abort end this way. mingw-w64 has no __fastfail intrinsic: the instruction is written out.
 */
#include <stdio.h>
#include <windows.h>

static LONG CALLBACK vectored(EXCEPTION_POINTERS *info)
{
    printf("vectored handler saw 0x%08lx\n", info->ExceptionRecord->ExceptionCode);
    fflush(stdout);
    return EXCEPTION_CONTINUE_SEARCH;
}

static LONG WINAPI filter(EXCEPTION_POINTERS *info)
{
    printf("unhandled-exception filter saw 0x%08lx\n", info->ExceptionRecord->ExceptionCode);
    fflush(stdout);
    return EXCEPTION_CONTINUE_SEARCH;
}

int main(void)
{
    AddVectoredExceptionHandler(1, vectored);
    SetUnhandledExceptionFilter(filter);
    printf("before __fastfail(7)\n");
    fflush(stdout);
    __asm__ volatile("int $0x29" : : "c"(7));   /* __fastfail(FAST_FAIL_FATAL_APP_EXIT), as MSVC emits it */
    printf("after\n");
    return 0;
}
