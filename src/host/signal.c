/* Synchronous faults of guest code become calls of one handler (ke/ turns them into exceptions). */
#define _GNU_SOURCE
#include <errno.h>
#include <link.h>
#include <setjmp.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "host/host.h"

static host_fault_handler fault_handler;

/* A guarded access in progress on this thread (host_probe, host_copy_guarded): where a fault goes instead. */
static _Thread_local sigjmp_buf *guard_env;
static _Thread_local uint64_t guard_address;

/* Page-fault error code bits (x86): 2 = write, 16 = instruction fetch. */
#define PF_WRITE 0x2
#define PF_INSTR 0x10

static enum host_fault_kind kind_of(int sig, int code)
{
    switch (sig) {
    case SIGSEGV: return HOST_FAULT_ACCESS;
    case SIGBUS:  return HOST_FAULT_BUS;
    case SIGILL:  return code == ILL_PRVOPC || code == ILL_PRVREG ? HOST_FAULT_PRIV : HOST_FAULT_ILLEGAL;
    case SIGTRAP: return code == TRAP_TRACE ? HOST_FAULT_SINGLE_STEP : HOST_FAULT_BREAKPOINT;
    case SIGFPE:
        if (code == FPE_INTDIV)
            return HOST_FAULT_DIVIDE;
        return code == FPE_INTOVF ? HOST_FAULT_OVERFLOW : HOST_FAULT_FPE;
    default:      return HOST_FAULT_ILLEGAL;
    }
}

static void on_signal(int sig, siginfo_t *info, void *uc_ptr)
{
    int saved_errno = errno;
    ucontext_t *uc = uc_ptr;
    if (guard_env && (sig == SIGSEGV || sig == SIGBUS)) {
        /* SA_NODEFER: nothing to unblock; the kernel notices by RSP that the alternate stack is left. */
        guard_address = (uint64_t)(uintptr_t)info->si_addr;
        errno = saved_errno;
        siglongjmp(*guard_env, 1);
    }
    struct host_fault fault = {kind_of(sig, info->si_code), 0, (uint64_t)(uintptr_t)info->si_addr, uc};
    if (sig == SIGSEGV) {
        unsigned long err = uc->uc_mcontext.gregs[REG_ERR];
        fault.write = err & PF_INSTR ? 8 : err & PF_WRITE ? 1 : 0;
        /* A general-protection fault (privileged instruction, non-canonical address) has no address. */
        if (info->si_code == SI_KERNEL)
            fault.address = ~0ull;
    }
    fault_handler(&fault);
    errno = saved_errno;
}

NTSTATUS host_thread_prepare_signals(void)
{
    /* Faults on a guest stack that has overflowed must still find a stack to run the handler on. */
    size_t size = 64 * 1024;
    void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (mem == MAP_FAILED)
        return host_status(errno);
    stack_t ss = {.ss_sp = mem, .ss_size = size, .ss_flags = 0};
    if (sigaltstack(&ss, NULL)) {
        munmap(mem, size);
        return host_status(errno);
    }
    return STATUS_SUCCESS;
}

/* The executable segments of the host's ELF objects (ntexec itself; libc and the sanitizer runtimes when
 * linked dynamically), listed once before main: the fault path tells host code from guest code by them. */
#define MAX_HOST_TEXT 32
static struct {
    uintptr_t start, end;
} host_text[MAX_HOST_TEXT];
static int host_text_count;

static int add_host_text(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    for (int i = 0; i < info->dlpi_phnum && host_text_count < MAX_HOST_TEXT; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
            host_text[host_text_count].start = info->dlpi_addr + ph->p_vaddr;
            host_text[host_text_count].end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
            host_text_count++;
        }
    }
    return 0;
}

/* Before main: dl_iterate_phdr is no call for a signal handler. */
__attribute__((constructor)) static void list_host_text(void)
{
    dl_iterate_phdr(add_host_text, NULL);
}

bool host_is_code(uint64_t address)
{
    for (int i = 0; i < host_text_count; i++)
        if (address >= host_text[i].start && address < host_text[i].end)
            return true;
    return false;
}

NTSTATUS host_signals_init(host_fault_handler handler)
{
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
    fault_handler = handler;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (sigaction(sigs[i], &sa, NULL))
            return host_status(errno);
    /* A guest writing to a closed pipe gets ERROR_NO_DATA/ERROR_BROKEN_PIPE, not a signal. */
    signal(SIGPIPE, SIG_IGN);
    return host_thread_prepare_signals();
}

