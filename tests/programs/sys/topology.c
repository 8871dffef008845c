/* GetLogicalProcessorInformation(Ex): the buffer protocol (size query, ERROR_INSUFFICIENT_BUFFER) and what holds on
 * every machine: the cores' masks are disjoint and cover every processor GetSystemInfo counts, there is a package,
 * a NUMA node and a level-1 data cache with a sane line size. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

int main(void)
{
    DWORD len = 0;
    SetLastError(0);
    BOOL ok = GetLogicalProcessorInformation(NULL, &len);
    printf("size query: %d err=%lu multiple of 32=%d nonzero=%d\n", ok, GetLastError(), len % 32 == 0, len > 0);
    DWORD small = 16;
    SYSTEM_LOGICAL_PROCESSOR_INFORMATION tiny[1];
    SetLastError(0);
    ok = GetLogicalProcessorInformation(tiny, &small);
    printf("small buffer: %d err=%lu same size=%d\n", ok, GetLastError(), small == len);
    SYSTEM_LOGICAL_PROCESSOR_INFORMATION *p = malloc(len);
    ok = GetLogicalProcessorInformation(p, &len);
    printf("query: %d\n", ok);
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    ULONG_PTR cores = 0;
    int overlap = 0, packages = 0, nodes = 0, l1data = 0, line_ok = 1, smt_ok = 1;
    for (DWORD i = 0; i < len / sizeof *p; i++) {
        switch (p[i].Relationship) {
        case RelationProcessorCore:
            overlap |= (cores & p[i].ProcessorMask) != 0;
            cores |= p[i].ProcessorMask;
            smt_ok &= (p[i].ProcessorCore.Flags != 0) == ((p[i].ProcessorMask & (p[i].ProcessorMask - 1)) != 0);
            break;
        case RelationProcessorPackage: packages++; break;
        case RelationNumaNode: nodes++; break;
        case RelationCache:
            if (p[i].Cache.Level == 1 && p[i].Cache.Type == CacheData)
                l1data++;
            line_ok &= p[i].Cache.LineSize >= 16 && p[i].Cache.LineSize <= 256;
            break;
        default: break;
        }
    }
    int bits = 0;
    for (ULONG_PTR m = cores; m; m &= m - 1)
        bits++;
    printf("cores disjoint=%d cover all processors=%d SMT flag right=%d packages>=1=%d nodes>=1=%d L1 data=%d "
           "line sizes sane=%d\n",
           !overlap, bits == (int)si.dwNumberOfProcessors, smt_ok, packages >= 1, nodes >= 1, l1data > 0, line_ok);

    int counts[5] = {0}, excounts[5] = {0};
    ULONG_PTR excores = 0;
    for (DWORD i = 0; i < len / sizeof *p; i++)
        if (p[i].Relationship <= RelationProcessorPackage)
            counts[p[i].Relationship]++;
    DWORD exlen = 0;
    SetLastError(0);
    ok = GetLogicalProcessorInformationEx(RelationAll, NULL, &exlen);
    printf("Ex size query: %d err=%lu nonzero=%d\n", ok, GetLastError(), exlen > 0);
    char *ex = malloc(exlen);
    ok = GetLogicalProcessorInformationEx(RelationAll, (PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX)ex, &exlen);
    int sizes_ok = 1, active = 0;
    for (DWORD off = 0; ok && off < exlen;) {
        PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX e = (PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX)(ex + off);
        if (e->Size == 0 || off + e->Size > exlen) {
            sizes_ok = 0;
            break;
        }
        if (e->Relationship <= RelationGroup)
            excounts[e->Relationship]++;
        if (e->Relationship == RelationProcessorCore)
            excores |= e->Processor.GroupMask[0].Mask;
        if (e->Relationship == RelationGroup)
            active = e->Group.GroupInfo[0].ActiveProcessorCount;
        off += e->Size;
    }
    printf("Ex: %d records well formed=%d cores=%d caches=%d packages=%d nodes=%d same as basic, groups=%d, "
           "same core masks=%d, active processors=%d\n",
           ok, sizes_ok, excounts[RelationProcessorCore] == counts[RelationProcessorCore],
           excounts[RelationCache] == counts[RelationCache],
           excounts[RelationProcessorPackage] == counts[RelationProcessorPackage],
           excounts[RelationNumaNode] == counts[RelationNumaNode], excounts[RelationGroup], excores == cores,
           active == (int)si.dwNumberOfProcessors);
    DWORD corelen = 0;
    GetLogicalProcessorInformationEx(RelationProcessorCore, NULL, &corelen);
    char *only = malloc(corelen);
    ok = GetLogicalProcessorInformationEx(RelationProcessorCore, (PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX)only,
                                          &corelen);
    int all_cores = 1, ncore = 0;
    for (DWORD off = 0; ok && off < corelen; off += ((PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX)(only + off))->Size) {
        all_cores &= ((PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX)(only + off))->Relationship == RelationProcessorCore;
        ncore++;
    }
    printf("Ex(RelationProcessorCore): %d only cores=%d count same=%d\n", ok, all_cores,
           ncore == counts[RelationProcessorCore]);
    SetLastError(0);
    ok = GetLogicalProcessorInformation(p, NULL);
    printf("NULL length: %d err=%lu\n", ok, GetLastError());
    return 0;
}
