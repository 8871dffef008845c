#!/bin/sh
# set-delay-dir.sh EXE: points data directory 13 (delay imports) of a PE32+ image at the descriptor
# dlltool generated. ld from binutils before 2.41 links the descriptor but leaves the directory empty;
# MSVC and newer ld fill it, and the PE reader (like dumpbin) finds delay imports only through it.
set -eu
exe=$1
nm=${MINGW_NM:-x86_64-w64-mingw32-nm}
va=$($nm "$exe" | awk '/ __DELAY_IMPORT_DESCRIPTOR_/ { print $1; exit }')
[ -n "$va" ] || { echo "set-delay-dir.sh: no delay import descriptor in $exe" >&2; exit 1; }
lfanew=$(od -An -tu4 -j60 -N4 "$exe" | tr -d ' ')
base=$(od -An -tx8 -j$((lfanew + 24 + 24)) -N8 "$exe" | tr -d ' ')
rva=$((0x$va - 0x$base))
dir=$((lfanew + 24 + 112 + 13 * 8))
[ "$(od -An -tx8 -j$dir -N8 "$exe" | tr -d ' ')" = 0000000000000000 ] || exit 0
le32() { printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)))"; }
{ le32 "$rva"; le32 32; } | dd of="$exe" bs=1 seek="$dir" conv=notrunc status=none
