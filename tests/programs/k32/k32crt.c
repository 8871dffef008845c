/* The msvcrt.dll functions libstdc++-6.dll imports beyond what C programs used so far: _utime/_wutime
 * (file times by name; msvcrt converts them through _localtime64, which refuses a negative time with
 * EINVAL, where Wine accepts it) and _assert (message on stderr, abort, exit code 3). */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/utime.h>

int main(int argc, char **argv)
{
    (void)argv;
    FILE *f = fopen("utime.txt", "w");
    fputs("x", f);
    fclose(f);
    struct _utimbuf t = {1000000000, 1200000000};
    int r = _utime("utime.txt", &t);
    struct _stat64 st;
    _stat64("utime.txt", &st);
    printf("_utime: %d atime %lld mtime %lld\n", r, (long long)st.st_atime, (long long)st.st_mtime);
    struct __utimbuf64 t64 = {1300000000, 1400000000};
    r = _wutime64(L"utime.txt", &t64);
    _stat64("utime.txt", &st);
    printf("_wutime64: %d mtime %lld\n", r, (long long)st.st_mtime);
    r = _utime("missing.txt", &t);
    printf("missing: %d errno %d\n", r, errno);
    t.modtime = -5;
    r = _utime("utime.txt", &t);
    printf("negative time: %d errno %d\n", r, errno);
    remove("utime.txt");
    fflush(stdout);
    assert(argc > 5);
    return 0;
}
