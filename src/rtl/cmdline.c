/*
 * Splitting a command line into arguments, by the rules of the Microsoft C runtimes and of shell32's
 * CommandLineToArgvW. After the program name, 2n backslashes + '"' give n backslashes and toggle quoting,
 * 2n+1 give n and a literal '"', other backslashes are literal, and "" inside quotes is a literal '"' which
 * ends the quoted part (msvcrt.dll, as its stdargv.c does, and CommandLineToArgvW) or keeps it (ucrt,
 * VS 2008 and later). The program name has rules of its own (split_program_name).
 */
#include "rtl/rtl.h"


struct splitter {
    WCHAR *buf;      /* NULL: only count */
    size_t out;
};

static void emit(struct splitter *s, WCHAR c)
{
    if (s->buf)
        s->buf[s->out] = c;
    s->out++;
}

static bool is_blank(WCHAR c)
{
    return c == ' ' || c == '\t';
}

/* argv[0]: no backslash processing. The CRTs: quotes toggle a quoted part and are dropped (a program name
 * holds no quotes). shell32: a name that starts with a quote ends at the next one, another at the first
 * blank, quotes in it kept. Returns the rest. */
static const WCHAR *split_program_name(const WCHAR *p, enum rtlp_args_rules rules, struct splitter *s)
{
    if (rules == RTLP_ARGS_SHELL32) {
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++)
                emit(s, *p);
            if (*p)
                p++;
        } else {
            for (; *p && !is_blank(*p); p++)
                emit(s, *p);
        }
        emit(s, 0);
        return p;
    }
    bool quoted = false;
    for (; *p && (quoted || !is_blank(*p)); p++) {
        if (*p == '"')
            quoted = !quoted;
        else
            emit(s, *p);
    }
    emit(s, 0);
    return p;
}

/* One argument from p (not blank); returns where it ended. */
static const WCHAR *split_argument(const WCHAR *p, bool msvcrt, bool *quoted, struct splitter *s)
{
    for (;;) {
        bool copy = true;
        size_t slashes = 0;
        while (*p == '\\') {
            p++;
            slashes++;
        }
        if (*p == '"') {
            if (slashes % 2 == 0) {
                if (*quoted && p[1] == '"') {
                    p++;                         /* "" inside quotes: one literal quote */
                    if (msvcrt)
                        *quoted = false;         /* ... which also ends the quoted part in msvcrt.dll */
                } else {
                    copy = false;
                    *quoted = !*quoted;
                }
            }
            slashes /= 2;
        }
        for (; slashes; slashes--)
            emit(s, '\\');
        if (!*p || (!*quoted && is_blank(*p)))
            break;
        if (copy)
            emit(s, *p);
        p++;
    }
    emit(s, 0);
    return p;
}

void RtlpSplitCommandLine(const WCHAR *cmd, enum rtlp_args_rules rules, WCHAR **argv, WCHAR *buf, int *argc,
                          size_t *chars)
{
    bool msvcrt = rules != RTLP_ARGS_UCRT;
    struct splitter s = {buf, 0};
    int n = 0;
    if (argv)
        argv[n] = buf;
    const WCHAR *p = split_program_name(cmd, rules, &s);
    n++;
    bool quoted = false;
    for (;;) {
        while (is_blank(*p))
            p++;
        if (!*p)
            break;
        if (argv)
            argv[n] = buf + s.out;
        p = split_argument(p, msvcrt, &quoted, &s);
        n++;
    }
    if (argv)
        argv[n] = NULL;
    *argc = n;
    *chars = s.out;
}
