/*
 * kernel32.dll and KERNELBASE.dll: one export table serves both (kernelbase holds the implementations
 * on Windows; here both name the same host functions). Functions ntdll implements are forwarders, as
 * in the real kernel32.
 */
#include "io/builtin.h"
#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/exception.h"
#include "win32/k32.h"

/* Only the addresses matter here, so every export is declared with one neutral function type. */
#define DECLARE(name) extern void WINAPI name##_export(void) __asm__(#name);
DECLARE(BaseThreadInitThunk)
DECLARE(GetTimeZoneInformationForYear)
DECLARE(FindFirstFileExW)
DECLARE(CreateConsoleScreenBuffer)
DECLARE(SetConsoleActiveScreenBuffer)
DECLARE(ReadFileEx)
DECLARE(WriteFileEx)
DECLARE(SetThreadErrorMode)
DECLARE(GetThreadErrorMode)
DECLARE(IsThreadAFiber)
DECLARE(GetThreadDescription)
DECLARE(SetThreadDescription)
DECLARE(CreateRemoteThreadEx)
DECLARE(GetProcessIdOfThread)
DECLARE(GetCurrentThreadStackLimits)
DECLARE(SetThreadStackGuarantee)
DECLARE(GetThreadIOPendingFlag)
DECLARE(SetProcessPriorityBoost)
DECLARE(GetProcessPriorityBoost)
DECLARE(GetSystemDirectoryA)
DECLARE(GetSystemDirectoryW)
DECLARE(CloseHandle)
DECLARE(CompareFileTime)
DECLARE(CreateDirectoryA)
DECLARE(CreateDirectoryW)
DECLARE(CreateEventA)
DECLARE(CreateEventExW)
DECLARE(CreateEventW)
DECLARE(CreateFileA)
DECLARE(CreateFileW)
DECLARE(CreateMutexA)
DECLARE(CreateMutexExW)
DECLARE(CreateMutexW)
DECLARE(CreateProcessA)
DECLARE(CreateProcessInternalW)
DECLARE(CreateProcessW)
DECLARE(CreateRemoteThread)
DECLARE(CreateSemaphoreA)
DECLARE(CreateSemaphoreExW)
DECLARE(CreateSemaphoreW)
DECLARE(CreateThread)
DECLARE(DeleteFileA)
DECLARE(DeleteFileW)
DECLARE(DisableThreadLibraryCalls)
DECLARE(DuplicateHandle)
DECLARE(ExitProcess)
DECLARE(ExitThread)
DECLARE(ExpandEnvironmentStringsA)
DECLARE(ExpandEnvironmentStringsW)
DECLARE(FileTimeToLocalFileTime)
DECLARE(FileTimeToSystemTime)
DECLARE(FlushFileBuffers)
DECLARE(FlushInstructionCache)
DECLARE(FreeEnvironmentStringsA)
DECLARE(FreeEnvironmentStringsW)
DECLARE(FreeLibrary)
DECLARE(GetACP)
DECLARE(GetCPInfo)
DECLARE(GetCommandLineA)
DECLARE(GetCommandLineW)
DECLARE(GetComputerNameA)
DECLARE(GetComputerNameW)
DECLARE(GetConsoleCP)
DECLARE(GetConsoleMode)
DECLARE(GetConsoleOutputCP)
DECLARE(GetConsoleWindow)
DECLARE(GetCurrentDirectoryA)
DECLARE(GetCurrentDirectoryW)
DECLARE(GetCurrentProcess)
DECLARE(GetCurrentProcessId)
DECLARE(GetCurrentThread)
DECLARE(GetCurrentThreadId)
DECLARE(GetEnvironmentStringsA)
DECLARE(GetEnvironmentStringsW)
DECLARE(GetEnvironmentVariableA)
DECLARE(GetEnvironmentVariableW)
DECLARE(GetErrorMode)
DECLARE(GetExitCodeProcess)
DECLARE(GetExitCodeThread)
DECLARE(GetFileAttributesA)
DECLARE(GetFileAttributesW)
DECLARE(GetFileSize)
DECLARE(GetFileSizeEx)
DECLARE(GetFileType)
DECLARE(CreatePipe)
DECLARE(PeekNamedPipe)
DECLARE(CreateNamedPipeW)
DECLARE(CreateNamedPipeA)
DECLARE(ConnectNamedPipe)
DECLARE(DisconnectNamedPipe)
DECLARE(WaitNamedPipeW)
DECLARE(WaitNamedPipeA)
DECLARE(GetNamedPipeInfo)
DECLARE(SetNamedPipeHandleState)
DECLARE(TransactNamedPipe)
DECLARE(CallNamedPipeW)
DECLARE(CallNamedPipeA)
DECLARE(GetFullPathNameA)
DECLARE(GetFullPathNameW)
DECLARE(GetHandleInformation)
DECLARE(GetLastError)
DECLARE(GetLocalTime)
DECLARE(GetModuleFileNameA)
DECLARE(GetModuleFileNameW)
DECLARE(GetModuleHandleA)
DECLARE(GetModuleHandleExA)
DECLARE(GetModuleHandleExW)
DECLARE(GetModuleHandleW)
DECLARE(GetNativeSystemInfo)
DECLARE(GetOEMCP)
DECLARE(GetProcAddress)
DECLARE(DelayLoadFailureHook)
DECLARE(CreateFileMappingA)
DECLARE(CreateFileMappingW)
DECLARE(OpenFileMappingA)
DECLARE(OpenFileMappingW)
DECLARE(MapViewOfFile)
DECLARE(MapViewOfFileEx)
DECLARE(UnmapViewOfFile)
DECLARE(FlushViewOfFile)
DECLARE(LocalFileTimeToFileTime)
DECLARE(SetFileApisToOEM)
DECLARE(SetFileApisToANSI)
DECLARE(AreFileApisANSI)
DECLARE(GetLogicalDrives)
DECLARE(GetLogicalDriveStringsA)
DECLARE(GetLogicalDriveStringsW)
DECLARE(GetDriveTypeA)
DECLARE(GetDriveTypeW)
DECLARE(DeviceIoControl)
DECLARE(RaiseFailFastException)
DECLARE(GetProcessHeap)
DECLARE(GetProcessHeaps)
DECLARE(GetProcessId)
DECLARE(GetStartupInfoA)
DECLARE(GetStartupInfoW)
DECLARE(GetStdHandle)
DECLARE(GetSystemInfo)
DECLARE(GetSystemTime)
DECLARE(GetSystemTimeAsFileTime)
DECLARE(GetSystemTimePreciseAsFileTime)
DECLARE(GetThreadId)
DECLARE(GetTickCount)
DECLARE(GetTimeZoneInformation)
DECLARE(GetTickCount64)
DECLARE(GetVersion)
DECLARE(GetVersionExA)
DECLARE(GetVersionExW)
DECLARE(GlobalAlloc)
DECLARE(GlobalFree)
DECLARE(GlobalLock)
DECLARE(GlobalReAlloc)
DECLARE(GlobalUnlock)
DECLARE(HeapCreate)
DECLARE(HeapDestroy)
DECLARE(HeapFree)
DECLARE(HeapSetInformation)
DECLARE(HeapSize)
DECLARE(HeapValidate)
DECLARE(InitializeCriticalSectionAndSpinCount)
DECLARE(InitializeCriticalSectionEx)
DECLARE(IsDBCSLeadByte)
DECLARE(IsDBCSLeadByteEx)
DECLARE(IsDebuggerPresent)
DECLARE(IsProcessorFeaturePresent)
DECLARE(IsValidCodePage)
DECLARE(IsWow64Process)
DECLARE(LoadLibraryA)
DECLARE(LoadLibraryExA)
DECLARE(LoadLibraryExW)
DECLARE(LoadLibraryW)
DECLARE(LocalAlloc)
DECLARE(LocalFree)
DECLARE(LocalReAlloc)
DECLARE(MultiByteToWideChar)
DECLARE(OpenEventA)
DECLARE(OpenEventW)
DECLARE(OpenMutexW)
DECLARE(OpenSemaphoreW)
DECLARE(OutputDebugStringA)
DECLARE(OutputDebugStringW)
DECLARE(PulseEvent)
DECLARE(QueryPerformanceCounter)
DECLARE(QueryPerformanceFrequency)
DECLARE(RaiseException)
DECLARE(ReadConsoleA)
DECLARE(ReadConsoleW)
DECLARE(ReadFile)
DECLARE(ReleaseMutex)
DECLARE(ReleaseSemaphore)
DECLARE(RemoveDirectoryA)
DECLARE(RemoveDirectoryW)
DECLARE(ResetEvent)
DECLARE(ResumeThread)
DECLARE(SetConsoleCP)
DECLARE(SetConsoleCtrlHandler)
DECLARE(SetConsoleMode)
DECLARE(SetConsoleOutputCP)
DECLARE(SetConsoleTitleA)
DECLARE(SetConsoleTitleW)
DECLARE(SetCurrentDirectoryA)
DECLARE(SetCurrentDirectoryW)
DECLARE(SetEndOfFile)
DECLARE(SetEnvironmentVariableA)
DECLARE(SetEnvironmentVariableW)
DECLARE(SetErrorMode)
DECLARE(SetEvent)
DECLARE(SetFilePointer)
DECLARE(SetFilePointerEx)
DECLARE(SetHandleInformation)
DECLARE(SetLastError)
DECLARE(SetStdHandle)
DECLARE(SetUnhandledExceptionFilter)
DECLARE(Sleep)
DECLARE(SleepEx)
DECLARE(SuspendThread)
DECLARE(SwitchToThread)
DECLARE(SystemTimeToFileTime)
DECLARE(TerminateProcess)
DECLARE(TerminateThread)
DECLARE(TlsAlloc)
DECLARE(TlsFree)
DECLARE(TlsGetValue)
DECLARE(TlsSetValue)
DECLARE(UnhandledExceptionFilter)
DECLARE(VirtualAlloc)
DECLARE(VirtualAllocEx)
DECLARE(VirtualFree)
DECLARE(VirtualFreeEx)
DECLARE(VirtualProtect)
DECLARE(VirtualProtectEx)
DECLARE(VirtualQuery)
DECLARE(VirtualQueryEx)
DECLARE(ReadProcessMemory)
DECLARE(GetProcessHandleCount)
DECLARE(K32GetProcessMemoryInfo)
DECLARE(CancelIoEx)
DECLARE(CancelIo)
DECLARE(GenerateConsoleCtrlEvent)
DECLARE(SearchPathW)
DECLARE(SearchPathA)
DECLARE(InitializeProcThreadAttributeList)
DECLARE(UpdateProcThreadAttribute)
DECLARE(DeleteProcThreadAttributeList)
DECLARE(WriteProcessMemory)
DECLARE(WaitForMultipleObjects)
DECLARE(WaitForMultipleObjectsEx)
DECLARE(WaitForSingleObject)
DECLARE(WaitForSingleObjectEx)
DECLARE(WideCharToMultiByte)
DECLARE(WriteConsoleA)
DECLARE(WriteConsoleW)
DECLARE(WriteFile)
DECLARE(lstrlenA)
DECLARE(lstrlenW)
/* files by name, by handle, and directory listing (win32/fileext.c) */
DECLARE(FindClose)
DECLARE(FindFirstFileA)
DECLARE(FindFirstFileW)
DECLARE(FindNextFileA)
DECLARE(FindNextFileW)
DECLARE(GetFileAttributesExA)
DECLARE(GetFileAttributesExW)
DECLARE(GetFileInformationByHandle)
DECLARE(GetFileTime)
DECLARE(GetTempPathA)
DECLARE(GetTempPathW)
DECLARE(MoveFileA)
DECLARE(MoveFileExA)
DECLARE(MoveFileExW)
DECLARE(MoveFileW)
DECLARE(SetFileAttributesA)
DECLARE(SetFileAttributesW)
DECLARE(SetFileTime)
/* messages (win32/message.c) */
DECLARE(FormatMessageA)
DECLARE(FormatMessageW)
/* volumes, free space and hard links (win32/volume.c) */
DECLARE(CreateHardLinkA)
DECLARE(CreateHardLinkW)
DECLARE(FindFirstVolumeA)
DECLARE(FindFirstVolumeW)
DECLARE(FindNextVolumeA)
DECLARE(FindNextVolumeW)
DECLARE(FindVolumeClose)
DECLARE(GetDiskFreeSpaceA)
DECLARE(GetDiskFreeSpaceExA)
DECLARE(GetDiskFreeSpaceExW)
DECLARE(GetDiskFreeSpaceW)
DECLARE(GetVolumeInformationA)
DECLARE(GetVolumeInformationByHandleW)
DECLARE(GetVolumeInformationW)
DECLARE(GetVolumeNameForVolumeMountPointA)
DECLARE(GetVolumeNameForVolumeMountPointW)
DECLARE(GetVolumePathNameA)
DECLARE(GetVolumePathNameW)
DECLARE(GetVolumePathNamesForVolumeNameW)
DECLARE(CopyFileA)
DECLARE(CopyFileW)
DECLARE(LockFile)
DECLARE(LockFileEx)
DECLARE(UnlockFile)
DECLARE(UnlockFileEx)
/* local and global memory (win32/memory.c) */
DECLARE(GlobalFlags)
DECLARE(GlobalHandle)
DECLARE(GlobalSize)
DECLARE(LocalFlags)
DECLARE(LocalHandle)
DECLARE(LocalLock)
DECLARE(LocalSize)
DECLARE(LocalUnlock)
/* win32/conctrl.c */
DECLARE(CtrlRoutine)
/* threads and synchronization (win32/sync.c, win32/thread.c) */
DECLARE(FlsAlloc)
DECLARE(FlsFree)
DECLARE(FlsGetValue)
DECLARE(FlsSetValue)
DECLARE(GetProcessAffinityMask)
DECLARE(GetThreadContext)
DECLARE(GetThreadPriority)
DECLARE(GetThreadPriorityBoost)
DECLARE(InitOnceBeginInitialize)
DECLARE(InitOnceComplete)
DECLARE(InitOnceExecuteOnce)
DECLARE(OpenProcess)
DECLARE(SetProcessAffinityMask)
DECLARE(SetThreadAffinityMask)
DECLARE(SetThreadContext)
DECLARE(SetThreadPriority)
DECLARE(SetThreadPriorityBoost)
DECLARE(SleepConditionVariableCS)
DECLARE(SleepConditionVariableSRW)
DECLARE(WaitOnAddress)
DECLARE(GetProcessTimes)
DECLARE(GetSystemTimeAdjustment)
DECLARE(GetThreadTimes)
DECLARE(SetLocalTime)
DECLARE(SetSystemTime)
/* APCs, SignalObjectAndWait and waitable timers (win32/sync.c) */
DECLARE(QueueUserAPC)
DECLARE(SignalObjectAndWait)
DECLARE(CreateWaitableTimerA)
DECLARE(CreateWaitableTimerW)
DECLARE(CreateWaitableTimerExA)
DECLARE(CreateWaitableTimerExW)
DECLARE(OpenWaitableTimerA)
DECLARE(OpenWaitableTimerW)
DECLARE(SetWaitableTimer)
DECLARE(SetWaitableTimerEx)
DECLARE(CancelWaitableTimer)
DECLARE(CreateIoCompletionPort)
DECLARE(GetQueuedCompletionStatus)
DECLARE(GetQueuedCompletionStatusEx)
DECLARE(PostQueuedCompletionStatus)
DECLARE(SetFileCompletionNotificationModes)
DECLARE(GetOverlappedResult)
DECLARE(GetOverlappedResultEx)
DECLARE(CreateThreadpool)
DECLARE(CreateThreadpoolCleanupGroup)
DECLARE(CreateThreadpoolWork)
DECLARE(CreateThreadpoolTimer)
DECLARE(CreateThreadpoolWait)
DECLARE(CreateThreadpoolIo)
DECLARE(TrySubmitThreadpoolCallback)
DECLARE(CallbackMayRunLong)
DECLARE(QueueUserWorkItem)
DECLARE(CreateTimerQueue)
DECLARE(CreateTimerQueueTimer)
DECLARE(SetTimerQueueTimer)
DECLARE(ChangeTimerQueueTimer)
DECLARE(DeleteTimerQueueTimer)
DECLARE(CancelTimerQueueTimer)
DECLARE(DeleteTimerQueueEx)
DECLARE(DeleteTimerQueue)
DECLARE(RegisterWaitForSingleObject)
DECLARE(RegisterWaitForSingleObjectEx)
DECLARE(UnregisterWaitEx)
DECLARE(UnregisterWait)
DECLARE(GetComputerNameExA)
DECLARE(GetComputerNameExW)
DECLARE(CompareStringA)
DECLARE(CompareStringW)
DECLARE(CompareStringEx)
DECLARE(CompareStringOrdinal)
DECLARE(lstrcmpA)
DECLARE(lstrcmpW)
DECLARE(lstrcmpiA)
DECLARE(lstrcmpiW)
DECLARE(LCMapStringA)
DECLARE(LCMapStringW)
DECLARE(LCMapStringEx)
DECLARE(FoldStringW)
DECLARE(GetStringTypeW)
DECLARE(GetStringTypeExW)
DECLARE(GetStringTypeA)
DECLARE(GetStringTypeExA)
DECLARE(lstrcpyA)
DECLARE(lstrcpyW)
DECLARE(lstrcpynA)
DECLARE(lstrcpynW)
DECLARE(lstrcatA)
DECLARE(lstrcatW)
DECLARE(GetCPInfoExA)
DECLARE(GetCPInfoExW)
DECLARE(GetLocaleInfoA)
DECLARE(GetLocaleInfoW)
DECLARE(GetLocaleInfoEx)
DECLARE(GetUserDefaultLCID)
DECLARE(GetSystemDefaultLCID)
DECLARE(GetUserDefaultLangID)
DECLARE(GetSystemDefaultLangID)
DECLARE(GetUserDefaultUILanguage)
DECLARE(GetSystemDefaultUILanguage)
DECLARE(GetThreadLocale)
DECLARE(SetThreadLocale)
DECLARE(IsValidLocale)
DECLARE(IsValidLocaleName)
DECLARE(GetUserDefaultLocaleName)
DECLARE(GetSystemDefaultLocaleName)
DECLARE(LocaleNameToLCID)
DECLARE(LCIDToLocaleName)
DECLARE(EnumSystemLocalesA)
DECLARE(EnumSystemLocalesW)
DECLARE(GetDateFormatA)
DECLARE(GetDateFormatW)
DECLARE(GetDateFormatEx)
DECLARE(GetTimeFormatA)
DECLARE(GetTimeFormatW)
DECLARE(GetTimeFormatEx)
DECLARE(GetConsoleScreenBufferInfo)
DECLARE(GetConsoleScreenBufferInfoEx)
DECLARE(SetConsoleTextAttribute)
DECLARE(SetConsoleCursorPosition)
DECLARE(FillConsoleOutputCharacterW)
DECLARE(FillConsoleOutputCharacterA)
DECLARE(FillConsoleOutputAttribute)
DECLARE(ScrollConsoleScreenBufferW)
DECLARE(ScrollConsoleScreenBufferA)
DECLARE(GetConsoleCursorInfo)
DECLARE(SetConsoleCursorInfo)
DECLARE(GetConsoleTitleW)
DECLARE(GetConsoleTitleA)
DECLARE(GetNumberFormatW)
DECLARE(GetNumberFormatEx)
DECLARE(ReadConsoleInputW)
DECLARE(ReadConsoleInputA)
DECLARE(PeekConsoleInputW)
DECLARE(PeekConsoleInputA)
DECLARE(GetNumberOfConsoleInputEvents)
DECLARE(FlushConsoleInputBuffer)
DECLARE(GetThreadUILanguage)
DECLARE(SetThreadUILanguage)
DECLARE(GetUserPreferredUILanguages)
DECLARE(GetSystemPreferredUILanguages)
DECLARE(GetThreadPreferredUILanguages)
DECLARE(AllocConsole)
DECLARE(AttachConsole)
DECLARE(FreeConsole)
DECLARE(GetLargestConsoleWindowSize)
DECLARE(WriteConsoleInputW)
DECLARE(WriteConsoleInputA)
DECLARE(GetCurrencyFormatW)
DECLARE(GetCurrencyFormatEx)
DECLARE(GetCurrencyFormatA)
DECLARE(GetNumberFormatA)
DECLARE(EnumSystemCodePagesW)
DECLARE(EnumSystemCodePagesA)
DECLARE(FoldStringA)
DECLARE(WriteConsoleOutputCharacterW)
DECLARE(WriteConsoleOutputCharacterA)
DECLARE(WriteConsoleOutputW)
DECLARE(WriteConsoleOutputA)
DECLARE(WriteConsoleOutputAttribute)
DECLARE(ReadConsoleOutputCharacterW)
DECLARE(ReadConsoleOutputCharacterA)
DECLARE(ReadConsoleOutputAttribute)
DECLARE(ReadConsoleOutputW)
DECLARE(ReadConsoleOutputA)
DECLARE(GetWindowsDirectoryW)
DECLARE(GetWindowsDirectoryA)
DECLARE(GetSystemWindowsDirectoryW)
DECLARE(GetSystemWindowsDirectoryA)
DECLARE(GetSystemWow64DirectoryW)
DECLARE(GetSystemWow64DirectoryA)
DECLARE(GetLongPathNameW)
DECLARE(GetShortPathNameW)
DECLARE(GetLongPathNameA)
DECLARE(GetShortPathNameA)
DECLARE(GetTempFileNameW)
DECLARE(GetTempFileNameA)
DECLARE(DosDateTimeToFileTime)
DECLARE(FileTimeToDosDateTime)
DECLARE(SetVolumeLabelW)
DECLARE(SetVolumeLabelA)
DECLARE(IsBadReadPtr)
DECLARE(IsBadWritePtr)
DECLARE(IsBadHugeReadPtr)
DECLARE(IsBadHugeWritePtr)
DECLARE(IsBadCodePtr)
DECLARE(IsBadStringPtrA)
DECLARE(IsBadStringPtrW)
DECLARE(GetPrivateProfileStringW)
DECLARE(GetPrivateProfileStringA)
DECLARE(GetProfileStringW)
DECLARE(GetProfileStringA)
DECLARE(GetPrivateProfileIntW)
DECLARE(GetPrivateProfileIntA)
DECLARE(GetProfileIntW)
DECLARE(GetProfileIntA)
DECLARE(GetPrivateProfileSectionW)
DECLARE(GetPrivateProfileSectionA)
DECLARE(GetProfileSectionW)
DECLARE(GetProfileSectionA)
DECLARE(GetPrivateProfileSectionNamesW)
DECLARE(GetPrivateProfileSectionNamesA)
DECLARE(WritePrivateProfileStringW)
DECLARE(WritePrivateProfileStringA)
DECLARE(WriteProfileStringW)
DECLARE(WriteProfileStringA)
DECLARE(WritePrivateProfileSectionW)
DECLARE(WritePrivateProfileSectionA)
DECLARE(WriteProfileSectionW)
DECLARE(WriteProfileSectionA)
DECLARE(GetFileInformationByHandleEx)
DECLARE(SetFileInformationByHandle)
DECLARE(GetFinalPathNameByHandleW)
DECLARE(GetFinalPathNameByHandleA)
DECLARE(ReplaceFileW)
DECLARE(ReplaceFileA)
DECLARE(GlobalMemoryStatusEx)
DECLARE(GlobalMemoryStatus)
DECLARE(GetPhysicallyInstalledSystemMemory)
DECLARE(GetSystemTimes)
DECLARE(WerSetFlags)
DECLARE(WerGetFlags)
DECLARE(WerRegisterMemoryBlock)
DECLARE(WerUnregisterMemoryBlock)
DECLARE(WerRegisterFile)
DECLARE(WerUnregisterFile)
DECLARE(WerRegisterRuntimeExceptionModule)
DECLARE(WerUnregisterRuntimeExceptionModule)
DECLARE(GetLogicalProcessorInformation)
DECLARE(GetLogicalProcessorInformationEx)
DECLARE(CreateSymbolicLinkW)
DECLARE(CreateSymbolicLinkA)
DECLARE(SetDllDirectoryW)
DECLARE(SetDllDirectoryA)
DECLARE(GetDllDirectoryW)
DECLARE(GetDllDirectoryA)
DECLARE(ReadDirectoryChangesW)
DECLARE(K32EnumProcessModulesEx)
DECLARE(K32EnumProcessModules)
DECLARE(K32EnumProcesses)
DECLARE(K32GetModuleBaseNameA)
DECLARE(K32GetModuleBaseNameW)
DECLARE(K32GetModuleFileNameExA)
DECLARE(K32GetModuleFileNameExW)
DECLARE(K32GetModuleInformation)
DECLARE(K32GetProcessImageFileNameA)
DECLARE(K32GetProcessImageFileNameW)
DECLARE(AddDllDirectory)
DECLARE(RemoveDllDirectory)
DECLARE(SetDefaultDllDirectories)
DECLARE(FreeLibraryAndExitThread)
DECLARE(GetLargePageMinimum)
DECLARE(MoveFileWithProgressW)
DECLARE(CopyFileExW)
DECLARE(FindFirstStreamW)
DECLARE(FindNextStreamW)
DECLARE(FindResourceW)
DECLARE(FindResourceA)
DECLARE(FindResourceExW)
DECLARE(FindResourceExA)
DECLARE(LoadResource)
DECLARE(LockResource)
DECLARE(SizeofResource)
DECLARE(FreeResource)
DECLARE(EnumResourceTypesW)
DECLARE(EnumResourceTypesA)
DECLARE(EnumResourceTypesExW)
DECLARE(EnumResourceTypesExA)
DECLARE(EnumResourceNamesW)
DECLARE(EnumResourceNamesA)
DECLARE(EnumResourceNamesExW)
DECLARE(EnumResourceNamesExA)
DECLARE(EnumResourceLanguagesW)
DECLARE(EnumResourceLanguagesA)
DECLARE(EnumResourceLanguagesExW)
DECLARE(EnumResourceLanguagesExA)
#undef DECLARE
/* The first KERNELBASE_ONLY rows are KERNELBASE.dll's alone: Windows' kernel32 does not export them. */
#define KERNELBASE_ONLY 3
static const struct builtin_export kernel32_exports[] = {
    BUILTIN_FUNCTION("WaitOnAddress", WaitOnAddress_export),
    BUILTIN_FORWARDER("WakeByAddressAll", "ntdll.RtlWakeAddressAll"),
    BUILTIN_FORWARDER("WakeByAddressSingle", "ntdll.RtlWakeAddressSingle"),
    /* kernel32 and kernelbase */
    BUILTIN_FORWARDER("AddVectoredContinueHandler", "NTDLL.RtlAddVectoredContinueHandler"),
    BUILTIN_FORWARDER("AddVectoredExceptionHandler", "NTDLL.RtlAddVectoredExceptionHandler"),
    BUILTIN_FUNCTION("BaseThreadInitThunk", BaseThreadInitThunk_export),
    BUILTIN_FUNCTION("CloseHandle", CloseHandle_export),
    BUILTIN_FUNCTION("CompareFileTime", CompareFileTime_export),
    BUILTIN_FUNCTION("CreateDirectoryA", CreateDirectoryA_export),
    BUILTIN_FUNCTION("CreateDirectoryW", CreateDirectoryW_export),
    BUILTIN_FUNCTION("CreateEventA", CreateEventA_export),
    BUILTIN_FUNCTION("CreateEventExW", CreateEventExW_export),
    BUILTIN_FUNCTION("CreateEventW", CreateEventW_export),
    BUILTIN_FUNCTION("CreateFileA", CreateFileA_export),
    BUILTIN_FUNCTION("CreateFileW", CreateFileW_export),
    BUILTIN_FUNCTION("CreateMutexA", CreateMutexA_export),
    BUILTIN_FUNCTION("CreateMutexExW", CreateMutexExW_export),
    BUILTIN_FUNCTION("CreateMutexW", CreateMutexW_export),
    BUILTIN_FUNCTION("CreateProcessA", CreateProcessA_export),
    BUILTIN_FUNCTION("CreateProcessInternalW", CreateProcessInternalW_export),
    BUILTIN_FUNCTION("CreateProcessW", CreateProcessW_export),
    BUILTIN_FUNCTION("CreateRemoteThread", CreateRemoteThread_export),
    BUILTIN_FUNCTION("CreateSemaphoreA", CreateSemaphoreA_export),
    BUILTIN_FUNCTION("CreateSemaphoreExW", CreateSemaphoreExW_export),
    BUILTIN_FUNCTION("CreateSemaphoreW", CreateSemaphoreW_export),
    BUILTIN_FUNCTION("CreateThread", CreateThread_export),
    BUILTIN_FORWARDER("DeleteCriticalSection", "NTDLL.RtlDeleteCriticalSection"),
    BUILTIN_FUNCTION("DeleteFileA", DeleteFileA_export),
    BUILTIN_FUNCTION("DeleteFileW", DeleteFileW_export),
    BUILTIN_FUNCTION("DisableThreadLibraryCalls", DisableThreadLibraryCalls_export),
    BUILTIN_FUNCTION("DuplicateHandle", DuplicateHandle_export),
    BUILTIN_FORWARDER("EnterCriticalSection", "NTDLL.RtlEnterCriticalSection"),
    BUILTIN_FUNCTION("ExitProcess", ExitProcess_export),
    BUILTIN_FUNCTION("ExitThread", ExitThread_export),
    BUILTIN_FUNCTION("ExpandEnvironmentStringsA", ExpandEnvironmentStringsA_export),
    BUILTIN_FUNCTION("ExpandEnvironmentStringsW", ExpandEnvironmentStringsW_export),
    BUILTIN_FUNCTION("FileTimeToLocalFileTime", FileTimeToLocalFileTime_export),
    BUILTIN_FUNCTION("FileTimeToSystemTime", FileTimeToSystemTime_export),
    BUILTIN_FUNCTION("FlushFileBuffers", FlushFileBuffers_export),
    BUILTIN_FUNCTION("FlushInstructionCache", FlushInstructionCache_export),
    BUILTIN_FUNCTION("FreeEnvironmentStringsA", FreeEnvironmentStringsA_export),
    BUILTIN_FUNCTION("FreeEnvironmentStringsW", FreeEnvironmentStringsW_export),
    BUILTIN_FUNCTION("FreeLibrary", FreeLibrary_export),
    BUILTIN_FUNCTION("GetACP", GetACP_export),
    BUILTIN_FUNCTION("GetCPInfo", GetCPInfo_export),
    BUILTIN_FUNCTION("GetCommandLineA", GetCommandLineA_export),
    BUILTIN_FUNCTION("GetCommandLineW", GetCommandLineW_export),
    BUILTIN_FUNCTION("GetComputerNameA", GetComputerNameA_export),
    BUILTIN_FUNCTION("GetComputerNameW", GetComputerNameW_export),
    BUILTIN_FUNCTION("GetConsoleCP", GetConsoleCP_export),
    BUILTIN_FUNCTION("GetConsoleMode", GetConsoleMode_export),
    BUILTIN_FUNCTION("GetConsoleOutputCP", GetConsoleOutputCP_export),
    BUILTIN_FUNCTION("GetConsoleWindow", GetConsoleWindow_export),
    BUILTIN_FUNCTION("GetCurrentDirectoryA", GetCurrentDirectoryA_export),
    BUILTIN_FUNCTION("GetCurrentDirectoryW", GetCurrentDirectoryW_export),
    BUILTIN_FUNCTION("GetCurrentProcess", GetCurrentProcess_export),
    BUILTIN_FUNCTION("GetCurrentProcessId", GetCurrentProcessId_export),
    BUILTIN_FUNCTION("GetCurrentThread", GetCurrentThread_export),
    BUILTIN_FUNCTION("GetCurrentThreadId", GetCurrentThreadId_export),
    BUILTIN_FUNCTION("GetEnvironmentStrings", GetEnvironmentStringsA_export),
    BUILTIN_FUNCTION("GetEnvironmentStringsA", GetEnvironmentStringsA_export),
    BUILTIN_FUNCTION("GetEnvironmentStringsW", GetEnvironmentStringsW_export),
    BUILTIN_FUNCTION("GetEnvironmentVariableA", GetEnvironmentVariableA_export),
    BUILTIN_FUNCTION("GetEnvironmentVariableW", GetEnvironmentVariableW_export),
    BUILTIN_FUNCTION("GetErrorMode", GetErrorMode_export),
    BUILTIN_FUNCTION("GetExitCodeProcess", GetExitCodeProcess_export),
    BUILTIN_FUNCTION("GetExitCodeThread", GetExitCodeThread_export),
    BUILTIN_FUNCTION("GetFileAttributesA", GetFileAttributesA_export),
    BUILTIN_FUNCTION("GetFileAttributesW", GetFileAttributesW_export),
    BUILTIN_FUNCTION("GetFileSize", GetFileSize_export),
    BUILTIN_FUNCTION("GetFileSizeEx", GetFileSizeEx_export),
    BUILTIN_FUNCTION("GetFileType", GetFileType_export),
    BUILTIN_FUNCTION("CreatePipe", CreatePipe_export),
    BUILTIN_FUNCTION("PeekNamedPipe", PeekNamedPipe_export),
    BUILTIN_FUNCTION("CreateNamedPipeW", CreateNamedPipeW_export),
    BUILTIN_FUNCTION("CreateNamedPipeA", CreateNamedPipeA_export),
    BUILTIN_FUNCTION("ConnectNamedPipe", ConnectNamedPipe_export),
    BUILTIN_FUNCTION("DisconnectNamedPipe", DisconnectNamedPipe_export),
    BUILTIN_FUNCTION("WaitNamedPipeW", WaitNamedPipeW_export),
    BUILTIN_FUNCTION("WaitNamedPipeA", WaitNamedPipeA_export),
    BUILTIN_FUNCTION("GetNamedPipeInfo", GetNamedPipeInfo_export),
    BUILTIN_FUNCTION("SetNamedPipeHandleState", SetNamedPipeHandleState_export),
    BUILTIN_FUNCTION("TransactNamedPipe", TransactNamedPipe_export),
    BUILTIN_FUNCTION("CallNamedPipeW", CallNamedPipeW_export),
    BUILTIN_FUNCTION("CallNamedPipeA", CallNamedPipeA_export),
    BUILTIN_FUNCTION("GetFullPathNameA", GetFullPathNameA_export),
    BUILTIN_FUNCTION("GetFullPathNameW", GetFullPathNameW_export),
    BUILTIN_FUNCTION("GetHandleInformation", GetHandleInformation_export),
    BUILTIN_FUNCTION("GetLastError", GetLastError_export),
    BUILTIN_FUNCTION("GetLocalTime", GetLocalTime_export),
    BUILTIN_FUNCTION("GetModuleFileNameA", GetModuleFileNameA_export),
    BUILTIN_FUNCTION("GetModuleFileNameW", GetModuleFileNameW_export),
    BUILTIN_FUNCTION("GetModuleHandleA", GetModuleHandleA_export),
    BUILTIN_FUNCTION("GetModuleHandleExA", GetModuleHandleExA_export),
    BUILTIN_FUNCTION("GetModuleHandleExW", GetModuleHandleExW_export),
    BUILTIN_FUNCTION("GetModuleHandleW", GetModuleHandleW_export),
    BUILTIN_FUNCTION("GetNativeSystemInfo", GetNativeSystemInfo_export),
    BUILTIN_FUNCTION("GetOEMCP", GetOEMCP_export),
    BUILTIN_FUNCTION("GetProcAddress", GetProcAddress_export),
    BUILTIN_FUNCTION("GetProcessHeap", GetProcessHeap_export),
    BUILTIN_FUNCTION("GetProcessHeaps", GetProcessHeaps_export),
    BUILTIN_FUNCTION("GetProcessId", GetProcessId_export),
    BUILTIN_FUNCTION("GetStartupInfoA", GetStartupInfoA_export),
    BUILTIN_FUNCTION("GetStartupInfoW", GetStartupInfoW_export),
    BUILTIN_FUNCTION("GetStdHandle", GetStdHandle_export),
    BUILTIN_FUNCTION("GetSystemInfo", GetSystemInfo_export),
    BUILTIN_FUNCTION("GetSystemTime", GetSystemTime_export),
    BUILTIN_FUNCTION("GetSystemTimeAsFileTime", GetSystemTimeAsFileTime_export),
    BUILTIN_FUNCTION("GetSystemTimePreciseAsFileTime", GetSystemTimePreciseAsFileTime_export),
    BUILTIN_FUNCTION("GetThreadId", GetThreadId_export),
    BUILTIN_FUNCTION("GetTickCount", GetTickCount_export),
    BUILTIN_FUNCTION("GetTimeZoneInformation", GetTimeZoneInformation_export),
    BUILTIN_FUNCTION("GetTickCount64", GetTickCount64_export),
    BUILTIN_FUNCTION("GetVersion", GetVersion_export),
    BUILTIN_FUNCTION("GetVersionExA", GetVersionExA_export),
    BUILTIN_FUNCTION("GetVersionExW", GetVersionExW_export),
    BUILTIN_FUNCTION("GlobalAlloc", GlobalAlloc_export),
    BUILTIN_FUNCTION("GlobalFree", GlobalFree_export),
    BUILTIN_FUNCTION("GlobalLock", GlobalLock_export),
    BUILTIN_FUNCTION("GlobalReAlloc", GlobalReAlloc_export),
    BUILTIN_FUNCTION("GlobalUnlock", GlobalUnlock_export),
    BUILTIN_FORWARDER("HeapAlloc", "NTDLL.RtlAllocateHeap"),
    BUILTIN_FUNCTION("HeapCreate", HeapCreate_export),
    BUILTIN_FUNCTION("HeapDestroy", HeapDestroy_export),
    BUILTIN_FUNCTION("HeapFree", HeapFree_export),
    BUILTIN_FORWARDER("HeapReAlloc", "NTDLL.RtlReAllocateHeap"),
    BUILTIN_FUNCTION("HeapSetInformation", HeapSetInformation_export),
    BUILTIN_FUNCTION("HeapSize", HeapSize_export),
    BUILTIN_FUNCTION("HeapValidate", HeapValidate_export),
    BUILTIN_FORWARDER("InitializeCriticalSection", "NTDLL.RtlInitializeCriticalSection"),
    BUILTIN_FUNCTION("InitializeCriticalSectionAndSpinCount", InitializeCriticalSectionAndSpinCount_export),
    BUILTIN_FUNCTION("InitializeCriticalSectionEx", InitializeCriticalSectionEx_export),
    BUILTIN_FUNCTION("IsDBCSLeadByte", IsDBCSLeadByte_export),
    BUILTIN_FUNCTION("IsDBCSLeadByteEx", IsDBCSLeadByteEx_export),
    BUILTIN_FUNCTION("IsDebuggerPresent", IsDebuggerPresent_export),
    BUILTIN_FUNCTION("IsProcessorFeaturePresent", IsProcessorFeaturePresent_export),
    BUILTIN_FUNCTION("IsValidCodePage", IsValidCodePage_export),
    BUILTIN_FUNCTION("IsWow64Process", IsWow64Process_export),
    BUILTIN_FORWARDER("LeaveCriticalSection", "NTDLL.RtlLeaveCriticalSection"),
    BUILTIN_FUNCTION("LoadLibraryA", LoadLibraryA_export),
    BUILTIN_FUNCTION("LoadLibraryExA", LoadLibraryExA_export),
    BUILTIN_FUNCTION("LoadLibraryExW", LoadLibraryExW_export),
    BUILTIN_FUNCTION("LoadLibraryW", LoadLibraryW_export),
    BUILTIN_FUNCTION("LocalAlloc", LocalAlloc_export),
    BUILTIN_FUNCTION("LocalFree", LocalFree_export),
    BUILTIN_FUNCTION("LocalReAlloc", LocalReAlloc_export),
    BUILTIN_FUNCTION("MultiByteToWideChar", MultiByteToWideChar_export),
    BUILTIN_FUNCTION("OpenEventA", OpenEventA_export),
    BUILTIN_FUNCTION("OpenEventW", OpenEventW_export),
    BUILTIN_FUNCTION("OpenMutexW", OpenMutexW_export),
    BUILTIN_FUNCTION("OpenSemaphoreW", OpenSemaphoreW_export),
    BUILTIN_FUNCTION("OutputDebugStringA", OutputDebugStringA_export),
    BUILTIN_FUNCTION("OutputDebugStringW", OutputDebugStringW_export),
    BUILTIN_FUNCTION("PulseEvent", PulseEvent_export),
    BUILTIN_FUNCTION("QueryPerformanceCounter", QueryPerformanceCounter_export),
    BUILTIN_FUNCTION("QueryPerformanceFrequency", QueryPerformanceFrequency_export),
    BUILTIN_FUNCTION("RaiseException", RaiseException_export),
    BUILTIN_FUNCTION("ReadConsoleA", ReadConsoleA_export),
    BUILTIN_FUNCTION("ReadConsoleW", ReadConsoleW_export),
    BUILTIN_FUNCTION("ReadFile", ReadFile_export),
    BUILTIN_FUNCTION("ReleaseMutex", ReleaseMutex_export),
    BUILTIN_FUNCTION("ReleaseSemaphore", ReleaseSemaphore_export),
    BUILTIN_FUNCTION("RemoveDirectoryA", RemoveDirectoryA_export),
    BUILTIN_FUNCTION("RemoveDirectoryW", RemoveDirectoryW_export),
    BUILTIN_FORWARDER("RemoveVectoredContinueHandler", "NTDLL.RtlRemoveVectoredContinueHandler"),
    BUILTIN_FORWARDER("RemoveVectoredExceptionHandler", "NTDLL.RtlRemoveVectoredExceptionHandler"),
    BUILTIN_FUNCTION("ResetEvent", ResetEvent_export),
    BUILTIN_FUNCTION("ResumeThread", ResumeThread_export),
    BUILTIN_FORWARDER("RtlAddFunctionTable", "NTDLL.RtlAddFunctionTable"),
    BUILTIN_FORWARDER("RtlCaptureContext", "NTDLL.RtlCaptureContext"),
    BUILTIN_FORWARDER("RtlDeleteFunctionTable", "NTDLL.RtlDeleteFunctionTable"),
    BUILTIN_FORWARDER("RtlLookupFunctionEntry", "NTDLL.RtlLookupFunctionEntry"),
    BUILTIN_FORWARDER("RtlRestoreContext", "NTDLL.RtlRestoreContext"),
    BUILTIN_FORWARDER("RtlUnwind", "NTDLL.RtlUnwind"),
    BUILTIN_FORWARDER("RtlUnwindEx", "NTDLL.RtlUnwindEx"),
    BUILTIN_FORWARDER("RtlVirtualUnwind", "NTDLL.RtlVirtualUnwind"),
    BUILTIN_FUNCTION("SetConsoleCP", SetConsoleCP_export),
    BUILTIN_FUNCTION("SetConsoleCtrlHandler", SetConsoleCtrlHandler_export),
    BUILTIN_FUNCTION("SetConsoleMode", SetConsoleMode_export),
    BUILTIN_FUNCTION("SetConsoleOutputCP", SetConsoleOutputCP_export),
    BUILTIN_FUNCTION("SetConsoleTitleA", SetConsoleTitleA_export),
    BUILTIN_FUNCTION("SetConsoleTitleW", SetConsoleTitleW_export),
    BUILTIN_FUNCTION("SetCurrentDirectoryA", SetCurrentDirectoryA_export),
    BUILTIN_FUNCTION("SetCurrentDirectoryW", SetCurrentDirectoryW_export),
    BUILTIN_FUNCTION("SetEndOfFile", SetEndOfFile_export),
    BUILTIN_FUNCTION("SetEnvironmentVariableA", SetEnvironmentVariableA_export),
    BUILTIN_FUNCTION("SetEnvironmentVariableW", SetEnvironmentVariableW_export),
    BUILTIN_FUNCTION("SetErrorMode", SetErrorMode_export),
    BUILTIN_FUNCTION("SetEvent", SetEvent_export),
    BUILTIN_FUNCTION("SetFilePointer", SetFilePointer_export),
    BUILTIN_FUNCTION("SetFilePointerEx", SetFilePointerEx_export),
    BUILTIN_FUNCTION("SetHandleInformation", SetHandleInformation_export),
    BUILTIN_FUNCTION("SetLastError", SetLastError_export),
    BUILTIN_FUNCTION("SetStdHandle", SetStdHandle_export),
    BUILTIN_FUNCTION("SetUnhandledExceptionFilter", SetUnhandledExceptionFilter_export),
    BUILTIN_FUNCTION("Sleep", Sleep_export),
    BUILTIN_FUNCTION("SleepEx", SleepEx_export),
    BUILTIN_FUNCTION("SuspendThread", SuspendThread_export),
    BUILTIN_FUNCTION("SwitchToThread", SwitchToThread_export),
    BUILTIN_FUNCTION("SystemTimeToFileTime", SystemTimeToFileTime_export),
    BUILTIN_FUNCTION("TerminateProcess", TerminateProcess_export),
    BUILTIN_FUNCTION("TerminateThread", TerminateThread_export),
    BUILTIN_FUNCTION("TlsAlloc", TlsAlloc_export),
    BUILTIN_FUNCTION("TlsFree", TlsFree_export),
    BUILTIN_FUNCTION("TlsGetValue", TlsGetValue_export),
    BUILTIN_FUNCTION("TlsSetValue", TlsSetValue_export),
    BUILTIN_FORWARDER("TryEnterCriticalSection", "NTDLL.RtlTryEnterCriticalSection"),
    BUILTIN_FUNCTION("UnhandledExceptionFilter", UnhandledExceptionFilter_export),
    BUILTIN_FUNCTION("VirtualAlloc", VirtualAlloc_export),
    BUILTIN_FUNCTION("VirtualAllocEx", VirtualAllocEx_export),
    BUILTIN_FUNCTION("VirtualFree", VirtualFree_export),
    BUILTIN_FUNCTION("VirtualFreeEx", VirtualFreeEx_export),
    BUILTIN_FUNCTION("VirtualProtect", VirtualProtect_export),
    BUILTIN_FUNCTION("VirtualProtectEx", VirtualProtectEx_export),
    BUILTIN_FUNCTION("VirtualQuery", VirtualQuery_export),
    BUILTIN_FUNCTION("VirtualQueryEx", VirtualQueryEx_export),
    BUILTIN_FUNCTION("ReadProcessMemory", ReadProcessMemory_export),
    BUILTIN_FUNCTION("GetProcessHandleCount", GetProcessHandleCount_export),
    BUILTIN_FUNCTION("K32GetProcessMemoryInfo", K32GetProcessMemoryInfo_export),
    BUILTIN_FUNCTION("CancelIoEx", CancelIoEx_export),
    BUILTIN_FUNCTION("CancelIo", CancelIo_export),
    BUILTIN_FUNCTION("GenerateConsoleCtrlEvent", GenerateConsoleCtrlEvent_export),
    BUILTIN_FUNCTION("SearchPathW", SearchPathW_export),
    BUILTIN_FUNCTION("SearchPathA", SearchPathA_export),
    BUILTIN_FUNCTION("InitializeProcThreadAttributeList", InitializeProcThreadAttributeList_export),
    BUILTIN_FUNCTION("UpdateProcThreadAttribute", UpdateProcThreadAttribute_export),
    BUILTIN_FUNCTION("DeleteProcThreadAttributeList", DeleteProcThreadAttributeList_export),
    BUILTIN_FUNCTION("WriteProcessMemory", WriteProcessMemory_export),
    BUILTIN_FUNCTION("WaitForMultipleObjects", WaitForMultipleObjects_export),
    BUILTIN_FUNCTION("WaitForMultipleObjectsEx", WaitForMultipleObjectsEx_export),
    BUILTIN_FUNCTION("WaitForSingleObject", WaitForSingleObject_export),
    BUILTIN_FUNCTION("WaitForSingleObjectEx", WaitForSingleObjectEx_export),
    BUILTIN_FUNCTION("WideCharToMultiByte", WideCharToMultiByte_export),
    BUILTIN_FUNCTION("WriteConsoleA", WriteConsoleA_export),
    BUILTIN_FUNCTION("WriteConsoleW", WriteConsoleW_export),
    BUILTIN_FUNCTION("WriteFile", WriteFile_export),
    BUILTIN_FUNCTION("lstrlenA", lstrlenA_export),
    BUILTIN_FUNCTION("lstrlenW", lstrlenW_export),
    /* win32/fileext.c */
    BUILTIN_FUNCTION("FindClose", FindClose_export),
    BUILTIN_FUNCTION("FindFirstFileA", FindFirstFileA_export),
    BUILTIN_FUNCTION("FindFirstFileW", FindFirstFileW_export),
    BUILTIN_FUNCTION("FindNextFileA", FindNextFileA_export),
    BUILTIN_FUNCTION("FindNextFileW", FindNextFileW_export),
    BUILTIN_FUNCTION("GetFileAttributesExA", GetFileAttributesExA_export),
    BUILTIN_FUNCTION("GetFileAttributesExW", GetFileAttributesExW_export),
    BUILTIN_FUNCTION("GetFileInformationByHandle", GetFileInformationByHandle_export),
    BUILTIN_FUNCTION("GetFileTime", GetFileTime_export),
    BUILTIN_FUNCTION("GetTempPathA", GetTempPathA_export),
    BUILTIN_FUNCTION("GetTempPathW", GetTempPathW_export),
    BUILTIN_FUNCTION("MoveFileA", MoveFileA_export),
    BUILTIN_FUNCTION("MoveFileExA", MoveFileExA_export),
    BUILTIN_FUNCTION("MoveFileExW", MoveFileExW_export),
    BUILTIN_FUNCTION("MoveFileW", MoveFileW_export),
    BUILTIN_FUNCTION("SetFileAttributesA", SetFileAttributesA_export),
    BUILTIN_FUNCTION("SetFileAttributesW", SetFileAttributesW_export),
    BUILTIN_FUNCTION("SetFileTime", SetFileTime_export),
    /* win32/message.c */
    BUILTIN_FUNCTION("FormatMessageA", FormatMessageA_export),
    BUILTIN_FUNCTION("FormatMessageW", FormatMessageW_export),
    /* win32/volume.c */
    BUILTIN_FUNCTION("CreateHardLinkA", CreateHardLinkA_export),
    BUILTIN_FUNCTION("CreateHardLinkW", CreateHardLinkW_export),
    BUILTIN_FUNCTION("FindFirstVolumeA", FindFirstVolumeA_export),
    BUILTIN_FUNCTION("FindFirstVolumeW", FindFirstVolumeW_export),
    BUILTIN_FUNCTION("FindNextVolumeA", FindNextVolumeA_export),
    BUILTIN_FUNCTION("FindNextVolumeW", FindNextVolumeW_export),
    BUILTIN_FUNCTION("FindVolumeClose", FindVolumeClose_export),
    BUILTIN_FUNCTION("GetDiskFreeSpaceA", GetDiskFreeSpaceA_export),
    BUILTIN_FUNCTION("GetDiskFreeSpaceExA", GetDiskFreeSpaceExA_export),
    BUILTIN_FUNCTION("GetDiskFreeSpaceExW", GetDiskFreeSpaceExW_export),
    BUILTIN_FUNCTION("GetDiskFreeSpaceW", GetDiskFreeSpaceW_export),
    BUILTIN_FUNCTION("GetVolumeInformationA", GetVolumeInformationA_export),
    BUILTIN_FUNCTION("GetVolumeInformationByHandleW", GetVolumeInformationByHandleW_export),
    BUILTIN_FUNCTION("GetVolumeInformationW", GetVolumeInformationW_export),
    BUILTIN_FUNCTION("GetVolumeNameForVolumeMountPointA", GetVolumeNameForVolumeMountPointA_export),
    BUILTIN_FUNCTION("GetVolumeNameForVolumeMountPointW", GetVolumeNameForVolumeMountPointW_export),
    BUILTIN_FUNCTION("GetVolumePathNameA", GetVolumePathNameA_export),
    BUILTIN_FUNCTION("GetVolumePathNameW", GetVolumePathNameW_export),
    BUILTIN_FUNCTION("GetVolumePathNamesForVolumeNameW", GetVolumePathNamesForVolumeNameW_export),
    BUILTIN_FUNCTION("CopyFileA", CopyFileA_export),
    BUILTIN_FUNCTION("CopyFileW", CopyFileW_export),
    BUILTIN_FUNCTION("LockFile", LockFile_export),
    BUILTIN_FUNCTION("LockFileEx", LockFileEx_export),
    BUILTIN_FUNCTION("UnlockFile", UnlockFile_export),
    BUILTIN_FUNCTION("UnlockFileEx", UnlockFileEx_export),
    /* win32/memory.c */
    BUILTIN_FUNCTION("GlobalFlags", GlobalFlags_export),
    BUILTIN_FUNCTION("GlobalHandle", GlobalHandle_export),
    BUILTIN_FUNCTION("GlobalSize", GlobalSize_export),
    BUILTIN_FUNCTION("LocalFlags", LocalFlags_export),
    BUILTIN_FUNCTION("LocalHandle", LocalHandle_export),
    BUILTIN_FUNCTION("LocalLock", LocalLock_export),
    BUILTIN_FUNCTION("LocalSize", LocalSize_export),
    BUILTIN_FUNCTION("LocalUnlock", LocalUnlock_export),
    /* win32/conctrl.c (SetConsoleCtrlHandler is above) */
    BUILTIN_FUNCTION("CtrlRoutine", CtrlRoutine_export),
    /* threads and synchronization (win32/sync.c, win32/thread.c; forwarders as in Wine's kernel32) */
    BUILTIN_FORWARDER("AcquireSRWLockExclusive", "NTDLL.RtlAcquireSRWLockExclusive"),
    BUILTIN_FORWARDER("AcquireSRWLockShared", "NTDLL.RtlAcquireSRWLockShared"),
    BUILTIN_FUNCTION("FlsAlloc", FlsAlloc_export),
    BUILTIN_FUNCTION("FlsFree", FlsFree_export),
    BUILTIN_FUNCTION("FlsGetValue", FlsGetValue_export),
    BUILTIN_FUNCTION("FlsSetValue", FlsSetValue_export),
    BUILTIN_FUNCTION("GetProcessAffinityMask", GetProcessAffinityMask_export),
    BUILTIN_FUNCTION("GetThreadContext", GetThreadContext_export),
    BUILTIN_FUNCTION("GetThreadPriority", GetThreadPriority_export),
    BUILTIN_FUNCTION("GetThreadPriorityBoost", GetThreadPriorityBoost_export),
    BUILTIN_FUNCTION("InitOnceBeginInitialize", InitOnceBeginInitialize_export),
    BUILTIN_FUNCTION("InitOnceComplete", InitOnceComplete_export),
    BUILTIN_FUNCTION("InitOnceExecuteOnce", InitOnceExecuteOnce_export),
    BUILTIN_FORWARDER("InitOnceInitialize", "NTDLL.RtlRunOnceInitialize"),
    BUILTIN_FORWARDER("InitializeConditionVariable", "NTDLL.RtlInitializeConditionVariable"),
    BUILTIN_FORWARDER("InitializeSListHead", "NTDLL.RtlInitializeSListHead"),
    BUILTIN_FORWARDER("InitializeSRWLock", "NTDLL.RtlInitializeSRWLock"),
    BUILTIN_FORWARDER("InterlockedFlushSList", "NTDLL.RtlInterlockedFlushSList"),
    BUILTIN_FORWARDER("InterlockedPopEntrySList", "NTDLL.RtlInterlockedPopEntrySList"),
    BUILTIN_FORWARDER("InterlockedPushEntrySList", "NTDLL.RtlInterlockedPushEntrySList"),
    BUILTIN_FORWARDER("InterlockedPushListSList", "NTDLL.RtlInterlockedPushListSList"),
    BUILTIN_FORWARDER("InterlockedPushListSListEx", "NTDLL.RtlInterlockedPushListSListEx"),
    BUILTIN_FUNCTION("OpenProcess", OpenProcess_export),
    BUILTIN_FORWARDER("QueryDepthSList", "NTDLL.RtlQueryDepthSList"),
    BUILTIN_FORWARDER("ReleaseSRWLockExclusive", "NTDLL.RtlReleaseSRWLockExclusive"),
    BUILTIN_FORWARDER("ReleaseSRWLockShared", "NTDLL.RtlReleaseSRWLockShared"),
    BUILTIN_FORWARDER("SetCriticalSectionSpinCount", "NTDLL.RtlSetCriticalSectionSpinCount"),
    BUILTIN_FUNCTION("SetProcessAffinityMask", SetProcessAffinityMask_export),
    BUILTIN_FUNCTION("SetThreadAffinityMask", SetThreadAffinityMask_export),
    BUILTIN_FUNCTION("SetThreadContext", SetThreadContext_export),
    BUILTIN_FUNCTION("SetThreadPriority", SetThreadPriority_export),
    BUILTIN_FUNCTION("SetThreadPriorityBoost", SetThreadPriorityBoost_export),
    BUILTIN_FUNCTION("SleepConditionVariableCS", SleepConditionVariableCS_export),
    BUILTIN_FUNCTION("SleepConditionVariableSRW", SleepConditionVariableSRW_export),
    BUILTIN_FORWARDER("TryAcquireSRWLockExclusive", "NTDLL.RtlTryAcquireSRWLockExclusive"),
    BUILTIN_FORWARDER("TryAcquireSRWLockShared", "NTDLL.RtlTryAcquireSRWLockShared"),
    BUILTIN_FORWARDER("WakeAllConditionVariable", "NTDLL.RtlWakeAllConditionVariable"),
    BUILTIN_FORWARDER("WakeConditionVariable", "NTDLL.RtlWakeConditionVariable"),
    /* CPU times and the clock (win32/thread.c, win32/timeadj.c) */
    BUILTIN_FUNCTION("GetProcessTimes", GetProcessTimes_export),
    BUILTIN_FUNCTION("GetSystemTimeAdjustment", GetSystemTimeAdjustment_export),
    BUILTIN_FUNCTION("GetThreadTimes", GetThreadTimes_export),
    BUILTIN_FUNCTION("SetLocalTime", SetLocalTime_export),
    BUILTIN_FUNCTION("SetSystemTime", SetSystemTime_export),
    /* thread and process functions runtimes use at start-up (win32/thread.c) */
    BUILTIN_FUNCTION("CreateRemoteThreadEx", CreateRemoteThreadEx_export),
    BUILTIN_FUNCTION("GetProcessIdOfThread", GetProcessIdOfThread_export),
    BUILTIN_FUNCTION("GetCurrentThreadStackLimits", GetCurrentThreadStackLimits_export),
    BUILTIN_FUNCTION("SetThreadStackGuarantee", SetThreadStackGuarantee_export),
    BUILTIN_FUNCTION("GetThreadIOPendingFlag", GetThreadIOPendingFlag_export),
    BUILTIN_FUNCTION("SetProcessPriorityBoost", SetProcessPriorityBoost_export),
    BUILTIN_FUNCTION("GetProcessPriorityBoost", GetProcessPriorityBoost_export),
    BUILTIN_FUNCTION("GetSystemDirectoryA", GetSystemDirectoryA_export),
    BUILTIN_FUNCTION("GetSystemDirectoryW", GetSystemDirectoryW_export),
    BUILTIN_FUNCTION("GetThreadDescription", GetThreadDescription_export),
    BUILTIN_FUNCTION("SetThreadDescription", SetThreadDescription_export),
    /* APCs, SignalObjectAndWait and waitable timers (win32/sync.c) */
    BUILTIN_FUNCTION("QueueUserAPC", QueueUserAPC_export),
    BUILTIN_FUNCTION("SignalObjectAndWait", SignalObjectAndWait_export),
    BUILTIN_FUNCTION("CreateWaitableTimerA", CreateWaitableTimerA_export),
    BUILTIN_FUNCTION("CreateWaitableTimerW", CreateWaitableTimerW_export),
    BUILTIN_FUNCTION("CreateWaitableTimerExA", CreateWaitableTimerExA_export),
    BUILTIN_FUNCTION("CreateWaitableTimerExW", CreateWaitableTimerExW_export),
    BUILTIN_FUNCTION("OpenWaitableTimerA", OpenWaitableTimerA_export),
    BUILTIN_FUNCTION("OpenWaitableTimerW", OpenWaitableTimerW_export),
    BUILTIN_FUNCTION("SetWaitableTimer", SetWaitableTimer_export),
    BUILTIN_FUNCTION("SetWaitableTimerEx", SetWaitableTimerEx_export),
    BUILTIN_FUNCTION("CancelWaitableTimer", CancelWaitableTimer_export),
    /* I/O completion ports (win32/iocompletion.c) */
    BUILTIN_FUNCTION("CreateIoCompletionPort", CreateIoCompletionPort_export),
    BUILTIN_FUNCTION("GetQueuedCompletionStatus", GetQueuedCompletionStatus_export),
    BUILTIN_FUNCTION("GetQueuedCompletionStatusEx", GetQueuedCompletionStatusEx_export),
    BUILTIN_FUNCTION("PostQueuedCompletionStatus", PostQueuedCompletionStatus_export),
    BUILTIN_FUNCTION("SetFileCompletionNotificationModes", SetFileCompletionNotificationModes_export),
    BUILTIN_FUNCTION("GetOverlappedResult", GetOverlappedResult_export),
    BUILTIN_FUNCTION("GetOverlappedResultEx", GetOverlappedResultEx_export),
    /* thread pools (win32/threadpool.c; the rest forward to ntdll as in Wine's kernel32) */
    BUILTIN_FUNCTION("CallbackMayRunLong", CallbackMayRunLong_export),
    BUILTIN_FUNCTION("CancelTimerQueueTimer", CancelTimerQueueTimer_export),
    BUILTIN_FUNCTION("ChangeTimerQueueTimer", ChangeTimerQueueTimer_export),
    BUILTIN_FORWARDER("CloseThreadpool", "NTDLL.TpReleasePool"),
    BUILTIN_FORWARDER("CloseThreadpoolCleanupGroup", "NTDLL.TpReleaseCleanupGroup"),
    BUILTIN_FORWARDER("CloseThreadpoolCleanupGroupMembers", "NTDLL.TpReleaseCleanupGroupMembers"),
    BUILTIN_FORWARDER("CancelThreadpoolIo", "NTDLL.TpCancelAsyncIoOperation"),
    BUILTIN_FORWARDER("CloseThreadpoolIo", "NTDLL.TpReleaseIoCompletion"),
    BUILTIN_FORWARDER("CloseThreadpoolTimer", "NTDLL.TpReleaseTimer"),
    BUILTIN_FORWARDER("CloseThreadpoolWait", "NTDLL.TpReleaseWait"),
    BUILTIN_FORWARDER("CloseThreadpoolWork", "NTDLL.TpReleaseWork"),
    BUILTIN_FUNCTION("CreateThreadpool", CreateThreadpool_export),
    BUILTIN_FUNCTION("CreateThreadpoolCleanupGroup", CreateThreadpoolCleanupGroup_export),
    BUILTIN_FUNCTION("CreateThreadpoolIo", CreateThreadpoolIo_export),
    BUILTIN_FUNCTION("CreateThreadpoolTimer", CreateThreadpoolTimer_export),
    BUILTIN_FUNCTION("CreateThreadpoolWait", CreateThreadpoolWait_export),
    BUILTIN_FUNCTION("CreateThreadpoolWork", CreateThreadpoolWork_export),
    BUILTIN_FUNCTION("CreateTimerQueue", CreateTimerQueue_export),
    BUILTIN_FUNCTION("CreateTimerQueueTimer", CreateTimerQueueTimer_export),
    BUILTIN_FUNCTION("DeleteTimerQueue", DeleteTimerQueue_export),
    BUILTIN_FUNCTION("DeleteTimerQueueEx", DeleteTimerQueueEx_export),
    BUILTIN_FUNCTION("DeleteTimerQueueTimer", DeleteTimerQueueTimer_export),
    BUILTIN_FORWARDER("DisassociateCurrentThreadFromCallback", "NTDLL.TpDisassociateCallback"),
    BUILTIN_FORWARDER("FreeLibraryWhenCallbackReturns", "NTDLL.TpCallbackUnloadDllOnCompletion"),
    BUILTIN_FORWARDER("IsThreadpoolTimerSet", "NTDLL.TpIsTimerSet"),
    BUILTIN_FORWARDER("LeaveCriticalSectionWhenCallbackReturns", "NTDLL.TpCallbackLeaveCriticalSectionOnCompletion"),
    BUILTIN_FUNCTION("QueueUserWorkItem", QueueUserWorkItem_export),
    BUILTIN_FUNCTION("RegisterWaitForSingleObject", RegisterWaitForSingleObject_export),
    BUILTIN_FUNCTION("RegisterWaitForSingleObjectEx", RegisterWaitForSingleObjectEx_export),
    BUILTIN_FORWARDER("ReleaseMutexWhenCallbackReturns", "NTDLL.TpCallbackReleaseMutexOnCompletion"),
    BUILTIN_FORWARDER("ReleaseSemaphoreWhenCallbackReturns", "NTDLL.TpCallbackReleaseSemaphoreOnCompletion"),
    BUILTIN_FORWARDER("SetEventWhenCallbackReturns", "NTDLL.TpCallbackSetEventOnCompletion"),
    BUILTIN_FORWARDER("SetThreadpoolThreadMaximum", "NTDLL.TpSetPoolMaxThreads"),
    BUILTIN_FORWARDER("SetThreadpoolThreadMinimum", "NTDLL.TpSetPoolMinThreads"),
    BUILTIN_FORWARDER("SetThreadpoolTimer", "NTDLL.TpSetTimer"),
    BUILTIN_FORWARDER("SetThreadpoolTimerEx", "NTDLL.TpSetTimerEx"),
    BUILTIN_FORWARDER("SetThreadpoolWait", "NTDLL.TpSetWait"),
    BUILTIN_FORWARDER("SetThreadpoolWaitEx", "NTDLL.TpSetWaitEx"),
    BUILTIN_FUNCTION("SetTimerQueueTimer", SetTimerQueueTimer_export),
    BUILTIN_FORWARDER("StartThreadpoolIo", "NTDLL.TpStartAsyncIoOperation"),
    BUILTIN_FORWARDER("SubmitThreadpoolWork", "NTDLL.TpPostWork"),
    BUILTIN_FUNCTION("TrySubmitThreadpoolCallback", TrySubmitThreadpoolCallback_export),
    BUILTIN_FUNCTION("UnregisterWait", UnregisterWait_export),
    BUILTIN_FUNCTION("UnregisterWaitEx", UnregisterWaitEx_export),
    BUILTIN_FORWARDER("WaitForThreadpoolIoCallbacks", "NTDLL.TpWaitForIoCompletion"),
    BUILTIN_FORWARDER("WaitForThreadpoolTimerCallbacks", "NTDLL.TpWaitForTimer"),
    BUILTIN_FORWARDER("WaitForThreadpoolWaitCallbacks", "NTDLL.TpWaitForWait"),
    BUILTIN_FORWARDER("WaitForThreadpoolWorkCallbacks", "NTDLL.TpWaitForWork"),
    /* delay-loaded imports */
    BUILTIN_FORWARDER("ResolveDelayLoadedAPI", "ntdll.LdrResolveDelayLoadedAPI"),
    BUILTIN_FUNCTION("DelayLoadFailureHook", DelayLoadFailureHook_export),
    /* file mappings */
    BUILTIN_FUNCTION("CreateFileMappingA", CreateFileMappingA_export),
    BUILTIN_FUNCTION("CreateFileMappingW", CreateFileMappingW_export),
    BUILTIN_FUNCTION("OpenFileMappingA", OpenFileMappingA_export),
    BUILTIN_FUNCTION("OpenFileMappingW", OpenFileMappingW_export),
    BUILTIN_FUNCTION("MapViewOfFile", MapViewOfFile_export),
    BUILTIN_FUNCTION("MapViewOfFileEx", MapViewOfFileEx_export),
    BUILTIN_FUNCTION("UnmapViewOfFile", UnmapViewOfFile_export),
    BUILTIN_FUNCTION("FlushViewOfFile", FlushViewOfFile_export),
    /* what 7za.exe and esbuild.exe import besides */
    BUILTIN_FUNCTION("LocalFileTimeToFileTime", LocalFileTimeToFileTime_export),
    BUILTIN_FUNCTION("SetFileApisToOEM", SetFileApisToOEM_export),
    BUILTIN_FUNCTION("SetFileApisToANSI", SetFileApisToANSI_export),
    BUILTIN_FUNCTION("AreFileApisANSI", AreFileApisANSI_export),
    BUILTIN_FUNCTION("GetLogicalDrives", GetLogicalDrives_export),
    BUILTIN_FUNCTION("GetLogicalDriveStringsA", GetLogicalDriveStringsA_export),
    BUILTIN_FUNCTION("GetLogicalDriveStringsW", GetLogicalDriveStringsW_export),
    BUILTIN_FUNCTION("GetDriveTypeA", GetDriveTypeA_export),
    BUILTIN_FUNCTION("GetDriveTypeW", GetDriveTypeW_export),
    BUILTIN_FUNCTION("DeviceIoControl", DeviceIoControl_export),
    BUILTIN_FUNCTION("RaiseFailFastException", RaiseFailFastException_export),
    BUILTIN_FUNCTION("GetComputerNameExA", GetComputerNameExA_export),
    BUILTIN_FUNCTION("GetComputerNameExW", GetComputerNameExW_export),
    /* national language support (win32/nls.c, win32/locale.c, win32/datetime.c, win32/string.c) */
    BUILTIN_FUNCTION("CompareStringA", CompareStringA_export),
    BUILTIN_FUNCTION("CompareStringW", CompareStringW_export),
    BUILTIN_FUNCTION("CompareStringEx", CompareStringEx_export),
    BUILTIN_FUNCTION("CompareStringOrdinal", CompareStringOrdinal_export),
    BUILTIN_FUNCTION("lstrcmpA", lstrcmpA_export),
    BUILTIN_FUNCTION("lstrcmpW", lstrcmpW_export),
    BUILTIN_FUNCTION("lstrcmpiA", lstrcmpiA_export),
    BUILTIN_FUNCTION("lstrcmpiW", lstrcmpiW_export),
    BUILTIN_FUNCTION("LCMapStringA", LCMapStringA_export),
    BUILTIN_FUNCTION("LCMapStringW", LCMapStringW_export),
    BUILTIN_FUNCTION("LCMapStringEx", LCMapStringEx_export),
    BUILTIN_FUNCTION("FoldStringW", FoldStringW_export),
    BUILTIN_FUNCTION("GetStringTypeW", GetStringTypeW_export),
    BUILTIN_FUNCTION("GetStringTypeExW", GetStringTypeExW_export),
    BUILTIN_FUNCTION("GetStringTypeA", GetStringTypeA_export),
    BUILTIN_FUNCTION("GetStringTypeExA", GetStringTypeExA_export),
    BUILTIN_FUNCTION("lstrcpyA", lstrcpyA_export),
    BUILTIN_FUNCTION("lstrcpyW", lstrcpyW_export),
    BUILTIN_FUNCTION("lstrcpynA", lstrcpynA_export),
    BUILTIN_FUNCTION("lstrcpynW", lstrcpynW_export),
    BUILTIN_FUNCTION("lstrcatA", lstrcatA_export),
    BUILTIN_FUNCTION("lstrcatW", lstrcatW_export),
    BUILTIN_FUNCTION("GetCPInfoExA", GetCPInfoExA_export),
    BUILTIN_FUNCTION("GetCPInfoExW", GetCPInfoExW_export),
    BUILTIN_FUNCTION("GetLocaleInfoA", GetLocaleInfoA_export),
    BUILTIN_FUNCTION("GetLocaleInfoW", GetLocaleInfoW_export),
    BUILTIN_FUNCTION("GetLocaleInfoEx", GetLocaleInfoEx_export),
    BUILTIN_FUNCTION("GetUserDefaultLCID", GetUserDefaultLCID_export),
    BUILTIN_FUNCTION("GetSystemDefaultLCID", GetSystemDefaultLCID_export),
    BUILTIN_FUNCTION("GetUserDefaultLangID", GetUserDefaultLangID_export),
    BUILTIN_FUNCTION("GetSystemDefaultLangID", GetSystemDefaultLangID_export),
    BUILTIN_FUNCTION("GetUserDefaultUILanguage", GetUserDefaultUILanguage_export),
    BUILTIN_FUNCTION("GetSystemDefaultUILanguage", GetSystemDefaultUILanguage_export),
    BUILTIN_FUNCTION("GetThreadLocale", GetThreadLocale_export),
    BUILTIN_FUNCTION("SetThreadLocale", SetThreadLocale_export),
    BUILTIN_FUNCTION("IsValidLocale", IsValidLocale_export),
    BUILTIN_FUNCTION("IsValidLocaleName", IsValidLocaleName_export),
    BUILTIN_FUNCTION("GetUserDefaultLocaleName", GetUserDefaultLocaleName_export),
    BUILTIN_FUNCTION("GetSystemDefaultLocaleName", GetSystemDefaultLocaleName_export),
    BUILTIN_FUNCTION("LocaleNameToLCID", LocaleNameToLCID_export),
    BUILTIN_FUNCTION("LCIDToLocaleName", LCIDToLocaleName_export),
    BUILTIN_FUNCTION("EnumSystemLocalesA", EnumSystemLocalesA_export),
    BUILTIN_FUNCTION("EnumSystemLocalesW", EnumSystemLocalesW_export),
    BUILTIN_FUNCTION("GetDateFormatA", GetDateFormatA_export),
    BUILTIN_FUNCTION("GetDateFormatW", GetDateFormatW_export),
    BUILTIN_FUNCTION("GetDateFormatEx", GetDateFormatEx_export),
    BUILTIN_FUNCTION("GetTimeFormatA", GetTimeFormatA_export),
    BUILTIN_FUNCTION("GetTimeFormatW", GetTimeFormatW_export),
    BUILTIN_FUNCTION("GetTimeFormatEx", GetTimeFormatEx_export),
    /* the screen buffer on a terminal (win32/console.c) */
    BUILTIN_FUNCTION("GetConsoleScreenBufferInfo", GetConsoleScreenBufferInfo_export),
    BUILTIN_FUNCTION("GetConsoleScreenBufferInfoEx", GetConsoleScreenBufferInfoEx_export),
    BUILTIN_FUNCTION("SetConsoleTextAttribute", SetConsoleTextAttribute_export),
    BUILTIN_FUNCTION("SetConsoleCursorPosition", SetConsoleCursorPosition_export),
    BUILTIN_FUNCTION("FillConsoleOutputCharacterW", FillConsoleOutputCharacterW_export),
    BUILTIN_FUNCTION("FillConsoleOutputCharacterA", FillConsoleOutputCharacterA_export),
    BUILTIN_FUNCTION("FillConsoleOutputAttribute", FillConsoleOutputAttribute_export),
    BUILTIN_FUNCTION("ScrollConsoleScreenBufferW", ScrollConsoleScreenBufferW_export),
    BUILTIN_FUNCTION("ScrollConsoleScreenBufferA", ScrollConsoleScreenBufferA_export),
    BUILTIN_FUNCTION("GetConsoleCursorInfo", GetConsoleCursorInfo_export),
    BUILTIN_FUNCTION("SetConsoleCursorInfo", SetConsoleCursorInfo_export),
    BUILTIN_FUNCTION("GetConsoleTitleW", GetConsoleTitleW_export),
    BUILTIN_FUNCTION("GetConsoleTitleA", GetConsoleTitleA_export),
    BUILTIN_FUNCTION("GetNumberFormatW", GetNumberFormatW_export),
    BUILTIN_FUNCTION("GetNumberFormatEx", GetNumberFormatEx_export),
    BUILTIN_FUNCTION("ReadConsoleInputW", ReadConsoleInputW_export),
    BUILTIN_FUNCTION("ReadConsoleInputA", ReadConsoleInputA_export),
    BUILTIN_FUNCTION("PeekConsoleInputW", PeekConsoleInputW_export),
    BUILTIN_FUNCTION("PeekConsoleInputA", PeekConsoleInputA_export),
    BUILTIN_FUNCTION("GetNumberOfConsoleInputEvents", GetNumberOfConsoleInputEvents_export),
    BUILTIN_FUNCTION("FlushConsoleInputBuffer", FlushConsoleInputBuffer_export),
    BUILTIN_FUNCTION("GetThreadUILanguage", GetThreadUILanguage_export),
    BUILTIN_FUNCTION("SetThreadUILanguage", SetThreadUILanguage_export),
    BUILTIN_FUNCTION("GetUserPreferredUILanguages", GetUserPreferredUILanguages_export),
    BUILTIN_FUNCTION("GetSystemPreferredUILanguages", GetSystemPreferredUILanguages_export),
    BUILTIN_FUNCTION("GetThreadPreferredUILanguages", GetThreadPreferredUILanguages_export),
    BUILTIN_FUNCTION("lstrlen", lstrlenA_export),   /* the undecorated name is the ANSI function */
    BUILTIN_FUNCTION("lstrcpy", lstrcpyA_export),   /* the undecorated name is the ANSI function */
    BUILTIN_FUNCTION("lstrcpyn", lstrcpynA_export),   /* the undecorated name is the ANSI function */
    BUILTIN_FUNCTION("lstrcat", lstrcatA_export),   /* the undecorated name is the ANSI function */
    BUILTIN_FUNCTION("lstrcmp", lstrcmpA_export),   /* the undecorated name is the ANSI function */
    BUILTIN_FUNCTION("lstrcmpi", lstrcmpiA_export),   /* the undecorated name is the ANSI function */
    BUILTIN_FUNCTION("AllocConsole", AllocConsole_export),
    BUILTIN_FUNCTION("AttachConsole", AttachConsole_export),
    BUILTIN_FUNCTION("FreeConsole", FreeConsole_export),
    BUILTIN_FUNCTION("GetLargestConsoleWindowSize", GetLargestConsoleWindowSize_export),
    BUILTIN_FUNCTION("WriteConsoleInputW", WriteConsoleInputW_export),
    BUILTIN_FUNCTION("WriteConsoleInputA", WriteConsoleInputA_export),
    BUILTIN_FUNCTION("GetCurrencyFormatW", GetCurrencyFormatW_export),
    BUILTIN_FUNCTION("GetCurrencyFormatEx", GetCurrencyFormatEx_export),
    BUILTIN_FUNCTION("GetCurrencyFormatA", GetCurrencyFormatA_export),
    BUILTIN_FUNCTION("GetNumberFormatA", GetNumberFormatA_export),
    BUILTIN_FUNCTION("EnumSystemCodePagesW", EnumSystemCodePagesW_export),
    BUILTIN_FUNCTION("EnumSystemCodePagesA", EnumSystemCodePagesA_export),
    BUILTIN_FUNCTION("FoldStringA", FoldStringA_export),
    BUILTIN_FUNCTION("WriteConsoleOutputCharacterW", WriteConsoleOutputCharacterW_export),
    BUILTIN_FUNCTION("WriteConsoleOutputCharacterA", WriteConsoleOutputCharacterA_export),
    BUILTIN_FUNCTION("WriteConsoleOutputW", WriteConsoleOutputW_export),
    BUILTIN_FUNCTION("WriteConsoleOutputA", WriteConsoleOutputA_export),
    BUILTIN_FUNCTION("WriteConsoleOutputAttribute", WriteConsoleOutputAttribute_export),
    BUILTIN_FUNCTION("ReadConsoleOutputCharacterW", ReadConsoleOutputCharacterW_export),
    BUILTIN_FUNCTION("ReadConsoleOutputCharacterA", ReadConsoleOutputCharacterA_export),
    BUILTIN_FUNCTION("ReadConsoleOutputAttribute", ReadConsoleOutputAttribute_export),
    BUILTIN_FUNCTION("ReadConsoleOutputW", ReadConsoleOutputW_export),
    BUILTIN_FUNCTION("ReadConsoleOutputA", ReadConsoleOutputA_export),
    BUILTIN_FUNCTION("GetWindowsDirectoryW", GetWindowsDirectoryW_export),
    BUILTIN_FUNCTION("GetWindowsDirectoryA", GetWindowsDirectoryA_export),
    BUILTIN_FUNCTION("GetSystemWindowsDirectoryW", GetSystemWindowsDirectoryW_export),
    BUILTIN_FUNCTION("GetSystemWindowsDirectoryA", GetSystemWindowsDirectoryA_export),
    BUILTIN_FUNCTION("GetSystemWow64DirectoryW", GetSystemWow64DirectoryW_export),
    BUILTIN_FUNCTION("GetSystemWow64DirectoryA", GetSystemWow64DirectoryA_export),
    BUILTIN_FUNCTION("GetLongPathNameW", GetLongPathNameW_export),
    BUILTIN_FUNCTION("GetShortPathNameW", GetShortPathNameW_export),
    BUILTIN_FUNCTION("GetLongPathNameA", GetLongPathNameA_export),
    BUILTIN_FUNCTION("GetShortPathNameA", GetShortPathNameA_export),
    BUILTIN_FUNCTION("GetTempFileNameW", GetTempFileNameW_export),
    BUILTIN_FUNCTION("GetTempFileNameA", GetTempFileNameA_export),
    BUILTIN_FUNCTION("DosDateTimeToFileTime", DosDateTimeToFileTime_export),
    BUILTIN_FUNCTION("FileTimeToDosDateTime", FileTimeToDosDateTime_export),
    BUILTIN_FUNCTION("SetVolumeLabelW", SetVolumeLabelW_export),
    BUILTIN_FUNCTION("SetVolumeLabelA", SetVolumeLabelA_export),
    BUILTIN_FUNCTION("IsBadReadPtr", IsBadReadPtr_export),
    BUILTIN_FUNCTION("IsBadWritePtr", IsBadWritePtr_export),
    BUILTIN_FUNCTION("IsBadHugeReadPtr", IsBadHugeReadPtr_export),
    BUILTIN_FUNCTION("IsBadHugeWritePtr", IsBadHugeWritePtr_export),
    BUILTIN_FUNCTION("IsBadCodePtr", IsBadCodePtr_export),
    BUILTIN_FUNCTION("IsBadStringPtrA", IsBadStringPtrA_export),
    BUILTIN_FUNCTION("IsBadStringPtrW", IsBadStringPtrW_export),
    BUILTIN_FUNCTION("GetPrivateProfileStringW", GetPrivateProfileStringW_export),
    BUILTIN_FUNCTION("GetPrivateProfileStringA", GetPrivateProfileStringA_export),
    BUILTIN_FUNCTION("GetProfileStringW", GetProfileStringW_export),
    BUILTIN_FUNCTION("GetProfileStringA", GetProfileStringA_export),
    BUILTIN_FUNCTION("GetPrivateProfileIntW", GetPrivateProfileIntW_export),
    BUILTIN_FUNCTION("GetPrivateProfileIntA", GetPrivateProfileIntA_export),
    BUILTIN_FUNCTION("GetProfileIntW", GetProfileIntW_export),
    BUILTIN_FUNCTION("GetProfileIntA", GetProfileIntA_export),
    BUILTIN_FUNCTION("GetPrivateProfileSectionW", GetPrivateProfileSectionW_export),
    BUILTIN_FUNCTION("GetPrivateProfileSectionA", GetPrivateProfileSectionA_export),
    BUILTIN_FUNCTION("GetProfileSectionW", GetProfileSectionW_export),
    BUILTIN_FUNCTION("GetProfileSectionA", GetProfileSectionA_export),
    BUILTIN_FUNCTION("GetPrivateProfileSectionNamesW", GetPrivateProfileSectionNamesW_export),
    BUILTIN_FUNCTION("GetPrivateProfileSectionNamesA", GetPrivateProfileSectionNamesA_export),
    BUILTIN_FUNCTION("WritePrivateProfileStringW", WritePrivateProfileStringW_export),
    BUILTIN_FUNCTION("WritePrivateProfileStringA", WritePrivateProfileStringA_export),
    BUILTIN_FUNCTION("WriteProfileStringW", WriteProfileStringW_export),
    BUILTIN_FUNCTION("WriteProfileStringA", WriteProfileStringA_export),
    BUILTIN_FUNCTION("WritePrivateProfileSectionW", WritePrivateProfileSectionW_export),
    BUILTIN_FUNCTION("WritePrivateProfileSectionA", WritePrivateProfileSectionA_export),
    BUILTIN_FUNCTION("WriteProfileSectionW", WriteProfileSectionW_export),
    BUILTIN_FUNCTION("WriteProfileSectionA", WriteProfileSectionA_export),
    BUILTIN_FUNCTION("GetFileInformationByHandleEx", GetFileInformationByHandleEx_export),
    BUILTIN_FUNCTION("SetFileInformationByHandle", SetFileInformationByHandle_export),
    BUILTIN_FUNCTION("GetFinalPathNameByHandleW", GetFinalPathNameByHandleW_export),
    BUILTIN_FUNCTION("GetFinalPathNameByHandleA", GetFinalPathNameByHandleA_export),
    BUILTIN_FUNCTION("ReplaceFileW", ReplaceFileW_export),
    BUILTIN_FUNCTION("ReplaceFileA", ReplaceFileA_export),
    BUILTIN_FUNCTION("GlobalMemoryStatusEx", GlobalMemoryStatusEx_export),
    BUILTIN_FUNCTION("GlobalMemoryStatus", GlobalMemoryStatus_export),
    BUILTIN_FUNCTION("GetPhysicallyInstalledSystemMemory", GetPhysicallyInstalledSystemMemory_export),
    BUILTIN_FUNCTION("GetSystemTimes", GetSystemTimes_export),
    BUILTIN_FUNCTION("WerSetFlags", WerSetFlags_export),
    BUILTIN_FUNCTION("WerGetFlags", WerGetFlags_export),
    BUILTIN_FUNCTION("WerRegisterMemoryBlock", WerRegisterMemoryBlock_export),
    BUILTIN_FUNCTION("WerUnregisterMemoryBlock", WerUnregisterMemoryBlock_export),
    BUILTIN_FUNCTION("WerRegisterFile", WerRegisterFile_export),
    BUILTIN_FUNCTION("WerUnregisterFile", WerUnregisterFile_export),
    BUILTIN_FUNCTION("WerRegisterRuntimeExceptionModule", WerRegisterRuntimeExceptionModule_export),
    BUILTIN_FUNCTION("WerUnregisterRuntimeExceptionModule", WerUnregisterRuntimeExceptionModule_export),
    BUILTIN_FUNCTION("GetLogicalProcessorInformation", GetLogicalProcessorInformation_export),
    BUILTIN_FUNCTION("GetLogicalProcessorInformationEx", GetLogicalProcessorInformationEx_export),
    BUILTIN_FUNCTION("CreateSymbolicLinkW", CreateSymbolicLinkW_export),
    BUILTIN_FUNCTION("CreateSymbolicLinkA", CreateSymbolicLinkA_export),
    BUILTIN_FUNCTION("SetDllDirectoryW", SetDllDirectoryW_export),
    BUILTIN_FUNCTION("SetDllDirectoryA", SetDllDirectoryA_export),
    BUILTIN_FUNCTION("GetDllDirectoryW", GetDllDirectoryW_export),
    BUILTIN_FUNCTION("GetDllDirectoryA", GetDllDirectoryA_export),
    BUILTIN_FUNCTION("ReadDirectoryChangesW", ReadDirectoryChangesW_export),
    BUILTIN_FUNCTION("K32EnumProcessModulesEx", K32EnumProcessModulesEx_export),
    BUILTIN_FUNCTION("K32EnumProcessModules", K32EnumProcessModules_export),
    BUILTIN_FUNCTION("K32EnumProcesses", K32EnumProcesses_export),
    BUILTIN_FUNCTION("K32GetModuleBaseNameA", K32GetModuleBaseNameA_export),
    BUILTIN_FUNCTION("K32GetModuleBaseNameW", K32GetModuleBaseNameW_export),
    BUILTIN_FUNCTION("K32GetModuleFileNameExA", K32GetModuleFileNameExA_export),
    BUILTIN_FUNCTION("K32GetModuleFileNameExW", K32GetModuleFileNameExW_export),
    BUILTIN_FUNCTION("K32GetModuleInformation", K32GetModuleInformation_export),
    BUILTIN_FUNCTION("K32GetProcessImageFileNameA", K32GetProcessImageFileNameA_export),
    BUILTIN_FUNCTION("K32GetProcessImageFileNameW", K32GetProcessImageFileNameW_export),
    BUILTIN_FUNCTION("AddDllDirectory", AddDllDirectory_export),
    BUILTIN_FUNCTION("RemoveDllDirectory", RemoveDllDirectory_export),
    BUILTIN_FUNCTION("SetDefaultDllDirectories", SetDefaultDllDirectories_export),
    BUILTIN_FUNCTION("FreeLibraryAndExitThread", FreeLibraryAndExitThread_export),
    BUILTIN_FORWARDER("ResolveDelayLoadsFromDll", "ntdll.LdrResolveDelayLoadsFromDll"),
    BUILTIN_FUNCTION("GetLargePageMinimum", GetLargePageMinimum_export),
    BUILTIN_FUNCTION("MoveFileWithProgressW", MoveFileWithProgressW_export),
    BUILTIN_FUNCTION("CopyFileExW", CopyFileExW_export),
    BUILTIN_FUNCTION("FindFirstStreamW", FindFirstStreamW_export),
    BUILTIN_FUNCTION("FindNextStreamW", FindNextStreamW_export),
    BUILTIN_FUNCTION("FindResourceW", FindResourceW_export),
    BUILTIN_FUNCTION("FindResourceA", FindResourceA_export),
    BUILTIN_FUNCTION("FindResourceExW", FindResourceExW_export),
    BUILTIN_FUNCTION("FindResourceExA", FindResourceExA_export),
    BUILTIN_FUNCTION("LoadResource", LoadResource_export),
    BUILTIN_FUNCTION("LockResource", LockResource_export),
    BUILTIN_FUNCTION("SizeofResource", SizeofResource_export),
    BUILTIN_FUNCTION("FreeResource", FreeResource_export),
    BUILTIN_FUNCTION("EnumResourceTypesW", EnumResourceTypesW_export),
    BUILTIN_FUNCTION("EnumResourceTypesA", EnumResourceTypesA_export),
    BUILTIN_FUNCTION("EnumResourceTypesExW", EnumResourceTypesExW_export),
    BUILTIN_FUNCTION("EnumResourceTypesExA", EnumResourceTypesExA_export),
    BUILTIN_FUNCTION("EnumResourceNamesW", EnumResourceNamesW_export),
    BUILTIN_FUNCTION("EnumResourceNamesA", EnumResourceNamesA_export),
    BUILTIN_FUNCTION("EnumResourceNamesExW", EnumResourceNamesExW_export),
    BUILTIN_FUNCTION("EnumResourceNamesExA", EnumResourceNamesExA_export),
    BUILTIN_FUNCTION("EnumResourceLanguagesW", EnumResourceLanguagesW_export),
    BUILTIN_FUNCTION("EnumResourceLanguagesA", EnumResourceLanguagesA_export),
    BUILTIN_FUNCTION("EnumResourceLanguagesExW", EnumResourceLanguagesExW_export),
    BUILTIN_FUNCTION("EnumResourceLanguagesExA", EnumResourceLanguagesExA_export),
    BUILTIN_FUNCTION("ReadFileEx", ReadFileEx_export),
    BUILTIN_FUNCTION("WriteFileEx", WriteFileEx_export),
    BUILTIN_FORWARDER("EncodePointer", "NTDLL.RtlEncodePointer"),
    BUILTIN_FORWARDER("DecodePointer", "NTDLL.RtlDecodePointer"),
    BUILTIN_FORWARDER("RtlPcToFileHeader", "NTDLL.RtlPcToFileHeader"),
    BUILTIN_FUNCTION("SetThreadErrorMode", SetThreadErrorMode_export),
    BUILTIN_FUNCTION("GetThreadErrorMode", GetThreadErrorMode_export),
    BUILTIN_FUNCTION("IsThreadAFiber", IsThreadAFiber_export),
    BUILTIN_FUNCTION("CreateConsoleScreenBuffer", CreateConsoleScreenBuffer_export),
    BUILTIN_FUNCTION("SetConsoleActiveScreenBuffer", SetConsoleActiveScreenBuffer_export),
    BUILTIN_FUNCTION("FindFirstFileExW", FindFirstFileExW_export),
    BUILTIN_FUNCTION("GetTimeZoneInformationForYear", GetTimeZoneInformationForYear_export),
};

