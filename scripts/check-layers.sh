#!/usr/bin/env bash
# ARCHITECTURE.md §5: nothing outside src/host includes Linux headers beyond the C standard library,
# and src/pe stays pure (no I/O, no allocation, no globals beyond constants).
set -u
cd "$(dirname "$0")/.." || exit 2
std='assert|ctype|errno|float|inttypes|limits|locale|math|setjmp|signal|stdalign|stdarg|stdatomic|stdbool|stddef|stdint|stdio|stdlib|stdnoreturn|string|tgmath|threads|time|uchar|wchar|wctype|stdckdint'
bad=$(grep -rnE '^\s*#\s*include\s*<' src --include='*.c' --include='*.h' --include='*.S' \
      | grep -v '^src/host/' | grep -vE "#\s*include\s*<($std)\.h>")
pe_bad=$(grep -rnE '\b(malloc|calloc|realloc|free|fopen|printf|fprintf|read|write)\s*\(' src/pe || true)
status=0
if [ -n "$bad" ]; then
    echo "check-layers: only src/host may include system headers:" >&2
    echo "$bad" >&2
    status=1
fi
if [ -n "$pe_bad" ]; then
    echo "check-layers: src/pe must stay pure (no I/O, no allocation):" >&2
    echo "$pe_bad" >&2
    status=1
fi
exit $status