void host_context_to_nt(const void *ucontext, CONTEXT *ctx)
{
    const ucontext_t *uc = ucontext;
    const greg_t *g = uc->uc_mcontext.gregs;
    memset(ctx, 0, sizeof *ctx);
    ctx->ContextFlags = CONTEXT_FULL | CONTEXT_SEGMENTS;
    ctx->Rax = (DWORD64)g[REG_RAX];
    ctx->Rcx = (DWORD64)g[REG_RCX];
    ctx->Rdx = (DWORD64)g[REG_RDX];
    ctx->Rbx = (DWORD64)g[REG_RBX];
    ctx->Rsp = (DWORD64)g[REG_RSP];
    ctx->Rbp = (DWORD64)g[REG_RBP];
    ctx->Rsi = (DWORD64)g[REG_RSI];
    ctx->Rdi = (DWORD64)g[REG_RDI];
    ctx->R8 = (DWORD64)g[REG_R8];
    ctx->R9 = (DWORD64)g[REG_R9];
    ctx->R10 = (DWORD64)g[REG_R10];
    ctx->R11 = (DWORD64)g[REG_R11];
    ctx->R12 = (DWORD64)g[REG_R12];
    ctx->R13 = (DWORD64)g[REG_R13];
    ctx->R14 = (DWORD64)g[REG_R14];
    ctx->R15 = (DWORD64)g[REG_R15];
    ctx->Rip = (DWORD64)g[REG_RIP];
    ctx->EFlags = (DWORD)g[REG_EFL];
    /* The selector values a Windows x64 thread shows. */
    ctx->SegCs = 0x33;
    ctx->SegDs = ctx->SegEs = ctx->SegSs = ctx->SegGs = 0x2B;
    ctx->SegFs = 0x53;
    if (uc->uc_mcontext.fpregs) {
        /* The kernel's FXSAVE image has the layout of XMM_SAVE_AREA32. */
        memcpy(&ctx->FltSave, uc->uc_mcontext.fpregs, sizeof ctx->FltSave);
        ctx->MxCsr = ctx->FltSave.MxCsr;
    }
}

void host_context_from_nt(void *ucontext, const CONTEXT *ctx)
{
    ucontext_t *uc = ucontext;
    greg_t *g = uc->uc_mcontext.gregs;
    if ((ctx->ContextFlags & CONTEXT_INTEGER) == CONTEXT_INTEGER) {
        g[REG_RAX] = (greg_t)ctx->Rax;
        g[REG_RCX] = (greg_t)ctx->Rcx;
        g[REG_RDX] = (greg_t)ctx->Rdx;
        g[REG_RBX] = (greg_t)ctx->Rbx;
        g[REG_RBP] = (greg_t)ctx->Rbp;
        g[REG_RSI] = (greg_t)ctx->Rsi;
        g[REG_RDI] = (greg_t)ctx->Rdi;
        g[REG_R8] = (greg_t)ctx->R8;
        g[REG_R9] = (greg_t)ctx->R9;
        g[REG_R10] = (greg_t)ctx->R10;
        g[REG_R11] = (greg_t)ctx->R11;
        g[REG_R12] = (greg_t)ctx->R12;
        g[REG_R13] = (greg_t)ctx->R13;
        g[REG_R14] = (greg_t)ctx->R14;
        g[REG_R15] = (greg_t)ctx->R15;
    }
    if ((ctx->ContextFlags & CONTEXT_CONTROL) == CONTEXT_CONTROL) {
        g[REG_RSP] = (greg_t)ctx->Rsp;
        g[REG_RIP] = (greg_t)ctx->Rip;
        g[REG_EFL] = (greg_t)ctx->EFlags;
    }
    if ((ctx->ContextFlags & CONTEXT_FLOATING_POINT) == CONTEXT_FLOATING_POINT && uc->uc_mcontext.fpregs)
        memcpy(uc->uc_mcontext.fpregs, &ctx->FltSave, sizeof ctx->FltSave);
}

/* ---- guarded access to guest memory ------------------------------------------------------------------------ */

/* The accesses below may fault by design: no sanitizer checks on them (UBSan would stop at a NULL one). */
#define GUARDED_ACCESS __attribute__((noinline, no_sanitize("address", "undefined")))

/* Touches one byte of every page of [p, p + n): a read, or an atomic no-op write (so no concurrent store
 * to the byte is lost). */
