#!/usr/bin/env bash
# What `--trace=api` costs, measured in one run (tests/bench/apicall_bench.c): ns per call into a builtin
# DLL with no trace, with a filter that names none of the calls (their thunks stay the plain ones, so this
# is the cost of the option when it is off for a function), and with every call traced into a file.
source "$(dirname "$0")/bench-lib.sh"

"$MINGW_CC" -O2 -Wall -Wl,--no-insert-timestamp -o "$work/apicall_bench.exe" tests/bench/apicall_bench.c
runs=$(quick 3 1)
calls=$(quick 500000 50000)
section "a call into a builtin DLL under --trace=api (ns per call, best of $runs; ratios against no trace)"
best "$runs" min "$NTEXEC" "$work/apicall_bench.exe" "$calls" >"$work/off" || failed "ntexec apicall_bench.exe" "$work/stderr"
best "$runs" min "$NTEXEC" --trace=api:ntexec_matches_nothing "$work/apicall_bench.exe" "$calls" >"$work/filtered" ||
    failed "ntexec --trace=api:ntexec_matches_nothing apicall_bench.exe" "$work/stderr"
best "$runs" min "$NTEXEC" --trace=api:kernel32 --trace-file /dev/null "$work/apicall_bench.exe" "$calls" >"$work/on" ||
    failed "ntexec --trace=api:kernel32 apicall_bench.exe" "$work/stderr"
header function "off ns" "filtered ns" ratio "traced ns" ratio
while read -r name off; do
    f=$(value "$work/filtered" "$name")
    t=$(value "$work/on" "$name")
    row "$name" "$off" "${f:--}" "$(ratio "$f" "$off")" "${t:--}" "$(ratio "$t" "$off")"
done <"$work/off"
exit $bench_status
