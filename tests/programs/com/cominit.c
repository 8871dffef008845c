/* combase/ole32: apartments, the task allocator, GUID strings and activation without registered classes. */
#define COBJMACROS
#include <windows.h>
#include <objbase.h>
#include <stdio.h>
#include <string.h>

static void pr(const char *what, HRESULT hr) { printf("%s: 0x%08lx\n", what, (unsigned long)hr); }

static DWORD WINAPI other_thread(void *arg)
{
    APTTYPE t; APTTYPEQUALIFIER q;
    HRESULT hr = CoGetApartmentType(&t, &q);
    printf("thread CoGetApartmentType: 0x%08lx %d %d\n", (unsigned long)hr, (int)t, (int)q);
    pr("thread CoInitializeEx(STA)", CoInitializeEx(NULL, COINIT_APARTMENTTHREADED));
    hr = CoGetApartmentType(&t, &q);
    printf("thread CoGetApartmentType: 0x%08lx %d %d\n", (unsigned long)hr, (int)t, (int)q);
    CoUninitialize();
    return 0;
}

int main(void)
{
    APTTYPE t; APTTYPEQUALIFIER q;
    HRESULT hr = CoGetApartmentType(&t, &q);
    printf("CoGetApartmentType before: 0x%08lx %d %d\n", (unsigned long)hr, (int)t, (int)q);
    void *obj = (void *)1;
    hr = CoCreateInstance(&CLSID_NULL, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, &obj);
    printf("CoCreateInstance uninit: 0x%08lx %p\n", (unsigned long)hr, obj);

    pr("CoInitializeEx(MTA)", CoInitializeEx(NULL, COINIT_MULTITHREADED));
    pr("CoInitializeEx(MTA) again", CoInitializeEx(NULL, COINIT_MULTITHREADED));
    pr("CoInitializeEx(STA)", CoInitializeEx(NULL, COINIT_APARTMENTTHREADED));
    pr("CoInitialize", CoInitialize(NULL));
    pr("OleInitialize", OleInitialize(NULL));
    hr = CoGetApartmentType(&t, &q);
    printf("CoGetApartmentType MTA: 0x%08lx %d %d\n", (unsigned long)hr, (int)t, (int)q);
    HANDLE th = CreateThread(NULL, 0, other_thread, NULL, 0, NULL);
    WaitForSingleObject(th, INFINITE);
    CloseHandle(th);
    CoUninitialize();
    CoUninitialize();
    pr("CoInitializeEx(STA) after uninit", CoInitializeEx(NULL, COINIT_APARTMENTTHREADED));
    hr = CoGetApartmentType(&t, &q);
    printf("CoGetApartmentType STA: 0x%08lx %d %d\n", (unsigned long)hr, (int)t, (int)q);
    pr("OleInitialize in STA", OleInitialize(NULL));
    OleUninitialize();

    pr("CoInitializeSecurity", CoInitializeSecurity(NULL, -1, NULL, NULL, RPC_C_AUTHN_LEVEL_DEFAULT,
                                                    RPC_C_IMP_LEVEL_IMPERSONATE, NULL, EOAC_NONE, NULL));
    pr("CoInitializeSecurity again", CoInitializeSecurity(NULL, -1, NULL, NULL, RPC_C_AUTHN_LEVEL_DEFAULT,
                                                          RPC_C_IMP_LEVEL_IMPERSONATE, NULL, EOAC_NONE, NULL));

    /* The task allocator is the process heap. */
    char *p = CoTaskMemAlloc(100);
    printf("CoTaskMemAlloc: %d, HeapSize %lu\n", p != NULL, (unsigned long)HeapSize(GetProcessHeap(), 0, p));
    strcpy(p, "hello");
    p = CoTaskMemRealloc(p, 4000);
    printf("CoTaskMemRealloc: %s %lu\n", p, (unsigned long)HeapSize(GetProcessHeap(), 0, p));
    printf("CoTaskMemRealloc(p, 0): %p\n", CoTaskMemRealloc(p, 0));
    CoTaskMemFree(NULL);
    IMalloc *m = (IMalloc *)1;
    pr("CoGetMalloc(0)", CoGetMalloc(0, &m));
    printf("  out %p\n", (void *)m);
    pr("CoGetMalloc(1)", CoGetMalloc(1, &m));
    p = IMalloc_Alloc(m, 32);
    printf("IMalloc_GetSize: %lu\n", (unsigned long)IMalloc_GetSize(m, p));
    IMalloc_Free(m, p);

    /* GUIDs */
    GUID g, g2;
    pr("CoCreateGuid", CoCreateGuid(&g));
    printf("version %x variant %x\n", g.Data3 >> 12, g.Data4[0] >> 6);
    CoCreateGuid(&g2);
    printf("two GUIDs differ: %d\n", memcmp(&g, &g2, sizeof g) != 0);
    WCHAR buf[64];
    int n = StringFromGUID2(&g, buf, 64);
    GUID back;
    hr = CLSIDFromString(buf, &back);
    printf("round trip: %d 0x%08lx %d\n", n, (unsigned long)hr, memcmp(&g, &back, sizeof g) == 0);
    printf("StringFromGUID2 size 38: %d\n", StringFromGUID2(&g, buf, 38));
    StringFromGUID2(&IID_IUnknown, buf, 64);
    printf("IID_IUnknown: %ls\n", buf);
    LPOLESTR s = NULL;
    pr("StringFromCLSID", StringFromCLSID(&IID_IDispatch, &s));
    printf("  %ls\n", s);
    CoTaskMemFree(s);
    pr("StringFromIID", StringFromIID(&IID_IClassFactory, &s));
    printf("  %ls\n", s);
    CoTaskMemFree(s);
    static const WCHAR *inputs[] = {
        L"{00020400-0000-0000-c000-000000000046}", L"{00020400-0000-0000-C000-000000000046",
        L"00020400-0000-0000-C000-000000000046", L"{00020400-0000-0000-C000-00000000004G}",
        L"{00020400-0000-0000-C000-000000000046}x", L"", L"NoSuch.ProgId",
    };
    for (int i = 0; i < 7; i++) {
        memset(&back, 0xAB, sizeof back);
        hr = CLSIDFromString(inputs[i], &back);
        if (hr != S_OK) memset(&back, 0xAB, sizeof back);   /* what is left there on failure is unspecified */
        StringFromGUID2(&back, buf, 64);
        printf("CLSIDFromString(%ls): 0x%08lx %ls\n", inputs[i], (unsigned long)hr, buf);
        memset(&back, 0xAB, sizeof back);
        hr = IIDFromString(inputs[i], &back);
        if (hr != S_OK) memset(&back, 0xAB, sizeof back);
        StringFromGUID2(&back, buf, 64);
        printf("IIDFromString(%ls): 0x%08lx %ls\n", inputs[i], (unsigned long)hr, buf);
    }
    hr = CLSIDFromString(NULL, &back);
    StringFromGUID2(&back, buf, 64);
    printf("CLSIDFromString(NULL): 0x%08lx %ls\n", (unsigned long)hr, buf);
    memset(&back, 0xAB, sizeof back);
    hr = CLSIDFromProgID(L"NoSuch.ProgId", &back);
    StringFromGUID2(&back, buf, 64);
    printf("CLSIDFromProgID: 0x%08lx %ls\n", (unsigned long)hr, buf);
    printf("IsEqualGUID: %d %d\n", IsEqualGUID(&IID_IUnknown, &IID_IUnknown), IsEqualGUID(&IID_IUnknown, &g));

    /* Activation: nothing is registered. */
    GUID unreg = {0x12345678, 0x1234, 0x1234, {1, 2, 3, 4, 5, 6, 7, 8}};
    obj = (void *)1;
    hr = CoCreateInstance(&unreg, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, &obj);
    printf("CoCreateInstance: 0x%08lx %p\n", (unsigned long)hr, obj);
    obj = (void *)1;
    hr = CoGetClassObject(&unreg, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, &obj);
    printf("CoGetClassObject: 0x%08lx %p\n", (unsigned long)hr, obj);
    MULTI_QI mqi = {&IID_IUnknown, (IUnknown *)1, 0};
    hr = CoCreateInstanceEx(&unreg, NULL, CLSCTX_INPROC_SERVER, NULL, 1, &mqi);
    printf("CoCreateInstanceEx: 0x%08lx %p 0x%08lx\n", (unsigned long)hr, (void *)mqi.pItf, (unsigned long)mqi.hr);
    CoFreeUnusedLibraries();
    CoFreeUnusedLibrariesEx(0, 0);

    /* A real wait. */
    HANDLE ev[2] = {CreateEventW(NULL, TRUE, FALSE, NULL), CreateEventW(NULL, TRUE, TRUE, NULL)};
    DWORD idx = 99;
    hr = CoWaitForMultipleHandles(0, 0, 1, ev, &idx);
    printf("CoWaitForMultipleHandles unsignalled: 0x%08lx %lu\n", (unsigned long)hr, idx);
    idx = 99;
    hr = CoWaitForMultipleHandles(0, 100, 2, ev, &idx);
    printf("CoWaitForMultipleHandles one: 0x%08lx %lu\n", (unsigned long)hr, idx);
    idx = 99;
    hr = CoWaitForMultipleHandles(COWAIT_WAITALL, 10, 2, ev, &idx);
    printf("CoWaitForMultipleHandles all: 0x%08lx %lu\n", (unsigned long)hr, idx);
    idx = 99;
    hr = CoWaitForMultipleHandles(0, 0, 0, ev, &idx);
    printf("CoWaitForMultipleHandles none: 0x%08lx %lu\n", (unsigned long)hr, idx);
    CoUninitialize();
    CoUninitialize();
    hr = CoGetApartmentType(&t, &q);
    printf("CoGetApartmentType after: 0x%08lx %d %d\n", (unsigned long)hr, (int)t, (int)q);
    return 0;
}
