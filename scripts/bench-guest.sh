#!/usr/bin/env bash
# Guest code under ntexec against the same source run natively and under Wine, in one invocation:
#   - a CPU-bound loop (tests/bench/cpu_bench.c): guest code runs natively, so about 1.0 is expected;
#   - ns per call of some kernel32 functions and of CreateEvent + CloseHandle (tests/bench/apicall_bench.c);
#   - LoadLibrary + FreeLibrary of mingw-w64's libstdc++-6.dll, copied beside the program as shipped and
#     with its debug sections stripped (dll_bench.c);
#   - a C++ throw/catch round trip (eh_bench.cpp, g++ -static), and the native g++ build's for reference.
# Wine columns are "-" when Wine is not installed. Each figure is the best of several runs.
source "$(dirname "$0")/bench-lib.sh"

flags=(-O2 -Wall -Wl,--no-insert-timestamp)
"$MINGW_CC" "${flags[@]}" -o "$work/cpu_bench.exe" tests/bench/cpu_bench.c
"$CC" -O2 -Wall -o "$work/cpu_bench" tests/bench/cpu_bench.c
"$MINGW_CC" "${flags[@]}" -o "$work/apicall_bench.exe" tests/bench/apicall_bench.c
"$MINGW_CC" "${flags[@]}" -o "$work/dll_bench.exe" tests/bench/dll_bench.c
"$MINGW_CXX" "${flags[@]}" -static -o "$work/eh_bench.exe" tests/bench/eh_bench.cpp
have_native_cxx=0
if command -v "$CXX" >/dev/null; then
    "$CXX" -O2 -Wall -o "$work/eh_bench" tests/bench/eh_bench.cpp && have_native_cxx=1
fi
# The DLL and what it imports beyond the system DLLs, beside the program as an application ships them.
stdcxx=$("$MINGW_CXX" -print-file-name=libstdc++-6.dll)
have_dll=1
if [ -f "$stdcxx" ]; then
    cp "$stdcxx" "$("$MINGW_CXX" -print-file-name=libgcc_s_seh-1.dll)" "$work/"
    winpthread=$("$MINGW_CXX" -print-file-name=libwinpthread-1.dll)
    [ ! -f "$winpthread" ] || cp "$winpthread" "$work/"
else
    have_dll=0
fi

have_wine=0
section "guest code against native code and Wine (ratio = ntexec / baseline)"
wine_setup && have_wine=1
runs=$(quick 3 1)

# run_both NAME MODE CMD...: CMD's best under ntexec into $work/NAME.ntexec and, with Wine, under Wine
# into $work/NAME.wine; a failure is reported with the program's stderr.
run_both() {
    local name=$1 mode=$2
    shift 2
    best "$runs" "$mode" "$NTEXEC" "$@" >"$work/$name.ntexec" ||
        failed "ntexec $(basename "$1") ${*:2}" "$work/stderr"
    if [ $have_wine = 1 ]; then
        best "$runs" "$mode" "$WINE" "$@" >"$work/$name.wine" ||
            failed "Wine $(basename "$1") ${*:2}" "$work/stderr"
    fi
}

# CPU-bound loop.
iterations=$(quick 120 30)
best "$runs" min "$work/cpu_bench" "$iterations" >"$work/cpu.native" || failed "native cpu_bench" "$work/stderr"
run_both cpu min "$work/cpu_bench.exe" "$iterations"
out "CPU-bound loop: ${iterations}M rounds of a 64-bit hash (tests/bench/cpu_bench.c), ms" ""
header "CPU-bound loop" "ntexec ms" "baseline ms" "ratio"
g=$(value "$work/cpu.ntexec" hash_loop_ms)
row "hash loop vs the same C as a native ELF" "$g" "$(value "$work/cpu.native" hash_loop_ms)" \
    "$(ratio "$g" "$(value "$work/cpu.native" hash_loop_ms)")"
