/* Fixture for the PE reader: a DLL with named, NONAME, data and forwarded exports (see pe_exports.def)
 * and a small resource section (pe_exports.rc). */
int pe_counter = 5;

int pe_add(int a, int b)
{
    return a + b;
}

int pe_mul(int a, int b)
{
    return a * b;
}

int pe_hidden(int a)
{
    return a + 100;
}
