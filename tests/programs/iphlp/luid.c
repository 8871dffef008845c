/* The NET_LUID conversions of netioapi.h on the loopback interface (the one whose type is
 * IF_TYPE_SOFTWARE_LOOPBACK in GetAdaptersAddresses): index <-> LUID <-> name <-> GUID, and the errors for
 * an index, LUID or name no interface has, a buffer too small and NULL arguments. */
#include <winsock2.h>
#include <ws2ipdef.h>
#include <iphlpapi.h>
#include <netioapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    ULONG size = 0;
    GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, &size);
    IP_ADAPTER_ADDRESSES *all = malloc(size), *lo = NULL;
    if (!all || GetAdaptersAddresses(AF_UNSPEC, 0, NULL, all, &size) != NO_ERROR)
        return 1;
    for (IP_ADAPTER_ADDRESSES *a = all; a; a = a->Next)
        if (a->IfType == IF_TYPE_SOFTWARE_LOOPBACK && !lo)
            lo = a;
    printf("loopback adapter: %d\n", lo != NULL);
    if (!lo)
        return 1;
    NET_LUID luid;
    DWORD r = ConvertInterfaceIndexToLuid(lo->IfIndex, &luid);
    printf("IndexToLuid: %lu, same as the adapter's %d, type %u\n", r, luid.Value == lo->Luid.Value,
           (unsigned)luid.Info.IfType);
    NET_IFINDEX index = 0;
    r = ConvertInterfaceLuidToIndex(&luid, &index);
    printf("LuidToIndex: %lu, the same index %d\n", r, index == lo->IfIndex);
    WCHAR wname[IF_MAX_STRING_SIZE + 1];
    r = ConvertInterfaceLuidToNameW(&luid, wname, IF_MAX_STRING_SIZE + 1);
    char name[IF_MAX_STRING_SIZE + 1];
    WideCharToMultiByte(CP_ACP, 0, wname, -1, name, sizeof name, NULL, NULL);
    char expect[64];
    snprintf(expect, sizeof expect, "loopback_%lu", (unsigned long)luid.Info.NetLuidIndex);
    printf("LuidToNameW: %lu, loopback_<NetLuidIndex> %d\n", r, !strcmp(name, expect));
    char aname[IF_MAX_STRING_SIZE + 1];
    r = ConvertInterfaceLuidToNameA(&luid, aname, sizeof aname);
    printf("LuidToNameA: %lu, the same name %d\n", r, !strcmp(aname, name));
    r = ConvertInterfaceLuidToNameW(&luid, wname, 3);
    printf("LuidToNameW into 3 characters: %lu\n", r);
    NET_LUID back = {0};
    r = ConvertInterfaceNameToLuidW(wname[0] ? L"loopback_0" : L"", &back);
    printf("NameToLuidW loopback_0: %lu\n", r);
    WCHAR wexpect[64];
    MultiByteToWideChar(CP_ACP, 0, expect, -1, wexpect, 64);
    r = ConvertInterfaceNameToLuidW(wexpect, &back);
    printf("NameToLuidW %s: %lu, the same LUID %d\n", "loopback_<NetLuidIndex>", r, back.Value == luid.Value);
    back.Value = 0;
    r = ConvertInterfaceNameToLuidA(expect, &back);
    printf("NameToLuidA: %lu, the same LUID %d\n", r, back.Value == luid.Value);
    GUID guid;
    r = ConvertInterfaceLuidToGuid(&luid, &guid);
    char text[64];
    snprintf(text, sizeof text, "{%08lX-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", guid.Data1, guid.Data2,
             guid.Data3, guid.Data4[0], guid.Data4[1], guid.Data4[2], guid.Data4[3], guid.Data4[4], guid.Data4[5],
             guid.Data4[6], guid.Data4[7]);
    printf("LuidToGuid: %lu, the adapter's name %d\n", r, !_stricmp(text, lo->AdapterName));
    back.Value = 0;
    r = ConvertInterfaceGuidToLuid(&guid, &back);
    printf("GuidToLuid: %lu, the same LUID %d\n", r, back.Value == luid.Value);

    /* What no interface has. */
    r = ConvertInterfaceIndexToLuid(0xFFFFFF, &back);
    printf("IndexToLuid of no interface: %lu, LUID zeroed %d\n", r, back.Value == 0);
    NET_LUID none = luid;
    none.Info.NetLuidIndex = 0xFFFFFF;
    index = 7;
    r = ConvertInterfaceLuidToIndex(&none, &index);
    printf("LuidToIndex of no interface: %lu\n", r);
    r = ConvertInterfaceLuidToNameW(&none, wname, IF_MAX_STRING_SIZE + 1);
    printf("LuidToNameW of no interface: %lu\n", r);
    r = ConvertInterfaceNameToLuidA("nothing_9", &back);
    printf("NameToLuidA of no interface: %lu\n", r);
    GUID zero = {0};
    r = ConvertInterfaceGuidToLuid(&zero, &back);
    printf("GuidToLuid of no interface: %lu\n", r);

    /* NULL arguments. */
    printf("NULL: %lu %lu %lu %lu %lu\n", ConvertInterfaceIndexToLuid(lo->IfIndex, NULL),
           ConvertInterfaceLuidToIndex(NULL, &index), ConvertInterfaceLuidToNameW(&luid, NULL, 10),
           ConvertInterfaceNameToLuidW(NULL, &back), ConvertInterfaceNameToLuidW(L"x", NULL));
    free(all);
    return 0;
}
