#!/usr/bin/env bash
# Loopback TCP between two processes under ntexec against the same two processes as native ELFs, in one
# invocation (tests/bench/net_bench.c built with Winsock and with BSD sockets): 64-byte request/response
# round trips a second with TCP_NODELAY, and the throughput of a bulk transfer in 64 KiB writes. The script
# starts the server, reads the port it prints, and runs the client against it; the median of several runs,
# native and ntexec pairs taking turns so that a change in the machine's load falls on both. (On the shared
# 2-core development VM a pair's bulk throughput moves between about 1.5 and 6.3 GiB/s from run to run,
# native or not: it is fastest while the receiver lags and finds data waiting, three times slower once it
# has caught up and every 64 KiB write must wake it (about 4 400 against 15 000 wake-ups per GiB, perf stat
# -a -e sched:sched_wakeup). The best of three runs gave 0.37 one time and 1.22 the next.) On a machine
# with two processors or more the server runs on the first and the client on the second, for both kinds
# of pair alike, so that the scheduler moving them around does not decide the figure.
# A third pair, the native ELF with --gs-base, gives each thread a GS base as every Windows x64 thread has
# (its TEB). Without FSGSBASE (this VM) the kernel writes the GS base MSR at every switch to such a thread,
# which the hypervisor emulates: in 10 turns of round trips that alone took native from 29-34 K to 24-29 K
# a second, and ntexec's pairs were within 4 % of the GS pair (23-28 K). Its ratio is what is ntexec's own.
# Both figures are rates, so here ratio = ntexec / native is better when higher (targets: round trips
# >= 0.8, bulk >= 0.9; printed, never judged).
source "$(dirname "$0")/bench-lib.sh"

"$MINGW_CC" -O2 -Wall -Wl,--no-insert-timestamp -o "$work/net_bench.exe" tests/bench/net_bench.c -lws2_32
"$CC" -O2 -Wall -o "$work/net_bench" tests/bench/net_bench.c
seconds=$(quick 2 0.5)
mib=$(quick 1024 256)
runs=$(quick 9 1)

server_cpu=() client_cpu=()
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
    server_cpu=(taskset -c 0) client_cpu=(taskset -c 1)
fi

# pair PREFIX...: one server and one client, each run as PREFIX net_bench[.exe] ...; prints the client's
# "NAME VALUE" lines. Fails, with both processes' stderr in $work/stderr, when either fails or hangs.
pair() {
    local port="" server
    : >"$work/port"
    timeout 120 "${server_cpu[@]}" "$@" server >"$work/port" 2>"$work/server.err" &
    server=$!
    for _ in $(seq 100); do
        port=$(tr -d '\r' <"$work/port" | awk '$1 == "port" { print $2 }')
        [ -n "$port" ] || ! kill -0 $server 2>/dev/null || { sleep 0.1; continue; }
        break
    done
    if [ -z "$port" ]; then
        echo "server printed no port" >"$work/client.err"
        kill $server 2>/dev/null || true
        wait $server 2>/dev/null || true
        cat "$work/server.err" "$work/client.err" >&2
        return 1
    fi
    local status=0
    timeout 120 "${client_cpu[@]}" "$@" client "$port" "$seconds" "$mib" 2>"$work/client.err" || status=1
    [ $status = 0 ] || kill $server 2>/dev/null || true
    wait $server || status=1
    [ $status = 0 ] || cat "$work/server.err" "$work/client.err" >&2
    return $status
}

section "loopback TCP between two processes (median of $runs, taking turns; ratio = ntexec / native, higher is better)"
[ ${#server_cpu[@]} = 0 ] || note "server on CPU 0, client on CPU 1 (taskset), for every kind of pair"
kinds=(native native_gs ntexec)
for k in "${kinds[@]}"; do : >"$work/$k.runs"; done
for ((r = 0; r < runs; r++)); do
    pair "$work/net_bench" >>"$work/native.runs" 2>>"$work/stderr" || failed "native net_bench pair" "$work/stderr"
    pair "$work/net_bench" --gs-base >>"$work/native_gs.runs" 2>>"$work/stderr" ||
        failed "native net_bench --gs-base pair" "$work/stderr"
    pair "$NTEXEC" "$work/net_bench.exe" >>"$work/ntexec.runs" 2>>"$work/stderr" ||
        failed "ntexec net_bench.exe pair" "$work/stderr"
done
for k in "${kinds[@]}"; do best 1 median cat "$work/$k.runs" >"$work/$k"; done
header "loopback TCP" "ntexec" "native" "ratio" "native, GS" "ratio to it"
for figure in roundtrips_per_s bulk_MiB_per_s; do
    g=$(value "$work/ntexec" $figure)
    n=$(value "$work/native" $figure)
    s=$(value "$work/native_gs" $figure)
    case $figure in
    roundtrips_per_s) what="64-byte round trips/s (TCP_NODELAY, ${seconds} s)" ;;
    *) what="bulk MiB/s ($mib MiB in 64 KiB writes)" ;;
    esac
    row "$what" "${g:--}" "${n:--}" "$(ratio "$g" "$n")" "${s:--}" "$(ratio "$g" "$s")"
done
note "Targets (issue #12): round trips >= 0.8, bulk >= 0.9 of native."
if grep -qw fsgsbase /proc/cpuinfo; then
    note "\"native, GS\": the native pair with a GS base on each thread, as a Windows thread has (its TEB). This CPU has FSGSBASE, so a GS base costs a thread switch next to nothing."
else
    note "\"native, GS\": the native pair with a GS base on each thread, as a Windows thread has (its TEB). This CPU (or VM) lacks FSGSBASE: the kernel writes the GS base MSR each time it switches to such a thread, which a VM must emulate. Every Windows thread pays it here, under ntexec or Wine; the second ratio is what remains of ntexec's own cost."
fi
exit $bench_status
