/*
 * ntexec: runs a Windows x64 console program. The command is the first parent of the NT process: it boots
 * the kernel half in this host process (PsInitializeSystem), turns its arguments into a Windows command
 * line and calls CreateProcessA like any Windows program would, then waits for the process.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/check.h"
#include "cli/cmdline.h"
#include "cli/inspect.h"
#include "host/host.h"
#include "io/io.h"
#include "ke/apitrace.h"
#include "ke/trace.h"
#include "ps/ps.h"
#include "win32/k32.h"

#define NTEXEC_VERSION "0.1"

static const char usage[] =
    "usage: ntexec [options] PROGRAM.exe [ARGUMENTS...]\n"
    "       ntexec --inspect [--json] FILE\n"
    "       ntexec --check [--json] PROGRAM.exe\n"
    "\n"
    "Runs a Windows x64 console program through the NT process-creation chain.\n"
    "\n"
    "options:\n"
    "  --trace              print the process-creation chain as a tree to stderr when the process ends\n"
    "  --trace=api[:FILTER] print every call into a builtin DLL as it returns, like strace: thread,\n"
    "                       dll!function(arguments) = result (last error N); FILTER: comma-separated\n"
    "                       patterns such as CreateFileW, kernel32, \"ntdll!Nt*File\" ('*', '?')\n"
    "  --trace=loader       print each DLL search probe, mapping, relocation and initialization\n"
    "  --trace-file FILE    write the traces to FILE instead\n"
    "  --trace-json FILE    also write it as Chrome trace events (open in Perfetto)\n"
    "  --drive-c DIR        the host directory that is C:\\ (default: /)\n"
    "  --dll-override LIST  NAME[,NAME...]=native|builtin[;...]: native prefers a DLL of that name found on\n"
    "                       the search path over the builtin (sets NTEXEC_DLL_OVERRIDES, which children inherit)\n"
    "  --inspect FILE       print a report of a PE file (headers, sections, imports, exports, ...);\n"
    "                       a DLL name no file in the current directory has: the builtin DLL\n"
    "  --check PROGRAM      list every DLL and function the program imports that would not resolve\n"
    "                       (its whole import closure; exit status 0 only when none)\n"
    "  --json               with --inspect or --check: one JSON object\n"
    "  -h, --help           this text\n"
    "  --version            the version\n"
    "\n"
    "The exit status is the program's exit code modulo 256; ntexec's own errors exit with 125 (usage),\n"
    "126 (the image cannot run) or 127 (the program was not found).\n";

struct options {
    bool trace;
    unsigned trace_kinds;      /* KE_TRACE_API, KE_TRACE_LOADER */
    const char *api_filter;
    const char *trace_file;
    const char *trace_json;
    const char *drive_c;
    bool inspect;
    bool check;
    bool json;
    int first_arg;   /* index of PROGRAM in argv */
};

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "ntexec: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", usage);
    return 125;
}

/* Options end at the first argument that is not one: that is the program, the rest is its arguments. */
static int parse_options(int argc, char **argv, struct options *o)
{
    memset(o, 0, sizeof *o);
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            exit(0);
        } else if (!strcmp(a, "--version")) {
            printf("ntexec %s (reports Windows %d.%d.%d)\n", NTEXEC_VERSION, NTEXEC_OS_MAJOR, NTEXEC_OS_MINOR,
                   NTEXEC_OS_BUILD);
            exit(0);
        } else if (!strcmp(a, "--trace") || !strcmp(a, "--trace=chain")) {
            o->trace = true;
        } else if (!strcmp(a, "--trace=loader")) {
            o->trace_kinds |= KE_TRACE_LOADER;
        } else if (!strcmp(a, "--trace=api") || !strncmp(a, "--trace=api:", 12)) {
            o->trace_kinds |= KE_TRACE_API;
            o->api_filter = a[11] ? a + 12 : "";
            if (!KeApiTraceSetFilter(o->api_filter))
                return usage_error("%s: the filter is too long", a);
        } else if (!strncmp(a, "--trace=", 8)) {
            return usage_error("unknown trace %s (chain, api[:FILTER], loader)", a + 8);
        } else if (!strcmp(a, "--trace-file") && has_value) {
            o->trace_file = argv[++i];
        } else if (!strcmp(a, "--trace-json") && has_value) {
            o->trace = true;
            o->trace_json = argv[++i];
        } else if (!strcmp(a, "--drive-c") && has_value) {
            o->drive_c = argv[++i];
        } else if (!strcmp(a, "--dll-override") && has_value) {
            /* appended to NTEXEC_DLL_OVERRIDES in the environment the program inherits, where the loader
             * reads it (ntdll/ldr/search.c) */
            if (host_environ_append("NTEXEC_DLL_OVERRIDES", argv[++i], ';') != STATUS_SUCCESS)
                return usage_error("%s: out of memory", a);
        } else if (!strcmp(a, "--inspect")) {
            o->inspect = true;
        } else if (!strcmp(a, "--check")) {
            o->check = true;
        } else if (!strcmp(a, "--json")) {
            o->json = true;
        } else {
            return usage_error(has_value || a[1] != '-' ? "unknown option %s" : "option %s needs a value", a);
        }
    }
    o->first_arg = i;
    if (i >= argc)
        return usage_error("%s", o->inspect ? "no file to inspect" : o->check ? "no program to check" : "no program given");
    return 0;
}