GUARDED_ACCESS static void touch_pages(volatile uint8_t *p, size_t n, bool write)
{
    uintptr_t page = (uintptr_t)p, end = (uintptr_t)p + n;
    while (page < end) {
        volatile uint8_t *b = (volatile uint8_t *)page;
        if (write)
            __atomic_fetch_or(b, 0, __ATOMIC_RELAXED);
        else
            (void)*b;
        page = (page | 4095) + 1;
    }
}

bool host_probe(const void *p, size_t n, bool write, uint64_t *fault)
{
    sigjmp_buf env;
    sigjmp_buf *volatile outer = guard_env;
    if (sigsetjmp(env, 0)) {
        guard_env = outer;
        *fault = guard_address;
        return false;
    }
    guard_env = &env;
    touch_pages((volatile uint8_t *)(uintptr_t)p, n, write);
    guard_env = outer;
    return true;
}

/* Byte by byte through volatile pointers, so that the compiler does not turn it into a memcpy call. */
GUARDED_ACCESS static void copy_bytes(volatile uint8_t *dst, const volatile uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = src[i];
}

bool host_copy_guarded(void *dst, const void *src, size_t n, uint64_t *fault)
{
    sigjmp_buf env;
    sigjmp_buf *volatile outer = guard_env;
    if (sigsetjmp(env, 0)) {
        guard_env = outer;
        *fault = guard_address;
        return false;
    }
    guard_env = &env;
    copy_bytes(dst, src, n);
    guard_env = outer;
    return true;
}

/* ---- console control signals ----------------------------------------------------------------------------- */

#define CONSOLE_BROADCAST 0x4e54434e   /* sigqueue's value for a GenerateConsoleCtrlEvent signal */

static host_console_handler console_handler;
static sigset_t console_signals;
static void (*clock_tick)(void);
static uint64_t clock_interval_ns;

/* The service thread: the only thread with SIGINT and SIGTERM pending for it (all block them), so no NT
 * thread is interrupted (no EINTR in a guest's Sleep or wait) and the handler may take locks and create
 * threads. Between signals it ticks the clock; one thread for both spares a process a second one at
 * start-up. A tick that comes late (a handler that took long) is made at once and the next one a whole
 * interval later. */
static void service_thread(void *arg)
{
    (void)arg;
    uint64_t next = host_monotonic_ns() + clock_interval_ns;
    for (;;) {
        uint64_t now = host_monotonic_ns();
        if (now >= next) {
            clock_tick();
            next = now - next >= clock_interval_ns ? now + clock_interval_ns : next + clock_interval_ns;
            continue;
        }
        struct timespec wait = { (time_t)((next - now) / 1000000000u), (long)((next - now) % 1000000000u) };
        siginfo_t info;
        int sig = sigtimedwait(&console_signals, &info, &wait);
        if (sig < 0)
            continue;   /* the tick's time (EAGAIN), or EINTR */
        bool broadcast = info.si_code == SI_QUEUE && info.si_value.sival_int == CONSOLE_BROADCAST;
        enum host_console_signal what = sig == SIGINT    ? HOST_CONSOLE_INTERRUPT
                                        : sig == SIGQUIT ? HOST_CONSOLE_BREAK
                                                         : HOST_CONSOLE_TERMINATE;
        if (console_handler(what, broadcast))
            continue;
        /* Nobody to deliver it to: the default action, the process ends by the signal as it did before. */
        sigset_t one;
        sigemptyset(&one);
        sigaddset(&one, sig);
        signal(sig, SIG_DFL);
        pthread_sigmask(SIG_UNBLOCK, &one, NULL);
        raise(sig);
    }
}

NTSTATUS host_service_thread_start(host_console_handler handler, void (*tick)(void), uint64_t interval_ns)
{
    static const int sigs[] = {SIGINT, SIGQUIT, SIGTERM};
    sigemptyset(&console_signals);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaddset(&console_signals, sigs[i]);
    }
    console_handler = handler;
    clock_tick = tick;
    clock_interval_ns = interval_ns;
    int err = pthread_sigmask(SIG_BLOCK, &console_signals, NULL);
    if (err)
        return host_status(err);
    return host_thread_start(service_thread, NULL, NULL);
}

NTSTATUS host_console_signal_send(uint32_t pid, enum host_console_signal sig)
{
    int s = sig == HOST_CONSOLE_INTERRUPT ? SIGINT : sig == HOST_CONSOLE_BREAK ? SIGQUIT : SIGTERM;
    union sigval value = {.sival_int = CONSOLE_BROADCAST};
    return sigqueue((pid_t)pid, s, value) ? host_status(errno) : STATUS_SUCCESS;
}
