#!/usr/bin/env bash
# Process creation under ntexec against the host's own, measured in the same run (tests/bench/spawn_bench.c
# built both ways): a guest's CreateProcess + WaitForSingleObject of a small child, per child, against
# posix_spawn + waitpid of a static native ELF doing the same; best of three runs of each.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/ntexec-bench-spawn.XXXXXX")
trap 'rm -rf "$work"' EXIT
${MINGW_CC:-x86_64-w64-mingw32-gcc} -O2 -Wall -Wl,--no-insert-timestamp -o "$work/spawn_bench.exe" tests/bench/spawn_bench.c
${CC:-gcc} -O2 -Wall -static -o "$work/spawn_bench" tests/bench/spawn_bench.c
n=${SPAWN_BENCH_CHILDREN:-200}
best() {
    for _ in 1 2 3; do "$@" "$n"; done | awk '{ v = $2; if (best == "" || v < best) best = v } END { print best }'
}
native=$(best "$work/spawn_bench")
guest=$(best build/ntexec "$work/spawn_bench.exe")
echo "== process creation (us per child, $n children, best of 3; ratio = ntexec / native)"
printf '%-44s %10s %10s %8s\n' operation ntexec native ratio
awk -v g="$guest" -v n="$native" 'BEGIN { printf "%-44s %10.1f %10.1f %8.2f\n", "CreateProcess+wait vs posix_spawn+waitpid", g, n, g / n }'
