/*
 * FormatMessageA/W: message definitions from a string, from a module's message table (through ntdll's
 * RtlFindMessage) or from the system's table of Win32 error texts, and the insert engine that expands
 * %1..%99 (with !printf-format!), %n %r %t %0 and %<char>, and wraps lines for the low byte of the
 * flags. Both forms format in UTF-16; FormatMessageA converts its template and ANSI inserts from the
 * ANSI code page (UTF-8) and its result back. The behaviours imitated are the ones Windows shows
 * (docs/win32-volume-message.md lists them with the differences from Wine).
 */
#include <stdio.h>
#include <string.h>

#include "ntdll/ldr/ldrp.h"
#include "win32/k32.h"

#define FORMAT_MESSAGE_ALLOCATE_BUFFER 0x00000100
#define FORMAT_MESSAGE_IGNORE_INSERTS  0x00000200
#define FORMAT_MESSAGE_FROM_STRING     0x00000400
#define FORMAT_MESSAGE_FROM_HMODULE    0x00000800
#define FORMAT_MESSAGE_FROM_SYSTEM     0x00001000
#define FORMAT_MESSAGE_ARGUMENT_ARRAY  0x00002000
#define FORMAT_MESSAGE_MAX_WIDTH_MASK  0x000000FF

#define LMEM_ZEROINIT 0x40
HANDLE WINAPI LocalAlloc(UINT flags, SIZE_T size);

/* FormatMessageA fails with ERROR_INVALID_PARAMETER from this many characters of output on. */
#define ANSI_RESULT_LIMIT 32767

/* ---- the system message table ------------------------------------------------------------------------- */

/*
 * The English texts Windows 10 gives for the Win32 errors ntexec knows and those a C or C++ runtime
 * reports (msvcrt's _dosmaperr table, libstdc++'s std::system_category), with the exact wording and the
 * final "\r\n" of the system's message table. A few HRESULTs come with them (E_NOTIMPL, E_FAIL, ...);
 * 0x8007xxxx HRESULTs are folded to their Win32 code before the lookup, as Windows does.
 */
struct system_message {
    DWORD id;
    const char *text;
};

