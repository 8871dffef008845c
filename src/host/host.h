/*
 * host: the Linux boundary. Only src/host includes system headers; every other layer reaches Linux
 * through these functions. Failures come back as NTSTATUS (one errno -> NTSTATUS table, host_status()).
 */
#ifndef HOST_HOST_H
#define HOST_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nt/context.h"
#include "nt/ntstatus.h"

/* ---- errors ---------------------------------------------------------------------------------------- */

/* The NTSTATUS for a host errno value (STATUS_UNSUCCESSFUL for unknown ones). */
NTSTATUS host_status(int err);

/* ---- memory ---------------------------------------------------------------------------------------- */

enum host_prot { HOST_PROT_NONE = 0, HOST_PROT_READ = 1, HOST_PROT_WRITE = 2, HOST_PROT_EXEC = 4 };
enum host_map_flags {
    HOST_MAP_FIXED = 1,    /* at *addr exactly; fails with STATUS_CONFLICTING_ADDRESSES if anything is there */
    HOST_MAP_NORESERVE = 2,
    HOST_MAP_LOW4G = 4,    /* somewhere below 4 GiB (for images without HIGH_ENTROPY_VA) */
};

size_t host_page_size(void);
/* Anonymous private zeroed memory; *addr is the wanted address with HOST_MAP_FIXED, else a result only.
 * align (a power of two >= the page size) is honoured for non-fixed mappings. */
NTSTATUS host_map(void **addr, size_t size, size_t align, unsigned prot, unsigned flags);
NTSTATUS host_unmap(void *addr, size_t size);
NTSTATUS host_protect(void *addr, size_t size, unsigned prot);
/* Makes the pages of [addr, addr+size) present and writable in one call, before they are filled, instead
 * of one page fault each (the range must be writable). Only a hint: without MADV_POPULATE_WRITE
 * (Linux < 5.14) the pages fault in as they are written. */
void host_prefault(void *addr, size_t size);
/* Populates the first size bytes of the host heap (malloc's main arena, which grows from the program
 * break) in one call: a process's start writes some 60 KiB of it, a fault per page otherwise. */
void host_prefault_heap(size_t size);
/* Maps the pages of [addr, addr+size) of a file mapping as they are (no copy), in one call instead of a fault
 * each; a hint as host_prefault is. */
void host_prefault_read(void *addr, size_t size);
/* Gives pages back to the system and zeroes them (MEM_DECOMMIT / MEM_RESET). */
NTSTATUS host_discard(void *addr, size_t size);
/* File views: size bytes of fd from offset mapped over [addr, addr+size) (already reserved by host_map),
 * shared (writes reach the file and every other shared view) or private (copy-on-write). */
NTSTATUS host_map_fd(void *addr, size_t size, unsigned prot, int fd, uint64_t offset, bool shared);
/* Writes a shared view's dirty pages to its file (FlushViewOfFile). */
NTSTATUS host_sync(void *addr, size_t size);
/* An anonymous file of size zeroed bytes in memory (a pagefile-backed section), close-on-exec. */
NTSTATUS host_memfd(const char *name, uint64_t size, int *fd);
/* One shared page mapped twice: read-only at ro_addr (fixed) for guests, writable at *rw for the host. */
NTSTATUS host_map_shared_page(void *ro_addr, size_t size, void **rw);
/* The stack between the current frame and `above` is abandoned: a context is restored there without the
 * frames in between returning. Only the sanitizer build has work to do (their redzones). */
void host_abandon_stack(uintptr_t above);

/* ---- threads ---------------------------------------------------------------------------------------------- */

/* Starts fn(arg) on a new detached host thread with a small host stack; *tid is its Linux tid, for which
 * the creator waits until the thread runs. With tid NULL the creator does not wait: on a busy machine the
 * new thread may be scheduled only milliseconds later. */
