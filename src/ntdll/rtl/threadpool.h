/*
 * ntdll's thread pool (ntdll/rtl/threadpool.c): the Tp* functions kernel32's thread-pool API forwards to or
 * wraps, and the older work-item, timer-queue and registered-wait functions. Objects are opaque pointers:
 * PTP_WORK, PTP_TIMER, PTP_WAIT, PTP_POOL, PTP_CLEANUP_GROUP, PTP_CALLBACK_INSTANCE; environments are
 * TP_CALLBACK_ENVIRON (V1 or V3).
 */
#ifndef NTDLL_RTL_THREADPOOL_H
#define NTDLL_RTL_THREADPOOL_H

#include "nt/ntstatus.h"
#include "nt/peb.h"

NTSTATUS WINAPI TpAllocWork(PVOID *out, PVOID callback, PVOID context, PVOID env);
NTSTATUS WINAPI TpAllocTimer(PVOID *out, PVOID callback, PVOID context, PVOID env);
NTSTATUS WINAPI TpAllocWait(PVOID *out, PVOID callback, PVOID context, PVOID env);
void WINAPI TpPostWork(PVOID work);
NTSTATUS WINAPI TpSimpleTryPost(PVOID callback, PVOID context, PVOID env);
void WINAPI TpWaitForWork(PVOID work, BOOL cancel);
void WINAPI TpWaitForTimer(PVOID timer, BOOL cancel);
void WINAPI TpWaitForWait(PVOID wait, BOOL cancel);
void WINAPI TpSetTimer(PVOID timer, LARGE_INTEGER *due, LONG period, LONG window);
BOOL WINAPI TpSetTimerEx(PVOID timer, LARGE_INTEGER *due, LONG period, LONG window);
BOOL WINAPI TpIsTimerSet(PVOID timer);
void WINAPI TpSetWait(PVOID wait, HANDLE handle, LARGE_INTEGER *timeout);
BOOL WINAPI TpSetWaitEx(PVOID wait, HANDLE handle, LARGE_INTEGER *timeout, PVOID reserved);
void WINAPI TpReleaseWork(PVOID work);
void WINAPI TpReleaseTimer(PVOID timer);
void WINAPI TpReleaseWait(PVOID wait);
NTSTATUS WINAPI TpCallbackMayRunLong(PVOID instance);
void WINAPI TpCallbackSetEventOnCompletion(PVOID instance, HANDLE event);
void WINAPI TpCallbackReleaseSemaphoreOnCompletion(PVOID instance, HANDLE semaphore, LONG count);
void WINAPI TpCallbackReleaseMutexOnCompletion(PVOID instance, HANDLE mutex);
void WINAPI TpCallbackLeaveCriticalSectionOnCompletion(PVOID instance, PRTL_CRITICAL_SECTION section);
void WINAPI TpCallbackUnloadDllOnCompletion(PVOID instance, PVOID module);
void WINAPI TpDisassociateCallback(PVOID instance);
NTSTATUS WINAPI TpAllocPool(PVOID *out, PVOID reserved);
void WINAPI TpReleasePool(PVOID pool);
void WINAPI TpSetPoolMaxThreads(PVOID pool, ULONG max);
BOOL WINAPI TpSetPoolMinThreads(PVOID pool, ULONG min);
NTSTATUS WINAPI TpAllocCleanupGroup(PVOID *out);
void WINAPI TpReleaseCleanupGroup(PVOID group);
void WINAPI TpReleaseCleanupGroupMembers(PVOID group, BOOL cancel, PVOID parameter);
NTSTATUS WINAPI TpAllocIoCompletion(PVOID *out, HANDLE file, PVOID callback, PVOID context, PVOID env);
void WINAPI TpStartAsyncIoOperation(PVOID io);
void WINAPI TpCancelAsyncIoOperation(PVOID io);
void WINAPI TpWaitForIoCompletion(PVOID io, BOOL cancel);
void WINAPI TpReleaseIoCompletion(PVOID io);

NTSTATUS WINAPI RtlQueueWorkItem(PVOID function, PVOID context, ULONG flags);
NTSTATUS WINAPI RtlRegisterWait(PHANDLE out, HANDLE object, PVOID callback, PVOID context, ULONG ms, ULONG flags);
NTSTATUS WINAPI RtlDeregisterWait(HANDLE wait);
NTSTATUS WINAPI RtlDeregisterWaitEx(HANDLE wait, HANDLE completion);
NTSTATUS WINAPI RtlCreateTimerQueue(PHANDLE out);
NTSTATUS WINAPI RtlCreateTimer(HANDLE queue, PHANDLE out, PVOID callback, PVOID context, ULONG due, ULONG period,
                               ULONG flags);
NTSTATUS WINAPI RtlUpdateTimer(HANDLE queue, HANDLE timer, ULONG due, ULONG period);
NTSTATUS WINAPI RtlDeleteTimer(HANDLE queue, HANDLE timer, HANDLE completion);
NTSTATUS WINAPI RtlDeleteTimerQueueEx(HANDLE queue, HANDLE completion);

#endif
