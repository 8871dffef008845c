#!/usr/bin/env bash
# Start-up cost of a Windows program under ntexec, measured against baselines run in the same
# invocation: a static native ELF that prints the same line, and Wine when it is installed.
# Prints hyperfine's table (with ratios) and the peak resident memory of each (/usr/bin/time -v).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/ntexec-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

printf '#include <stdio.h>\nint main(void) { printf("hello from a Windows program\\n"); return 0; }\n' >"$work/native.c"
gcc -O2 -static -o "$work/native_hello" "$work/native.c"
exe=build/tests/programs/hello.exe
commands=("$work/native_hello" "build/ntexec $exe")
wine=${WINE:-/usr/lib/wine/wine64}
if [ -x "$wine" ]; then
    WINEDEBUG=-all "$wine" "$exe" >/dev/null 2>&1 || true   # the first run creates the prefix
    commands+=("env WINEDEBUG=-all $wine $exe")
fi

echo "== wall time (hyperfine in one run; ratios are against the native ELF)"
hyperfine -N --warmup 10 --runs 100 "${commands[@]}" --export-markdown "$work/bench.md" >/dev/null
cat "$work/bench.md"
echo
echo "== peak resident set size (/usr/bin/time -v)"
for c in "${commands[@]}"; do
    rss=$(/usr/bin/time -v $c 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}')
    printf '%-70s %8s KiB\n' "$c" "$rss"
done
