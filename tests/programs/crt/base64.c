/* base64 encoder/decoder: binary standard input and output (_setmode), fread/fwrite in blocks, 76-column
 * lines; -d decodes (ignoring whitespace), a bad character is an error (exit 1). */
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int encode(void)
{
    unsigned char in[57];
    char out[80];
    size_t n;
    while ((n = fread(in, 1, sizeof in, stdin)) > 0) {
        size_t k = 0;
        for (size_t i = 0; i < n; i += 3) {
            unsigned v = in[i] << 16 | (i + 1 < n ? in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);
            out[k++] = alphabet[v >> 18 & 63];
            out[k++] = alphabet[v >> 12 & 63];
            out[k++] = i + 1 < n ? alphabet[v >> 6 & 63] : '=';
            out[k++] = i + 2 < n ? alphabet[v & 63] : '=';
        }
        out[k++] = '\n';
        if (fwrite(out, 1, k, stdout) != k)
            return 1;
        if (n < sizeof in)
            break;
    }
    return ferror(stdin) ? 1 : 0;
}

static int decode(void)
{
    unsigned v = 0;
    int bits = 0, c, pad = 0;
    while ((c = getchar()) != EOF) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        if (c == '=') {
            pad++;
            continue;
        }
        const char *p = c ? strchr(alphabet, c) : NULL;
        if (!p || pad) {
            fprintf(stderr, "base64: invalid input\n");
            return 1;
        }
        v = v << 6 | (unsigned)(p - alphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            putchar((v >> bits) & 0xFF);
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
    int r = argc > 1 && strcmp(argv[1], "-d") == 0 ? decode() : encode();
    fflush(stdout);
    return r;
}