NTSTATUS host_thread_start(void (*fn)(void *), void *arg, uint32_t *tid);
uint32_t host_gettid(void);
uint32_t host_getpid(void);
uint32_t host_getppid(void);
void host_set_gs_base(void *base);
void *host_get_gs_base(void);
void host_yield(void);
/* Ends the whole host process at once (exit_group) with status & 0xff. Flushes nothing. */
_Noreturn void host_exit_process(uint32_t status);
_Noreturn void host_abort(const char *what);
/*
 * Stopping threads for good (NtTerminateProcess(NULL)). A thread that may be stopped names, once, the
 * word it sets to 1 when it has stopped (host_thread_set_stop_word). host_thread_stop(tid) signals it:
 * the thread stops at once if it is in code that is not ntexec's (guest code, the vDSO) or blocked in a
 * system call, and holds no kernel lock; otherwise it stops when it releases its last kernel lock, and
 * the caller asks again later. A stopped thread never runs again; the process's exit ends it.
 */
void host_thread_set_stop_word(volatile uint32_t *word);
void host_thread_stop(uint32_t tid);
_Noreturn void host_thread_park(void);

/* ---- futexes and locks ------------------------------------------------------------------------------------------ */

/* Waits while *word == expected; timeout_ns < 0 waits forever. STATUS_SUCCESS (woken or value changed),
 * STATUS_TIMEOUT, or STATUS_ALERTED on a signal. */
NTSTATUS host_futex_wait(volatile uint32_t *word, uint32_t expected, int64_t timeout_ns);
void host_futex_wake(volatile uint32_t *word, int count);

/* A small mutex (0 free, 1 held, 2 held with waiters), safe to embed in guest-visible structures.
 * host_lock_* is a kernel lock: its holder is not stopped (host_thread_stop) before it releases it.
 * host_user_lock_* is the same lock for user-mode locks (critical sections), whose holder may be stopped
 * with it held, as on Windows. */
typedef struct {
    volatile uint32_t word;
} host_lock;
#define HOST_LOCK_INIT {0}
void host_lock_acquire(host_lock *l);
bool host_lock_try(host_lock *l);
void host_lock_release(host_lock *l);
/* The number of host locks the calling thread holds (acquired and not yet released). */
extern _Thread_local uint32_t host_locks_held;
void host_user_lock_acquire(host_lock *l);
bool host_user_lock_try(host_lock *l);
void host_user_lock_release(host_lock *l);

/* ---- processor affinity (affinity.c) ------------------------------------------------------------------------- */

/* The CPUs this process may run on, as a mask of CPUs 0-63 (0 if unknown). */
uint64_t host_process_affinity(void);
/* Names the host thread tid (its /proc comm, what ps and gdb show): at most 15 bytes of name are kept. */
void host_thread_set_name(uint32_t tid, const char *name);
/* Restricts the host thread tid to the CPUs of mask. */
NTSTATUS host_set_thread_affinity(uint32_t tid, uint64_t mask);

/* ---- CPU time (cputime.c), in 100 ns units ---------------------------------------------------------------- */
NTSTATUS host_process_cpu_times(uint64_t *kernel, uint64_t *user);
NTSTATUS host_thread_cpu_times(uint32_t tid, uint64_t *kernel, uint64_t *user);

/* ---- time ----------------------------------------------------------------------------------------------------------- */

uint64_t host_monotonic_ns(void);
/* The same clock at the kernel's tick (CLOCK_MONOTONIC_COARSE, a few ms apart), read in a few ns. */
uint64_t host_monotonic_coarse_ns(void);
/* Wall clock in Windows FILETIME units: 100 ns since 1601-01-01 UTC. */
uint64_t host_system_time(void);
/* Local time minus UTC, in seconds, at the given Unix time; *dst tells whether DST applies; *name is the
 * zone abbreviation (static storage). */
int64_t host_utc_offset(int64_t unix_time, int *dst, const char **name);
/* Sleeps; returns STATUS_SUCCESS, or STATUS_ALERTED if a signal interrupted it. */
NTSTATUS host_sleep_ns(uint64_t ns);

/* ---- files ------------------------------------------------------------------------------------------------------------ */

