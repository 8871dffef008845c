/*
 * Build step: writes, for every builtin DLL linked into ntexec, the order of its export names in strcmp
 * order (struct builtin_order, io/builtin.h) as a C file, which the Makefile compiles into ntexec. Every
 * process used to sort each DLL's names (1 200 for msvcrt) as it built the image; now it checks the order
 * in one pass (io/builtin.c), and sorts only if the descriptions changed without this being run again.
 *
 *   builtin-order OUT.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/builtin.h"

extern const struct builtin_dll *const __start_ntexec_builtins[];
extern const struct builtin_dll *const __stop_ntexec_builtins[];

static const struct builtin_dll *current;

static int by_name(const void *a, const void *b)
{
    return strcmp(current->exports[*(const uint16_t *)a].name, current->exports[*(const uint16_t *)b].name);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: builtin-order OUT.c\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    fprintf(out, "/* Written by tools/builtin-order.c at build time: each builtin DLL's exports in strcmp order. */\n"
                 "#include \"io/builtin.h\"\n\n");
    size_t ndlls = (size_t)(__stop_ntexec_builtins - __start_ntexec_builtins);
    for (size_t d = 0; d < ndlls; d++) {
        current = __start_ntexec_builtins[d];
        if (current->nexports > UINT16_MAX) {
            fprintf(stderr, "builtin-order: %s has more exports than an index holds\n", current->name);
            return 1;
        }
        uint16_t *index = malloc((current->nexports + 1) * sizeof *index);
        if (!index)
            return 1;
        for (size_t i = 0; i < current->nexports; i++)
            index[i] = (uint16_t)i;
        qsort(index, current->nexports, sizeof *index, by_name);
        fprintf(out, "static const uint16_t order_%zu[] = {", d);
        for (size_t i = 0; i < current->nexports; i++)
            fprintf(out, "%s%u", i == 0 ? "\n    " : i % 16 ? ", " : ",\n    ", index[i]);
        fprintf(out, "%s};\n", current->nexports ? "\n" : "0");
        free(index);
    }
    fprintf(out, "\nconst struct builtin_order IoBuiltinOrders[] = {\n");
    for (size_t d = 0; d < ndlls; d++)
        fprintf(out, "    {\"%s\", %zu, order_%zu},\n", __start_ntexec_builtins[d]->name,
                __start_ntexec_builtins[d]->nexports, d);
    fprintf(out, "};\nconst size_t IoBuiltinOrderCount = %zu;\n", ndlls);
    return fclose(out) ? 1 : 0;
}
