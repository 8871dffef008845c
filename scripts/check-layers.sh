#!/usr/bin/env bash
# ARCHITECTURE.md §5: nothing outside src/host includes Linux headers beyond the C standard library,
# and src/pe stays pure (no I/O, no allocation, no globals beyond constants).
# The runtime library's pure part (src/rtl) sits below the kernel: it includes only itself, the NT headers
# (include/nt), src/pe and src/host; the kernel layers (ob mm ps ke io se cm) never include ntdll, win32,
# the CRT, the CLI or a builtin DLL (ntdll calls the kernel, never the other way round).
set -u
cd "$(dirname "$0")/.." || exit 2
std='assert|ctype|errno|float|inttypes|limits|locale|math|setjmp|signal|stdalign|stdarg|stdatomic|stdbool|stddef|stdint|stdio|stdlib|stdnoreturn|string|tgmath|threads|time|uchar|wchar|wctype|stdckdint'
bad=$(grep -rnE '^\s*#\s*include\s*<' src --include='*.c' --include='*.h' --include='*.S' \
      | grep -v '^src/host/' | grep -vE "#\s*include\s*<($std)\.h>")
pe_bad=$(grep -rnE '\b(malloc|calloc|realloc|free|fopen|printf|fprintf|read|write)\s*\(' src/pe || true)
inc='^\s*#\s*include\s*"'
rtl_bad=$(grep -rnE "$inc" src/rtl --include='*.c' --include='*.h' --include='*.S' 2>/dev/null \
          | grep -vE ":[0-9]+:\s*#\s*include\s*\"(rtl|nt|pe|host)/")
kernel_dirs=$(for d in ob mm ps ke io se cm; do [ -d "src/$d" ] && echo "src/$d"; done)
upper=$(cd src && for d in */; do d=${d%/}; case $d in rtl|nt|pe|host|ob|mm|ps|ke|io|se|cm) ;; *) echo "$d";; esac; done \
        | paste -sd'|')
kernel_bad=$(grep -rnE "$inc($upper)/" $kernel_dirs --include='*.c' --include='*.h' --include='*.S')
status=0
if [ -n "$rtl_bad" ]; then
    echo "check-layers: src/rtl includes only rtl/, nt/, pe/ and host/ (it sits below the kernel):" >&2
    echo "$rtl_bad" >&2
    status=1
fi
if [ -n "$kernel_bad" ]; then
    echo "check-layers: the kernel layers must not include ntdll, win32, the CRT or a DLL:" >&2
    echo "$kernel_bad" >&2
    status=1
fi
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