enum host_open_flags {
    HOST_O_READ = 1, HOST_O_WRITE = 2, HOST_O_CREATE = 4, HOST_O_EXCL = 8, HOST_O_TRUNC = 16,
    HOST_O_APPEND = 32, HOST_O_DIRECTORY = 64, HOST_O_PATH = 128, /* open a directory or any node */
};
enum host_file_type { HOST_FT_OTHER, HOST_FT_FILE, HOST_FT_DIR, HOST_FT_CHAR, HOST_FT_PIPE, HOST_FT_SOCKET };

struct host_stat {
    uint64_t size;
    uint64_t alloc_size;
    enum host_file_type type;
    uint32_t mode;          /* permission bits */
    uint32_t nlink;
    uint64_t dev, ino;
    uint64_t atime, mtime, ctime;  /* FILETIME units */
    bool     writable;      /* the current user may write it (access(W_OK)) */
};

NTSTATUS host_open(const char *path, unsigned flags, unsigned mode, int *fd);
NTSTATUS host_close(int fd);
NTSTATUS host_read(int fd, void *buf, size_t len, size_t *done);
NTSTATUS host_write(int fd, const void *buf, size_t len, size_t *done);
NTSTATUS host_pread(int fd, void *buf, size_t len, uint64_t off, size_t *done);
NTSTATUS host_pwrite(int fd, const void *buf, size_t len, uint64_t off, size_t *done);
/* whence: 0 start, 1 current, 2 end */
NTSTATUS host_seek(int fd, int64_t off, int whence, uint64_t *pos);
NTSTATUS host_truncate(int fd, uint64_t size);
NTSTATUS host_fsync(int fd);
NTSTATUS host_fstat(int fd, struct host_stat *st);
NTSTATUS host_stat(const char *path, struct host_stat *st);
/* Does path name something (stat() succeeds)? Without host_stat's access() check, for path walks. */
bool host_exists(const char *path);
NTSTATUS host_set_times(int fd, uint64_t atime, uint64_t mtime);  /* FILETIME units; 0 = unchanged */
NTSTATUS host_dup(int fd, int *out);
bool host_isatty(int fd);
NTSTATUS host_mkdir(const char *path);
NTSTATUS host_rmdir(const char *path);
NTSTATUS host_unlink(const char *path);
NTSTATUS host_rename(const char *from, const char *to, bool replace);
NTSTATUS host_chmod(const char *path, uint32_t mode);
/* A second name for a file (link()). With replace, an existing `to` is replaced atomically. */
NTSTATUS host_link(const char *from, const char *to, bool replace);

/* The file system holding a file (statvfs and the device number). Sizes are in units of block_size. */
struct host_fsinfo {
    uint64_t block_size;            /* f_frsize */
    uint64_t blocks, blocks_free, blocks_avail;   /* total, free, free for unprivileged users */
    uint64_t fsid;                  /* f_fsid: stable for disk file systems (from their UUID), may be 0 */
    uint64_t dev;                   /* st_dev of the file */
    uint32_t name_max;
    bool read_only;
};
/* By fd when fd >= 0, else by path. */
NTSTATUS host_fsinfo(int fd, const char *path, struct host_fsinfo *info);
/* Maps a whole file read-only (private); *data is NULL for an empty file. */
NTSTATUS host_map_file(int fd, const void **data, size_t *size);
void host_unmap_file(const void *data, size_t size);
/* Drops the process's page-table entries for a host_map_file mapping: the pages stay in the page cache and
 * come back when read again, but no longer count in the process's resident memory. */
void host_release_file_pages(const void *data, size_t size);

/* Copies len bytes of in from in_offset to out at out_offset, in the kernel where it can (copy_file_range). */
NTSTATUS host_copy_file_range(int in, uint64_t in_offset, int out, uint64_t out_offset, uint64_t len);
/* mkdir -p: path and its missing parents, made with mode 0700. */
NTSTATUS host_make_directories(const char *path);
/* The path of a directory of ntexec's own for the user: sub under $xdg_var when that is an absolute path
 * (XDG_DATA_HOME, XDG_CACHE_HOME), else under $HOME/home_default (.local/share, .cache). */
