/* Recording and printing the chain trace. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "host/host.h"
#include "ke/trace.h"
#include "nt/peb.h"

bool KeTraceEnabled;
unsigned KeTraceKinds;

#define MAX_STAGES 512

struct stage {
    const char *name;
    const char *group;     /* non-NULL: a group title printed before this stage */
    uint32_t tid;
    int depth;
    bool instant;
    uint64_t start, end;   /* ns, monotonic */
    char detail[200];
};

static struct stage stages[MAX_STAGES];
static int nstages;
static host_lock trace_lock = HOST_LOCK_INIT;
static int trace_fd = 2;
static int trace_json_fd = -1;      /* the Chrome trace file, shared by every host of the tree (append) */
static char process_title[160];     /* the Perfetto track name of this host's process */
static const char *pending_group;
static bool flushed;
static _Thread_local int depth;

bool KeTraceOpen(const char *path)
{
    return !path || trace_fd != 2 ||
           host_open(path, HOST_O_WRITE | HOST_O_CREATE | HOST_O_TRUNC | HOST_O_APPEND, 0666, &trace_fd) ==
               STATUS_SUCCESS;
}

bool KeTraceEnable(const char *path, const char *json_path)
{
    if (!KeTraceOpen(path))
        return false;
    /* The JSON Array Format: "[" then events, each host of the process tree appending its own ("," first),
     * the closing "]" left out as the format allows, so that no host has to be the last. */
    if (json_path) {
        if (host_open(json_path, HOST_O_WRITE | HOST_O_CREATE | HOST_O_TRUNC | HOST_O_APPEND, 0666,
                      &trace_json_fd) != STATUS_SUCCESS)
            return false;
        static const char head[] = "[{\"name\":\"ntexec\",\"ph\":\"M\",\"pid\":0,\"tid\":0,\"args\":{}}";
        host_write_all(trace_json_fd, head, sizeof head - 1);
    }
    KeTraceEnabled = true;
    return true;
}

void KeTraceInherit(int fd, int json_fd, bool chain, unsigned kinds)
{
    trace_fd = fd;
    trace_json_fd = json_fd;
    KeTraceEnabled = chain;
    KeTraceKinds = kinds;
}

void KeTraceWriteLine(const char *line, size_t length)
{
    host_write_all(trace_fd, line, length);
}

void KeTraceLoaderLine(const char *fmt, ...)
{
    char line[600];
    int n = snprintf(line, sizeof line, "[%u] ldr: ", (unsigned)(ULONG_PTR)NtCurrentTeb()->ClientId.UniqueThread);
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
    va_end(ap);
    size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m >= sizeof line - (size_t)n - 1 ? sizeof line - (size_t)n - 2 : (size_t)m);
    line[len++] = '\n';
    KeTraceWriteLine(line, len);
}

void KeTraceFiles(int *fd, int *json_fd)
{
    *fd = trace_fd;
    *json_fd = trace_json_fd;
}

void KeTraceSetProcessTitle(const char *title)
{
    snprintf(process_title, sizeof process_title, "%s", title);
}

static int new_stage(const char *name, bool instant)
{
    host_lock_acquire(&trace_lock);
    int id = nstages < MAX_STAGES ? nstages++ : -1;
    if (id >= 0) {
        struct stage *s = &stages[id];
        s->name = name;
        s->group = pending_group;
        pending_group = NULL;
        s->tid = host_gettid();
        s->depth = depth;
        s->instant = instant;
        s->start = s->end = host_monotonic_ns();
        s->detail[0] = 0;
    }
    host_lock_release(&trace_lock);
    return id;
}

int KeTraceBegin(const char *name)
{
    if (!KeTraceEnabled)
        return -1;
    int id = new_stage(name, false);
    depth++;
    return id;
}

void KeTraceEnd(int id, const char *fmt, ...)
{
    if (!KeTraceEnabled)
        return;
    depth--;
    if (id < 0)
        return;
    struct stage *s = &stages[id];
    s->end = host_monotonic_ns();
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->detail, sizeof s->detail, fmt, ap);
    va_end(ap);
}

