/*
 * cm: the configuration manager (the registry). Keys are objects of type Key behind handles; their
 * contents live in the per-user store of host/regstore.h, shared by every process of the user.
 * Names: \Registry\Machine\..., \Registry\User\<SID or .Default>\..., compared case-insensitively.
 */
#ifndef CM_CM_H
#define CM_CM_H

#include "nt/registry.h"
#include "ob/ob.h"

extern const OBJECT_TYPE *CmKeyObjectType;

/* The SID string of the process's user, as \Registry\User\<SID> names it (HKEY_CURRENT_USER). */
void CmGetCurrentUserSid(WCHAR *buffer, ULONG chars);

struct _IO_STATUS_BLOCK;

NTSTATUS WINAPI NtCreateKey(PHANDLE key, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, ULONG title_index,
                            PUNICODE_STRING class_name, ULONG options, PULONG disposition);
NTSTATUS WINAPI NtOpenKey(PHANDLE key, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes);
NTSTATUS WINAPI NtOpenKeyEx(PHANDLE key, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, ULONG options);
NTSTATUS WINAPI NtQueryKey(HANDLE key, KEY_INFORMATION_CLASS info_class, PVOID info, ULONG length, PULONG result);
NTSTATUS WINAPI NtEnumerateKey(HANDLE key, ULONG index, KEY_INFORMATION_CLASS info_class, PVOID info, ULONG length,
                               PULONG result);
NTSTATUS WINAPI NtEnumerateValueKey(HANDLE key, ULONG index, KEY_VALUE_INFORMATION_CLASS info_class, PVOID info,
                                    ULONG length, PULONG result);
NTSTATUS WINAPI NtQueryValueKey(HANDLE key, PUNICODE_STRING name, KEY_VALUE_INFORMATION_CLASS info_class, PVOID info,
                                ULONG length, PULONG result);
NTSTATUS WINAPI NtSetValueKey(HANDLE key, PUNICODE_STRING name, ULONG title_index, ULONG type, PVOID data,
                              ULONG size);
NTSTATUS WINAPI NtDeleteKey(HANDLE key);
NTSTATUS WINAPI NtDeleteValueKey(HANDLE key, PUNICODE_STRING name);
NTSTATUS WINAPI NtFlushKey(HANDLE key);
NTSTATUS WINAPI NtRenameKey(HANDLE key, PUNICODE_STRING name);
NTSTATUS WINAPI NtNotifyChangeKey(HANDLE key, HANDLE event, PVOID apc_routine, PVOID apc_context,
                                  struct _IO_STATUS_BLOCK *iosb, ULONG filter, BOOLEAN subtree, PVOID buffer,
                                  ULONG buffer_size, BOOLEAN asynchronous);

#endif
