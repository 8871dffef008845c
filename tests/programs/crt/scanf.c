/* The CRT's scanf family: sscanf/_snscanf/swscanf on strings, fscanf on a text file ("\r\n" seen as
 * "\n"), scanf on standard input, widths, scansets, %n, %c, suppression, the EOF return, and what the
 * stream holds after a conversion stops (the character pushed back). */
#define __USE_MINGW_ANSI_STDIO 0
#include <stdio.h>
#include <string.h>
#include <wchar.h>

int main(void)
{
    int a = 0, b = 0, n = 0, r;
    char s1[32] = "", s2[32] = "";
    double d = 0;
    unsigned x = 0;

    r = sscanf("  42 abc 3.5e1", "%d %31s %lf", &a, s1, &d);
    printf("sscanf: %d -> %d [%s] %.1f\n", r, a, s1, d);
    r = sscanf("key=value;rest", "%31[^=]=%31[^;]%n", s1, s2, &n);
    printf("scansets: %d -> [%s] [%s] n=%d\n", r, s1, s2, n);
    r = sscanf("12345", "%2d%3d", &a, &b);
    printf("widths: %d -> %d %d\n", r, a, b);
    r = sscanf("ff 077", "%x %o", &x, &a);
    printf("hex/octal: %d -> %u %d\n", r, x, a);
    r = sscanf("abc", "%*c%c", s1);
    printf("suppressed: %d -> %c\n", r, s1[0]);
    r = sscanf("", "%d", &a);
    printf("empty input: %d\n", r);
    r = sscanf("x", "%d", &a);
    printf("no match: %d\n", r);
    r = _snscanf("123456", 3, "%d", &a);
    printf("_snscanf 3 chars: %d -> %d\n", r, a);
    wchar_t w1[16];
    r = swscanf(L"wide 77", L"%15ls %d", w1, &a);
    printf("swscanf: %d -> [%ls] %d\n", r, w1, a);

    FILE *f = fopen("scanf_test.tmp", "wb");
    fputs("10 20\r\nword 30\r\n", f);
    fclose(f);
    f = fopen("scanf_test.tmp", "r");
    r = fscanf(f, "%d %d", &a, &b);
    printf("fscanf: %d -> %d %d\n", r, a, b);
    int c = fgetc(f);
    printf("next char after the numbers: %d\n", c);
    r = fscanf(f, "%31s %d", s1, &a);
    printf("fscanf: %d -> [%s] %d\n", r, s1, a);
    r = fscanf(f, "%d", &a);
    printf("fscanf at end: %d feof %d\n", r, feof(f) != 0);
    fclose(f);
    remove("scanf_test.tmp");

    r = scanf("%d %31s", &a, s1);
    printf("scanf: %d -> %d [%s]\n", r, a, s1);
    r = scanf("%d", &a);
    printf("scanf on a word: %d, then: %c\n", r, getchar());
    r = scanf("%d", &a);
    printf("scanf on \"yz\": %d\n", r);
    return 0;
}