void KeTraceEvent(const char *name, const char *fmt, ...)
{
    int id = new_stage(name, true);
    if (id < 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(stages[id].detail, sizeof stages[id].detail, fmt, ap);
    va_end(ap);
}

void KeTraceGroup(const char *title)
{
    if (!KeTraceEnabled)
        return;
    host_lock_acquire(&trace_lock);
    pending_group = title;
    host_lock_release(&trace_lock);
    depth = 0;
}

struct out {
    char buf[4096];
    size_t len;
    int fd;
};

static void out_flush(struct out *o)
{
    host_write_all(o->fd, o->buf, o->len);
    o->len = 0;
}

static void out_printf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out_printf(struct out *o, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    if (o->len + len > sizeof o->buf)
        out_flush(o);
    memcpy(o->buf + o->len, line, len);
    o->len += len;
}

/* Does a later stage of the same group sit at this depth before the tree goes shallower? */
static bool has_sibling_after(int i, int d)
{
    for (int j = i + 1; j < nstages && !stages[j].group; j++) {
        if (stages[j].depth < d)
            return false;
        if (stages[j].depth == d)
            return true;
    }
    return false;
}

static void print_tree(struct out *o)
{
    for (int i = 0; i < nstages; i++) {
        const struct stage *s = &stages[i];
        if (s->group)
            out_printf(o, "%s\n", s->group);
        char prefix[256] = "";
        size_t p = 0;
        /* Each ancestor level draws a bar if it still has siblings to come. */
        for (int d = 0; d < s->depth && p + 8 < sizeof prefix; d++) {
            const char *bar = has_sibling_after(i, d) ? "\u2502  " : "   ";
            p += (size_t)snprintf(prefix + p, sizeof prefix - p, "%s", bar);
        }
        const char *branch = has_sibling_after(i, s->depth) ? "\u251c\u2500 " : "\u2514\u2500 ";
        if (s->instant)
            out_printf(o, "%s%s%s  %s\n", prefix, branch, s->name, s->detail);
        else
            out_printf(o, "%s%s%-*s %8.1f us  %s\n", prefix, branch, 30 - 3 * s->depth > 8 ? 30 - 3 * s->depth : 8,
                       s->name, (double)(s->end - s->start) / 1000.0, s->detail);
    }
}

static void json_string(struct out *o, const char *s)
{
    out_printf(o, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            out_printf(o, "\\%c", c);
        else if (c < 0x20)
            out_printf(o, "\\u%04x", c);
        else
            out_printf(o, "%c", c);
    }
    out_printf(o, "\"");
}

/* This host's stages as trace events appended to the tree's file: absolute monotonic times (one clock for
 * every host), one track per pid named after its process. */
static void print_json(int fd)
{
    struct out o = {.fd = fd};
    uint32_t pid = host_getpid();
    out_printf(&o, ",\n{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":%u,\"tid\":0,\"args\":{\"name\":", pid);
    json_string(&o, process_title[0] ? process_title : "ntexec");
    out_printf(&o, "}}");
    for (int i = 0; i < nstages; i++) {
        const struct stage *s = &stages[i];
        out_printf(&o, ",\n{\"name\":");
        json_string(&o, s->name);
        out_printf(&o, ",\"ph\":\"%s\",\"ts\":%.3f,", s->instant ? "i" : "X", (double)s->start / 1000.0);
        if (!s->instant)
            out_printf(&o, "\"dur\":%.3f,", (double)(s->end - s->start) / 1000.0);
        out_printf(&o, "\"pid\":%u,\"tid\":%u,\"args\":{\"detail\":", pid, s->tid);
        json_string(&o, s->detail);
        out_printf(&o, "}}");
    }
    out_printf(&o, "\n");
    out_flush(&o);
}

void KeTraceFlush(const char *closing, ...)
{
    if (!KeTraceEnabled)
        return;
    host_lock_acquire(&trace_lock);
    if (flushed) {
        host_lock_release(&trace_lock);
        return;
    }
    flushed = true;
    struct out o = {.fd = trace_fd};
    print_tree(&o);
    if (closing) {
        char line[512];
        va_list ap;
        va_start(ap, closing);
        vsnprintf(line, sizeof line, closing, ap);
        va_end(ap);
        out_printf(&o, "%s\n", line);
    }
    out_flush(&o);
    if (trace_json_fd >= 0)
        print_json(trace_json_fd);
    host_lock_release(&trace_lock);
}