NTSTATUS host_user_path(const char *xdg_var, const char *home_default, const char *sub, char *path, size_t size);
/* host_user_path, and the directory made when missing. */
NTSTATUS host_user_directory(const char *xdg_var, const char *home_default, const char *sub, char *path,
                             size_t size);

/* The image cache (host/imagecache.c): image views laid out in files, mapped instead of copied. An entry
 * is found by the identity of the image file it was made from. */
struct host_image_entry {
    char name[128];
    char temp[32];                  /* the name it has while being written */
};
/* The entry for the image file image_fd, or (image_fd < 0) for the builtin DLL image `builtin` that this
 * ntexec binary makes, opened read-only in *fd when one exists (of size bytes, unless size is 0);
 * STATUS_NOT_FOUND (entry named, ready for host_image_cache_create) when not; STATUS_NOT_SUPPORTED when
 * there is no cache (NTEXEC_IMAGE_CACHE=off, or no directory of the user's own). */
NTSTATUS host_image_cache_lookup(int image_fd, const char *builtin, uint64_t size, struct host_image_entry *entry,
                                 int *fd);
/* A new file of size zero bytes for the entry, read-write in *fd, to fill and then publish or discard. */
NTSTATUS host_image_cache_create(struct host_image_entry *entry, uint64_t size, int *fd);
/* Gives the filled file the entry's name (replacing a stale entry) and keeps the cache within its limit;
 * the fd stays open. */
void host_image_cache_publish(struct host_image_entry *entry);
/* Removes a file host_image_cache_create made that could not be filled, and closes fd. */
void host_image_cache_discard(struct host_image_entry *entry, int fd);

/* Extended attributes of a file, by fd when fd >= 0, else by path (following links). A missing attribute
 * is STATUS_NOT_FOUND, a file system without user attributes STATUS_NOT_SUPPORTED. */
NTSTATUS host_xattr_get(int fd, const char *path, const char *name, void *buf, size_t size, size_t *len);
NTSTATUS host_xattr_set(int fd, const char *path, const char *name, const void *buf, size_t len);
NTSTATUS host_xattr_remove(int fd, const char *path, const char *name);
/* The file system type (statfs f_type, e.g. 0x4d44 for vfat), by fd when fd >= 0, else by path. */
NTSTATUS host_fs_type(int fd, const char *path, uint64_t *magic);

/* Directory listing: host_dir_read fills name (NUL-terminated) and returns STATUS_NO_MORE_FILES at the end. */
typedef struct host_dir host_dir;
NTSTATUS host_dir_open(const char *path, host_dir **dir);
NTSTATUS host_dir_read(host_dir *dir, char *name, size_t size);
void host_dir_rewind(host_dir *dir);
void host_dir_close(host_dir *dir);

/* Directory change watches (host/dirwatch.c, over inotify). Actions are numbered as Windows' FILE_ACTION_*,
 * the kinds of change as FILE_NOTIFY_CHANGE_*. host_dirwatch_read hands every queued change to fn; with
 * nothing queued it waits when wait is true, else returns STATUS_PENDING. A subtree watch also watches every
 * directory below and names changes by their path relative to dir ("a\\b.txt"). */
enum { HOST_ACTION_ADDED = 1, HOST_ACTION_REMOVED, HOST_ACTION_MODIFIED, HOST_ACTION_RENAMED_OLD,
       HOST_ACTION_RENAMED_NEW };
enum { HOST_CHANGE_FILE_NAME = 0x1, HOST_CHANGE_DIR_NAME = 0x2, HOST_CHANGE_ATTRIBUTES = 0x4,
       HOST_CHANGE_SIZE = 0x8, HOST_CHANGE_LAST_WRITE = 0x10, HOST_CHANGE_SECURITY = 0x100 };
