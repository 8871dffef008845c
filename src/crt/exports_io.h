/*
 * The I/O exports both faces share: lowio, streams, files and directories, wide stream functions. Each is
 * implemented as crtio_<export name> (crt/lowio.c, stdio.c, wstdio.c, fileops.c, conio.c); CRT_IO_EXPORTS
 * lists them for a face's export table, CRT_IO_ALIASES the second names some of them have.
 */
#ifndef CRT_EXPORTS_IO_H
#define CRT_EXPORTS_IO_H

#include "io/builtin.h"

#define CRT_IO_FUNCTIONS(X)                                                                                    \
    /* lowio */                                                                                                \
    X(_write) X(_read) X(_close) X(_setmode) X(_isatty) X(_dup) X(_dup2) X(_lseeki64) X(_telli64) X(_lseek)    \
    X(_tell) X(_eof) X(_commit) X(_filelengthi64) X(_filelength) X(_chsize_s) X(_chsize) X(_open_osfhandle)    \
    X(_get_osfhandle) X(_open) X(_wopen) X(_sopen) X(_wsopen) X(_sopen_s) X(_wsopen_s) X(_creat) X(_wcreat)    \
    X(_locking) X(_pipe)                                                                                       \
    /* streams */                                                                                              \
    X(fputc) X(_fputc_nolock) X(fgetc) X(_fgetc_nolock) X(_filbuf) X(_flsbuf) X(ungetc) X(_ungetc_nolock)      \
    X(_getw) X(_putw) X(fwrite) X(_fwrite_nolock) X(fread) X(_fread_nolock) X(fread_s) X(fputs) X(fgets)       \
    X(feof) X(ferror) X(_fileno) X(clearerr) X(clearerr_s) X(_lock_file) X(_unlock_file) X(fflush)             \
    X(_fflush_nolock) X(_flushall) X(setvbuf) X(setbuf) X(_getmaxstdio) X(_setmaxstdio) X(_fseeki64)           \
    X(_fseeki64_nolock) X(fseek) X(_fseek_nolock) X(_ftelli64) X(_ftelli64_nolock) X(ftell) X(_ftell_nolock)   \
    X(fgetpos) X(fsetpos) X(rewind) X(fopen) X(_fsopen) X(_wfopen) X(_wfsopen) X(fopen_s) X(_wfopen_s)         \
    X(_wfreopen) X(freopen) X(freopen_s) X(_wfreopen_s) X(_fdopen) X(_wfdopen) X(fclose) X(_fclose_nolock)     \
    X(_fcloseall) X(tmpnam) X(_wtmpnam) X(tmpnam_s) X(tmpfile) X(tmpfile_s) X(_rmtmp) X(_wtempnam) X(_tempnam) \
    X(perror) X(_wperror)                                                                                      \
    /* wide streams */                                                                                         \
    X(fputwc) X(fgetwc) X(_fputwc_nolock) X(_fgetwc_nolock) X(ungetwc) X(_ungetwc_nolock) X(fputws) X(fgetws)  \
    /* files and directories */                                                                                \
    X(_waccess) X(_access) X(_waccess_s) X(_access_s) X(_wstat64) X(_stat64) X(_fstat64) X(_wstat64i32)        \
    X(_stat64i32) X(_fstat64i32) X(_wstat32) X(_stat32) X(_fstat32) X(_wstat32i64) X(_stat32i64)               \
    X(_fstat32i64) X(_wremove) X(remove) X(_wrename) X(rename) X(_wmkdir) X(_mkdir) X(_wrmdir) X(_rmdir)       \
    X(_wchdir) X(_chdir) X(_wchmod) X(_chmod) X(_getdcwd) X(_wgetdcwd) X(_getcwd) X(_wgetcwd) X(_getdrive)     \
    X(_wfullpath) X(_fullpath) X(_getpid) X(_umask) X(_findfirst32) X(_findnext32) X(_findfirst32i64)          \
    X(_findnext32i64) X(_findfirst64i32) X(_findnext64i32) X(_findfirst64) X(_findnext64) X(_wfindfirst32)     \
    X(_wfindnext32) X(_wfindfirst32i64) X(_wfindnext32i64) X(_wfindfirst64i32) X(_wfindnext64i32)             \
    X(_wfindfirst64) X(_wfindnext64) X(_findclose) X(_futime64) X(_futime32) X(_wutime64) X(_wutime32)        \
    X(_utime64) X(_utime32)                                                                                    \
    /* console */                                                                                              \
    X(_getch) X(_getche) X(_getwch) X(_getwche) X(_ungetch) X(_ungetwch) X(_kbhit) X(_putch) X(_putwch)        \
    X(_cputs) X(_cputws) X(_getch_nolock) X(_putch_nolock)                                                    \
    /* child processes (process.c; system and _wsystem are in the library half's list) */                     \
    X(_spawnv) X(_spawnve) X(_spawnvp) X(_spawnvpe) X(_spawnl) X(_spawnle) X(_spawnlp) X(_spawnlpe)            \
    X(_wspawnv) X(_wspawnve) X(_wspawnvp) X(_wspawnvpe) X(_wspawnl) X(_wspawnle) X(_wspawnlp) X(_wspawnlpe)    \
    X(_execv) X(_execve) X(_execvp) X(_execvpe) X(_execl) X(_execle) X(_execlp) X(_execlpe) X(_wexecv)         \
    X(_wexecve) X(_wexecvp) X(_wexecvpe) X(_wexecl) X(_wexecle) X(_wexeclp) X(_wexeclpe) X(_cwait) X(_popen)   \
    X(_wpopen) X(_pclose)

#define CRT_IO_DECLARE(name) extern void WINAPI crtio_##name##_ref(void) __asm__("crtio_" #name);
CRT_IO_FUNCTIONS(CRT_IO_DECLARE)

#define CRT_IO_EXPORT(name) BUILTIN_FUNCTION(#name, crtio_##name##_ref),
#define CRT_IO_EXPORT_AS(export, name) BUILTIN_FUNCTION(export, crtio_##name##_ref)

/* Second names of shared functions, in both CRTs. */
#define CRT_IO_ALIASES                                                                                         \
    CRT_IO_EXPORT_AS("putc", fputc), CRT_IO_EXPORT_AS("getc", fgetc), CRT_IO_EXPORT_AS("_putc_nolock", _fputc_nolock), \
    CRT_IO_EXPORT_AS("_getc_nolock", _fgetc_nolock), CRT_IO_EXPORT_AS("putwc", fputwc),                        \
    CRT_IO_EXPORT_AS("getwc", fgetwc), CRT_IO_EXPORT_AS("_putwc_nolock", _fputwc_nolock),                      \
    CRT_IO_EXPORT_AS("_getwc_nolock", _fgetwc_nolock), CRT_IO_EXPORT_AS("_unlink", remove),                    \
    CRT_IO_EXPORT_AS("_wunlink", _wremove)

#define CRT_IO_EXPORTS CRT_IO_FUNCTIONS(CRT_IO_EXPORT) CRT_IO_ALIASES

#endif
