/* ntexec --check: the imports of a program that would not resolve, found without running it. */
#ifndef CLI_CHECK_H
#define CLI_CHECK_H

#include <stdio.h>

/*
 * Walks the import closure of the program at path (its DLLs on disk, the builtins, API sets, forwarders,
 * delay imports) and prints to out each DLL and function that would not resolve, then a summary line
 * (json: one JSON object). Returns 0 when everything resolves, 1 when something does not, 127 for a file
 * that cannot be read, 126 for one that is not a valid image (one line to err).
 */
int cli_check(const char *path, int json, FILE *out, FILE *err);

#endif