typedef void (*host_dirwatch_fn)(void *ctx, unsigned action, unsigned kinds, const char *name);
/* Byte-range locks other processes see (open-file-description locks): kind 0 unlocks, 1 shared, 2 exclusive;
 * never waits (STATUS_LOCK_NOT_GRANTED on a conflict). */
NTSTATUS host_range_lock(int fd, uint64_t offset, uint64_t length, int kind);
typedef struct host_dirwatch host_dirwatch;
NTSTATUS host_dirwatch_open(const char *dir, bool subtree, host_dirwatch **watch);
NTSTATUS host_dirwatch_read(host_dirwatch *watch, bool wait, host_dirwatch_fn fn, void *ctx);
/* Wakes a host_dirwatch_read that waits: it returns STATUS_CANCELLED. */
void host_dirwatch_cancel(host_dirwatch *watch);
void host_dirwatch_close(host_dirwatch *watch);

/* ---- the host process ------------------------------------------------------------------------------------------------- */

/* Current directory of the host process (absolute, NUL-terminated). */
NTSTATUS host_getcwd(char *buf, size_t size);
/* The host environment, "NAME=value" strings ending with NULL. */
char *const *host_environ(void);
/* value added to the variable name of the host environment (after separator when it has a value already),
 * for the processes started from now on. */
NTSTATUS host_environ_append(const char *name, const char *value, char separator);
/* Absolute path of the running ntexec binary. */
NTSTATUS host_self_exe(char *buf, size_t size);
uint32_t host_getuid(void);
const char *host_user_name(void);
NTSTATUS host_hostname(char *buf, size_t size);
unsigned host_cpu_count(void);
/* A process's memory as the kernel counts it (pid 0: this one), in bytes. */
struct host_memory {
    uint64_t peak_virtual, virtual_size, peak_resident, resident;
    uint64_t private_bytes;     /* private writable mappings (VmData): what Windows calls commit */
    uint64_t page_faults;       /* minor + major */
};
NTSTATUS host_process_memory(uint32_t pid, struct host_memory *m);
uint64_t host_physical_pages(void);
/* The machine's memory in bytes: physical, available, and the commit limit (RAM + swap) and charge. */
struct host_memory_status {
    uint64_t total, available, commit_limit, committed;
};
NTSTATUS host_memory_status(struct host_memory_status *m);
/* Each processor's times since boot in FILETIME units (kernel includes idle, as Windows counts it); returns
 * how many of max were filled. */
struct host_cpu_times {
    uint64_t idle, kernel, user, interrupt;
};
unsigned host_cpu_times(struct host_cpu_times *cpus, unsigned max);
/* The processors' places from /sys (package and core ids) and the distinct caches (each with the mask of the
 * processors below 64 that share it); returns the processors filled. */
struct host_cpu_topology {
    int package, core;
};
enum { HOST_CACHE_UNIFIED, HOST_CACHE_INSTRUCTION, HOST_CACHE_DATA };
struct host_cache {
    uint8_t level, type, ways;
    uint16_t line;
    uint32_t size;
    uint64_t mask;
};
unsigned host_cpu_topology(struct host_cpu_topology *cpus, unsigned max, struct host_cache *caches,
                           unsigned max_caches, unsigned *ncaches);
void host_random(void *buf, size_t size);
/* Writes all of buf to fd (retrying short writes), for diagnostics. */
void host_write_all(int fd, const void *buf, size_t len);
/* A diagnostic on stderr, formatted and written at once (cut at 2 KiB). */
void host_print_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- signals ------------------------------------------------------------------------------------------------------------ */

/* A synchronous fault (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP): what it was, the address touched and
 * the interrupted ucontext, which the handler may change to resume elsewhere. */
