#!/usr/bin/env bash
# Process creation under ntexec against the host's own, measured in the same run (tests/bench/spawn_bench.c
# built both ways): a guest's CreateProcess + WaitForSingleObject of a small child, per child, against
# posix_spawn + waitpid of a static native ELF doing the same; best of three runs of each.
source "$(dirname "$0")/bench-lib.sh"

"$MINGW_CC" -O2 -Wall -Wl,--no-insert-timestamp -o "$work/spawn_bench.exe" tests/bench/spawn_bench.c
"$CC" -O2 -Wall -static -o "$work/spawn_bench" tests/bench/spawn_bench.c
n=${SPAWN_BENCH_CHILDREN:-$(quick 200 30)}
runs=$(quick 3 1)
section "process creation (us per child, $n children, best of $runs; ratio = ntexec / native)"
best "$runs" min "$work/spawn_bench" "$n" >"$work/native" || failed "native spawn_bench" "$work/stderr"
best "$runs" min "$NTEXEC" "$work/spawn_bench.exe" "$n" >"$work/ntexec" || failed "ntexec spawn_bench.exe" "$work/stderr"
header operation "ntexec us" "native us" ratio
g=$(value "$work/ntexec" spawn+wait)
n=$(value "$work/native" spawn+wait)
row "CreateProcess+wait vs posix_spawn+waitpid" "${g:--}" "${n:--}" "$(ratio "$g" "$n")"
exit $bench_status
