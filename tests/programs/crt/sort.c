/* A sort filter: reads lines from standard input with fgets (any length, grown with realloc), sorts them
 * in byte order (-r reverses, -u drops duplicates) and writes them with fputs. A last line without a
 * newline gets one, as sort(1) does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare(const char *a, const char *b, int reverse)
{
    int r = strcmp(a, b);
    return reverse ? -r : r;
}

/* merge sort on an array of lines (no library sort needed) */
static void merge_sort(char **v, char **tmp, size_t n, int reverse)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    merge_sort(v, tmp, h, reverse);
    merge_sort(v + h, tmp, n - h, reverse);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = compare(v[i], v[j], reverse) <= 0 ? v[i++] : v[j++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

static char *read_line(FILE *f)
{
    size_t cap = 16, len = 0;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    while (fgets(s + len, (int)(cap - len), f)) {
        len += strlen(s + len);
        if (len && s[len - 1] == '\n') {
            s[len - 1] = 0;
            return s;
        }
        cap *= 2;
        s = realloc(s, cap);
        if (!s)
            return NULL;
    }
    if (len)
        return s;
    free(s);
    return NULL;
}

int main(int argc, char **argv)
{
    int reverse = 0, unique = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-r") == 0)
            reverse = 1;
        else if (strcmp(argv[i], "-u") == 0)
            unique = 1;
        else {
            fprintf(stderr, "sort: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    size_t n = 0, cap = 8;
    char **lines = malloc(cap * sizeof *lines);
    char *line;
    while ((line = read_line(stdin))) {
        if (n == cap)
            lines = realloc(lines, (cap *= 2) * sizeof *lines);
        lines[n++] = line;
    }
    char **tmp = malloc((n ? n : 1) * sizeof *tmp);
    merge_sort(lines, tmp, n, reverse);
    for (size_t i = 0; i < n; i++) {
        if (unique && i && strcmp(lines[i], lines[i - 1]) == 0)
            continue;
        fputs(lines[i], stdout);
        fputc('\n', stdout);
    }
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
    free(tmp);
    return 0;
}