enum host_fault_kind {
    HOST_FAULT_ACCESS, HOST_FAULT_ILLEGAL, HOST_FAULT_DIVIDE, HOST_FAULT_FPE, HOST_FAULT_BREAKPOINT,
    HOST_FAULT_SINGLE_STEP, HOST_FAULT_BUS, HOST_FAULT_PRIV, HOST_FAULT_OVERFLOW,
};
struct host_fault {
    enum host_fault_kind kind;
    int      write;          /* access faults: 0 read, 1 write, 8 execute */
    uint64_t address;        /* access faults: the address touched */
    void    *ucontext;       /* host ucontext_t, converted with host_context_to_nt / host_context_from_nt */
};
typedef void (*host_fault_handler)(struct host_fault *fault);
/* Installs handler for SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGTRAP, on a per-thread alternate stack
 * (host_thread_prepare_signals must run on each new thread). */
NTSTATUS host_signals_init(host_fault_handler handler);
NTSTATUS host_thread_prepare_signals(void);
/* The interrupted thread's registers as an NT CONTEXT (CONTEXT_FULL | CONTEXT_SEGMENTS), and back. */
void host_context_to_nt(const void *ucontext, CONTEXT *ctx);
void host_context_from_nt(void *ucontext, const CONTEXT *ctx);
/* Guarded access to memory that may be unmapped or protected (guest pointers handed to a service): a fault
 * inside makes them return false with *fault = the address touched, instead of raising anything.
 * host_probe touches every page of [p, p + n) (for writing: an atomic no-op store). */
bool host_probe(const void *p, size_t n, bool write, uint64_t *fault);
bool host_copy_guarded(void *dst, const void *src, size_t n, uint64_t *fault);
/* Whether address is in the code of the host's own ELF objects (listed before main). */
bool host_is_code(uint64_t address);

/* ---- memory: top-down placement (vmtop.c) ------------------------------------------------------------ */

/* host_map at the highest free address below limit (the end of the mapping stays <= limit), aligned to
 * align, for MEM_TOP_DOWN. STATUS_NO_MEMORY when nothing fits. */
NTSTATUS host_map_top_down(void **addr, size_t size, size_t align, uintptr_t limit, unsigned prot, unsigned flags);

/* ---- the processor (cpu.c) ------------------------------------------------------------------------------ */

/* CPUID leaf/subleaf into regs (eax, ebx, ecx, edx); zeros for a leaf above the processor's maximum. */
void host_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4]);
/* XCR0 (the register states the kernel saves and restores), 0 when XSAVE is not enabled. */
uint64_t host_xcr0(void);
/* RDFSBASE/WRGSBASE and friends enabled for user mode by the kernel. */
bool host_fsgsbase_enabled(void);
/* SSE denormals-are-zero (MXCSR.DAZ) supported: bit 6 of FXSAVE's MXCSR_MASK. */
bool host_sse_daz(void);
/* Which of names[0..count) (count <= 32) the first processor in /proc/cpuinfo lists in "flags" or "vmx
 * flags", as a bit mask; for what CPUID cannot tell user mode (VMX left on by the firmware, EPT). */
unsigned host_cpuinfo_flags(const char *const *names, unsigned count);

/* ---- console control signals ------------------------------------------------------------------------------------------ */

/* SIGINT (Ctrl-C at the terminal) and SIGTERM (a request to end the process) are received by a host thread
 * of their own, never by an NT thread: the handler runs on that thread (no TEB) and returns whether it
 * delivered the event; when it did not, the signal takes its default action and ends the process. The
 * same thread, which otherwise waits for those signals, runs the clock: tick every interval_ns. */
/* SIGINT (Ctrl-C), SIGQUIT (Ctrl-\, the terminal's Ctrl-Break) and SIGTERM (a request to end). */
enum host_console_signal { HOST_CONSOLE_INTERRUPT, HOST_CONSOLE_BREAK, HOST_CONSOLE_TERMINATE };
/* broadcast: the signal came from host_console_signal_send (GenerateConsoleCtrlEvent somewhere in the tree), not
 * from the terminal, which reaches every process of its foreground group by itself. */
typedef bool (*host_console_handler)(enum host_console_signal sig, bool broadcast);
/* Starts the service thread: it receives the console signals (handler) and calls tick every interval_ns
 * (the kernel's clock). Must run before the process has a second thread (the signals are blocked in the
 * calling thread, and threads inherit that). A signal the parent left ignored (a background job's SIGINT)
 * stays ignored. */
