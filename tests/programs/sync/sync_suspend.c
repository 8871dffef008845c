/* SuspendThread/GetThreadContext/SetThreadContext/ResumeThread on running threads (tests/e2e/sync_suspend_*).
 * sync_suspend storm|storm_calls|counts|redirect|redirect_calls|redirect_wait|wait|self|terminate|exit */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define NBUSY 4
static volatile LONG64 counters[NBUSY];
static volatile LONG64 errors;
static volatile LONG stop;
static volatile ULONG_PTR stack_mark[NBUSY];

extern char regloop_start[], regloop_end[];

/* Loads values derived from seed into nine registers and three XMM registers, spins, and checks them:
 * 1 if one changed. */
static int check_regs(unsigned long long seed)
{
    int bad;
    __asm__ volatile(
        "leaq 1(%1), %%r10\n\t"
        "leaq 2(%1), %%r11\n\t"
        "leaq 3(%1), %%r12\n\t"
        "leaq 4(%1), %%r13\n\t"
        "leaq 5(%1), %%r14\n\t"
        "leaq 6(%1), %%r15\n\t"
        "leaq 7(%1), %%rsi\n\t"
        "leaq 8(%1), %%rdi\n\t"
        "leaq 9(%1), %%rbx\n\t"
        "movq %1, %%xmm0\n\t"
        "movq %%r15, %%xmm6\n\t"
        "movq %%rbx, %%xmm15\n\t"
        "movl $2000, %%ecx\n\t"
        ".globl regloop_start\n"
        "regloop_start:\n\t"
        "decl %%ecx\n\t"
        "jnz regloop_start\n\t"
        ".globl regloop_end\n"
        "regloop_end:\n\t"
        "xorl %%eax, %%eax\n\t"
        "leaq 1(%1), %%rdx\n\t cmpq %%rdx, %%r10\n\t jne 2f\n\t"
        "leaq 2(%1), %%rdx\n\t cmpq %%rdx, %%r11\n\t jne 2f\n\t"
        "leaq 3(%1), %%rdx\n\t cmpq %%rdx, %%r12\n\t jne 2f\n\t"
        "leaq 4(%1), %%rdx\n\t cmpq %%rdx, %%r13\n\t jne 2f\n\t"
        "leaq 5(%1), %%rdx\n\t cmpq %%rdx, %%r14\n\t jne 2f\n\t"
        "leaq 6(%1), %%rdx\n\t cmpq %%rdx, %%r15\n\t jne 2f\n\t"
        "leaq 7(%1), %%rdx\n\t cmpq %%rdx, %%rsi\n\t jne 2f\n\t"
        "leaq 8(%1), %%rdx\n\t cmpq %%rdx, %%rdi\n\t jne 2f\n\t"
        "leaq 9(%1), %%rdx\n\t cmpq %%rdx, %%rbx\n\t jne 2f\n\t"
        "movq %%xmm0, %%rdx\n\t cmpq %1, %%rdx\n\t jne 2f\n\t"
        "movq %%xmm6, %%rdx\n\t cmpq %%r15, %%rdx\n\t jne 2f\n\t"
        "movq %%xmm15, %%rdx\n\t cmpq %%rbx, %%rdx\n\t jne 2f\n\t"
        "jmp 3f\n"
        "2: movl $1, %%eax\n"
        "3:\n"
        : "=&a"(bad)
        : "r"(seed)
        : "rcx", "rdx", "rbx", "rsi", "rdi", "r10", "r11", "r12", "r13", "r14", "r15", "xmm0", "xmm6", "xmm15",
          "cc", "memory");
    return bad;
}

static DWORD WINAPI busy(void *arg)
{
    int id = (int)(INT_PTR)arg;
    volatile int local = 0;
    stack_mark[id] = (ULONG_PTR)&local;
    unsigned long long seed = (unsigned long long)(id + 1) << 40;
    while (!stop) {
        if (check_regs(seed++))
            InterlockedIncrement64(&errors);
        counters[id]++;
    }
    return 0;
}

static HANDLE start_busy(int id)
{
    return CreateThread(NULL, 0, busy, (void *)(INT_PTR)id, 0, NULL);
}

