/* VirtualAlloc with MEM_TOP_DOWN: the reservation goes to the top of the user range, above the ordinary
 * ones. Prints relations only (addresses differ from run to run). */
#include <stdio.h>
#include <windows.h>

int main(void)
{
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    ULONG_PTR top = (ULONG_PTR)si.lpMaximumApplicationAddress;
    char *low = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    char *high = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_COMMIT | MEM_TOP_DOWN, PAGE_READWRITE);
    char *high2 = VirtualAlloc(NULL, 0x30000, MEM_RESERVE | MEM_TOP_DOWN, PAGE_NOACCESS);
    printf("allocated: %d %d %d\n", low != NULL, high != NULL, high2 != NULL);
    printf("top-down above the ordinary one: %d\n", high > low);
    printf("top-down above 4 GiB: %d\n", (ULONG_PTR)high > 0xFFFFFFFFull);
    printf("top-down 64-KiB aligned: %d %d\n", ((ULONG_PTR)high & 0xFFFF) == 0, ((ULONG_PTR)high2 & 0xFFFF) == 0);
    printf("top-down inside the user range: %d\n", (ULONG_PTR)high + 0xFFFF <= top && (ULONG_PTR)high2 + 0x2FFFF <= top);
    printf("top-down within 4 GiB of its top: %d\n", top - (ULONG_PTR)high < 0x100000000ull);
    printf("second top-down below the first: %d\n", high2 < high);
    high[0] = 1;
    high[0xFFFF] = 2;
    MEMORY_BASIC_INFORMATION mbi;
    VirtualQuery(high2, &mbi, sizeof mbi);
    printf("second: state %#lx size %#zx\n", mbi.State, (size_t)mbi.RegionSize);
    printf("free: %d %d %d\n", VirtualFree(low, 0, MEM_RELEASE), VirtualFree(high, 0, MEM_RELEASE),
           VirtualFree(high2, 0, MEM_RELEASE));
    return 0;
}
