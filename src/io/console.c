/*
 * The console as condrv/conhost keep it: one input buffer and one screen buffer per console, each with its
 * mode. ntexec's console is the terminal: the input mode's line, echo and Ctrl+C bits are its termios
 * (ICANON, ECHO, ISIG), set through host_tty_set and restored when the process ends. The output mode is
 * kept and reported; the terminal interprets escape sequences whatever it says.
 */
#include "io/afd.h"
#include "io/console.h"
#include "rtl/rtl.h"

#define INPUT_MODES                                                                                             \
    (ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT | ENABLE_WINDOW_INPUT | ENABLE_MOUSE_INPUT |  \
     ENABLE_INSERT_MODE | ENABLE_QUICK_EDIT_MODE | ENABLE_EXTENDED_FLAGS | ENABLE_AUTO_POSITION |                \
     ENABLE_VIRTUAL_TERMINAL_INPUT)
#define OUTPUT_MODES                                                                                           \
    (ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT | ENABLE_VIRTUAL_TERMINAL_PROCESSING |                 \
     DISABLE_NEWLINE_AUTO_RETURN | ENABLE_LVB_GRID_WORLDWIDE)
/* What a new console has on Windows 10 (conhost) and Wine: 0x1F7 and 0x3. */
#define DEFAULT_INPUT_MODE                                                                                      \
    (ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT | ENABLE_MOUSE_INPUT | ENABLE_INSERT_MODE |   \
     ENABLE_QUICK_EDIT_MODE | ENABLE_EXTENDED_FLAGS | ENABLE_AUTO_POSITION)
#define DEFAULT_OUTPUT_MODE (ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT)

static host_lock console_lock = HOST_LOCK_INIT;
static bool input_mode_known;
static ULONG input_mode, output_mode = DEFAULT_OUTPUT_MODE;

static bool name_is(PFILE_OBJECT f, const WCHAR *name)
{
    size_t n = RtlpWcslen(name), units = f->FileName.Length / sizeof(WCHAR);
    return units >= n && RtlCompareUnicodeStrings(f->FileName.Buffer + units - n, n, name, n, TRUE) == 0 &&
           (units == n || f->FileName.Buffer[units - n - 1] == '\\' || f->FileName.Buffer[units - n - 1] == '/');
}

/* Which buffer a console handle names: CONIN$ and CONOUT$ by name, else by access, as "CON" opens
 * the input buffer for reading and the screen buffer for writing. */
static bool is_input(PFILE_OBJECT f)
{
    if (name_is(f, u"CONIN$"))
        return true;
    if (name_is(f, u"CONOUT$"))
        return false;
    return f->Access & FILE_READ_DATA;
}

/* The input mode, read from the terminal the first time: a terminal already without echo or lines
 * reports so. Called with console_lock held. */
static ULONG get_input_mode(PFILE_OBJECT f)
{
    unsigned tty;
    if (!input_mode_known && host_tty_get(f->Fd, &tty) == STATUS_SUCCESS) {
        input_mode = DEFAULT_INPUT_MODE;
        if (!(tty & HOST_TTY_LINE))
            input_mode &= ~(ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT);
        if (!(tty & HOST_TTY_ECHO))
            input_mode &= ~ENABLE_ECHO_INPUT;
        if (!(tty & HOST_TTY_SIGNALS))
            input_mode &= ~ENABLE_PROCESSED_INPUT;
        input_mode_known = true;
    }
    return input_mode_known ? input_mode : DEFAULT_INPUT_MODE;
}

/* As conhost does (microsoft/terminal, src/host/getset.cpp, SetConsoleInputModeImpl), the mode is taken
 * first and refused afterwards: bits that are no input mode, or echo without line input, set the mode and
 * then fail with STATUS_INVALID_PARAMETER; programs depend on it (PSReadLine sets 0x1E4). Echo exists
 * only in line mode: a console handing over keys one by one never echoes them. */
static NTSTATUS set_input_mode(PFILE_OBJECT f, ULONG mode)
{
    bool line = mode & ENABLE_LINE_INPUT, echo = mode & ENABLE_ECHO_INPUT;
    unsigned tty = (line ? HOST_TTY_LINE : 0) | (line && echo ? HOST_TTY_ECHO : 0) |
                   (mode & ENABLE_PROCESSED_INPUT ? HOST_TTY_SIGNALS : 0);
    NTSTATUS status = host_tty_set(f->Fd, tty);
    if (status != STATUS_SUCCESS)
        return status;
    input_mode = mode;
    input_mode_known = true;
    return (mode & ~INPUT_MODES) || (echo && !line) ? STATUS_INVALID_PARAMETER : STATUS_SUCCESS;
}