static void wait_started(int n)
{
    for (int i = 0; i < n; i++)
        while (counters[i] == 0)
            Sleep(1);
}

static int storm(void)
{
    HANDLE h[NBUSY];
    for (int i = 0; i < NBUSY; i++)
        h[i] = start_busy(i);
    wait_started(NBUSY);
    BYTE *image = (BYTE *)GetModuleHandleA(NULL);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(image + ((IMAGE_DOS_HEADER *)image)->e_lfanew);
    BYTE *image_end = image + nt->OptionalHeader.SizeOfImage;
    int bad_suspend = 0, bad_get = 0, rip_outside = 0, rsp_far = 0, moved = 0, in_loop = 0, loop_bad = 0;
    LONG64 before[NBUSY];
    for (int i = 0; i < NBUSY; i++)
        before[i] = counters[i];
    for (int round = 0; round < 2000; round++) {
        int i = round % NBUSY;
        if (SuspendThread(h[i]) != 0)
            bad_suspend++;
        LONG64 c = counters[i];
        CONTEXT ctx;
        memset(&ctx, 0, sizeof ctx);
        ctx.ContextFlags = CONTEXT_FULL;
        if (!GetThreadContext(h[i], &ctx))
            bad_get++;
        if ((BYTE *)ctx.Rip < image || (BYTE *)ctx.Rip >= image_end)
            rip_outside++;
        ULONG_PTR mark = stack_mark[i];
        if (ctx.Rsp > mark + 0x1000 || ctx.Rsp + 0x1000 < mark)
            rsp_far++;
        if ((char *)ctx.Rip > regloop_start && (char *)ctx.Rip <= regloop_end) {
            in_loop++;
            /* Inside the loop every loaded register holds its value. */
            if (ctx.R11 != ctx.R10 + 1 || ctx.R12 != ctx.R10 + 2 || ctx.R15 != ctx.R10 + 5 ||
                ctx.Rbx != ctx.R10 + 8 || ctx.Rsi != ctx.R10 + 6 || ctx.Rdi != ctx.R10 + 7 ||
                ctx.Xmm6.Low != ctx.R15 || ctx.Xmm15.Low != ctx.Rbx || ctx.Xmm0.Low != ctx.R10 - 1)
                loop_bad++;
        }
        for (volatile int spin = 0; spin < 2000; spin++)
            ;
        if (counters[i] != c)
            moved++;
        if (ResumeThread(h[i]) != 1)
            bad_suspend++;
    }
    Sleep(50);
    int advanced = 0;
    for (int i = 0; i < NBUSY; i++)
        advanced += counters[i] > before[i];
    stop = 1;
    WaitForMultipleObjects(NBUSY, h, TRUE, 10000);
    printf("suspend/resume counts wrong: %d\n", bad_suspend);
    printf("GetThreadContext failures: %d\n", bad_get);
    printf("RIP outside the program: %d\n", rip_outside);
    printf("RSP away from the thread's stack: %d\n", rsp_far);
    printf("counters moved while suspended: %d\n", moved);
    printf("samples inside the loop: %s, with wrong registers: %d\n", in_loop > 0 ? "some" : "none", loop_bad);
    printf("threads that advanced: %d\n", advanced);
    printf("register errors seen by the threads: %lld\n", (long long)errors);
    return 0;
}

/* Threads that spend their time in system DLL calls (waits with and without timeouts, yields, queries). */
static HANDLE never;
static DWORD WINAPI caller(void *arg)
{
    int id = (int)(INT_PTR)arg;
    volatile int local = 0;
    stack_mark[id] = (ULONG_PTR)&local;
    while (!stop) {
        switch (id) {
        case 0: WaitForSingleObject(never, 0); break;
        case 1: Sleep(0); break;
        case 2: WaitForSingleObject(never, 1); break;
        default: GetTickCount(); SwitchToThread(); break;
        }
        counters[id]++;
    }
    return 0;
}

