/* Fixture for the PE reader: a DYNAMIC_BASE executable whose data holds absolute pointers, so its
 * .reloc section has DIR64 entries (and ABSOLUTE padding). */
#include <stdio.h>

static const char *const words[] = {"alpha", "beta", "gamma", "delta"};
static int (*const print)(const char *, ...) = printf;

int main(int argc, char **argv)
{
    (void)argv;
    print("%s\n", words[argc & 3]);
    return 0;
}
