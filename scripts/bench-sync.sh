#!/usr/bin/env bash
# Synchronization cost under ntexec against the same operations with pthreads in a native ELF, measured
# in the same run (tests/bench/sync_bench.c built both ways): ns per operation and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/ntexec-bench-sync.XXXXXX")
trap 'rm -rf "$work"' EXIT
${MINGW_CC:-x86_64-w64-mingw32-gcc} -O2 -Wall -Wl,--no-insert-timestamp -o "$work/sync_bench.exe" tests/bench/sync_bench.c
${CC:-gcc} -O2 -Wall -pthread -o "$work/sync_bench" tests/bench/sync_bench.c
# The best of three runs of each, to damp the noise of a shared machine.
best() {
    for _ in 1 2 3; do "$@"; done | awk '{ if (!($1 in m) || $2 < m[$1]) m[$1] = $2; if (!($1 in o)) o[$1] = n++ }
        END { for (k in o) print o[k], k, m[k] }' | sort -n | cut -d' ' -f2-
}
best "$work/sync_bench" >"$work/native.txt"
best build/ntexec "$work/sync_bench.exe" >"$work/ntexec.txt"
echo "== synchronization (ns per operation, best of 3; ratio = ntexec / native pthreads)"
printf '%-30s %12s %12s %8s\n' operation ntexec pthreads ratio
join <(sort "$work/ntexec.txt") <(sort "$work/native.txt") |
    awk '{ printf "%-30s %12.1f %12.1f %8.2f\n", $1, $2, $3, ($3 > 0 ? $2 / $3 : 0) }'