NTSTATUS host_service_thread_start(host_console_handler handler, void (*tick)(void), uint64_t interval_ns);
/* Sends a console signal to host process pid, marked as a broadcast (see host_console_handler). */
NTSTATUS host_console_signal_send(uint32_t pid, enum host_console_signal sig);

/* ---- terminals ------------------------------------------------------------------------------------------------------ */

/* The input processing of a terminal's line discipline (termios). */
enum host_tty_flags {
    HOST_TTY_LINE = 1,      /* canonical lines (ICANON); without it each key reads as typed, Enter as '\r' */
    HOST_TTY_ECHO = 2,      /* ECHO */
    HOST_TTY_SIGNALS = 4,   /* Ctrl+C and friends raise signals (ISIG) */
};
NTSTATUS host_tty_get(int fd, unsigned *flags);
/* Sets fd's terminal to flags. The terminal's state before the first change is saved for host_tty_restore. */
NTSTATUS host_tty_set(int fd, unsigned flags);
/* Puts every terminal host_tty_set changed back as it was; async-signal-safe. host_exit_process and
 * host_abort run it, and so do SIGINT, SIGTERM, SIGHUP and SIGQUIT while nobody else handles them. */
void host_tty_restore(void);
/* The terminal's window size in character cells (TIOCGWINSZ); 80x24 when the terminal does not know it. */
NTSTATUS host_tty_size(int fd, unsigned *columns, unsigned *rows);
/* Is there input to read on fd now (FIONREAD)? For a canonical terminal, keys typed on an unfinished line
 * count. False for devices that cannot tell (/dev/null). */
NTSTATUS host_input_pending(int fd, bool *pending);

/*
 * Suspending a thread (SuspendThread of another thread). host_thread_suspend(tid) signals it; the handler
 * calls the suspend handler on that thread, on its signal stack, with its interrupted ucontext (converted
 * with host_context_to_nt / host_context_from_nt), whether it was in ntexec's own code, and whether it is
 * at a point where host_thread_stop could stop it (guest code, or a system call, and no kernel lock held):
 * only there may it wait. A system call the signal interrupted returns EINTR after the handler returns.
 * The stop signal stays deliverable inside the handler.
 */
typedef void (*host_suspend_handler)(void *ucontext, bool in_host, bool safe);
void host_thread_set_suspend_handler(host_suspend_handler handler);
void host_thread_suspend(uint32_t tid);

/* Anonymous pipes (CreatePipe): fds[0] reads, fds[1] writes, both close-on-exec. */
NTSTATUS host_pipe(int fds[2]);
/* Bytes waiting in a pipe (FIONREAD). */
NTSTATUS host_pipe_available(int fd, size_t *avail);
/* Is a pipe's read end at end of file (every write end closed)? Without blocking. */
bool host_pipe_writer_gone(int fd);

/* ---- Unix domain sockets, file locks, file watches (socket.c): named pipes ------------------------------------- */

/* The per-user directory named pipes are bound in ($XDG_RUNTIME_DIR/ntexec/pipe or /tmp/ntexec-UID/pipe),
 * created 0700; STATUS_ACCESS_DENIED when it exists but is not the user's alone. */
NTSTATUS host_npipe_root(char *buf, size_t size);
/* A listening socket bound at path (a stale socket file there is replaced), non-blocking; SOCK_SEQPACKET
 * for message, else SOCK_STREAM. */
NTSTATUS host_unix_listen(const char *path, bool message, int *fd);
/* A blocking connection to the socket at path: STATUS_CONNECTION_REFUSED when nobody listens there,
 * STATUS_PIPE_NOT_AVAILABLE when its queue is full. */
NTSTATUS host_unix_connect(const char *path, bool message, int *fd);
/* A connection waiting on listening socket fd, without blocking: STATUS_PENDING when there is none. */
NTSTATUS host_unix_accept(int fd, int *conn);
/* Waits until fd is readable (or cancel_fd, if >= 0: STATUS_CANCELLED), or timeout_ns (< 0: forever) passes
 * (STATUS_TIMEOUT). */