#define M(id, text) {id, text "\r\n"}
static const struct system_message system_messages[] = {
    M(0, "The operation completed successfully."),
    M(1, "Incorrect function."),
    M(2, "The system cannot find the file specified."),
    M(3, "The system cannot find the path specified."),
    M(4, "The system cannot open the file."),
    M(5, "Access is denied."),
    M(6, "The handle is invalid."),
    M(7, "The storage control blocks were destroyed."),
    M(8, "Not enough memory resources are available to process this command."),
    M(9, "The storage control block address is invalid."),
    M(10, "The environment is incorrect."),
    M(11, "An attempt was made to load a program with an incorrect format."),
    M(12, "The access code is invalid."),
    M(13, "The data is invalid."),
    M(14, "Not enough memory resources are available to complete this operation."),
    M(15, "The system cannot find the drive specified."),
    M(16, "The directory cannot be removed."),
    M(17, "The system cannot move the file to a different disk drive."),
    M(18, "There are no more files."),
    M(19, "The media is write protected."),
    M(20, "The system cannot find the device specified."),
    M(21, "The device is not ready."),
    M(22, "The device does not recognize the command."),
    M(23, "Data error (cyclic redundancy check)."),
    M(24, "The program issued a command but the command length is incorrect."),
    M(25, "The drive cannot locate a specific area or track on the disk."),
    M(26, "The specified disk or diskette cannot be accessed."),
    M(27, "The drive cannot find the sector requested."),
    M(28, "The printer is out of paper."),
    M(29, "The system cannot write to the specified device."),
    M(30, "The system cannot read from the specified device."),
    M(31, "A device attached to the system is not functioning."),
    M(32, "The process cannot access the file because it is being used by another process."),
    M(33, "The process cannot access the file because another process has locked a portion of the file."),
    M(34, "The wrong diskette is in the drive.\r\nInsert %2 (Volume Serial Number: %3) into drive %1."),
    M(36, "Too many files opened for sharing."),
    M(38, "Reached the end of the file."),
    M(39, "The disk is full."),
    M(50, "The request is not supported."),
    M(51, "Windows cannot find the network path. Verify that the network path is correct and the destination "
          "computer is not busy or turned off. If Windows still cannot find the network path, contact your "
          "network administrator."),
    M(52, "You were not connected because a duplicate name exists on the network. If joining a domain, go to "
          "System in Control Panel to change the computer name and try again. If joining a workgroup, choose "
          "another workgroup name."),
    M(53, "The network path was not found."),
    M(54, "The network is busy."),
    M(55, "The specified network resource or device is no longer available."),
    M(56, "The network BIOS command limit has been reached."),
    M(57, "A network adapter hardware error occurred."),
    M(58, "The specified server cannot perform the requested operation."),
    M(59, "An unexpected network error occurred."),
    M(60, "The remote adapter is not compatible."),
    M(61, "The printer queue is full."),
    M(62, "Space to store the file waiting to be printed is not available on the server."),
    M(63, "Your file waiting to be printed was deleted."),
    M(64, "The specified network name is no longer available."),
    M(65, "Network access is denied."),
    M(66, "The network resource type is not correct."),
    M(67, "The network name cannot be found."),
    M(68, "The name limit for the local computer network adapter card was exceeded."),
    M(69, "The network BIOS session limit was exceeded."),
    M(70, "The remote server has been paused or is in the process of being started."),
    M(71, "No more connections can be made to this remote computer at this time because there are already as "
          "many connections as the computer can accept."),
    M(72, "The specified printer or disk device has been paused."),
    M(80, "The file exists."),
    M(82, "The directory or file cannot be created."),
    M(83, "Fail on INT 24."),
    M(84, "Storage to process this request is not available."),
    M(85, "The local device name is already in use."),
    M(86, "The specified network password is not correct."),
    M(87, "The parameter is incorrect."),
    M(88, "A write fault occurred on the network."),
    M(89, "The system cannot start another process at this time."),
    M(100, "Cannot create another system semaphore."),
    M(101, "The exclusive semaphore is owned by another process."),
    M(102, "The semaphore is set and cannot be closed."),
    M(103, "The semaphore cannot be set again."),
    M(104, "Cannot request exclusive semaphores at interrupt time."),
    M(105, "The previous ownership of this semaphore has ended."),
    M(106, "Insert the diskette for drive %1."),
    M(107, "The program stopped because an alternate diskette was not inserted."),
    M(108, "The disk is in use or locked by another process."),
    M(109, "The pipe has been ended."),
    M(110, "The system cannot open the device or file specified."),
    M(111, "The file name is too long."),
    M(112, "There is not enough space on the disk."),
    M(113, "No more internal file identifiers available."),
    M(114, "The target internal file identifier is incorrect."),
    M(117, "The IOCTL call made by the application program is not correct."),
    M(118, "The verify-on-write switch parameter value is not correct."),
    M(119, "The system does not support the command requested."),
    M(120, "This function is not supported on this system."),
    M(121, "The semaphore timeout period has expired."),
    M(122, "The data area passed to a system call is too small."),
    M(123, "The filename, directory name, or volume label syntax is incorrect."),
    M(124, "The system call level is not correct."),
    M(125, "The disk has no volume label."),
    M(126, "The specified module could not be found."),
    M(127, "The specified procedure could not be found."),
    M(128, "There are no child processes to wait for."),
    M(129, "The %1 application cannot be run in Win32 mode."),
    M(130, "Attempt to use a file handle to an open disk partition for an operation other than raw disk I/O."),
    M(131, "An attempt was made to move the file pointer before the beginning of the file."),
    M(132, "The file pointer cannot be set on the specified device or file."),
    M(133, "A JOIN or SUBST command cannot be used for a drive that contains previously joined drives."),
    M(134, "An attempt was made to use a JOIN or SUBST command on a drive that has already been joined."),
    M(135, "An attempt was made to use a JOIN or SUBST command on a drive that has already been substituted."),
    M(136, "The system tried to delete the JOIN of a drive that is not joined."),
    M(137, "The system tried to delete the substitution of a drive that is not substituted."),
    M(138, "The system tried to join a drive to a directory on a joined drive."),
    M(139, "The system tried to substitute a drive to a directory on a substituted drive."),
    M(140, "The system tried to join a drive to a directory on a substituted drive."),
    M(141, "The system tried to SUBST a drive to a directory on a joined drive."),
    M(142, "The system cannot perform a JOIN or SUBST at this time."),
    M(143, "The system cannot join or substitute a drive to or for a directory on the same drive."),
    M(144, "The directory is not a subdirectory of the root directory."),
    M(145, "The directory is not empty."),
    M(146, "The path specified is being used in a substitute."),
    M(147, "Not enough resources are available to process this command."),
    M(148, "The path specified cannot be used at this time."),
    M(149, "An attempt was made to join or substitute a drive for which a directory on the drive is the target "
           "of a previous substitute."),
    M(150, "System trace information was not specified in your CONFIG.SYS file, or tracing is disallowed."),
    M(151, "The number of specified semaphore events for DosMuxSemWait is not correct."),
    M(152, "DosMuxSemWait did not execute; too many semaphores are already set."),
    M(153, "The DosMuxSemWait list is not correct."),
    M(154, "The volume label you entered exceeds the label character limit of the target file system."),
    M(155, "Cannot create another thread."),
    M(156, "The recipient process has refused the signal."),
    M(157, "The segment is already discarded and cannot be locked."),
    M(158, "The segment is already unlocked."),
    M(159, "The address for the thread ID is not correct."),
    M(160, "One or more arguments are not correct."),
    M(161, "The specified path is invalid."),
    M(162, "A signal is already pending."),
    M(164, "No more threads can be created in the system."),
    M(167, "Unable to lock a region of a file."),
    M(170, "The requested resource is in use."),
    M(171, "Device's command support detection is in progress."),
    M(173, "A lock request was not outstanding for the supplied cancel region."),
    M(174, "The file system does not support atomic changes to the lock type."),
    M(180, "The system detected a segment number that was not correct."),
    M(182, "The operating system cannot run %1."),
    M(183, "Cannot create a file when that file already exists."),
    M(186, "The flag passed is not correct."),
    M(187, "The specified system semaphore name was not found."),
    M(188, "The operating system cannot run %1."),
    M(189, "The operating system cannot run %1."),
    M(190, "The operating system cannot run %1."),
    M(191, "Cannot run %1 in Win32 mode."),
    M(192, "The operating system cannot run %1."),
    M(193, "%1 is not a valid Win32 application."),
    M(194, "The operating system cannot run %1."),
    M(195, "The operating system cannot run %1."),
    M(196, "The operating system cannot run this application program."),
    M(197, "The operating system is not presently configured to run this application."),
    M(198, "The operating system cannot run %1."),
    M(199, "The operating system cannot run this application program."),
    M(200, "The code segment cannot be greater than or equal to 64K."),
    M(201, "The operating system cannot run %1."),
    M(202, "The operating system cannot run %1."),
    M(203, "The system could not find the environment option that was entered."),
    M(205, "No process in the command subtree has a signal handler."),
    M(206, "The filename or extension is too long."),
    M(207, "The ring 2 stack is in use."),
    M(208, "The global filename characters, * or ?, are entered incorrectly or too many global filename "
           "characters are specified."),
    M(209, "The signal being posted is not correct."),
    M(210, "The signal handler cannot be set."),
    M(212, "The segment is locked and cannot be reallocated."),
    M(214, "Too many dynamic-link modules are attached to this program or dynamic-link module."),
    M(215, "Cannot nest calls to LoadModule."),
    M(216, "This version of %1 is not compatible with the version of Windows you're running. Check your "
           "computer's system information and then contact the software publisher."),
    M(217, "The image file %1 is signed, unable to modify."),
    M(218, "The image file %1 is strong signed, unable to modify."),
    M(220, "This file is checked out or locked for editing by another user."),
    M(221, "The file must be checked out before saving changes."),
    M(222, "The file type being saved or retrieved has been blocked."),
    M(223, "The file size exceeds the limit allowed and cannot be saved."),
    M(229, "The pipe is local."),
    M(230, "The pipe state is invalid."),
    M(231, "All pipe instances are busy."),
    M(232, "The pipe is being closed."),
    M(233, "No process is on the other end of the pipe."),
    M(234, "More data is available."),
    M(235, "The action requested resulted in no work being done. Error-style clean-up has been performed."),
    M(240, "The session was canceled."),
    M(254, "The specified extended attribute name was invalid."),
    M(255, "The extended attributes are inconsistent."),
    M(258, "The wait operation timed out."),
    M(259, "No more data is available."),
    M(266, "The copy functions cannot be used."),
    M(267, "The directory name is invalid."),
    M(275, "The extended attributes did not fit in the buffer."),
    M(276, "The extended attribute file on the mounted file system is corrupt."),
    M(277, "The extended attribute table file is full."),
    M(278, "The specified extended attribute handle is invalid."),
    M(282, "The mounted file system does not support extended attributes."),
    M(288, "Attempt to release mutex not owned by caller."),
    M(298, "Too many posts were made to a semaphore."),
    M(299, "Only part of a ReadProcessMemory or WriteProcessMemory request was completed."),
    M(300, "The oplock request is denied."),
    M(301, "An invalid oplock acknowledgment was received by the system."),
    M(302, "The volume is too fragmented to complete this operation."),
    M(303, "The file cannot be opened because it is in the process of being deleted."),
    M(317, "The system cannot find message text for message number 0x%1 in the message file for %2."),
    M(487, "Attempt to access invalid address."),
    M(534, "Arithmetic result exceeded 32 bits."),
    M(535, "There is a process on other end of the pipe."),
    M(536, "Waiting for a process to open the other end of the pipe."),
    M(706, "{Machine Type Mismatch}\r\nThe image file %hs is valid, but is for a machine type other than the "
           "current machine. Select OK to continue, or CANCEL to fail the DLL load."),
    M(994, "Access to the extended attribute was denied."),
    M(995, "The I/O operation has been aborted because of either a thread exit or an application request."),
    M(996, "Overlapped I/O event is not in a signaled state."),
    M(997, "Overlapped I/O operation is in progress."),
    M(998, "Invalid access to memory location."),
    M(999, "Error performing inpage operation."),
    M(1001, "Recursion too deep; the stack overflowed."),
    M(1002, "The window cannot act on the sent message."),
    M(1003, "Cannot complete this function."),
    M(1004, "Invalid flags."),
    M(1005, "The volume does not contain a recognized file system.\r\nPlease make sure that all required file "
            "system drivers are loaded and that the volume is not corrupted."),
    M(1006, "The volume for a file has been externally altered so that the opened file is no longer valid."),
    M(1007, "The requested operation cannot be performed in full-screen mode."),
    M(1008, "An attempt was made to reference a token that does not exist."),
    M(1009, "The configuration registry database is corrupt."),
    M(1010, "The configuration registry key is invalid."),
    M(1011, "The configuration registry key could not be opened."),
    M(1012, "The configuration registry key could not be read."),
    M(1013, "The configuration registry key could not be written."),
    M(1113, "No mapping for the Unicode character exists in the target multi-byte code page."),
    M(1114, "A dynamic link library (DLL) initialization routine failed."),
    M(1117, "The request could not be performed because of an I/O device error."),
    M(1142, "An attempt was made to create more links on a file than the file system supports."),
    M(1150, "The specified program requires a newer version of Windows."),
    M(1157, "One of the library files needed to run this application cannot be found."),
    M(1168, "Element not found."),
    M(1314, "A required privilege is not held by the client."),
    M(1359, "An internal error occurred."),
    M(1450, "Insufficient system resources exist to complete the requested service."),
    M(1455, "The paging file is too small for this operation to complete."),
    M(1460, "This operation returned because the timeout period expired."),
    M(1812, "The specified image file did not contain a resource section."),
    M(1813, "The specified resource type cannot be found in the image file."),
    M(1814, "The specified resource name cannot be found in the image file."),
    M(1815, "The specified resource language ID cannot be found in the image file."),
    M(1816, "Not enough quota is available to process this command."),
    M(1920, "The file cannot be accessed by the system."),
    M(1921, "The name of the file cannot be resolved by the system."),
    M(2401, "This network connection has files open or requests pending."),
    M(2402, "Active connections still exist."),
    M(2404, "The device is in use by an active process and cannot be disconnected."),
    M(4390, "The file or directory is not a reparse point."),
    /* The DNS client (dnsapi's DNS_STATUS codes) */
    M(9001, "DNS server unable to interpret format."),
    M(9002, "DNS server failure."),
    M(9003, "DNS name does not exist."),
    M(9004, "DNS request not supported by name server."),
    M(9005, "DNS operation refused."),
    M(9501, "No records found for given DNS query."),
    M(9502, "Bad DNS packet."),
    M(9701, "DNS record does not exist."),
    /* Windows Sockets (WSAE*: Winsock's last errors, which FormatMessage knows as system messages) */
    M(10004, "A blocking operation was interrupted by a call to WSACancelBlockingCall."),
    M(10009, "The file handle supplied is not valid."),
    M(10013, "An attempt was made to access a socket in a way forbidden by its access permissions."),
    M(10014, "The system detected an invalid pointer address in attempting to use a pointer argument in a call."),
    M(10022, "An invalid argument was supplied."),
    M(10024, "Too many open sockets."),
    M(10035, "A non-blocking socket operation could not be completed immediately."),
    M(10036, "A blocking operation is currently executing."),
    M(10037, "An operation was attempted on a non-blocking socket that already had an operation in progress."),
    M(10038, "An operation was attempted on something that is not a socket."),
    M(10039, "A required address was omitted from an operation on a socket."),
    M(10040, "A message sent on a datagram socket was larger than the internal message buffer or some other "
             "network limit, or the buffer used to receive a datagram into was smaller than the datagram itself."),
    M(10041, "A protocol was specified in the socket function call that does not support the semantics of the "
             "socket type requested."),
    M(10042, "An unknown, invalid, or unsupported option or level was specified in a getsockopt or setsockopt "
             "call."),
    M(10043, "The requested protocol has not been configured into the system, or no implementation for it "
             "exists."),
    M(10044, "The support for the specified socket type does not exist in this address family."),
    M(10045, "The attempted operation is not supported for the type of object referenced."),
    M(10046, "The protocol family has not been configured into the system or no implementation for it exists."),
    M(10047, "An address incompatible with the requested protocol was used."),
    M(10048, "Only one usage of each socket address (protocol/network address/port) is normally permitted."),
    M(10049, "The requested address is not valid in its context."),
    M(10050, "A socket operation encountered a dead network."),
    M(10051, "A socket operation was attempted to an unreachable network."),
    M(10052, "The connection has been broken due to keep-alive activity detecting a failure while the operation "
             "was in progress."),
    M(10053, "An established connection was aborted by the software in your host machine."),
    M(10054, "An existing connection was forcibly closed by the remote host."),
    M(10055, "An operation on a socket could not be performed because the system lacked sufficient buffer space "
             "or because a queue was full."),
    M(10056, "A connect request was made on an already connected socket."),
    M(10057, "A request to send or receive data was disallowed because the socket is not connected and (when "
             "sending on a datagram socket using a sendto call) no address was supplied."),
    M(10058, "A request to send or receive data was disallowed because the socket had already been shut down in "
             "that direction with a previous shutdown call."),
    M(10060, "A connection attempt failed because the connected party did not properly respond after a period of "
             "time, or established connection failed because connected host has failed to respond."),
    M(10061, "No connection could be made because the target machine actively refused it."),
    M(10064, "A socket operation failed because the destination host was down."),
    M(10065, "A socket operation was attempted to an unreachable host."),
    M(10093, "Either the application has not called WSAStartup, or WSAStartup failed."),
    M(10109, "The specified class was not found."),
    M(11001, "No such host is known."),
    M(11002, "This is usually a temporary error during hostname resolution and means that the local server did "
             "not receive a response from an authoritative server."),
    M(11003, "A non-recoverable error occurred during a database lookup."),
    M(11004, "The requested name is valid, but no data of the requested type was found."),
    /* COM's generic HRESULTs (no final period in the system's texts) */
    M(0x80004001u, "Not implemented"),
    M(0x80004002u, "No such interface supported"),
    M(0x80004003u, "Invalid pointer"),
    M(0x80004004u, "Operation aborted"),
    M(0x80004005u, "Unspecified error"),
    M(0x8000FFFFu, "Catastrophic failure"),
};
#undef M

