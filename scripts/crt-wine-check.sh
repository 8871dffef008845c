#!/usr/bin/env bash
# Runs the C runtime's end-to-end cases (tests/e2e/crt_*) under Wine and shows where Wine's output or exit
# code differs from the expected files, which follow Windows (docs/crt.md lists the known differences).
#   scripts/crt-wine-check.sh [-w] [PATTERN]     -w: write Wine's output as expected.* (new cases only)
# Needs `make programs` and Wine (WINE, default /usr/lib/wine/wine64).
set -u -o pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
wine=${WINE:-/usr/lib/wine/wine64}
write=0
[ "${1:-}" = -w ] && { write=1; shift; }
pattern=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
same=0 differ=0
for d in "$root"/tests/e2e/crt_*${pattern}*/; do
    d=${d%/}
    name=$(basename "$d")
    rm -rf "$work/case" && mkdir -p "$work/case"
    cp -a "$root/build/tests/programs/." "$work/case/"
    in=/dev/null
    [ -f "$d/stdin" ] && in=$d/stdin
    line=$(head -n 1 "$d/cmd")
    eval "argv=( $line )"
    (cd "$work/case" && WINEDEBUG=-all timeout 120 "$wine" "${argv[@]}" <"$in" >"$work/stdout" 2>/dev/null)
    rc=$(( $? & 255 ))
    if [ $write = 1 ] && [ ! -f "$d/expected.stdout" ]; then
        cp "$work/stdout" "$d/expected.stdout"
        echo "$rc" > "$d/expected.exit"
    fi
    if [ -f "$d/expected.stdout" ] && cmp -s "$work/stdout" "$d/expected.stdout" &&
       [ "$rc" = "$(tr -d ' \r\n' < "$d/expected.exit")" ]; then
        same=$((same + 1))
    else
        differ=$((differ + 1))
        echo "WINE DIFFERS $name (wine exit $rc)"
        diff <(cat -A "$d/expected.stdout" 2>/dev/null) <(cat -A "$work/stdout") | sed 's/^/    /' | head -n 20
    fi
done
echo "$same same as Wine, $differ different"
