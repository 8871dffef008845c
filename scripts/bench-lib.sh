# Helpers the bench-*.sh scripts source (not run on its own).
#   BENCH_QUICK=1       fewer runs and shorter loops (scripts/bench.sh --quick, make bench-quick)
#   BENCH_RESULTS=FILE  each table is also appended to FILE as a markdown section (scripts/bench.sh writes
#                       the machine's description at its top)
#   WINE=PATH           the Wine loader to compare with (default /usr/lib/wine/wine64); absent: skipped
#   BENCH_WINEPREFIX    the benchmarks' Wine prefix (default ~/.cache/ntexec/wine-bench)
#   NTEXEC=PATH         the ntexec to measure (default build/ntexec)
#   BENCH_KEEP=1        keep the temporary directory of programs and outputs, to look into a failure
# Every figure is a ratio against a baseline measured in the same run; nothing here judges a time.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_QUICK=${BENCH_QUICK:-0}
NTEXEC=${NTEXEC:-build/ntexec}
MINGW_CC=${MINGW_CC:-x86_64-w64-mingw32-gcc}
MINGW_CXX=${MINGW_CXX:-x86_64-w64-mingw32-g++}
CC=${CC:-gcc}
CXX=${CXX:-g++}

work=$(mktemp -d "${TMPDIR:-/tmp}/ntexec-bench.XXXXXX")
bench_cleanup() {
    [ -z "${wine_started:-}" ] || "$WINESERVER" -k 2>/dev/null || true
    if [ -n "${BENCH_KEEP:-}" ]; then echo "bench: kept $work" >&2; else rm -rf "$work"; fi
}
trap bench_cleanup EXIT

if [ ! -x "$NTEXEC" ]; then
    echo "bench: $NTEXEC is missing (make all)" >&2
    exit 1
fi
NTEXEC=$(realpath "$NTEXEC")

# quick FULL QUICK: the value for this mode.
quick() {
    if [ "$BENCH_QUICK" = 1 ]; then echo "$2"; else echo "$1"; fi
}

# out LINE...: to the terminal and, when asked, to the results file.
out() {
    printf '%s\n' "$@"
    [ -z "${BENCH_RESULTS:-}" ] || printf '%s\n' "$@" >>"$BENCH_RESULTS"
}

# section TITLE: a heading ("== TITLE" on the terminal, "## TITLE" in the results file).
section() {
    echo
    echo "== $1"
    [ -z "${BENCH_RESULTS:-}" ] || printf '\n## %s\n\n' "$1" >>"$BENCH_RESULTS"
}

# note TEXT: a line of explanation under a table, in both places.
note() {
    echo "$1"
    [ -z "${BENCH_RESULTS:-}" ] || printf '\n%s\n\n' "$1" >>"$BENCH_RESULTS"
}

# failed WHAT LOG: a benchmark that could not run. Says so with the program's own words and makes the
# script fail at its end, after the tables it could still print.
bench_status=0
failed() {
    echo "bench: FAILED: $1" >&2
    [ ! -s "${2:-/dev/null}" ] || sed 's/^/    /' "$2" | tail -n 20 >&2
    [ -z "${BENCH_RESULTS:-}" ] || printf '\n**FAILED**: %s\n' "$1" >>"$BENCH_RESULTS"
    bench_status=1
}

# row CELL...: one markdown table row, the first cell padded wide for the terminal.
row() {
    local first=$1
    shift
    local line
    line=$(printf '| %-44s' "$first")
    for cell in "$@"; do line+=$(printf ' | %12s' "$cell"); done
    out "$line |"
}

# header CELL...: a table's head and its separator line.
header() {
    row "$@"
    local sep='|:----------------------------------------------'
    for ((i = 1; i < $#; i++)); do sep+='|-------------:'; done
    out "$sep|"
}

# best RUNS MODE CMD...: runs CMD RUNS times; CMD prints "NAME VALUE" lines. Prints each NAME with its
# lowest (MODE min: times) or highest (MODE max: rates) value, or the median of the runs (MODE median:
# for noise that is not one-sided), in the order CMD printed them, the best of several runs damping the
# noise of a shared machine; a value that is not a number (a checksum) is kept,
# or becomes "differs" when the runs disagree. Fails when any run fails; its stderr goes to
# $work/stderr. A Windows program's text-mode stdout ends its lines with CR LF: the CR is dropped.
best() {
    local runs=$1 mode=$2
    shift 2
    : >"$work/stderr"
    for ((r = 0; r < runs; r++)); do
        "$@" 2>>"$work/stderr" || return 1
    done | awk -v mode="$mode" '
        { sub(/\r$/, "") }
        NF == 2 && $2 ~ /^[0-9.]+$/ {
            if (!($1 in v) || (mode == "min" ? $2 < v[$1] : $2 > v[$1])) v[$1] = $2
            all[$1, ++count[$1]] = $2 + 0
        }
        NF == 2 && $2 !~ /^[0-9.]+$/ { v[$1] = ($1 in v) && v[$1] != $2 ? "differs" : $2 }
        NF == 2 && !($1 in o) { o[$1] = n++; names[o[$1]] = $1 }
        END {
            for (i = 0; i < n; i++) {
                k = names[i]
                if (mode == "median" && count[k]) {
                    m = count[k]
                    for (a = 1; a <= m; a++) sorted[a] = all[k, a]
                    for (a = 2; a <= m; a++)
                        for (b = a; b > 1 && sorted[b - 1] > sorted[b]; b--) {
                            t = sorted[b]; sorted[b] = sorted[b - 1]; sorted[b - 1] = t
                        }
                    v[k] = m % 2 ? sorted[(m + 1) / 2] : (sorted[m / 2] + sorted[m / 2 + 1]) / 2
                }
                print k, v[k]
            }
        }'
}

# value FILE NAME: NAME's value in a "NAME VALUE" file, empty when absent.
value() {
    awk -v k="$2" '$1 == k { print $2; exit }' "$1" 2>/dev/null || true
}

# ratio A B: A / B to two decimals (two significant digits below 0.1), "-" when either is missing or B is
# zero.
ratio() {
    awk -v a="${1:-}" -v b="${2:-}" 'BEGIN {
        if (a == "" || b == "" || a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) print "-"
        else if (a / b < 0.1) printf "%.2g\n", a / b
        else printf "%.2f\n", a / b }'
}

# wine_setup: finds Wine and prepares a prefix of the benchmarks' own (never the user's ~/.wine, whose
# server `wineserver -k` would end). Returns 1, having said so, when Wine is not installed.
wine_setup() {
    WINE=${WINE:-/usr/lib/wine/wine64}
    if [ ! -x "$WINE" ]; then
        note "Wine not installed ($WINE): its columns are skipped (apt-get install wine64 to compare)."
        return 1
    fi
    WINESERVER=${WINESERVER:-$(dirname "$WINE")/wineserver}
    export WINEDEBUG=-all WINEPREFIX=${BENCH_WINEPREFIX:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/ntexec/wine-bench}
    if [ ! -d "$WINEPREFIX" ]; then
        echo "bench: creating the Wine prefix $WINEPREFIX (once)" >&2
        mkdir -p "$(dirname "$WINEPREFIX")"
        "$WINE" cmd /c exit >/dev/null 2>&1 || true
    fi
    # Keep a server up for the whole script, so every Wine figure but the cold start is a warm one.
    "$WINESERVER" -p 2>/dev/null || true
    wine_started=1
    return 0
}

wine_version() {
    "${WINE:-/usr/lib/wine/wine64}" --version 2>/dev/null || echo "not installed"
}