/* The system's text for id (HRESULT_FROM_WIN32 values folded), or NULL. */
const char *BaseSystemMessageText(DWORD id)
{
    if ((id & 0xFFFF0000u) == 0x80070000u)
        id &= 0xFFFF;
    for (size_t i = 0; i < ARRAY_SIZE(system_messages); i++)
        if (system_messages[i].id == id)
            return system_messages[i].text;
    return NULL;
}

/* The default languages and US English: the languages the system's (English) table answers. */
static BOOL system_language(DWORD lang)
{
    return lang == 0 || lang == 0x400 || lang == 0x800 || lang == 0xC00 || lang == 0x1000 || lang == 0x1400 ||
           lang == 0x409 || lang == 0x09;
}

/* ---- growing UTF-16 buffers ------------------------------------------------------------------------------ */

struct wbuf {
    WCHAR *p;
    size_t len, cap;
    BOOL failed;       /* out of memory */
};

/* Room for n more units (and two for a line break inserted by wrapping). */
static BOOL wbuf_reserve(struct wbuf *b, size_t n)
{
    if (b->failed)
        return FALSE;
    if (b->len + n + 2 <= b->cap)
        return TRUE;
    size_t cap = b->cap ? b->cap : 128;
    while (cap < b->len + n + 2)
        cap *= 2;
    WCHAR *p = b->p ? RtlReAllocateHeap(RtlGetProcessHeap(), 0, b->p, cap * sizeof(WCHAR))
                    : RtlAllocateHeap(RtlGetProcessHeap(), 0, cap * sizeof(WCHAR));
    if (!p) {
        b->failed = TRUE;
        return FALSE;
    }
    b->p = p;
    b->cap = cap;
    return TRUE;
}

