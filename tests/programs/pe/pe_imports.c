/* Fixture for the PE reader: imports from pe_exports.dll by name (pe_add, data pe_counter) and by
 * ordinal (pe_hidden is NONAME, so the import library can only name it by ordinal 7). */
#include <stdio.h>

__declspec(dllimport) int pe_add(int a, int b);
__declspec(dllimport) int pe_hidden(int a);
__declspec(dllimport) extern int pe_counter;

int main(void)
{
    printf("%d %d %d\n", pe_add(1, 2), pe_hidden(1), pe_counter);
    return 0;
}
