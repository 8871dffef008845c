/* oleaut32: BSTR layout and lengths, VARIANT copy/clear/conversions, safe arrays, dates, VarBstrCmp. */
#include <windows.h>
#include <oleauto.h>
#include <stdio.h>

/* A minimal IErrorInfo that counts its references. */
static LONG refs = 1;
static HRESULT WINAPI ei_qi(IErrorInfo *self, REFIID iid, void **out)
{
    (void)iid;
    *out = self;
    InterlockedIncrement(&refs);
    return S_OK;
}
static ULONG WINAPI ei_addref(IErrorInfo *self) { (void)self; return (ULONG)InterlockedIncrement(&refs); }
static ULONG WINAPI ei_release(IErrorInfo *self) { (void)self; return (ULONG)InterlockedDecrement(&refs); }
static IErrorInfoVtbl ei_vtbl = {ei_qi, ei_addref, ei_release};
static IErrorInfo ei_obj = {&ei_vtbl};

static void show_bstr(const char *what, BSTR b)
{
    printf("%s: len=%u bytelen=%u prefix=%lu text=", what, SysStringLen(b), SysStringByteLen(b),
           b ? (unsigned long)((DWORD *)b)[-1] : 0ul);
    if (b)
        for (UINT i = 0; i < SysStringLen(b); i++)
            putchar(b[i] < 128 ? (char)b[i] : '?');
    printf(" term=%d\n", b ? (int)b[SysStringLen(b)] : -1);
}

static void show_var(const char *what, HRESULT hr, VARIANT *v)
{
    printf("%s: hr=%08lx vt=%d ", what, (unsigned long)hr, v->vt);
    switch (v->vt) {
    case VT_I1: printf("%d", v->cVal); break;
    case VT_UI1: printf("%u", v->bVal); break;
    case VT_I2: printf("%d", v->iVal); break;
    case VT_I4: printf("%ld", (long)v->lVal); break;
    case VT_UI4: printf("%lu", (unsigned long)v->ulVal); break;
    case VT_I8: printf("%lld", (long long)v->llVal); break;
    case VT_R4: printf("%.3f", v->fltVal); break;
    case VT_R8: case VT_DATE: printf("%.6f", v->dblVal); break;
    case VT_BOOL: printf("%d", v->boolVal); break;
    case VT_BSTR: show_bstr("bstr", v->bstrVal); return;
    }
    printf("\n");
}

static void conv(const char *what, VARIANT *src, VARTYPE vt)
{
    VARIANT d;
    VariantInit(&d);
    HRESULT hr = VariantChangeType(&d, src, 0, vt);
    show_var(what, hr, &d);
    VariantClear(&d);
}

static void conv_str(const WCHAR *s, VARTYPE vt)
{
    VARIANT v;
    VariantInit(&v);
    v.vt = VT_BSTR;
    v.bstrVal = SysAllocString(s);
    char what[64];
    snprintf(what, sizeof what, "str->%d \"%ls\"", vt, s);
    conv(what, &v, vt);
    VariantClear(&v);
}

