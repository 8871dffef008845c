// C++ exceptions thrown in callbacks that a DLL function calls (qsort's and bsearch's comparators,
// EnumSystemCodePagesW's callback) unwind through the DLL's frames to the caller's catch, as on Windows.
#include <cstdio>
#include <cstdlib>
#include <windows.h>

static int live;

struct Guard {
    const char *name;
    explicit Guard(const char *n) : name(n) { live++; }
    ~Guard() { live--; std::printf("  ~%s\n", name); }
};

struct Stop {
    int calls;
};

static int calls;

static int compare(const void *a, const void *b)
{
    Guard g("comparator");
    if (++calls == 4)
        throw Stop{calls};
    return *(const int *)a - *(const int *)b;
}

static BOOL CALLBACK code_page(LPWSTR name)
{
    if (++calls == 2)
        throw Stop{(int)wcstol(name, nullptr, 10) > 0 ? calls : -1};
    return TRUE;
}

int main()
{
    int v[] = {9, 4, 7, 1, 8, 2, 6, 3};
    try {
        Guard g("qsort's caller");
        std::qsort(v, 8, sizeof v[0], compare);
        std::printf("qsort returned\n");
    } catch (const Stop &s) {
        std::printf("qsort: caught Stop after %d calls\n", s.calls);
    }
    calls = 0;
    int sorted[] = {1, 2, 3, 4, 5, 6, 7, 8}, key = 7;
    try {
        std::bsearch(&key, sorted, 8, sizeof sorted[0], compare);
        std::printf("bsearch returned\n");
    } catch (const Stop &s) {
        std::printf("bsearch: caught Stop after %d calls\n", s.calls);
    }
    calls = 0;
    try {
        EnumSystemCodePagesW(code_page, CP_INSTALLED);
        std::printf("EnumSystemCodePagesW returned\n");
    } catch (const Stop &s) {
        std::printf("EnumSystemCodePagesW: caught Stop after %d calls\n", s.calls);
    }
    // after all that, the DLL functions still work
    calls = -100;
    std::qsort(v, 8, sizeof v[0], compare);
    std::printf("sorted: %d %d %d, live objects %d\n", v[0], v[3], v[7], live);
    return 0;
}