static void wbuf_free(struct wbuf *b)
{
    if (b->p)
        RtlFreeHeap(RtlGetProcessHeap(), 0, b->p);
    b->p = NULL;
}

/* ---- the insert engine ------------------------------------------------------------------------------------ */

/* The arguments of the inserts: an array of ULONG_PTR, or the caller's va_list, read once in order and
 * remembered (an insert may be used twice, or refer back). */
struct fm_args {
    const ULONG_PTR *array;
    __builtin_ms_va_list *list;
    ULONG_PTR cache[99];
    int last;             /* highest argument number taken so far */
};

/* Argument nr (1-based), or the one after the last taken for nr == -1. */
static ULONG_PTR get_arg(struct fm_args *a, int nr)
{
    if (nr == -1)
        nr = a->last + 1;
    if (nr > 99)
        nr = 99;
    if (a->list) {
        while (a->last < nr)
            a->cache[a->last++] = __builtin_va_arg(*a->list, ULONG_PTR);
        return a->cache[nr - 1];
    }
    if (nr > a->last)
        a->last = nr;
    return a->array[nr - 1];
}

struct fm_state {
    struct wbuf out;
    DWORD width;          /* the low byte of the flags: 0 none, 0xFF ignore line breaks, else wrap */
    size_t col;           /* characters on the current line */
    size_t space;         /* start of the last run of spaces on the line, or SIZE_MAX */
    BOOL in_space;
};

