#!/usr/bin/env bash
# What `--trace=api` costs, measured in one run (tests/bench/apicall_bench.c): ns per call into a builtin
# DLL with no trace, with a filter that names none of the calls (their thunks stay the plain ones, so this
# is the cost of the option when it is off for a function), and with every call traced into a file.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/ntexec-bench-trace.XXXXXX")
trap 'rm -rf "$work"' EXIT
${MINGW_CC:-x86_64-w64-mingw32-gcc} -O2 -Wall -Wl,--no-insert-timestamp -o "$work/apicall_bench.exe" tests/bench/apicall_bench.c
# The best of three runs of each, to damp the noise of a shared machine.
best() {
    for _ in 1 2 3; do "$@"; done | awk '{ if (!($1 in m) || $2 < m[$1]) m[$1] = $2; if (!($1 in o)) o[$1] = n++ }
        END { for (k in o) print o[k], k, m[k] }' | sort -n | cut -d' ' -f2-
}
best build/ntexec "$work/apicall_bench.exe" >"$work/off.txt"
best build/ntexec --trace=api:ntexec_matches_nothing "$work/apicall_bench.exe" >"$work/filtered.txt"
best build/ntexec --trace=api:kernel32 --trace-file /dev/null "$work/apicall_bench.exe" >"$work/on.txt"
echo "== a call into a builtin DLL (ns per call, best of 3; ratios against no trace)"
printf '%-22s %10s %16s %8s %12s %8s\n' function off 'filtered out' ratio traced ratio
join <(sort "$work/off.txt") <(sort "$work/filtered.txt") | join - <(sort "$work/on.txt") |
    awk '{ printf "%-22s %10.1f %16.1f %8.2f %12.1f %8.1f\n", $1, $2, $3, ($2 > 0 ? $3 / $2 : 0), $4, ($2 > 0 ? $4 / $2 : 0) }'
