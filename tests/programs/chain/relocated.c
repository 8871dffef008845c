/* An image that cannot load at its preferred base: linked at 0x7FFE0000, where KUSER_SHARED_DATA always
 * is, without DYNAMIC_BASE but with relocations. The loader must move it and fix every absolute pointer. */
#include <windows.h>
#include <stdio.h>

static int counter = 41;
static int *counter_ptr = &counter;
static const char *greeting = "pointer in .data fixed";
static int (*printer)(const char *, ...) = printf;
static const char *const table[] = {"first", "second", "third"};

int main(void)
{
    HMODULE self = GetModuleHandleW(NULL);
    printf("loaded away from the preferred base: %d\n", self != (HMODULE)0x7FFE0000);
    (*counter_ptr)++;
    printf("counter through a relocated pointer: %d\n", counter);
    printer("%s\n", greeting);
    printf("table: %s %s %s\n", table[0], table[1], table[2]);
    return 0;
}