/*
 * Appends one character, wrapping lines longer than the width as Windows does: at the start of the
 * line's last run of spaces (the spaces are dropped), or, with no space on the line, right there (the
 * word goes on on the next line). "\r" and "\n" start a new line.
 */
static void add_char(struct fm_state *s, WCHAR c)
{
    if (!wbuf_reserve(&s->out, 1))
        return;
    s->out.p[s->out.len++] = c;
    if (!s->width || s->width == FORMAT_MESSAGE_MAX_WIDTH_MASK)
        return;
    if (c == '\r' || c == '\n') {
        s->col = 0;
        s->space = SIZE_MAX;
        s->in_space = FALSE;
        return;
    }
    if (c == ' ' && !s->in_space)
        s->space = s->out.len - 1;
    s->in_space = c == ' ';
    if (++s->col < s->width)
        return;
    size_t brk = s->space != SIZE_MAX ? s->space : s->out.len, rest = brk;
    while (rest < s->out.len && s->out.p[rest] == ' ')
        rest++;
    size_t n = s->out.len - rest;
    memmove(s->out.p + brk + 2, s->out.p + rest, n * sizeof(WCHAR));
    s->out.p[brk] = '\r';
    s->out.p[brk + 1] = '\n';
    s->out.len = brk + 2 + n;
    s->col = n;
    s->space = SIZE_MAX;
    s->in_space = FALSE;
}

static void add_string(struct fm_state *s, const WCHAR *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        add_char(s, w[i]);
}

static void add_ascii(struct fm_state *s, const char *a)
{
    while (*a)
        add_char(s, (unsigned char)*a++);
}

/* A parsed !format! of an insert. */
struct insert_spec {
    char flags[8];        /* printf flags: - + 0 space # */
    int width, precision; /* -1: none */
    enum { SZ_DEFAULT, SZ_SHORT, SZ_LONG, SZ_64, SZ_WIDE, SZ_ANSI } size;
    WCHAR conv;           /* s S c C d i u x X o p e E f g G a A */
};

/* Pads a string insert to the width ('-' pads on the right). */
static void add_padded(struct fm_state *s, const struct insert_spec *spec, const WCHAR *w, size_t n)
{
    if (spec->precision >= 0 && (size_t)spec->precision < n)
        n = (size_t)spec->precision;
    BOOL left = strchr(spec->flags, '-') != NULL;
    size_t pad = spec->width > 0 && (size_t)spec->width > n ? (size_t)spec->width - n : 0;
    for (size_t i = 0; !left && i < pad; i++)
        add_char(s, ' ');
    add_string(s, w, n);
    for (size_t i = 0; left && i < pad; i++)
        add_char(s, ' ');
}

/* A string or character insert; ansi says whether it is in the ANSI code page. */
static void add_text_insert(struct fm_state *s, const struct insert_spec *spec, ULONG_PTR arg, BOOL ansi, BOOL chr)
{
    static const WCHAR null_text[] = u"(null)";
    if (chr) {
        WCHAR c = (WCHAR)arg;
        if (ansi) {
            char b = (char)arg;
            ULONG bytes = 0;
            RtlMultiByteToUnicodeN(&c, sizeof c, &bytes, &b, 1);
        }
        add_padded(s, spec, &c, 1);
    } else if (!arg) {
        add_padded(s, spec, null_text, ARRAY_SIZE(null_text) - 1);
    } else if (ansi) {
        size_t units;
        WCHAR *w = BaseAnsiToWideN((const char *)arg, strlen((const char *)arg), &units);
        if (!w) {
            s->out.failed = TRUE;
            return;
        }
        add_padded(s, spec, w, units);
        RtlFreeHeap(RtlGetProcessHeap(), 0, w);
    } else {
        add_padded(s, spec, (const WCHAR *)arg, RtlpWcslen((const WCHAR *)arg));
    }
}