static int storm_calls(void)
{
    never = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE h[NBUSY];
    for (int i = 0; i < NBUSY; i++)
        h[i] = CreateThread(NULL, 0, caller, (void *)(INT_PTR)i, 0, NULL);
    wait_started(NBUSY);
    int bad_suspend = 0, bad_get = 0, rsp_far = 0, moved = 0;
    LONG64 before[NBUSY];
    for (int i = 0; i < NBUSY; i++)
        before[i] = counters[i];
    for (int round = 0; round < 1000; round++) {
        int i = round % NBUSY;
        if (SuspendThread(h[i]) != 0)
            bad_suspend++;
        LONG64 c = counters[i];
        CONTEXT ctx;
        memset(&ctx, 0, sizeof ctx);
        ctx.ContextFlags = CONTEXT_FULL;
        if (!GetThreadContext(h[i], &ctx))
            bad_get++;
        ULONG_PTR mark = stack_mark[i];
        if (ctx.Rsp > mark + 0x10000 || ctx.Rsp + 0x10000 < mark)
            rsp_far++;
        Sleep(round % 7 == 0);
        if (counters[i] != c)
            moved++;
        if (ResumeThread(h[i]) != 1)
            bad_suspend++;
    }
    Sleep(50);
    int advanced = 0;
    for (int i = 0; i < NBUSY; i++)
        advanced += counters[i] > before[i];
    stop = 1;
    printf("all ended: %s\n", WaitForMultipleObjects(NBUSY, h, TRUE, 10000) == WAIT_OBJECT_0 ? "yes" : "no");
    printf("suspend/resume counts wrong: %d\n", bad_suspend);
    printf("GetThreadContext failures: %d\n", bad_get);
    printf("RSP away from the thread's stack: %d\n", rsp_far);
    printf("counters moved while suspended: %d\n", moved);
    printf("threads that advanced: %d\n", advanced);
    return 0;
}

static volatile LONG spin_flag;
static DWORD WINAPI spinner(void *arg)
{
    (void)arg;
    counters[0] = 1;
    while (!spin_flag)
        ;
    return 11;
}

static int counts(void)
{
    HANDLE h = CreateThread(NULL, 0, spinner, NULL, 0, NULL);
    wait_started(1);
    printf("resume of a running thread: %ld\n", (long)ResumeThread(h));
    DWORD r = 0;
    for (int i = 0; i < 127; i++) {
        r = SuspendThread(h);
        if (r != (DWORD)i)
            printf("suspend %d returned %lu\n", i, (unsigned long)r);
    }
    printf("127th suspend returned %lu\n", (unsigned long)r);
    SetLastError(0);
    r = SuspendThread(h);
    printf("128th suspend: %ld, error %lu\n", (long)r, (unsigned long)GetLastError());
    for (int i = 127; i > 1; i--) {
        r = ResumeThread(h);
        if (r != (DWORD)i)
            printf("resume at %d returned %lu\n", i, (unsigned long)r);
    }
    spin_flag = 1;
    printf("still suspended: %s\n", WaitForSingleObject(h, 100) == WAIT_TIMEOUT ? "yes" : "no");
    printf("last resume: %lu\n", (unsigned long)ResumeThread(h));
    printf("wait: %lu\n", (unsigned long)WaitForSingleObject(h, 5000));
    DWORD code = 0;
    GetExitCodeThread(h, &code);
    printf("exit code: %lu\n", (unsigned long)code);
    printf("resume of an ended thread: %ld\n", (long)ResumeThread(h));
    SetLastError(0);
    DWORD sr = SuspendThread(h);
    printf("suspend of an ended thread: %ld, error %lu\n", (long)sr, (unsigned long)GetLastError());
    CloseHandle(h);
    /* CREATE_SUSPENDED: the count starts at 1. */
    spin_flag = 0;
    h = CreateThread(NULL, 0, spinner, NULL, CREATE_SUSPENDED, NULL);
    printf("created suspended, suspend: %lu\n", (unsigned long)SuspendThread(h));
    printf("resume: %lu\n", (unsigned long)ResumeThread(h));
    printf("resume: %lu\n", (unsigned long)ResumeThread(h));
    spin_flag = 1;
    printf("wait: %lu\n", (unsigned long)WaitForSingleObject(h, 5000));
    return 0;
}

static volatile LONG redirected_arg;
static void __attribute__((ms_abi)) redirected(ULONG_PTR arg)
{
    redirected_arg = (LONG)arg;
    ExitThread(7);
}