DWORD WINAPI GetFullPathNameA(LPCSTR path, DWORD size, LPSTR out, LPSTR *file_part);

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* The program as CreateProcess should see it: a bare name stays as typed (CreateProcess searches for
 * it, as for a name typed in cmd.exe); a host path becomes a DOS path ("/tmp/x.exe" -> "C:\tmp\x.exe",
 * "bin/x.exe" -> relative to the current directory). */
static char *program_name(const char *arg)
{
    if (!strchr(arg, '/'))
        return dup_string(arg);
    if (arg[0] == '/') {
        WCHAR *dos;
        if (IoHostPathToDos(arg, &dos) != STATUS_SUCCESS)
            return NULL;
        char *result = RtlpWideToUtf8Alloc(dos, RtlpWcslen(dos));
        free(dos);
        return result;
    }
    char *relative = dup_string(arg);
    if (!relative)
        return NULL;
    for (char *p = relative; *p; p++)
        if (*p == '/')
            *p = '\\';
    char full[4096];
    DWORD n = GetFullPathNameA(relative, sizeof full, full, NULL);
    free(relative);
    return n && n < sizeof full ? dup_string(full) : NULL;
}

/* Why a program could not start, in one line: the NT status of the kernel when there is one. */
static int report_failure(const char *program)
{
    DWORD error = GetLastError();
    NTSTATUS status = (NTSTATUS)NtCurrentTeb()->LastStatusValue;
    const char *name = RtlpNtStatusName(status);
    switch (error) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
        fprintf(stderr, "ntexec: %s: program not found (%s)\n", program,
                error == ERROR_FILE_NOT_FOUND ? "ERROR_FILE_NOT_FOUND" : "ERROR_PATH_NOT_FOUND");
        return 127;
    case ERROR_BAD_EXE_FORMAT:
    case ERROR_EXE_MACHINE_TYPE_MISMATCH: {
        const char *what = status == STATUS_IMAGE_MACHINE_TYPE_MISMATCH ? "not an x64 program"
                                                                        : "not a valid Win32 application";
        fprintf(stderr, "ntexec: %s: %s (%s)\n", program, what, name ? name : "ERROR_BAD_EXE_FORMAT");
        return 126;
    }
    default:
        fprintf(stderr, "ntexec: %s: cannot start the process: Win32 error %u%s%s%s\n", program, (unsigned)error,
                name ? " (" : "", name ? name : "", name ? ")" : "");
        return 126;
    }
}

static int run(const struct options *o, int argc, char **argv)
{
    char *program = program_name(argv[o->first_arg]);
    if (!program) {
        fprintf(stderr, "ntexec: %s: cannot name this path on a Windows drive\n", argv[o->first_arg]);
        return 127;
    }
    char **args = malloc((size_t)(argc - o->first_arg) * sizeof *args);
    if (!args) {
        free(program);
        return 125;
    }
    args[0] = program;
    for (int i = o->first_arg + 1; i < argc; i++)
        args[i - o->first_arg] = argv[i];
    char *cmdline = cli_build_command_line(argc - o->first_arg, args);
    free(args);
    if (!cmdline) {
        free(program);
        return 125;
    }
    KeTraceGroup("user (parent): the ntexec shell, as Explorer would");
    STARTUPINFOA si = {.cb = sizeof si};
    PROCESS_INFORMATION pi;
    /* The standard handles are inheritable; a console child shares them, as from cmd.exe. */
    BOOL created = CreateProcessA(NULL, cmdline, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    free(cmdline);
    free(program);
    if (!created) {
        int code = report_failure(argv[o->first_arg]);
        KeTraceFlush("CreateProcess failed: error %u", (unsigned)GetLastError());
        return code;
    }
    /* The process's end ends this host with its exit code; until then the shell answers for it. */
    PsServeProcess(pi.hProcess, pi.hThread);
}

int main(int argc, char **argv)
{
    host_prefault_heap(64u << 10);
    if (argc >= 2 && !strcmp(argv[1], "--child"))
        return PsRunChildHost();   /* started by ntexec for a Windows program's CreateProcess */
    struct options o;
    int status = parse_options(argc, argv, &o);
    if (status)
        return status;
    if (o.inspect)
        return cli_inspect(argv[o.first_arg], o.json, stdout, stderr);
    if (o.drive_c && IoSetDriveRoot('C', o.drive_c) != STATUS_SUCCESS) {
        fprintf(stderr, "ntexec: --drive-c %s: not an absolute directory\n", o.drive_c);
        return 125;
    }
    if (o.check)
        return cli_check(argv[o.first_arg], o.json, stdout, stderr);
    if (o.trace_file && !o.trace && !o.trace_kinds)
        o.trace = true;   /* --trace-file alone: the chain tree, as before the other traces */
    if ((o.trace && !KeTraceEnable(o.trace_file, o.trace_json)) || !KeTraceOpen(o.trace_file)) {
        fprintf(stderr, "ntexec: %s: cannot write the trace\n", o.trace_file ? o.trace_file : o.trace_json);
        return 125;
    }
    KeTraceKinds = o.trace_kinds;
    NTSTATUS boot = PsInitializeSystem();
    if (boot != STATUS_SUCCESS) {
        const char *name = RtlpNtStatusName(boot);
        fprintf(stderr, "ntexec: cannot start the NT kernel half: %s\n", name ? name : "unknown status");
        return 125;
    }
    /* Output ntexec prints itself goes out before any program output. */
    fflush(stdout);
    fflush(stderr);
    return run(&o, argc, argv);
}
