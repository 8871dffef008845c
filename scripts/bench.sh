#!/usr/bin/env bash
# Every benchmark of ntexec (`make bench`), each figure a ratio against a baseline measured in the same run,
# and all of them in one markdown file headed by the machine's description:
#   scripts/bench.sh [--quick] [--results FILE]
# --quick: fewer runs and shorter loops (`make bench-quick`, CI): about a minute with Wine installed (most
# of it Wine's cold starts), half that without; FILE: default bench/results.md, or build/bench-quick.md with
# --quick. BENCH_NOTE=TEXT: a paragraph for the header (what else the machine was doing).
# The scripts (bench-startup, -guest, -spawn, -sync, -net, -trace) also run on their own. A benchmark that
# cannot run (a program failing under ntexec) is reported with its error and makes this exit 1, after the
# others have run; slow figures never do.
set -uo pipefail
cd "$(dirname "$0")/.."

quick=0
results=""
while [ $# -gt 0 ]; do
    case $1 in
        --quick) quick=1 ;;
        --results) results=${2:?--results FILE}; shift ;;
        *) echo "usage: scripts/bench.sh [--quick] [--results FILE]" >&2; exit 2 ;;
    esac
    shift
done
[ -n "$results" ] || results=$([ $quick = 1 ] && echo build/bench-quick.md || echo bench/results.md)
mkdir -p "$(dirname "$results")"
results=$(realpath "$results")

version() { "$@" 2>/dev/null | head -n 1 || true; }
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
[ ! -f /etc/debian_version ] || os+=" (debian_version $(cat /etc/debian_version))"
wine=${WINE:-/usr/lib/wine/wine64}
{
    echo "# ntexec benchmarks"
    echo
    echo "Written by \`$([ $quick = 1 ] && echo 'make bench-quick' || echo 'make bench')\` (scripts/bench.sh$([ $quick = 1 ] && echo ' --quick')). Every ratio"
    echo "is ntexec's figure over a baseline measured in the same run, on this machine:"
    echo
    echo "| | |"
    echo "|:--|:--|"
    echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
    echo "| ntexec | $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- . ':!bench/results.md' 2>/dev/null || echo ' (with uncommitted changes)') |"
    echo "| CPU | $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo) |"
    echo "| cores | $(nproc) online ($(grep -c '^processor' /proc/cpuinfo) in /proc/cpuinfo) |"
    echo "| memory | $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) |"
    echo "| kernel | $(uname -sr) |"
    echo "| OS | $os |"
    echo "| gcc | $(version gcc --version) |"
    echo "| mingw-w64 | $(version x86_64-w64-mingw32-gcc --version), $(version x86_64-w64-mingw32-g++ --version) |"
    echo "| Wine | $([ -x "$wine" ] && version "$wine" --version || echo 'not installed (its columns are skipped)') |"
    echo "| hyperfine | $(version hyperfine --version) |"
    echo "| load average at start | $(cut -d' ' -f1-3 /proc/loadavg) |"
    [ -z "${BENCH_NOTE:-}" ] || { echo; echo "$BENCH_NOTE"; }
} >"$results"
cat "$results"

export BENCH_RESULTS=$results BENCH_QUICK=$quick
failures=()
for b in startup guest spawn sync net trace; do
    scripts/bench-$b.sh || failures+=("bench-$b.sh")
done
printf '\nLoad average at the end: %s.\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$results"
echo
echo "bench: results written to ${results#"$PWD"/}"
if [ ${#failures[@]} -gt 0 ]; then
    echo "bench: ${failures[*]} could not measure everything (see FAILED above)" >&2
    exit 1
fi
