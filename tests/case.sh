# Shared by tests/run and tests/oracle: how an end-to-end case is set up, run and compared, so that the
# oracle runs Wine exactly as tests/run runs ntexec.  Source it; it defines functions and CASE_ROOT, the source tree.
#
# An end-to-end case is tests/e2e/<name>/ with
#   cmd              the arguments of ntexec, split like a shell splits words (e.g. `hello.exe a "b c"`)
#   expected.stdout  exact bytes;   expected.exit  the host exit status (0..255)
#   expected.stderr  optional, exact bytes;   stdin  optional (else /dev/null)
#   stderr.contains  optional: every line of it must appear somewhere in stderr (for timed output)
#   requires         optional: a bash script (its argument: the ntexec under test); when it fails, tests/run
#                    skips the case and shows its output
#                    (a tool the case's program needs is not installed, e.g. golang-go)
#   deviations       optional: where expected.stdout deliberately differs from Wine, and why (docs/testing.md)
#   tty              optional: run on a pseudo-terminal through tests/tty-run, which types the keys this file
#                    lists; stdout is then what the terminal shows (stdin stays the terminal unless `stdin`)
#   harness          optional, executable: run as `./harness NTEXEC ARGS...` in place of `NTEXEC ARGS...`, for
#                    what a command line cannot set up (a non-blocking pipe, a signal sent to the running
#                    program); its stdout, stderr and exit status are the case's
# It runs in a fresh directory holding copies of build/tests/programs/* and of the case's own files
# (other than these), so programs find their DLLs beside them and may write files in the cwd.

CASE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# case_run DIR RUNNER WORK: runs case DIR with RUNNER (ntexec or wine64) in WORK/case; leaves WORK/stdout and
# WORK/stderr and sets case_rc to the exit status.  PROGRAMS names build/tests/programs.
case_run() {
    local d=$1 runner=$2 work=$3 line f in
    line=$(head -n 1 "$d/cmd")
    set -f
    eval "case_argv=( $line )"
    set +f
    rm -rf "$work/case" && mkdir -p "$work/case"
    [ -d "$PROGRAMS" ] && cp -a "$PROGRAMS"/. "$work/case/"
    for f in "$d"/*; do
        case $(basename "$f") in
            cmd|expected.*|stdin|stderr.contains|deviations|tty) ;;
            *) cp -a "$f" "$work/case/" ;;
        esac
    done
    in=/dev/null
    [ -f "$d/stdin" ] && in=$d/stdin
    local run=("$runner")
    if [ -f "$d/tty" ]; then
        run=(python3 "$CASE_ROOT/tests/tty-run" "$d/tty")
        [ -f "$d/stdin" ] && run+=(--stdin "$d/stdin")
        run+=("$runner")
    elif [ -x "$d/harness" ]; then
        run=(./harness "$runner")
    fi
    (cd "$work/case" && exec timeout -k 5 30 "${run[@]}" "${case_argv[@]}" <"$in" >"$work/stdout" 2>"$work/stderr")
    case_rc=$?
}

# case_check DIR WORK: compares the last run with the case's expected files; sets case_reason (empty when
# everything matches) and the flags case_stdout_ok, case_exit_ok, case_stderr_ok (1 or 0).
case_check() {
    local d=$1 work=$2 want want_line
    case_reason=
    case_stdout_ok=1 case_exit_ok=1 case_stderr_ok=1
    want=$(tr -d ' \t\r\n' < "$d/expected.exit")
    if [ "$case_rc" != "$want" ]; then
        case_exit_ok=0
        case_reason="exit status $case_rc, expected $want"
    fi
    if ! cmp -s "$d/expected.stdout" "$work/stdout"; then
        case_stdout_ok=0
        case_reason="${case_reason:+$case_reason; }stdout differs"
    fi
    if [ -f "$d/expected.stderr" ] && ! cmp -s "$d/expected.stderr" "$work/stderr"; then
        case_stderr_ok=0
        case_reason="${case_reason:+$case_reason; }stderr differs"
    fi
    if [ -f "$d/stderr.contains" ]; then
        while IFS= read -r want_line; do
            [ -z "$want_line" ] && continue
            grep -qF -- "$want_line" "$work/stderr" && continue
            case_stderr_ok=0
            case_reason="${case_reason:+$case_reason; }stderr lacks [$want_line]"
        done < "$d/stderr.contains"
    fi
}
