/* A DLL installed without an extension, as build/tests/programs/noext (tests/programs/chain/noext.c). */
__declspec(dllexport) int noext_answer(void)
{
    return 42;
}
