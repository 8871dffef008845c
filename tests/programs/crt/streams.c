/* Streams in files: text-mode positions (ftell/fseek/fgetpos/fsetpos count "\r\n" as two bytes), ungetc,
 * read/write switching with fseek, setvbuf buffering (nothing reaches the file before a flush), append,
 * "x" and "+" modes, tmpfile, freopen, _fdopen, _getw/_putw, feof/ferror/clearerr, _flushall/_fcloseall. */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static long file_size(const char *path)
{
    struct _stat64 st;
    return _stat64(path, &st) == 0 ? (long)st.st_size : -1;
}

static void show(const char *label, const char *s)
{
    printf("%s: [", label);
    for (; *s; s++) {
        if (*s == '\n')
            printf("\\n");
        else if (*s == '\r')
            printf("\\r");
        else
            putchar(*s);
    }
    printf("]\n");
}

int main(void)
{
    const char *t = "streams_text.tmp", *b = "streams_bin.tmp";
    char line[128];
    remove(t);
    remove(b);

    /* text-mode positions while writing: a buffered '\n' counts as two */
    FILE *f = fopen(t, "w");
    fputs("ab\ncd\n", f);
    printf("ftell after \"ab\\ncd\\n\": %ld\n", ftell(f));
    fpos_t mark;
    fgetpos(f, &mark);
    fputs("ef\n", f);
    printf("size before fflush: %ld\n", file_size(t));
    fflush(f);
    printf("size after fflush: %ld\n", file_size(t));
    fclose(f);

    /* text-mode positions while reading */
    f = fopen(t, "r");
    fgets(line, sizeof line, f);
    printf("ftell after first line: %ld\n", ftell(f));
    int c = fgetc(f);
    printf("fgetc: %c, ftell: %ld\n", c, ftell(f));
    ungetc(c, f);
    printf("ftell after ungetc: %ld\n", ftell(f));
    fsetpos(f, &mark);
    fgets(line, sizeof line, f);
    show("line at the fgetpos mark", line);
    fseek(f, -4, SEEK_END);
    fgets(line, sizeof line, f);
    show("fseek(-4, SEEK_END) then fgets", line);
    char *got = fgets(line, sizeof line, f);
    printf("fgets at end: %s, feof %d\n", got ? "line" : "NULL", feof(f) != 0);
    clearerr(f);
    printf("after clearerr feof %d\n", feof(f) != 0);
    rewind(f);
    printf("after rewind fgetc: %c\n", fgetc(f));
    fclose(f);

    /* "r+": read, seek, write, seek, read */
    f = fopen(t, "r+");
    fgets(line, sizeof line, f);
    fseek(f, 0, SEEK_CUR);
    fputs("XY", f);
    fseek(f, 0, SEEK_SET);
    size_t n = fread(line, 1, sizeof line - 1, f);
    line[n] = 0;
    show("after overwrite", line);
    fclose(f);

    /* append mode: writes go to the end whatever the position */
    f = fopen(t, "a+");
    fseek(f, 0, SEEK_SET);
    fputs("gh\n", f);
    fseek(f, 0, SEEK_SET);
    n = fread(line, 1, sizeof line - 1, f);
    line[n] = 0;
    show("a+ contents", line);
    fclose(f);
    printf("size: %ld\n", file_size(t));

    /* "x": exclusive creation (C11, ucrt; msvcrt.dll predates it and opens the file) */
    errno = 0;
    f = fopen(t, "wx");
    printf("fopen wx on an existing file: %s errno %d\n", f ? "opened" : "NULL", errno);
    if (f)
        fclose(f);

    /* setvbuf: a program buffer of 16 bytes */
    static char buf[16];
    f = fopen(b, "wb");
    printf("setvbuf: %d\n", setvbuf(f, buf, _IOFBF, sizeof buf));
    fputs("0123456789", f);
    printf("size with 10 bytes buffered: %ld\n", file_size(b));
    fputs("abcdefghij", f);
    printf("size after 20 bytes: %ld\n", file_size(b));
    printf("setvbuf bad mode: %d\n", setvbuf(f, NULL, 99, 16));
    fclose(f);
    printf("size after fclose: %ld\n", file_size(b));

    /* _putw/_getw, binary "w+b" */
    f = fopen(b, "w+b");
    _putw(0x12345678, f);
    _putw(-2, f);
    rewind(f);
    int w1 = _getw(f), w2 = _getw(f), w3 = _getw(f);
    printf("_getw: %x %d %d feof %d\n", w1, w2, w3, feof(f) != 0);
    fclose(f);

    /* tmpfile: read/write, gone after fclose */
    f = tmpfile();
    printf("tmpfile: %d\n", f != NULL);
    fprintf(f, "temporary %d\n", 42);
    rewind(f);
    fgets(line, sizeof line, f);
    show("tmpfile read back", line);
    fclose(f);

    /* _fdopen on a lowio descriptor */
    int fd = _open(b, _O_RDONLY | _O_BINARY);
    f = _fdopen(fd, "rb");
    printf("_fdopen fileno matches: %d, first byte %02x\n", _fileno(f) == fd, fgetc(f));
    fclose(f);
    printf("descriptor closed with the stream: %d\n", _close(fd) == -1 && errno == EBADF);

    /* freopen onto a new file */
    f = fopen(t, "r");
    FILE *g = freopen(b, "w", f);
    printf("freopen returns the same stream: %d\n", g == f);
    fputs("reopened\n", g);
    fclose(g);
    printf("size of reopened file: %ld\n", file_size(b));

    /* reading a write-only stream sets the error flag (_filbuf; Wine leaves it clear) */
    f = fopen(b, "a");
    c = fgetc(f);
    printf("fgetc on a write-only stream: %d ferror %d\n", c, ferror(f) != 0);
    clearerr(f);
    fclose(f);

    /* _flushall/_fcloseall */
    FILE *f1 = fopen(t, "r"), *f2 = fopen(b, "r");
    printf("_flushall counts at least 5: %d\n", _flushall() >= 5);
    printf("_fcloseall: %d\n", _fcloseall());
    (void)f1;
    (void)f2;

    printf("remove: %d %d\n", remove(t), remove(b));
    return 0;
}