static NTSTATUS console_control(PFILE_OBJECT f, ULONG code, const void *in, ULONG in_length, void *out,
                                ULONG out_length, ULONG_PTR *information)
{
    if (code == IOCTL_CONDRV_INPUT_PENDING) {
        if (out_length < sizeof(ULONG) || !out)
            return STATUS_BUFFER_TOO_SMALL;
        if (f->Fd < 0 || !(f->Access & FILE_READ_DATA))
            return STATUS_INVALID_HANDLE;
        bool pending;
        NTSTATUS status = host_input_pending(f->Fd, &pending);
        if (status == STATUS_SUCCESS) {
            *(ULONG *)out = pending;
            *information = sizeof(ULONG);
        }
        return status;
    }
    if (code == IOCTL_CONDRV_SCREEN_BUFFER)
        return (f->Flags & FO_CONSOLE) && !is_input(f) ? STATUS_SUCCESS : STATUS_INVALID_HANDLE;
    if (code == IOCTL_CONDRV_GET_SIZE) {
        if (out_length < 2 * sizeof(ULONG) || !out)
            return STATUS_BUFFER_TOO_SMALL;
        if (!(f->Flags & FO_CONSOLE))
            return STATUS_INVALID_HANDLE;
        unsigned columns, rows;
        NTSTATUS status = host_tty_size(f->Fd, &columns, &rows);
        if (status == STATUS_SUCCESS) {
            ((ULONG *)out)[0] = columns;
            ((ULONG *)out)[1] = rows;
            *information = 2 * sizeof(ULONG);
        }
        return status;
    }
    if (code != IOCTL_CONDRV_GET_MODE && code != IOCTL_CONDRV_SET_MODE)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (!(f->Flags & FO_CONSOLE))
        return STATUS_INVALID_HANDLE;
    NTSTATUS status = STATUS_SUCCESS;
    host_lock_acquire(&console_lock);
    if (code == IOCTL_CONDRV_GET_MODE) {
        if (out_length < sizeof(ULONG) || !out) {
            status = STATUS_BUFFER_TOO_SMALL;
        } else {
            *(ULONG *)out = is_input(f) ? get_input_mode(f) : output_mode;
            *information = sizeof(ULONG);
        }
    } else if (in_length < sizeof(ULONG) || !in) {
        status = STATUS_INVALID_PARAMETER;
    } else if (is_input(f)) {
        status = set_input_mode(f, *(const ULONG *)in);
    } else if (*(const ULONG *)in & ~OUTPUT_MODES) {
        status = STATUS_INVALID_PARAMETER;
    } else {
        output_mode = *(const ULONG *)in;
    }
    host_lock_release(&console_lock);
    return status;
}

/* The console controls above, which complete synchronously, and IOCTL_AFD_POLL on \Device\Afd or a socket,
 * which may pend and end through the event, the APC or the handle's completion port (io/afdpoll.c). */
NTSTATUS WINAPI NtDeviceIoControlFile(HANDLE handle, HANDLE event, PVOID apc, PVOID apc_context,
                                      PIO_STATUS_BLOCK io, ULONG code, PVOID in, ULONG in_length, PVOID out,
                                      ULONG out_length)
{
    PFILE_OBJECT f;
    ULONG_PTR information = 0;
    NTSTATUS status = ObReferenceObjectByHandle(handle, IoFileObjectType, (void **)&f);
    if (status == STATUS_SUCCESS && ((f->Flags & FO_AFD_DEVICE) || IopSocketState(f) == STATUS_SUCCESS)) {
        struct io_async async = {event, apc, apc_context, io};
        status = io ? IopAfdDeviceControl(f, &async, code, in, in_length, out, out_length) : STATUS_ACCESS_VIOLATION;
        ObDereferenceObject(f);
        return status;
    }
    if (status == STATUS_SUCCESS) {
        status = console_control(f, code, in, in_length, out, out_length, &information);
        ObDereferenceObject(f);
    }
    if (io) {
        io->Status = status;
        io->Information = information;
    }
    return status;
}
