/* A program without a C runtime: its entry point is called by BaseThreadInitThunk with the PEB in RCX,
 * it imports only kernel32 (GetStdHandle, WriteFile, ExitProcess) and exits with its own code. */
#include <windows.h>

static int aligned_at_entry(void)
{
    /* At a function's first instruction RSP % 16 == 8 (the return address was just pushed). */
    return ((ULONG_PTR)__builtin_frame_address(0) & 15) == 0;
}

void __stdcall entry(void)
{
    static const char ok[] = "nostdlib: written with WriteFile\n";
    static const char misaligned[] = "nostdlib: stack misaligned at entry\n";
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    DWORD written;
    int aligned = aligned_at_entry();
    WriteFile(out, aligned ? ok : misaligned, aligned ? sizeof ok - 1 : sizeof misaligned - 1, &written, NULL);
    ExitProcess(written == sizeof ok - 1 ? 0x1234 : 1);
}
