#!/bin/sh
# Rebuilds the small cabinet of tests/e2e/shell_setupapi and the extrac32 cases (t.cab) with gcab
# (Debian's gcab, MSZIP compression), with fixed file times so that listings are deterministic.
set -eu
out=$(cd "$(dirname "$0")/../../e2e" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir sub
printf 'hello cab\n' > a.txt
printf 'second file\nline2\n' > sub/b.txt
touch -d '2020-01-02 03:04:06' a.txt sub/b.txt
gcab -c -z t.cab a.txt sub/b.txt
for d in shell_setupapi extrac32_list extrac32_extract; do
    for dir in "$out/$d" "$out/../pending/$d"; do
        if [ -d "$dir" ]; then cp t.cab "$dir/t.cab"; fi
    done
done
