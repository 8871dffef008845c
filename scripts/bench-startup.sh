#!/usr/bin/env bash
# Start-up cost of a Windows program under ntexec, against baselines run in the same invocation: a static
# native ELF that prints the same line, and Wine when it is installed, with its server up (warm) and with
# none (`wineserver -k` before each run, so each run pays for starting one). hyperfine medians; then the
# peak resident memory of each (/usr/bin/time -v, the lowest of three runs).
source "$(dirname "$0")/bench-lib.sh"

printf '#include <stdio.h>\nint main(void) { printf("hello from a Windows program\\n"); return 0; }\n' >"$work/native.c"
"$CC" -O2 -static -o "$work/native_hello" "$work/native.c"
exe=build/tests/programs/hello.exe
[ -f "$exe" ] || { echo "bench: $exe is missing (make programs)" >&2; exit 1; }
commands=("$work/native_hello" "$NTEXEC $exe")
have_wine=0
section "start-up: hello world (hyperfine median; ratio = ntexec / baseline)"
if wine_setup; then
    have_wine=1
    "$WINE" "$exe" >/dev/null 2>&1 || true
    commands+=("$WINE $exe")
fi

runs=$(quick 100 10)
cold_runs=$(quick 10 2)
# medians JSON: one median (ms) a line, in the order of the commands.
medians() {
    python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["results"]: print("%.2f" % (r["median"] * 1e3))' "$1"
}
if ! hyperfine -N --warmup "$(quick 10 3)" --runs "$runs" "${commands[@]}" --export-json "$work/warm.json" \
        >"$work/hyperfine.log" 2>&1; then
    failed "hyperfine ${commands[*]}" "$work/hyperfine.log"
    exit 1
fi
mapfile -t ms < <(medians "$work/warm.json")
header "start-up" "ntexec ms" "baseline ms" "ratio"
row "hello.exe vs static native ELF" "${ms[1]}" "${ms[0]}" "$(ratio "${ms[1]}" "${ms[0]}")"
if [ $have_wine = 1 ]; then
    row "hello.exe vs Wine, server running" "${ms[1]}" "${ms[2]}" "$(ratio "${ms[1]}" "${ms[2]}")"
    if hyperfine -N --runs "$cold_runs" --prepare "sh -c '$WINESERVER -k 2>/dev/null; true'" "$WINE $exe" \
            --export-json "$work/cold.json" >"$work/hyperfine.log" 2>&1; then
        cold=$(medians "$work/cold.json")
        row "hello.exe vs Wine, no server (cold)" "${ms[1]}" "$cold" "$(ratio "${ms[1]}" "$cold")"
    else
        failed "hyperfine (Wine with no server)" "$work/hyperfine.log"
    fi
    "$WINESERVER" -p 2>/dev/null || true
fi
if [ $have_wine = 1 ]; then
    note "$runs runs of each ($cold_runs for Wine with no server, whose start includes the wineserver's)."
else
    note "$runs runs of each."
fi

section "peak resident set size (/usr/bin/time -v, lowest of 3; ratio = ntexec / baseline)"
# rss CMD...: the lowest peak RSS in KiB of three runs.
rss() {
    for _ in 1 2 3; do
        /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }'
    done | sort -n | head -n 1
}
native_kib=$(rss "$work/native_hello")
ntexec_kib=$(rss $NTEXEC $exe)
header "peak RSS" "ntexec KiB" "baseline KiB" "ratio"
row "hello.exe vs static native ELF" "$ntexec_kib" "$native_kib" "$(ratio "$ntexec_kib" "$native_kib")"
if [ $have_wine = 1 ]; then
    wine_kib=$(rss "$WINE" "$exe")
    row "hello.exe vs Wine (the wine64 process only)" "$ntexec_kib" "$wine_kib" "$(ratio "$ntexec_kib" "$wine_kib")"
fi
exit $bench_status
