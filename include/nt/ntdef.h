/*
 * Basic NT types as the guest sees them (LLP64: LONG is 32 bits, WCHAR is 16 bits).
 * Every structure shared with guest code is built from these, never from host `long` or `wchar_t`.
 */
#ifndef NT_NTDEF_H
#define NT_NTDEF_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

/* Functions the guest calls (builtin DLL exports) and guest functions the host calls use the Microsoft x64 ABI. */
#define WINAPI __attribute__((ms_abi))
#define NTAPI  WINAPI
#define CDECL  WINAPI

typedef uint8_t  BYTE, UCHAR, BOOLEAN;
typedef int8_t   CHAR_SIGNED;
typedef char     CHAR;
typedef uint16_t WORD, USHORT, WCHAR;
typedef int16_t  SHORT;
typedef uint32_t DWORD, ULONG, UINT;
typedef int32_t  LONG, INT, BOOL, NTSTATUS;
typedef uint64_t ULONGLONG, DWORD64, ULONG64, ULONG_PTR, SIZE_T, DWORD_PTR;
typedef int64_t  LONGLONG, LONG64, LONG_PTR, SSIZE_T, INT_PTR;
typedef void    *PVOID, *HANDLE, *HMODULE, *HINSTANCE;
typedef const void *LPCVOID;
typedef void *LPVOID;
typedef CHAR    *PSTR, *LPSTR;
typedef const CHAR *PCSTR, *LPCSTR;
typedef WCHAR   *PWSTR, *LPWSTR;
typedef const WCHAR *PCWSTR, *LPCWSTR;
typedef ULONG   *PULONG;
typedef LONG    *PLONG;
typedef DWORD   *LPDWORD;
typedef HANDLE  *PHANDLE;
typedef SIZE_T  *PSIZE_T;
typedef ULONG_PTR *PULONG_PTR;
typedef ULONG    ACCESS_MASK;

#define TRUE  1
#define FALSE 0

#define NT_SUCCESS(s) ((NTSTATUS)(s) >= 0)

#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)
#define NtCurrentProcess()   ((HANDLE)(LONG_PTR)-1)
#define NtCurrentThread()    ((HANDLE)(LONG_PTR)-2)

typedef union {
    struct { ULONG LowPart; LONG HighPart; };
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union {
    struct { ULONG LowPart; ULONG HighPart; };
    ULONGLONG QuadPart;
} ULARGE_INTEGER;

typedef struct _LIST_ENTRY {
    struct _LIST_ENTRY *Flink;
    struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY;

/* Length and MaximumLength are in bytes, not characters; Buffer need not be NUL-terminated. */
typedef struct _UNICODE_STRING {
    USHORT Length;
    USHORT MaximumLength;
    PWSTR  Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;

typedef struct _ANSI_STRING {
    USHORT Length;
    USHORT MaximumLength;
    PSTR   Buffer;
} ANSI_STRING, *PANSI_STRING, STRING, *PSTRING;

typedef struct _CLIENT_ID {
    HANDLE UniqueProcess;
    HANDLE UniqueThread;
} CLIENT_ID, *PCLIENT_ID;

typedef struct _GUID {
    ULONG  Data1;
    USHORT Data2, Data3;
    UCHAR  Data4[8];
} GUID;

typedef struct __attribute__((aligned(16))) _M128A {
    ULONGLONG Low;
    LONGLONG  High;
} M128A;

static_assert(sizeof(UNICODE_STRING) == 16, "UNICODE_STRING");
static_assert(offsetof(UNICODE_STRING, Buffer) == 8, "UNICODE_STRING.Buffer");
static_assert(sizeof(LIST_ENTRY) == 16, "LIST_ENTRY");
static_assert(sizeof(CLIENT_ID) == 16, "CLIENT_ID");
static_assert(sizeof(GUID) == 16, "GUID");
static_assert(sizeof(LONG) == 4 && sizeof(WCHAR) == 2, "LLP64 guest types");

/* Intrusive doubly linked lists, as ntdll's Ldr lists are walked by guest code. */
static inline void InitializeListHead(PLIST_ENTRY h) { h->Flink = h->Blink = h; }
static inline int IsListEmpty(const LIST_ENTRY *h) { return h->Flink == h; }
static inline void InsertTailList(PLIST_ENTRY h, PLIST_ENTRY e)
{
    e->Flink = h;
    e->Blink = h->Blink;
    h->Blink->Flink = e;
    h->Blink = e;
}
static inline void InsertHeadList(PLIST_ENTRY h, PLIST_ENTRY e)
{
    e->Blink = h;
    e->Flink = h->Flink;
    h->Flink->Blink = e;
    h->Flink = e;
}
static inline void RemoveEntryList(PLIST_ENTRY e)
{
    e->Blink->Flink = e->Flink;
    e->Flink->Blink = e->Blink;
    e->Flink = e->Blink = e;
}

#define CONTAINING_RECORD(addr, type, field) ((type *)((char *)(addr) - offsetof(type, field)))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