/* A numeric insert, through the C library's printf, which formats integers and floating point numbers
 * as the Windows one does (%p excepted: Windows prints 16 upper-case digits without "0x"). */
static void add_number_insert(struct fm_state *s, const struct insert_spec *spec, ULONG_PTR arg)
{
    char fmt[32], out[512];
    int n = snprintf(fmt, sizeof fmt, "%%%s", spec->flags);
    if (spec->width >= 0)
        n += snprintf(fmt + n, sizeof fmt - (size_t)n, "%d", spec->width);
    if (spec->precision >= 0)
        n += snprintf(fmt + n, sizeof fmt - (size_t)n, ".%d", spec->precision);
    WCHAR c = spec->conv;
    if (c == 'p') {
        snprintf(fmt + n, sizeof fmt - (size_t)n, "s");
        char digits[17];
        snprintf(digits, sizeof digits, "%016llX", (unsigned long long)arg);
        snprintf(out, sizeof out, fmt, digits);
    } else if (c == 'e' || c == 'E' || c == 'f' || c == 'g' || c == 'G' || c == 'a' || c == 'A') {
        double d;
        memcpy(&d, &arg, sizeof d);
        snprintf(fmt + n, sizeof fmt - (size_t)n, "%c", (char)c);
        snprintf(out, sizeof out, fmt, d);
    } else if (c == 'd' || c == 'i') {
        snprintf(fmt + n, sizeof fmt - (size_t)n, "lld");
        long long v = spec->size == SZ_64 ? (long long)arg : spec->size == SZ_SHORT ? (short)arg : (int)arg;
        snprintf(out, sizeof out, fmt, v);
    } else {
        snprintf(fmt + n, sizeof fmt - (size_t)n, "ll%c", (char)c);
        unsigned long long v = spec->size == SZ_64      ? (unsigned long long)arg
                               : spec->size == SZ_SHORT ? (unsigned short)arg
                                                        : (unsigned)arg;
        snprintf(out, sizeof out, fmt, v);
    }
    add_ascii(s, out);
}

/* Widths and precisions are capped (a stray huge '*' argument must not exhaust memory). */
#define MAX_COUNT 100000

/* Reads a width or precision: digits, or '*' for the next argument. */
static const WCHAR *parse_count(const WCHAR *f, struct fm_args *args, int *insert, int *value)
{
    if (*f == '*') {
        int v = (int)get_arg(args, *insert);
        *value = v > MAX_COUNT ? MAX_COUNT : v < -MAX_COUNT ? -MAX_COUNT : v;
        *insert = -1;   /* the value is the argument after the ones taken */
        return f + 1;
    }
    int v = 0;
    while (*f >= '0' && *f <= '9' && v < MAX_COUNT)
        v = v * 10 + (*f++ - '0');
    *value = v;
    return f;
}

/* Parses "!format!" (f points after the first '!') and formats argument `insert` with it. */
static const WCHAR *format_insert(struct fm_state *s, const WCHAR *f, int insert, struct fm_args *args,
                                  BOOL unicode_caller)
{
    struct insert_spec spec = {{0}, -1, -1, SZ_DEFAULT, 's'};
    size_t nflags = 0;
    BOOL counted = FALSE;
    while (*f && *f < 0x80 && strchr("-+0 #", (char)*f) && nflags < sizeof spec.flags - 1)
        spec.flags[nflags++] = (char)*f++;
    if (*f == '*' || (*f >= '0' && *f <= '9')) {
        counted |= *f == '*';
        f = parse_count(f, args, &insert, &spec.width);
        if (spec.width < 0) {   /* a negative '*' width left-justifies */
            spec.width = -spec.width;
            if (nflags < sizeof spec.flags - 1)
                spec.flags[nflags++] = '-';
        }
    }
    if (*f == '.') {
        f++;
        counted |= *f == '*';
        f = parse_count(f, args, &insert, &spec.precision);
    }
    /* Windows drops one argument after a '*' read from a va_list: the value is the next argument
     * read from the list, not the next number (the "%1!*.*u!,%3!*.*u!" behaviour Wine also keeps). */
    if (counted && args->list)
        args->last--;
    if (f[0] == 'I' && f[1] == '6' && f[2] == '4')
        spec.size = SZ_64, f += 3;
    else if (f[0] == 'I' && f[1] == '3' && f[2] == '2')
        f += 3;
    else if (f[0] == 'I')
        spec.size = SZ_64, f++;
    else if (f[0] == 'l' && f[1] == 'l')
        spec.size = SZ_64, f += 2;
    else if (f[0] == 'l' || f[0] == 'w')
        spec.size = SZ_WIDE, f++;
    else if (f[0] == 'h')
        spec.size = SZ_ANSI, f++;
    else if (f[0] == 'L')
        f++;
    if (*f && *f != '!')
        spec.conv = *f++;
    ULONG_PTR arg = get_arg(args, insert);
    switch (spec.conv) {
    case 's': case 'S': case 'c': case 'C': {
        BOOL upper = spec.conv == 'S' || spec.conv == 'C';
        BOOL ansi = spec.size == SZ_ANSI ? TRUE : spec.size == SZ_WIDE ? FALSE : unicode_caller == upper;
        add_text_insert(s, &spec, arg, ansi, spec.conv == 'c' || spec.conv == 'C');
        break;
    }
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'p':
    case 'e': case 'E': case 'f': case 'g': case 'G': case 'a': case 'A':
        if (spec.size == SZ_ANSI)
            spec.size = SZ_SHORT;   /* 'h' on a number is short */
        add_number_insert(s, &spec, arg);
        break;
    default:
        break;   /* an unknown conversion prints nothing */
    }
    while (*f && *f != '!')
        f++;
    return *f == '!' ? f + 1 : f;
}

