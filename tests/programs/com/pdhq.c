/* pdh: a query with the system up-time counter, and the failures for counters that do not exist. */
#include <windows.h>
#include <pdh.h>
#include <pdhmsg.h>
#include <stdio.h>

static void add(PDH_HQUERY q, const WCHAR *path)
{
    PDH_HCOUNTER c = NULL;
    PDH_STATUS st = PdhAddEnglishCounterW(q, path, 0, &c);
    printf("add %ls: %08lx\n", path, (unsigned long)st);
    if (st == ERROR_SUCCESS)
        PdhRemoveCounter(c);
}

int main(void)
{
    PDH_HQUERY q = NULL;
    printf("open=%08lx\n", (unsigned long)PdhOpenQueryW(NULL, 0, &q));
    printf("collect empty=%08lx\n", (unsigned long)PdhCollectQueryData(q));
    PDH_HCOUNTER up = NULL;
    printf("add uptime=%08lx\n", (unsigned long)PdhAddEnglishCounterW(q, L"\\System\\System Up Time", 0, &up));
    PDH_FMT_COUNTERVALUE v = {0};
    DWORD type = 0;
    PDH_STATUS st;
    printf("collect=%08lx\n", (unsigned long)PdhCollectQueryData(q));
    st = PdhGetFormattedCounterValue(up, PDH_FMT_DOUBLE, &type, &v);
    printf("value=%08lx cstatus=%08lx positive=%d\n", (unsigned long)st, (unsigned long)v.CStatus,
           v.doubleValue > 0);
    st = PdhGetFormattedCounterValue(up, PDH_FMT_LARGE, &type, &v);
    printf("large=%08lx positive=%d type=%08lx\n", (unsigned long)st, v.largeValue > 0, (unsigned long)type);
    printf("bad handle=%08lx\n", (unsigned long)PdhGetFormattedCounterValue(NULL, PDH_FMT_LONG, &type, &v));
    add(q, L"\\System\\No Such Counter");
    add(q, L"\\NoSuchObject\\Foo");
    add(q, L"no backslash");
    printf("close=%08lx\n", (unsigned long)PdhCloseQuery(q));
    return 0;
}
