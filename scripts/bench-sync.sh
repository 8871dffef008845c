#!/usr/bin/env bash
# Synchronization cost under ntexec against the same operations with pthreads in a native ELF, measured
# in the same run (tests/bench/sync_bench.c built both ways): ns per operation and the ratio.
source "$(dirname "$0")/bench-lib.sh"

"$MINGW_CC" -O2 -Wall -Wl,--no-insert-timestamp -o "$work/sync_bench.exe" tests/bench/sync_bench.c
"$CC" -O2 -Wall -pthread -o "$work/sync_bench" tests/bench/sync_bench.c
runs=$(quick 3 1)
section "synchronization (ns per operation, best of $runs; ratio = ntexec / native pthreads)"
best "$runs" min "$work/sync_bench" >"$work/native" || failed "native sync_bench" "$work/stderr"
best "$runs" min "$NTEXEC" "$work/sync_bench.exe" >"$work/ntexec" || failed "ntexec sync_bench.exe" "$work/stderr"
header operation "ntexec ns" "pthreads ns" ratio
while read -r name g; do
    n=$(value "$work/native" "$name")
    row "$name" "$g" "${n:--}" "$(ratio "$g" "$n")"
done <"$work/ntexec"
exit $bench_status