/*
 * Expands the template into s->out. Returns 0 or the Win32 error: ERROR_INVALID_PARAMETER for a '%' that
 * ends the template or an insert without arguments, ERROR_NOT_ENOUGH_MEMORY. Stops early once the output
 * reaches `limit` characters (arguments after that point are not taken from the caller's va_list, as on
 * Windows, which formats straight into the caller's buffer).
 */
static DWORD format_message(struct fm_state *s, const WCHAR *f, DWORD flags, struct fm_args *args,
                            BOOL unicode_caller, size_t limit)
{
    BOOL ignore = (flags & FORMAT_MESSAGE_IGNORE_INSERTS) != 0;
    while (*f && s->out.len < limit && !s->out.failed) {
        WCHAR c = *f++;
        if (c == '\r' || c == '\n') {
            if (c == '\r' && *f == '\n')
                f++;
            /* line breaks of the template: kept as "\r\n", or a space when the width is set */
            if (s->width) {
                add_char(s, ' ');
            } else {
                add_char(s, '\r');
                add_char(s, '\n');
            }
            continue;
        }
        if (c != '%') {
            add_char(s, c);
            continue;
        }
        c = *f;
        if (c == 0)
            return ERROR_INVALID_PARAMETER;
        f++;
        if (c >= '1' && c <= '9') {
            if (ignore) {
                add_char(s, '%');
                add_char(s, c);
                continue;
            }
            if (!args->array && !args->list)
                return ERROR_INVALID_PARAMETER;
            int insert = c - '0';
            if (*f >= '0' && *f <= '9')
                insert = insert * 10 + (*f++ - '0');
            if (*f == '!') {
                f = format_insert(s, f + 1, insert, args, unicode_caller);
            } else {
                struct insert_spec spec = {{0}, -1, -1, SZ_DEFAULT, 's'};
                add_text_insert(s, &spec, get_arg(args, insert), !unicode_caller, FALSE);
            }
        } else if (c == '0') {
            break;
        } else if (c == 'n') {
            add_char(s, '\r');
            add_char(s, '\n');
        } else if (c == 'r') {
            add_char(s, '\r');
        } else if (c == 't') {
            add_char(s, '\t');
        } else {
            if (ignore)
                add_char(s, '%');
            add_char(s, c);
        }
    }
    return s->out.failed ? ERROR_NOT_ENOUGH_MEMORY : 0;
}

/* ---- finding the message ---------------------------------------------------------------------------------- */

/* The message definition as a heap UTF-16 string, or NULL with the error in *error. */
static WCHAR *load_message(DWORD flags, LPCVOID source, DWORD id, DWORD lang, DWORD *error)
{
    NTSTATUS status = STATUS_SUCCESS;
    if (flags & FORMAT_MESSAGE_FROM_HMODULE) {
        PVOID module = source ? (PVOID)source : BaseCurrentPeb()->ImageBaseAddress;
        const MESSAGE_RESOURCE_ENTRY *e;
        status = RtlFindMessage(module, RT_MESSAGETABLE, lang, id, &e);
        if (status == STATUS_SUCCESS) {
            size_t bytes = e->Length - offsetof(MESSAGE_RESOURCE_ENTRY, Text);
            if (e->Flags & MESSAGE_RESOURCE_UNICODE) {
                const WCHAR *t = (const WCHAR *)(const void *)e->Text;
                size_t units = 0;
                while (units < bytes / sizeof(WCHAR) && t[units])
                    units++;
                WCHAR *w = RtlAllocateHeap(RtlGetProcessHeap(), 0, (units + 1) * sizeof(WCHAR));
                if (w) {
                    memcpy(w, t, units * sizeof(WCHAR));
                    w[units] = 0;
                }
                *error = w ? 0 : ERROR_NOT_ENOUGH_MEMORY;
                return w;
            }
            size_t n = 0;
            while (n < bytes && e->Text[n])
                n++;
            WCHAR *w = BaseAnsiToWideN((const char *)e->Text, n, NULL);
            *error = w ? 0 : ERROR_NOT_ENOUGH_MEMORY;
            return w;
        }
    }
    if (flags & FORMAT_MESSAGE_FROM_SYSTEM) {
        const char *text = BaseSystemMessageText(id);
        if (!text) {
            *error = ERROR_MR_MID_NOT_FOUND;
            return NULL;
        }
        if (!system_language(lang)) {
            *error = ERROR_RESOURCE_LANG_NOT_FOUND;   /* only the English messages are installed */
            return NULL;
        }
        WCHAR *w = BaseAnsiToWideN(text, strlen(text), NULL);
        *error = w ? 0 : ERROR_NOT_ENOUGH_MEMORY;
        return w;
    }
    *error = RtlNtStatusToDosError(status);
    return NULL;
}

/*
 * The common part of both forms: finds and formats the message into out (UTF-16). Returns 0 or the
 * Win32 error. The template is `from` when the caller converted it (FormatMessageA), else found here.
 */
