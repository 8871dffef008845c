/* ntexec --inspect: a report of a PE file's headers and directories, as text or one JSON object. */
#ifndef CLI_INSPECT_H
#define CLI_INSPECT_H

#include <stdio.h>

/*
 * Reads path, validates it (pe_parse, file layout) and prints the report to out (json: one JSON object,
 * else YAML-like text). Returns 0. A malformed file prints one line to err,
 * "ntexec: FILE: <reason> (STATUS_NAME)", and returns 1, with nothing written to out; an unreadable file
 * prints "ntexec: FILE: <strerror text>" and returns 1.
 */
int cli_inspect(const char *path, int json, FILE *out, FILE *err);

#endif