int main(void)
{
    BSTR a = SysAllocString(L"hello");
    show_bstr("alloc", a);
    show_bstr("null", SysAllocString(NULL));
    BSTR b = SysAllocStringLen(L"abcdef", 3);
    show_bstr("len3", b);
    BSTR z = SysAllocStringLen(NULL, 4);
    printf("lenNULL: len=%u\n", SysStringLen(z));
    BSTR c = SysAllocStringByteLen("xyz", 3);
    printf("bytelen3: bytelen=%u len=%u bytes=%c%c%c term=%d,%d\n", SysStringByteLen(c), SysStringLen(c),
           ((char *)c)[0], ((char *)c)[1], ((char *)c)[2], ((char *)c)[3], ((char *)c)[4]);
    printf("realloc=%d\n", SysReAllocString(&a, L"longer string"));
    show_bstr("realloc", a);
    printf("realloclen=%d\n", SysReAllocStringLen(&a, L"xy", 2));
    show_bstr("realloclen", a);
    printf("len(NULL)=%u bytelen(NULL)=%u\n", SysStringLen(NULL), SysStringByteLen(NULL));
    BSTR cat = NULL;
    printf("cat hr=%08lx\n", (unsigned long)VarBstrCat(a, b, &cat));
    show_bstr("cat", cat);

    BSTR s1 = SysAllocString(L"abc"), s2 = SysAllocString(L"ABC"), s3 = SysAllocString(L"abd");
    printf("cmp abc/abc=%ld abc/abd=%ld abd/abc=%ld abc/ABC(0)=%ld abc/ABC(ic)=%ld null/abc=%ld null/null=%ld\n",
           (long)VarBstrCmp(s1, s1, LOCALE_USER_DEFAULT, 0), (long)VarBstrCmp(s1, s3, LOCALE_USER_DEFAULT, 0),
           (long)VarBstrCmp(s3, s1, LOCALE_USER_DEFAULT, 0), (long)VarBstrCmp(s1, s2, 0, 0),
           (long)VarBstrCmp(s1, s2, LOCALE_USER_DEFAULT, NORM_IGNORECASE), (long)VarBstrCmp(NULL, s1, 0, 0),
           (long)VarBstrCmp(NULL, NULL, 0, 0));
    SysFreeString(s1), SysFreeString(s2), SysFreeString(s3);
    SysFreeString(a), SysFreeString(b), SysFreeString(c), SysFreeString(z), SysFreeString(cat);
    SysFreeString(NULL);

    VARIANT v, w;
    VariantInit(&v);
    printf("init vt=%d\n", v.vt);
    v.vt = VT_I4, v.lVal = 42;
    conv("i4->r8", &v, VT_R8);
    conv("i4->bstr", &v, VT_BSTR);
    conv("i4->bool", &v, VT_BOOL);
    conv("i4->ui1", &v, VT_UI1);
    v.lVal = 300;
    conv("i4 300->ui1", &v, VT_UI1);
    v.lVal = -5;
    conv("i4 -5->ui4", &v, VT_UI4);
    v.vt = VT_R8, v.dblVal = 2.5;
    conv("r8 2.5->i4", &v, VT_I4);
    v.dblVal = 3.5;
    conv("r8 3.5->i4", &v, VT_I4);
    v.dblVal = -2.5;
    conv("r8 -2.5->i2", &v, VT_I2);
    v.dblVal = 1.25;
    conv("r8->bstr", &v, VT_BSTR);
    v.dblVal = 1e20;
    conv("r8 1e20->bstr", &v, VT_BSTR);
    conv("r8 1e20->i4", &v, VT_I4);
    v.dblVal = 0.1;
    conv("r8 0.1->bstr", &v, VT_BSTR);
    conv("r8->date", &v, VT_DATE);
    v.vt = VT_BOOL, v.boolVal = VARIANT_TRUE;
    conv("bool->i4", &v, VT_I4);
    conv("bool->bstr", &v, VT_BSTR);
    {
        VARIANT d;
        VariantInit(&d);
        HRESULT hr = VariantChangeType(&d, &v, VARIANT_ALPHABOOL, VT_BSTR);
        show_var("bool->bstr alpha", hr, &d);
        VariantClear(&d);
    }
    v.vt = VT_EMPTY;
    conv("empty->i4", &v, VT_I4);
    conv("empty->bstr", &v, VT_BSTR);
    v.vt = VT_NULL;
    conv("null->i4", &v, VT_I4);
    conv_str(L"123", VT_I4);
    conv_str(L"  -17 ", VT_I4);
    conv_str(L"1,234", VT_I4);
    conv_str(L"3.75", VT_R8);
    conv_str(L"2.5", VT_I4);
    conv_str(L"&HFF", VT_I4);
    conv_str(L"1e3", VT_I4);
    conv_str(L"abc", VT_I4);
    conv_str(L"99999999999", VT_I4);
    conv_str(L"true", VT_BOOL);
    conv_str(L"0", VT_BOOL);
    v.vt = 0x7F;
    conv("badvt", &v, VT_I4);
    v.vt = VT_I4, v.lVal = 1;
    conv("i4->badvt", &v, 0x7F);
    v.vt = 0x7F;
    printf("clear badvt=%08lx\n", (unsigned long)VariantClear(&v));

    VariantInit(&v), VariantInit(&w);
    v.vt = VT_BSTR, v.bstrVal = SysAllocString(L"copy me");
    HRESULT hr = VariantCopy(&w, &v);
    printf("copy hr=%08lx same=%d\n", (unsigned long)hr, w.bstrVal == v.bstrVal);
    show_var("copy", hr, &w);
    hr = VariantClear(&w);
    printf("clear=%08lx vt=%d\n", (unsigned long)hr, w.vt);
    VariantClear(&v);

    /* Safe arrays. */
    SAFEARRAYBOUND bounds[2] = {{3, 1}, {2, -1}};
    SAFEARRAY *sa = SafeArrayCreate(VT_I4, 2, bounds);
    printf("create dims=%u elemsize=%u features=%04x\n", SafeArrayGetDim(sa), SafeArrayGetElemsize(sa),
           sa->fFeatures);
    LONG lb, ub;
    for (UINT d = 1; d <= 2; d++) {
        SafeArrayGetLBound(sa, d, &lb), SafeArrayGetUBound(sa, d, &ub);
        printf("dim %u: %ld..%ld\n", d, (long)lb, (long)ub);
    }
    printf("lbound dim3=%08lx\n", (unsigned long)SafeArrayGetLBound(sa, 3, &lb));
    for (LONG i = 1; i <= 3; i++)
        for (LONG j = -1; j <= 0; j++) {
            LONG idx[2] = {i, j}, val = i * 10 + j;
            SafeArrayPutElement(sa, idx, &val);
        }
    LONG *data;
    printf("access=%08lx\n", (unsigned long)SafeArrayAccessData(sa, (void **)&data));
    printf("data:");
    for (int i = 0; i < 6; i++)
        printf(" %ld", (long)data[i]);
    printf("\n");
    printf("destroy locked=%08lx\n", (unsigned long)SafeArrayDestroy(sa));
    printf("unaccess=%08lx\n", (unsigned long)SafeArrayUnaccessData(sa));
    printf("unaccess again=%08lx\n", (unsigned long)SafeArrayUnaccessData(sa));
    LONG idx[2] = {2, 0}, out = 0;
    hr = SafeArrayGetElement(sa, idx, &out);
    printf("get=%08lx val=%ld\n", (unsigned long)hr, (long)out);
    idx[0] = 4;
    printf("get out of range=%08lx\n", (unsigned long)SafeArrayGetElement(sa, idx, &out));
    VARTYPE vt = 0;
    hr = SafeArrayGetVartype(sa, &vt);
    printf("vartype=%08lx vt=%d\n", (unsigned long)hr, vt);
    printf("destroy=%08lx\n", (unsigned long)SafeArrayDestroy(sa));

    SAFEARRAY *sb = SafeArrayCreateVector(VT_BSTR, 0, 2);
    LONG i0 = 0;
    BSTR in = SysAllocString(L"elem");
    printf("put bstr=%08lx\n", (unsigned long)SafeArrayPutElement(sb, &i0, in));
    BSTR got = NULL;
    hr = SafeArrayGetElement(sb, &i0, &got);
    printf("get bstr=%08lx same=%d\n", (unsigned long)hr, got == in);
    show_bstr("elem", got);
    SysFreeString(got), SysFreeString(in);
    printf("vector features=%04x ", sb->fFeatures);
    printf("destroy=%08lx\n", (unsigned long)SafeArrayDestroy(sb));
    printf("create vt_empty=%p\n", (void *)SafeArrayCreate(VT_EMPTY, 1, bounds));

    /* Dates. */
    SYSTEMTIME st = {2024, 2, 0, 29, 13, 30, 15, 0}, back;
    double date = 0;
    printf("st->vt=%d ", SystemTimeToVariantTime(&st, &date));
    printf("date=%.6f\n", date);
    printf("vt->st=%d ", VariantTimeToSystemTime(date, &back));
    printf("%04d-%02d-%02d dow=%d %02d:%02d:%02d\n", back.wYear, back.wMonth, back.wDay, back.wDayOfWeek,
           back.wHour, back.wMinute, back.wSecond);
    printf("vt->st(-1.25)=%d ", VariantTimeToSystemTime(-1.25, &back));
    printf("%04d-%02d-%02d %02d:%02d:%02d\n", back.wYear, back.wMonth, back.wDay, back.wHour, back.wMinute,
           back.wSecond);
    SYSTEMTIME bad = {2023, 2, 0, 29, 0, 0, 0, 0};
    printf("feb29 2023=%d\n", SystemTimeToVariantTime(&bad, &date));

    /* Type libraries. */
    ITypeLib *tl = (ITypeLib *)1;
    hr = LoadTypeLib(L"C:\\no\\such.tlb", &tl);
    printf("loadtypelib missing=%08lx null=%d\n", (unsigned long)hr, tl == NULL);
    WCHAR self[MAX_PATH];
    GetModuleFileNameW(NULL, self, MAX_PATH);
    tl = (ITypeLib *)1;
    hr = LoadTypeLibEx(self, REGKIND_NONE, &tl);
    printf("loadtypelib exe=%08lx null=%d\n", (unsigned long)hr, tl == NULL);
    GUID g = {0x12345678, 1, 2, {3, 4, 5, 6, 7, 8, 9, 10}};
    tl = (ITypeLib *)1;
    hr = LoadRegTypeLib(&g, 1, 0, 0, &tl);
    printf("loadregtypelib=%08lx null=%d\n", (unsigned long)hr, tl == NULL);
    printf("loadtypelib no out=%08lx\n", (unsigned long)LoadTypeLib(L"x", NULL));

    /* The thread's error object. */
    IErrorInfo *ei = (IErrorInfo *)1;
    hr = GetErrorInfo(0, &ei);
    printf("geterrorinfo none=%08lx null=%d\n", (unsigned long)hr, ei == NULL);
    hr = SetErrorInfo(0, &ei_obj);
    printf("seterrorinfo=%08lx refs=%ld\n", (unsigned long)hr, (long)refs);
    hr = GetErrorInfo(0, &ei);
    printf("geterrorinfo=%08lx same=%d refs=%ld\n", (unsigned long)hr, ei == &ei_obj, (long)refs);
    if (ei)
        ei->lpVtbl->Release(ei);
    hr = GetErrorInfo(0, &ei);
    printf("geterrorinfo again=%08lx null=%d refs=%ld\n", (unsigned long)hr, ei == NULL, (long)refs);
    SetErrorInfo(0, &ei_obj);
    hr = SetErrorInfo(0, NULL);
    printf("seterrorinfo clear=%08lx refs=%ld\n", (unsigned long)hr, (long)refs);
    printf("seterrorinfo reserved=%08lx\n", (unsigned long)SetErrorInfo(1, NULL));

    /* The direct conversions. */
    LONG l = 7;
    ULONG ul = 7;
    LONGLONG ll = 7;
    double dbl = 0;
    VARIANT_BOOL vb = 7;
    BSTR bs = NULL;
    hr = VarBstrFromI4(-123, LOCALE_USER_DEFAULT, 0, &bs);
    printf("VarBstrFromI4 %08lx ", (unsigned long)hr);
    show_bstr("", bs);
    SysFreeString(bs);
    hr = VarBstrFromR8(0.5, LOCALE_USER_DEFAULT, 0, &bs);
    printf("VarBstrFromR8 %08lx ", (unsigned long)hr);
    show_bstr("", bs);
    SysFreeString(bs);
    hr = VarBstrFromBool(VARIANT_TRUE, LOCALE_USER_DEFAULT, VARIANT_ALPHABOOL, &bs);
    printf("VarBstrFromBool %08lx ", (unsigned long)hr);
    show_bstr("", bs);
    SysFreeString(bs);
    hr = VarBstrFromUI4(4000000000u, LOCALE_USER_DEFAULT, 0, &bs);
    printf("VarBstrFromUI4 %08lx ", (unsigned long)hr);
    show_bstr("", bs);
    SysFreeString(bs);
    hr = VarBstrFromI8(-9000000000LL, LOCALE_USER_DEFAULT, 0, &bs);
    printf("VarBstrFromI8 %08lx ", (unsigned long)hr);
    show_bstr("", bs);
    SysFreeString(bs);
    hr = VarI4FromStr(L" 42 ", LOCALE_USER_DEFAULT, 0, &l);
    printf("VarI4FromStr %08lx %ld\n", (unsigned long)hr, (long)l);
    hr = VarI4FromStr(L"x", LOCALE_USER_DEFAULT, 0, &l);
    printf("VarI4FromStr bad %08lx\n", (unsigned long)hr);
    hr = VarUI4FromStr(L"-1", LOCALE_USER_DEFAULT, 0, &ul);
    printf("VarUI4FromStr -1 %08lx\n", (unsigned long)hr);
    hr = VarI8FromStr(L"9000000000", LOCALE_USER_DEFAULT, 0, &ll);
    printf("VarI8FromStr %08lx %lld\n", (unsigned long)hr, (long long)ll);
    hr = VarR8FromStr(L"2.25", LOCALE_USER_DEFAULT, 0, &dbl);
    printf("VarR8FromStr %08lx %.3f\n", (unsigned long)hr, dbl);
    hr = VarBoolFromStr(L"False", LOCALE_USER_DEFAULT, 0, &vb);
    printf("VarBoolFromStr %08lx %d\n", (unsigned long)hr, vb);
    hr = VarI4FromR8(-1.5, &l);
    printf("VarI4FromR8 %08lx %ld\n", (unsigned long)hr, (long)l);
    hr = VarI4FromR8(3e10, &l);
    printf("VarI4FromR8 big %08lx\n", (unsigned long)hr);
    hr = VarR8FromI4(-8, &dbl);
    printf("VarR8FromI4 %08lx %.1f\n", (unsigned long)hr, dbl);
    hr = VarUI4FromI4(-1, &ul);
    printf("VarUI4FromI4 -1 %08lx\n", (unsigned long)hr);
    hr = VarI4FromUI4(0x80000000u, &l);
    printf("VarI4FromUI4 big %08lx\n", (unsigned long)hr);

    /* VariantCopyInd and SafeArrayRedim. */
    LONG target = 77;
    VARIANT ref, ind;
    VariantInit(&ref), VariantInit(&ind);
    ref.vt = VT_I4 | VT_BYREF, ref.plVal = &target;
    hr = VariantCopyInd(&ind, &ref);
    show_var("copyind", hr, &ind);
    BSTR refd = SysAllocString(L"by ref");
    ref.vt = VT_BSTR | VT_BYREF, ref.pbstrVal = &refd;
    hr = VariantCopyInd(&ind, &ref);
    printf("copyind bstr same=%d ", ind.bstrVal == refd);
    show_var("", hr, &ind);
    VariantClear(&ind);
    SysFreeString(refd);
    SAFEARRAY *sr = SafeArrayCreateVector(VT_BSTR, 1, 3);
    for (LONG k = 1; k <= 3; k++) {
        BSTR e = SysAllocString(k == 1 ? L"one" : k == 2 ? L"two" : L"three");
        SafeArrayPutElement(sr, &k, e);
        SysFreeString(e);
    }
    SAFEARRAYBOUND nb = {2, 1};
    hr = SafeArrayRedim(sr, &nb);
    SafeArrayGetUBound(sr, 1, &ub);
    printf("redim shrink=%08lx ubound=%ld\n", (unsigned long)hr, (long)ub);
    nb.cElements = 4;
    hr = SafeArrayRedim(sr, &nb);
    SafeArrayGetUBound(sr, 1, &ub);
    printf("redim grow=%08lx ubound=%ld\n", (unsigned long)hr, (long)ub);
    for (LONG k = 1; k <= 4; k++) {
        BSTR e = NULL;
        hr = SafeArrayGetElement(sr, &k, &e);
        printf("  [%ld] %08lx %s", (long)k, (unsigned long)hr, e ? "" : "(null)\n");
        if (e)
            show_bstr("", e);
        SysFreeString(e);
    }
    SafeArrayLock(sr);
    printf("redim locked=%08lx\n", (unsigned long)SafeArrayRedim(sr, &nb));
    SafeArrayUnlock(sr);
    SafeArrayDestroy(sr);
    return 0;
}
