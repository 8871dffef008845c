#!/usr/bin/env bash
# The library half's end-to-end cases (tests/e2e/crtlib_*): one per program of tests/programs/crtlib and C
# runtime (msvcrt build, ucrt build). Shows where ntexec and Wine differ from the expected files, which
# follow Windows (docs/crt-lib.md lists the known Wine differences).
#   scripts/crtlib-cases.sh [-w] [PATTERN]   -w: write ntexec's output as expected.* of cases without one
# Needs `make all programs`, and Wine for the comparison (WINE, default /usr/lib/wine/wine64).
set -u -o pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
wine=${WINE:-/usr/lib/wine/wine64}
write=0
[ "${1:-}" = -w ] && { write=1; shift; }
pattern=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {   # run TOOL... -> $work/stdout, prints the low byte of the exit status
    rm -rf "$work/case" && mkdir -p "$work/case" && cp -a "$root/build/tests/programs/." "$work/case/"
    (cd "$work/case" && timeout 120 "$@" </dev/null >"$work/stdout" 2>/dev/null)
    echo $(( $? & 255 ))
}
for src in "$root"/tests/programs/crtlib/*.c; do
    prog=$(basename "$src" .c)
    for variant in "" -ucrt; do
        name=crtlib_${prog}${variant:+_ucrt}
        case $name in *"$pattern"*) ;; *) continue ;; esac
        d=$root/tests/e2e/$name
        mkdir -p "$d"
        echo "crtlib/$prog$variant.exe" > "$d/cmd"
        rc=$(run "$root/build/ntexec" "crtlib/$prog$variant.exe")
        if [ $write = 1 ] && [ ! -f "$d/expected.stdout" ]; then
            cp "$work/stdout" "$d/expected.stdout"
            echo "$rc" > "$d/expected.exit"
        fi
        cmp -s "$work/stdout" "$d/expected.stdout" || echo "NTEXEC DIFFERS $name"
        [ -x "$wine" ] || continue
        rc=$(WINEDEBUG=-all run "$wine" "crtlib/$prog$variant.exe")
        if ! cmp -s "$work/stdout" "$d/expected.stdout" || [ "$rc" != "$(tr -d ' \r\n' < "$d/expected.exit")" ]; then
            echo "WINE DIFFERS $name (wine exit $rc)"
            diff <(cat -A "$d/expected.stdout") <(cat -A "$work/stdout") | sed 's/^/    /' | head -n 20
        fi
    done
done