static DWORD format_common(DWORD flags, LPCVOID source, DWORD id, DWORD lang, __builtin_ms_va_list *list,
                           const WCHAR *from, BOOL unicode_caller, size_t limit, struct wbuf *out)
{
    DWORD error = 0;
    WCHAR *found = NULL;
    if (!from) {
        if (flags & FORMAT_MESSAGE_FROM_STRING)
            from = source;
        else if (flags & (FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_FROM_SYSTEM))
            from = found = load_message(flags, source, id, lang, &error);
        else
            error = ERROR_INVALID_PARAMETER;
        if (!from && !error)
            error = ERROR_INVALID_PARAMETER;   /* FORMAT_MESSAGE_FROM_STRING without a string */
    }
    if (!error) {
        struct fm_args *args = RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof *args);
        struct fm_state s = {{0}, flags & FORMAT_MESSAGE_MAX_WIDTH_MASK, 0, SIZE_MAX, FALSE};
        if (args) {
            args->array = flags & FORMAT_MESSAGE_ARGUMENT_ARRAY ? (const ULONG_PTR *)list : NULL;
            args->list = flags & FORMAT_MESSAGE_ARGUMENT_ARRAY ? NULL : list;
            args->last = 0;
            error = format_message(&s, from, flags, args, unicode_caller, limit);
            RtlFreeHeap(RtlGetProcessHeap(), 0, args);
        } else {
            error = ERROR_NOT_ENOUGH_MEMORY;
        }
        if (!error && !wbuf_reserve(&s.out, 1))
            error = ERROR_NOT_ENOUGH_MEMORY;
        if (!error) {
            s.out.p[s.out.len] = 0;
            *out = s.out;
        } else {
            wbuf_free(&s.out);
        }
    }
    if (found)
        RtlFreeHeap(RtlGetProcessHeap(), 0, found);
    return error;
}

/* ---- the exported functions ------------------------------------------------------------------------------- */

static DWORD fail(DWORD error)
{
    SetLastError(error);
    return 0;
}

DWORD WINAPI FormatMessageW(DWORD flags, LPCVOID source, DWORD id, DWORD lang, LPWSTR buffer, DWORD size,
                            __builtin_ms_va_list *args)
{
    if (!buffer)
        return fail(ERROR_INVALID_PARAMETER);
    BOOL allocate = (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) != 0;
    if (allocate)
        *(LPWSTR *)buffer = NULL;
    struct wbuf out;
    DWORD error = format_common(flags, source, id, lang, args, NULL, TRUE, allocate ? SIZE_MAX : size, &out);
    if (error)
        return fail(error);
    DWORD result = 0;
    if (allocate) {
        if (out.len) {
            size_t units = out.len + 1 > size ? out.len + 1 : size;   /* nSize is the least to allocate */
            LPWSTR p = LocalAlloc(LMEM_ZEROINIT, units * sizeof(WCHAR));
            if (p) {
                memcpy(p, out.p, (out.len + 1) * sizeof(WCHAR));
                *(LPWSTR *)buffer = p;
                result = (DWORD)out.len;
            } else {
                error = ERROR_NOT_ENOUGH_MEMORY;
            }
        }
    } else if (out.len >= size) {
        /* what fits is written, cut and terminated, as Windows formats into the buffer directly */
        if (size) {
            memcpy(buffer, out.p, (size - 1) * sizeof(WCHAR));
            buffer[size - 1] = 0;
        }
        error = ERROR_INSUFFICIENT_BUFFER;
    } else {
        memcpy(buffer, out.p, (out.len + 1) * sizeof(WCHAR));
        result = (DWORD)out.len;
    }
    wbuf_free(&out);
    if (!error && !result)
        error = ERROR_NO_WORK_DONE;   /* an empty message is a failure without text */
    return error ? fail(error) : result;
}

DWORD WINAPI FormatMessageA(DWORD flags, LPCVOID source, DWORD id, DWORD lang, LPSTR buffer, DWORD size,
                            __builtin_ms_va_list *args)
{
    BOOL allocate = (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) != 0;
    if (allocate) {
        if (!buffer)
            return fail(ERROR_NOT_ENOUGH_MEMORY);
        *(LPSTR *)buffer = NULL;
    }
    WCHAR *from = NULL;
    if ((flags & FORMAT_MESSAGE_FROM_STRING) && source) {
        from = BaseAnsiToWideN(source, strlen(source), NULL);
        if (!from)
            return fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    struct wbuf out;
    DWORD error = format_common(flags, source, id, lang, args, from, FALSE, SIZE_MAX, &out);
    BaseFreeWide(from);
    if (error)
        return fail(error);
    ULONG bytes = 0;
    RtlUnicodeToMultiByteN(NULL, 0, &bytes, out.p, (ULONG)(out.len * sizeof(WCHAR)));
    DWORD result = 0;
    if (!out.len) {
        error = ERROR_NO_WORK_DONE;
    } else if (out.len >= ANSI_RESULT_LIMIT) {
        error = ERROR_INVALID_PARAMETER;
    } else if (allocate) {
        LPSTR p = LocalAlloc(LMEM_ZEROINIT, bytes + 1 > size ? bytes + 1 : size);
        if (p) {
            RtlUnicodeToMultiByteN(p, bytes, &bytes, out.p, (ULONG)(out.len * sizeof(WCHAR)));
            *(LPSTR *)buffer = p;
            result = bytes;
        } else {
            error = ERROR_NOT_ENOUGH_MEMORY;
        }
    } else if (!buffer || bytes + 1 > size) {
        error = ERROR_INSUFFICIENT_BUFFER;   /* the buffer is left as it was */
    } else {
        RtlUnicodeToMultiByteN(buffer, bytes, &bytes, out.p, (ULONG)(out.len * sizeof(WCHAR)));
        buffer[bytes] = 0;
        result = bytes;
    }
    wbuf_free(&out);
    return error ? fail(error) : result;
}
