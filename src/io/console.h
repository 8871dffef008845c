/*
 * The console driver's controls (NtDeviceIoControlFile), as kernelbase reaches condrv on Windows 8 and
 * later. The codes are ntexec's own (FILE_DEVICE_CONSOLE, functions 0x800 and up); a guest that sends
 * Windows' codes gets STATUS_INVALID_DEVICE_REQUEST.
 */
#ifndef IO_CONSOLE_H
#define IO_CONSOLE_H

#include "io/io.h"
#include "nt/file.h"

#define IO_CTL_CODE(type, function) (((type) << 16) | ((function) << 2))   /* METHOD_BUFFERED, FILE_ANY_ACCESS */

/* out: ULONG, the mode of the console input buffer or screen buffer the handle names */
#define IOCTL_CONDRV_GET_MODE       IO_CTL_CODE(FILE_DEVICE_CONSOLE, 0x800)
/* in: ULONG, the new mode; STATUS_INVALID_PARAMETER for bits the buffer does not have (an input buffer
 * takes the mode all the same, as conhost does) */
#define IOCTL_CONDRV_SET_MODE       IO_CTL_CODE(FILE_DEVICE_CONSOLE, 0x801)
/* out: ULONG, nonzero when input is waiting; for any readable file (a console or not) */
#define IOCTL_CONDRV_INPUT_PENDING  IO_CTL_CODE(FILE_DEVICE_CONSOLE, 0x802)
/* out: two ULONGs, the columns and rows of the terminal behind a screen buffer handle */
#define IOCTL_CONDRV_GET_SIZE       IO_CTL_CODE(FILE_DEVICE_CONSOLE, 0x803)
/* no data: STATUS_SUCCESS when the handle names the screen buffer (the console's one, always the active
 * one), STATUS_INVALID_HANDLE for the input buffer or a file that is no console */
#define IOCTL_CONDRV_SCREEN_BUFFER  IO_CTL_CODE(FILE_DEVICE_CONSOLE, 0x804)

/* Input modes (a console input buffer) */
#define ENABLE_PROCESSED_INPUT        0x0001
#define ENABLE_LINE_INPUT             0x0002
#define ENABLE_ECHO_INPUT             0x0004
#define ENABLE_WINDOW_INPUT           0x0008
#define ENABLE_MOUSE_INPUT            0x0010
#define ENABLE_INSERT_MODE            0x0020
#define ENABLE_QUICK_EDIT_MODE        0x0040
#define ENABLE_EXTENDED_FLAGS         0x0080
#define ENABLE_AUTO_POSITION          0x0100
#define ENABLE_VIRTUAL_TERMINAL_INPUT 0x0200
/* Output modes (a screen buffer) */
#define ENABLE_PROCESSED_OUTPUT            0x0001
#define ENABLE_WRAP_AT_EOL_OUTPUT          0x0002
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#define DISABLE_NEWLINE_AUTO_RETURN        0x0008
#define ENABLE_LVB_GRID_WORLDWIDE          0x0010

NTSTATUS WINAPI NtDeviceIoControlFile(HANDLE handle, HANDLE event, PVOID apc, PVOID apc_context,
                                      PIO_STATUS_BLOCK io, ULONG code, PVOID in, ULONG in_length, PVOID out,
                                      ULONG out_length);

#endif