static int redirect(void)
{
    spin_flag = 0;
    counters[0] = 0;
    HANDLE h = CreateThread(NULL, 0, spinner, NULL, 0, NULL);
    wait_started(1);
    printf("suspend: %lu\n", (unsigned long)SuspendThread(h));
    CONTEXT ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.ContextFlags = CONTEXT_FULL;
    printf("get: %d\n", GetThreadContext(h, &ctx));
    ctx.Rsp = (ctx.Rsp & ~(DWORD64)15) - 0x28;   /* as if called: return slot, home area */
    ctx.Rip = (DWORD64)(ULONG_PTR)redirected;
    ctx.Rcx = 42;
    printf("set: %d\n", SetThreadContext(h, &ctx));
    printf("ran before the resume: %ld\n", (long)redirected_arg);
    printf("resume: %lu\n", (unsigned long)ResumeThread(h));
    printf("wait: %lu\n", (unsigned long)WaitForSingleObject(h, 5000));
    DWORD code = 0;
    GetExitCodeThread(h, &code);
    printf("argument %ld, exit code %lu\n", (long)redirected_arg, (unsigned long)code);
    return 0;
}

/* Redirected while it spends its time in Sleep(0) and polling waits. */
static int redirect_calls(void)
{
    never = CreateEventA(NULL, TRUE, FALSE, NULL);
    redirected_arg = 0;
    int ok = 0, with_arg = 0;
    for (int round = 0; round < 50; round++) {
        counters[1] = 0;
        HANDLE h = CreateThread(NULL, 0, caller, (void *)(INT_PTR)1, 0, NULL);
        while (counters[1] < 10)
            Sleep(0);
        SuspendThread(h);
        CONTEXT ctx;
        memset(&ctx, 0, sizeof ctx);
        ctx.ContextFlags = CONTEXT_FULL;
        GetThreadContext(h, &ctx);
        ctx.Rsp = (ctx.Rsp & ~(DWORD64)15) - 0x28;
        ctx.Rip = (DWORD64)(ULONG_PTR)redirected;
        ctx.Rcx = 100 + round;
        SetThreadContext(h, &ctx);
        ResumeThread(h);
        DWORD code = 0;
        if (WaitForSingleObject(h, 5000) == WAIT_OBJECT_0 && GetExitCodeThread(h, &code) && code == 7)
            ok++;
        if (redirected_arg == 100 + round)
            with_arg++;
        CloseHandle(h);
    }
    printf("redirected: %d of 50\n", ok);
    printf("with their argument in RCX: %d of 50\n", with_arg);
    return 0;
}

static HANDLE event;
static volatile LONG waited = -1;
static DWORD WINAPI waiter(void *arg)
{
    (void)arg;
    counters[0] = 1;
    waited = (LONG)WaitForSingleObject(event, INFINITE);
    return 3;
}

static int wait_case(void)
{
    event = CreateEventA(NULL, FALSE, FALSE, NULL);
    counters[0] = 0;
    HANDLE h = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
    wait_started(1);
    Sleep(100);
    printf("suspend: %lu\n", (unsigned long)SuspendThread(h));
    CONTEXT ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.ContextFlags = CONTEXT_CONTROL;
    printf("get: %d\n", GetThreadContext(h, &ctx));
    SetEvent(event);
    Sleep(100);
    printf("wait done while suspended: %s\n", waited == -1 ? "no" : "yes");
    printf("resume: %lu\n", (unsigned long)ResumeThread(h));
    printf("thread wait: %lu\n", (unsigned long)WaitForSingleObject(h, 5000));
    printf("the thread's wait returned %ld\n", (long)waited);
    printf("event still set: %s\n", WaitForSingleObject(event, 0) == WAIT_OBJECT_0 ? "yes" : "no");
    return 0;
}

