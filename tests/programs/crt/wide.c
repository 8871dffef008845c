/* Wide stream I/O: fputwc/fputws/fwprintf in text mode (characters as "C" locale bytes, U+0100 and up
 * fail with EILSEQ), in binary mode (UTF-16 units), with _O_U16TEXT and _O_U8TEXT descriptors and
 * "ccs=UTF-8" streams (byte-order marks), reading back with fgetwc/fgetws/ungetwc. */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static void dump(const char *label, const char *path)
{
    unsigned char b[64];
    FILE *f = fopen(path, "rb");
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    printf("%s (%d bytes):", label, (int)n);
    for (size_t i = 0; i < n; i++)
        printf(" %02x", b[i]);
    printf("\n");
}

int main(void)
{
    const char *t = "wide_test.tmp";
    FILE *f = fopen(t, "w");
    fputws(L"t\u00e9xt\n", f);
    errno = 0;
    wint_t r = fputwc(0x263A, f);
    printf("fputwc U+263A in text mode: %s errno %d\n", r == WEOF ? "WEOF" : "ok", errno);
    fwprintf(f, L"%d\n", 12);
    fclose(f);
    dump("text mode", t);

    f = fopen(t, "r");
    wchar_t line[32];
    fgetws(line, 32, f);
    printf("fgetws: %d units, [1] = U+%04X\n", (int)wcslen(line), (unsigned)line[1]);
    wint_t c = fgetwc(f);
    ungetwc(c, f);
    printf("ungetwc then fgetwc: %c\n", (char)fgetwc(f));
    fclose(f);

    f = fopen(t, "wb");
    fputwc(L'A', f);
    fputws(L"\u263A\n", f);
    fclose(f);
    dump("binary mode", t);
    f = fopen(t, "rb");
    wint_t w1 = fgetwc(f), w2 = fgetwc(f), w3 = fgetwc(f), w4 = fgetwc(f);
    printf("fgetwc binary: U+%04X U+%04X U+%04X, then %s\n", (unsigned)w1, (unsigned)w2, (unsigned)w3,
           w4 == WEOF ? "WEOF" : "more");
    fclose(f);

    f = fopen(t, "w");
    _setmode(_fileno(f), _O_U16TEXT);
    fputws(L"u\u263A\n", f);
    fclose(f);
    dump("_O_U16TEXT", t);

    f = fopen(t, "w");
    _setmode(_fileno(f), _O_U8TEXT);
    fputws(L"u\u263A\n", f);
    int n = fputs("narrow", f);   /* refused: narrow output to a Unicode-mode stream (Wine writes it) */
    printf("fputs to a _O_U8TEXT stream: %d\n", n);
    fclose(f);
    dump("_O_U8TEXT", t);

    f = fopen(t, "w, ccs=UTF-8");
    fputws(L"\u00e9\n", f);
    fclose(f);
    dump("ccs=UTF-8", t);
    f = fopen(t, "r, ccs=UTF-8");
    fgetws(line, 32, f);
    printf("read back with ccs=UTF-8: %d units, U+%04X\n", (int)wcslen(line), (unsigned)line[0]);
    fclose(f);

    f = fopen(t, "w, ccs=UTF-16LE");
    fputws(L"ab\n", f);
    fclose(f);
    dump("ccs=UTF-16LE", t);

    remove(t);
    return 0;
}
