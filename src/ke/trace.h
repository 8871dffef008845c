/*
 * The chain trace (`ntexec --trace`): every stage of process creation records its NT name, what it made
 * and how long it took; the tree is printed when the process ends (or when creation fails).
 * Costs one branch per stage when tracing is off.
 */
#ifndef KE_TRACE_H
#define KE_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern bool KeTraceEnabled;

/* The traces written line by line as things happen, beside the chain tree (KeTraceEnabled):
 * `--trace=api[:FILTER]` (ke/apitrace.h) and `--trace=loader` (each DLL search probe, map, relocation
 * and initialization routine). They go to the trace file (stderr by default) and span the process tree. */
enum { KE_TRACE_API = 1, KE_TRACE_LOADER = 2 };
extern unsigned KeTraceKinds;
/* Whether any trace is on (a child host then inherits the trace's files). */
static inline bool KeTraceAny(void)
{
    extern bool KeTraceEnabled;
    extern unsigned KeTraceKinds;
    return KeTraceEnabled || KeTraceKinds;
}
/* Writes one whole line (with its newline) to the trace file, in one write. */
void KeTraceWriteLine(const char *line, size_t length);
/* A `--trace=loader` line, prefixed with the thread id ("[tid] ldr: ..."). */
void KeTraceLoaderLine(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define TRACE_LOADER(...)                         \
    do {                                          \
        if (KeTraceKinds & KE_TRACE_LOADER)       \
            KeTraceLoaderLine(__VA_ARGS__);       \
    } while (0)

/* Enables tracing: the tree goes to path (NULL: stderr); json_path, if not NULL, receives Chrome trace
 * events. False when path cannot be written. */
bool KeTraceEnable(const char *path, const char *json_path);
/* Opens the trace file for the line traces alone (no chain tree); path NULL: stderr. */
bool KeTraceOpen(const char *path);
/* A child host traces into its parent's files (fds it inherited; json_fd -1: none); chain: the chain tree
 * is on, kinds: the line traces. */
void KeTraceInherit(int fd, int json_fd, bool chain, unsigned kinds);
/* The fds the trace goes to (json_fd -1: none), for a child host to inherit. */
void KeTraceFiles(int *fd, int *json_fd);
/* The name of this host's process in the JSON trace ("hello.exe (pid 12)"). */
void KeTraceSetProcessTitle(const char *title);
/* Opens a stage nested in the current one of this thread; returns its id (-1 when tracing is off). */
int KeTraceBegin(const char *name);
/* Closes stage id with a one-line description of what it did (printf format). */
void KeTraceEnd(int id, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A stage with no duration of its own (an event inside the current stage). */
void KeTraceEvent(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Marks the next stages of this thread as a new group in the tree (e.g. "user (child)"). */
void KeTraceGroup(const char *title);
/* Prints what was recorded (once). */
void KeTraceFlush(const char *closing, ...) __attribute__((format(printf, 1, 2)));

#define TRACE_BEGIN(name) (KeTraceEnabled ? KeTraceBegin(name) : -1)
#define TRACE_END(id, ...)                 \
    do {                                   \
        if ((id) >= 0)                     \
            KeTraceEnd((id), __VA_ARGS__); \
    } while (0)
#define TRACE_EVENT(name, ...)                \
    do {                                      \
        if (KeTraceEnabled)                   \
            KeTraceEvent((name), __VA_ARGS__); \
    } while (0)

#endif