/* Redirected while blocked in WaitForSingleObject: the new context takes effect when the wait returns. */
static int redirect_wait(void)
{
    event = CreateEventA(NULL, FALSE, FALSE, NULL);
    counters[0] = 0;
    redirected_arg = 0;
    HANDLE h = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
    wait_started(1);
    Sleep(100);
    printf("suspend: %lu\n", (unsigned long)SuspendThread(h));
    CONTEXT ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.ContextFlags = CONTEXT_FULL;
    printf("get: %d\n", GetThreadContext(h, &ctx));
    ctx.Rsp = (ctx.Rsp & ~(DWORD64)15) - 0x28;
    ctx.Rip = (DWORD64)(ULONG_PTR)redirected;
    ctx.Rcx = 43;
    printf("set: %d\n", SetThreadContext(h, &ctx));
    printf("resume: %lu\n", (unsigned long)ResumeThread(h));
    printf("ended before the event: %s\n", WaitForSingleObject(h, 200) == WAIT_OBJECT_0 ? "yes" : "no");
    SetEvent(event);
    printf("wait: %lu\n", (unsigned long)WaitForSingleObject(h, 5000));
    DWORD code = 0;
    GetExitCodeThread(h, &code);
    /* Not the argument: Wine restores only the nonvolatile registers of a thread redirected inside a
     * system call, Windows all of them. */
    printf("redirected: %s, exit code %lu, the thread's wait returned %ld\n", redirected_arg ? "yes" : "no",
           (unsigned long)code, (long)waited);
    return 0;
}

static volatile LONG self_result = -1;
static DWORD WINAPI self_suspender(void *arg)
{
    (void)arg;
    counters[0] = 1;
    self_result = (LONG)SuspendThread(GetCurrentThread());
    return 9;
}

static int self(void)
{
    counters[0] = 0;
    HANDLE h = CreateThread(NULL, 0, self_suspender, NULL, 0, NULL);
    wait_started(1);
    for (;;) {
        DWORD c = SuspendThread(h);
        ResumeThread(h);
        if (c == 1)
            break;
        Sleep(1);
    }
    printf("returned before the resume: %s\n", self_result == -1 ? "no" : "yes");
    printf("resume: %lu\n", (unsigned long)ResumeThread(h));
    printf("wait: %lu\n", (unsigned long)WaitForSingleObject(h, 5000));
    printf("SuspendThread returned %ld in the thread\n", (long)self_result);
    return 0;
}

static int terminate(void)
{
    counters[0] = 0;
    HANDLE h = start_busy(0);
    wait_started(1);
    printf("suspend: %lu\n", (unsigned long)SuspendThread(h));
    printf("terminate: %d\n", TerminateThread(h, 5));
    printf("wait: %lu\n", (unsigned long)WaitForSingleObject(h, 5000));
    DWORD code = 0;
    GetExitCodeThread(h, &code);
    printf("exit code: %lu\n", (unsigned long)code);
    stop = 1;
    return 0;
}

static int exit_case(void)
{
    HANDLE h[2];
    for (int i = 0; i < 2; i++)
        h[i] = start_busy(i);
    wait_started(2);
    for (int i = 0; i < 2; i++)
        printf("suspend %d: %lu\n", i, (unsigned long)SuspendThread(h[i]));
    counters[0] = 0;
    HANDLE s = CreateThread(NULL, 0, self_suspender, NULL, 0, NULL);
    wait_started(1);
    for (;;) {
        DWORD c = SuspendThread(s);
        ResumeThread(s);
        if (c == 1)
            break;
        Sleep(1);
    }
    printf("exiting with 3 while three threads are suspended\n");
    fflush(stdout);
    ExitProcess(3);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    const char *what = argc > 1 ? argv[1] : "";
    if (!strcmp(what, "storm"))
        return storm();
    if (!strcmp(what, "storm_calls"))
        return storm_calls();
    if (!strcmp(what, "redirect_calls"))
        return redirect_calls();
    if (!strcmp(what, "counts"))
        return counts();
    if (!strcmp(what, "redirect"))
        return redirect();
    if (!strcmp(what, "wait"))
        return wait_case();
    if (!strcmp(what, "redirect_wait"))
        return redirect_wait();
    if (!strcmp(what, "self"))
        return self();
    if (!strcmp(what, "terminate"))
        return terminate();
    if (!strcmp(what, "exit"))
        return exit_case();
    printf("usage: sync_suspend storm|storm_calls|counts|redirect|redirect_calls|redirect_wait|wait|self|terminate|exit\n");
    return 2;
}
