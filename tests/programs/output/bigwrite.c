/* Writes 2 MiB and more to stdout through stdio (printf lines, then one large fwrite) and reports on
 * stderr what the CRT said: run with stdout on a non-blocking pipe whose reader is slow, every byte must
 * still arrive (a synchronous handle blocks until the write is done). */
#include <stdio.h>
#include <string.h>

static char block[1 << 20];

int main(void)
{
    long printed = 0;
    int bad = 0;
    for (int i = 0; i < 32768; i++) {
        int n = printf("line %05d: the quick brown fox jumps over the lazy dog\n", i);
        if (n < 0)
            bad++;
        else
            printed += n;
    }
    for (size_t i = 0; i < sizeof block; i++)
        block[i] = (char)('a' + i % 26);
    size_t w = fwrite(block, 1, sizeof block, stdout);
    int f = fflush(stdout);
    fprintf(stderr, "printf: %ld chars, %d failed; fwrite: %lu of %lu; fflush: %d; ferror: %d\n", printed, bad, (unsigned long)w,
            (unsigned long)sizeof block, f, ferror(stdout) != 0);
    return 0;
}