NTSTATUS host_wait_readable(int fd, int cancel_fd, int64_t timeout_ns);
enum host_recv_flags { HOST_RECV_PEEK = 1, HOST_RECV_NONBLOCK = 2 };
/* recv(): *got bytes copied, *message_len (if not NULL) the whole packet's length for a SOCK_SEQPACKET socket
 * (the bytes copied for a stream); 0 at end of stream. STATUS_PENDING when non-blocking and nothing waits. */
NTSTATUS host_recv(int fd, void *buf, size_t len, unsigned flags, size_t *got, size_t *message_len);
/* send() without SIGPIPE: a closed peer is STATUS_PIPE_BROKEN. */
NTSTATUS host_send(int fd, const void *buf, size_t len, size_t *done);
/* Ends both directions of a connection; a thread blocked on it wakes. */
void host_shutdown(int fd);
/* An exclusive flock() of fd (lock), or its release. */
NTSTATUS host_flock(int fd, bool lock);
/* An inotify descriptor that becomes readable when the file at path is written, changed or removed;
 * host_file_watch_drain empties it (non-blocking). */
NTSTATUS host_file_watch(const char *path, int *fd);
void host_file_watch_drain(int fd);
/* Does host process pid exist? */
bool host_pid_alive(uint32_t pid);

/* ---- other host processes (child.c) --------------------------------------------------------------------- */

/* Starts this binary again with argv; fds[i] becomes the child's fd 3 + i (nothing else above 2 crosses).
 * new_group: the child leads a process group of its own. *pidfd refers to it (close-on-exec). */
NTSTATUS host_spawn_self(const char *const *argv, const int *fds, size_t nfds, bool new_group, uint32_t *pid,
                         int *pidfd);
NTSTATUS host_pidfd_open(uint32_t pid, int *pidfd);
/* Has the process ended? Without blocking. */
bool host_pidfd_exited(int pidfd);
NTSTATUS host_pidfd_kill(int pidfd);
enum host_child_end { HOST_CHILD_UNKNOWN, HOST_CHILD_EXITED, HOST_CHILD_CRASHED, HOST_CHILD_KILLED };
/* Reaps an ended child of this host: how it ended, and its exit status or signal in *value. */
enum host_child_end host_pidfd_reap(int pidfd, int *value);
/* A set of fds one thread waits on: host_watch_next returns the cookie of one that became readable (it
 * leaves the set: one-shot). */
NTSTATUS host_watch_create(int *watch);
NTSTATUS host_watch_add(int watch, int fd, void *cookie);
void *host_watch_next(int watch);
void host_watch_remove(int watch, int fd);
/* Memory shared between host processes: a memfd named name, mapped read-write. */
NTSTATUS host_shared_create(const char *name, size_t size, int *fd, void **addr);
NTSTATUS host_shared_map(int fd, size_t size, void **addr);
void host_shared_unmap(void *addr, size_t size);
/* Futexes in shared memory: waiters and wakers in different host processes. */
NTSTATUS host_shared_futex_wait(volatile uint32_t *word, uint32_t expected, int64_t timeout_ns);
void host_shared_futex_wake(volatile uint32_t *word, int count);
/* Opens the memfd named name that process pid holds (through /proc/PID/fd). */
NTSTATUS host_find_shared(uint32_t pid, const char *name, int *fd);
/* A copy of another process's fd (pidfd_getfd), close-on-exec. */
NTSTATUS host_pidfd_getfd(int pidfd, int fd, int *out);
/* Another host's memory; STATUS_PARTIAL_COPY when only *done bytes could be copied. */
NTSTATUS host_process_read(uint32_t pid, uint64_t addr, void *buf, size_t len, size_t *done);
NTSTATUS host_process_write(uint32_t pid, uint64_t addr, const void *buf, size_t len, size_t *done);

#endif