[ $have_wine = 0 ] ||
    row "hash loop vs Wine" "$g" "$(value "$work/cpu.wine" hash_loop_ms)" "$(ratio "$g" "$(value "$work/cpu.wine" hash_loop_ms)")"
sums=$(cat "$work"/cpu.* | awk '$1 == "checksum"' | sort -u | wc -l)
[ "$sums" = 1 ] || failed "cpu_bench: the builds (or runs) disagree on the checksum: $(grep -h checksum "$work"/cpu.* | tr '\n' ' ')"

# Calls into kernel32.
calls=$(quick 2000000 200000)
run_both api min "$work/apicall_bench.exe" "$calls"
out "" "Calls into kernel32 (tests/bench/apicall_bench.c, ${calls} calls a loop; CreateEvent+CloseHandle a twentieth of them), ns per call" ""
header "function" "ntexec ns" "Wine ns" "ratio"
for f in GetLastError GetTickCount QueryPerformanceCounter GetCurrentThreadId CreateEvent+CloseHandle; do
    g=$(value "$work/api.ntexec" "$f")
    w=$(value "$work/api.wine" "$f")
    row "$f" "${g:--}" "${w:--}" "$(ratio "$g" "$w")"
done

# LoadLibrary + FreeLibrary: the DLL as mingw-w64 ships it (23 MB, most of it DWARF sections both loaders
# copy into memory) and with those stripped, which leaves the loader's own work.
if [ $have_dll = 1 ]; then
    mkdir "$work/stripped"
    for f in "$work"/*.dll; do "${MINGW_CC%gcc}strip" --strip-debug -o "$work/stripped/${f##*/}" "$f"; done
    cp "$work/dll_bench.exe" "$work/stripped/"
    rounds=$(quick 30 3)
    stripped_rounds=$(quick 300 30)
    run_both dll min "$work/dll_bench.exe" libstdc++-6.dll "$rounds"   # found in the application directory
    run_both dll-stripped min "$work/stripped/dll_bench.exe" libstdc++-6.dll "$stripped_rounds"
    out "" "LoadLibrary + FreeLibrary of ${stdcxx#/usr/lib/gcc/} (and the libgcc_s_seh-1.dll it imports) from the application directory, us per round" ""
    header "DLL load and unload" "ntexec us" "Wine us" "ratio"
    key=load_free_libstdc++-6.dll
    for v in dll dll-stripped; do
        g=$(value "$work/$v.ntexec" $key)
        w=$(value "$work/$v.wine" $key)
        if [ $v = dll ]; then
            label="libstdc++-6.dll as shipped, $rounds rounds"
        else
            label="strip --strip-debug, $stripped_rounds rounds"
        fi
        row "$label" "${g:--}" "${w:--}" "$(ratio "$g" "$w")"
    done
else
    note "libstdc++-6.dll not found ($MINGW_CXX -print-file-name): the DLL load benchmark is skipped."
fi

# C++ exceptions.
throws=$(quick 100000 10000)
run_both eh min "$work/eh_bench.exe" "$throws"
[ $have_native_cxx = 0 ] || best "$runs" min "$work/eh_bench" "$throws" >"$work/eh.native" ||
    failed "native eh_bench" "$work/stderr"
out "" "C++ throw/catch round trip (tests/bench/eh_bench.cpp, mingw-w64 g++ -static, $throws throws), ns" ""
header "throw/catch" "ntexec ns" "baseline ns" "ratio"
g=$(value "$work/eh.ntexec" throw_catch_ns)
[ $have_wine = 0 ] || row "throw+catch vs Wine" "${g:--}" "$(value "$work/eh.wine" throw_catch_ns)" \
    "$(ratio "$g" "$(value "$work/eh.wine" throw_catch_ns)")"
[ $have_native_cxx = 0 ] || row "throw+catch vs native g++ (DWARF unwinder)" "${g:--}" \
    "$(value "$work/eh.native" throw_catch_ns)" "$(ratio "$g" "$(value "$work/eh.native" throw_catch_ns)")"
note "Best of $runs runs of each."
exit $bench_status
