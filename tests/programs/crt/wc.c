/* A word counter over standard input (text mode): lines, words, characters as the program sees them
 * ("\r\n" read as one '\n'), the longest line; -b counts the bytes in binary mode instead. */
#include <ctype.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    int binary = argc > 1 && strcmp(argv[1], "-b") == 0;
    if (binary)
        _setmode(_fileno(stdin), _O_BINARY);
    long lines = 0, words = 0, chars = 0, longest = 0, current = 0;
    int in_word = 0, c;
    while ((c = getchar()) != EOF) {
        chars++;
        if (c == '\n') {
            lines++;
            if (current > longest)
                longest = current;
            current = 0;
        } else {
            current++;
        }
        int space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    if (current > longest)
        longest = current;
    printf("%7ld %7ld %7ld %7ld%s\n", lines, words, chars, longest, binary ? " (binary)" : "");
    printf("feof %d ferror %d\n", feof(stdin) != 0, ferror(stdin) != 0);
    return lines > 255 ? 255 : (int)lines;
}
