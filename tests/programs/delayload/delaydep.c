/* The DLL tests/programs/delayload/delayload.c imports with delay: one function it exports. */
__declspec(dllexport) int delay_add(int a, int b)
{
    return a + b;
}
