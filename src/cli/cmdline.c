/* Command-line quoting for CreateProcess (what CommandLineToArgvW and the CRTs split back). */
#include <stdlib.h>
#include <string.h>

#include "cli/cmdline.h"

static int needs_quotes(const char *arg)
{
    return !*arg || strpbrk(arg, " \t\n\v\"") != NULL;
}

size_t cli_quote_argument(const char *arg, char *out)
{
    size_t n = 0;
    if (!needs_quotes(arg)) {
        n = strlen(arg);
        if (out)
            memcpy(out, arg, n);
        return n;
    }
    if (out)
        out[n] = '"';
    n++;
    for (const char *p = arg;; p++) {
        size_t slashes = 0;
        while (*p == '\\') {
            p++;
            slashes++;
        }
        /* Backslashes are literal unless a quote follows: then each is doubled (so is the run before the
         * closing quote), and the quote itself is escaped. */
        size_t emit = !*p || *p == '"' ? slashes * 2 + (*p == '"') : slashes;
        for (size_t i = 0; i < emit; i++) {
            if (out)
                out[n] = '\\';
            n++;
        }
        if (!*p)
            break;
        if (out)
            out[n] = *p;
        n++;
    }
    if (out)
        out[n] = '"';
    return n + 1;
}

char *cli_build_command_line(int argc, char *const *argv)
{
    size_t size = 1;
    for (int i = 0; i < argc; i++)
        size += cli_quote_argument(argv[i], NULL) + 1;
    char *line = malloc(size);
    if (!line)
        return NULL;
    size_t n = 0;
    for (int i = 0; i < argc; i++) {
        if (i)
            line[n++] = ' ';
        n += cli_quote_argument(argv[i], line + n);
    }
    line[n] = 0;
    return line;
}