LONG WINAPI UnhandledExceptionFilter(PEXCEPTION_POINTERS info);
extern PVOID BaseRaiseExceptionAddress;
void BaseConnectConsole(HMODULE kernel32);

/* kernel32's process attach: tell ntdll where threads start (BaseThreadInitThunk) and which filter ends
 * an unhandled exception, as BaseDllInitialize does. */
static BOOL WINAPI kernel32_main(HMODULE module, DWORD reason, PVOID reserved)
{
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) {
        PVOID thunk;
        ANSI_STRING name;
        RtlInitAnsiString(&name, "BaseThreadInitThunk");
        if (LdrGetProcedureAddress(module, &name, 0, &thunk) != STATUS_SUCCESS)
            return FALSE;
        LdrpData->Kernel32ThreadInitThunkFunction = thunk;
        RtlInitAnsiString(&name, "RaiseException");
        LdrGetProcedureAddress(module, &name, 0, &BaseRaiseExceptionAddress);
        RtlSetUnhandledExceptionFilter(UnhandledExceptionFilter);
        BaseConnectConsole(module);
    }
    return TRUE;
}

static const struct builtin_dll kernel32 = {
    .name = "KERNEL32.DLL",
    .exports = kernel32_exports + KERNELBASE_ONLY,
    .nexports = ARRAY_SIZE(kernel32_exports) - KERNELBASE_ONLY,
    .data_size = 0,
    .entry = kernel32_main,
};
BUILTIN_DLL(kernel32);

static const struct builtin_dll kernelbase = {
    .name = "KERNELBASE.dll",
    .exports = kernel32_exports,
    .nexports = ARRAY_SIZE(kernel32_exports),
    .data_size = 0,
    .entry = NULL,
};
BUILTIN_DLL(kernelbase);
