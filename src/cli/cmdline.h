/* Building a Windows command line from a host argv (the inverse of the Microsoft argument parser). */
#ifndef CLI_CMDLINE_H
#define CLI_CMDLINE_H

#include <stddef.h>

/* Appends arg to out as one argument: unquoted when it has no blank or quote and is not empty; else
 * in quotes, with backslashes before a quote (or the closing quote) doubled and quotes escaped.
 * Returns the characters written (or needed, when out is NULL). */
size_t cli_quote_argument(const char *arg, char *out);
/* The whole command line for argv[0..argc) (malloc'd; NULL when out of memory). */
char *cli_build_command_line(int argc, char *const *argv);

#endif
