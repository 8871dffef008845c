/* Fixture for the PE reader: pe_exports.dll imported through a delay-load import library. */
#include <stdio.h>

int pe_add(int a, int b);
int pe_mul(int a, int b);

int main(void)
{
    printf("%d %d\n", pe_add(2, 3), pe_mul(2, 3));
    return 0;
}
