/*
 * The x64 user-mode process structures guest code reads directly: PEB, TEB, PEB_LDR_DATA,
 * LDR_DATA_TABLE_ENTRY, RTL_USER_PROCESS_PARAMETERS, RTL_CRITICAL_SECTION and KUSER_SHARED_DATA.
 * Field offsets are those of Windows 10 x64 and are checked below; reserved stretches are padding.
 */
#ifndef NT_PEB_H
#define NT_PEB_H

#include "nt/ntdef.h"

typedef struct _RTL_CRITICAL_SECTION_DEBUG RTL_CRITICAL_SECTION_DEBUG;

typedef struct _RTL_CRITICAL_SECTION {
    RTL_CRITICAL_SECTION_DEBUG *DebugInfo;
    LONG      LockCount;      /* -1 when free, as Windows initialises it */
    LONG      RecursionCount;
    HANDLE    OwningThread;   /* thread id of the owner */
    HANDLE    LockSemaphore;  /* ntexec: low 32 bits are the futex word (0 free, 1 held, 2 contended) */
    ULONG_PTR SpinCount;
} RTL_CRITICAL_SECTION, *PRTL_CRITICAL_SECTION;

typedef struct _CURDIR {
    UNICODE_STRING DosPath;
    HANDLE Handle;
} CURDIR;

typedef struct _RTL_DRIVE_LETTER_CURDIR {
    USHORT Flags;
    USHORT Length;
    ULONG  TimeStamp;
    STRING DosPath;
} RTL_DRIVE_LETTER_CURDIR;

#define RTL_USER_PROC_PARAMS_NORMALIZED 0x00000001

typedef struct _RTL_USER_PROCESS_PARAMETERS {
    ULONG  MaximumLength;
    ULONG  Length;
    ULONG  Flags;
    ULONG  DebugFlags;
    HANDLE ConsoleHandle;
    ULONG  ConsoleFlags;
    HANDLE StandardInput;
    HANDLE StandardOutput;
    HANDLE StandardError;
    CURDIR CurrentDirectory;
    UNICODE_STRING DllPath;
    UNICODE_STRING ImagePathName;
    UNICODE_STRING CommandLine;
    PWSTR  Environment;       /* NUL-separated "NAME=value" strings, ending with an empty one */
    ULONG  StartingX, StartingY, CountX, CountY, CountCharsX, CountCharsY;
    ULONG  FillAttribute;
    ULONG  WindowFlags;       /* STARTUPINFO.dwFlags */
    ULONG  ShowWindowFlags;
    UNICODE_STRING WindowTitle;
    UNICODE_STRING DesktopInfo;
    UNICODE_STRING ShellInfo;
    UNICODE_STRING RuntimeData;
    RTL_DRIVE_LETTER_CURDIR CurrentDirectores[32];
    ULONG_PTR EnvironmentSize;     /* bytes */
    ULONG_PTR EnvironmentVersion;
    PVOID  PackageDependencyData;
    ULONG  ProcessGroupId;
    ULONG  LoaderThreads;
} RTL_USER_PROCESS_PARAMETERS, *PRTL_USER_PROCESS_PARAMETERS;

typedef struct _PEB_LDR_DATA {
    ULONG      Length;
    BOOLEAN    Initialized;
    PVOID      SsHandle;
    LIST_ENTRY InLoadOrderModuleList;
    LIST_ENTRY InMemoryOrderModuleList;
    LIST_ENTRY InInitializationOrderModuleList;
    PVOID      EntryInProgress;
    BOOLEAN    ShutdownInProgress;
    HANDLE     ShutdownThreadId;
} PEB_LDR_DATA, *PPEB_LDR_DATA;

/* LDR_DATA_TABLE_ENTRY.Flags */
#define LDRP_IMAGE_DLL               0x00000004
#define LDRP_LOAD_IN_PROGRESS        0x00001000
#define LDRP_ENTRY_PROCESSED         0x00004000
#define LDRP_DONT_CALL_FOR_THREADS   0x00040000
#define LDRP_PROCESS_ATTACH_CALLED   0x00080000
#define LDRP_IMAGE_NOT_AT_BASE       0x00200000

typedef struct _LDR_DATA_TABLE_ENTRY {
    LIST_ENTRY InLoadOrderLinks;
    LIST_ENTRY InMemoryOrderLinks;
    LIST_ENTRY InInitializationOrderLinks;
    PVOID      DllBase;
    PVOID      EntryPoint;
    ULONG      SizeOfImage;
    UNICODE_STRING FullDllName;
    UNICODE_STRING BaseDllName;
    ULONG      Flags;
    USHORT     ObsoleteLoadCount;
    USHORT     TlsIndex;
    LIST_ENTRY HashLinks;
    ULONG      TimeDateStamp;
    PVOID      EntryPointActivationContext;
    PVOID      Lock;
    PVOID      DdagNode;
    LIST_ENTRY NodeModuleLink;
    PVOID      LoadContext;
    PVOID      ParentDllBase;
    PVOID      SwitchBackContext;
    BYTE       BaseAddressIndexNode[24];
    BYTE       MappingInfoIndexNode[24];
    ULONG_PTR  OriginalBase;
    LARGE_INTEGER LoadTime;
    ULONG      BaseNameHashValue;
    ULONG      LoadReason;
    ULONG      ImplicitPathOptions;
    ULONG      ReferenceCount;
    ULONG      DependentLoadFlags;
    UCHAR      SigningLevel;
} LDR_DATA_TABLE_ENTRY, *PLDR_DATA_TABLE_ENTRY;

typedef struct _PEB {
    BOOLEAN InheritedAddressSpace;
    BOOLEAN ReadImageFileExecOptions;
    BOOLEAN BeingDebugged;
    BOOLEAN BitField;
    BYTE    Padding0[4];
    HANDLE  Mutant;
    PVOID   ImageBaseAddress;
    PPEB_LDR_DATA Ldr;
    PRTL_USER_PROCESS_PARAMETERS ProcessParameters;
    PVOID   SubSystemData;
    PVOID   ProcessHeap;
    PRTL_CRITICAL_SECTION FastPebLock;
    PVOID   AtlThunkSListPtr;
    PVOID   IFEOKey;
    ULONG   CrossProcessFlags;
    BYTE    Padding1[4];
    PVOID   KernelCallbackTable;
    ULONG   SystemReserved;
    ULONG   AtlThunkSListPtr32;
    PVOID   ApiSetMap;
    ULONG   TlsExpansionCounter;
    BYTE    Padding2[4];
    PVOID   TlsBitmap;
    ULONG   TlsBitmapBits[2];
    PVOID   ReadOnlySharedMemoryBase;
    PVOID   SharedData;
    PVOID  *ReadOnlyStaticServerData;
    PVOID   AnsiCodePageData;
    PVOID   OemCodePageData;
    PVOID   UnicodeCaseTableData;
    ULONG   NumberOfProcessors;
    ULONG   NtGlobalFlag;
    LARGE_INTEGER CriticalSectionTimeout;
    SIZE_T  HeapSegmentReserve;
    SIZE_T  HeapSegmentCommit;
    SIZE_T  HeapDeCommitTotalFreeThreshold;
    SIZE_T  HeapDeCommitFreeBlockThreshold;
    ULONG   NumberOfHeaps;
    ULONG   MaximumNumberOfHeaps;
    PVOID  *ProcessHeaps;
    PVOID   GdiSharedHandleTable;
    PVOID   ProcessStarterHelper;
    ULONG   GdiDCAttributeList;
    BYTE    Padding3[4];
    PRTL_CRITICAL_SECTION LoaderLock;
    ULONG   OSMajorVersion;
    ULONG   OSMinorVersion;
    USHORT  OSBuildNumber;
    USHORT  OSCSDVersion;
    ULONG   OSPlatformId;
    ULONG   ImageSubsystem;
    ULONG   ImageSubsystemMajorVersion;
    ULONG   ImageSubsystemMinorVersion;
    BYTE    Padding4[4];
    ULONG_PTR ActiveProcessAffinityMask;
    ULONG   GdiHandleBuffer[60];
    PVOID   PostProcessInitRoutine;
    PVOID   TlsExpansionBitmap;
    ULONG   TlsExpansionBitmapBits[32];
    ULONG   SessionId;
    BYTE    Padding5[4];
    ULARGE_INTEGER AppCompatFlags;
    ULARGE_INTEGER AppCompatFlagsUser;
    PVOID   pShimData;
    PVOID   AppCompatInfo;
    UNICODE_STRING CSDVersion;
    PVOID   ActivationContextData;
    PVOID   ProcessAssemblyStorageMap;
    PVOID   SystemDefaultActivationContextData;
    PVOID   SystemAssemblyStorageMap;
    SIZE_T  MinimumStackCommit;
    BYTE    Reserved[0x7C8 - 0x320];
} PEB, *PPEB;

typedef struct _NT_TIB {
    PVOID ExceptionList;
    PVOID StackBase;     /* highest address of the stack (exclusive) */
    PVOID StackLimit;    /* lowest committed address */
    PVOID SubSystemTib;
    PVOID FiberData;
    PVOID ArbitraryUserPointer;
    struct _NT_TIB *Self;
} NT_TIB;

#define TLS_MINIMUM_AVAILABLE 64
#define TLS_EXPANSION_SLOTS   1024

typedef struct _TEB {
    NT_TIB    NtTib;
    PVOID     EnvironmentPointer;
    CLIENT_ID ClientId;
    PVOID     ActiveRpcHandle;
    PVOID    *ThreadLocalStoragePointer;   /* implicit TLS blocks, indexed by the image's TLS index */
    PPEB      ProcessEnvironmentBlock;
    ULONG     LastErrorValue;
    ULONG     CountOfOwnedCriticalSections;
    PVOID     CsrClientThread;
    PVOID     Win32ThreadInfo;
    ULONG     User32Reserved[26];
    ULONG     UserReserved[5];
    PVOID     WOW32Reserved;
    ULONG     CurrentLocale;
    ULONG     FpSoftwareStatusRegister;
    PVOID     SystemReserved1[54];
    LONG      ExceptionCode;
    BYTE      Padding0[4];
    PVOID     ActivationContextStackPointer;
    BYTE      Reserved1[0x1250 - 0x2D0];
    ULONG     LastStatusValue;
    BYTE      Padding2[4];
    UNICODE_STRING StaticUnicodeString;
    WCHAR     StaticUnicodeBuffer[261];
    BYTE      Padding3[6];
    PVOID     DeallocationStack;           /* lowest address of the reserved stack */
    PVOID     TlsSlots[TLS_MINIMUM_AVAILABLE];
    LIST_ENTRY TlsLinks;
    PVOID     Vdm;
    PVOID     ReservedForNtRpc;
    PVOID     DbgSsReserved[2];
    ULONG     HardErrorMode;
    BYTE      Padding4[4];
    PVOID     Instrumentation[11];
    GUID      ActivityId;
    PVOID     SubProcessTag;
    PVOID     PerflibData;
    PVOID     EtwTraceData;
    PVOID     WinSockData;
    ULONG     GdiBatchCount;
    ULONG     CurrentIdealProcessor;
    ULONG     GuaranteedStackBytes;
    BYTE      Padding5[4];
    PVOID     ReservedForPerf;
    PVOID     ReservedForOle;
    ULONG     WaitingOnLoaderLock;
    BYTE      Padding6[4];
    PVOID     SavedPriorityState;
    ULONG_PTR ReservedForCodeCoverage;
    PVOID     ThreadPoolData;
    PVOID    *TlsExpansionSlots;
    PVOID     DeallocationBStore;
    PVOID     BStoreLimit;
    ULONG     MuiGeneration;
    ULONG     IsImpersonating;
    PVOID     NlsCache;
    PVOID     pShimData;
    ULONG     HeapData;
    BYTE      Padding7[4];
    HANDLE    CurrentTransactionHandle;
    PVOID     ActiveFrame;
    PVOID     FlsData;
    PVOID     PreferredLanguages;
    PVOID     UserPrefLanguages;
    PVOID     MergedPrefLanguages;
    ULONG     MuiImpersonation;
    USHORT    CrossTebFlags;
    USHORT    SameTebFlags;                /* TEB_HAS_FIBER_DATA: the thread was converted to a fiber */
    BYTE      Reserved2[0x1838 - 0x17F0];
} TEB, *PTEB;
#define TEB_HAS_FIBER_DATA 0x0004
static_assert(offsetof(TEB, SameTebFlags) == 0x17EE, "TEB.SameTebFlags");
static_assert(offsetof(TEB, HardErrorMode) == 0x16B0, "TEB.HardErrorMode");

static_assert(sizeof(RTL_CRITICAL_SECTION) == 40, "RTL_CRITICAL_SECTION");
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, StandardInput) == 0x20, "PP.StandardInput");
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, CurrentDirectory) == 0x38, "PP.CurrentDirectory");
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, DllPath) == 0x50, "PP.DllPath");
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, ImagePathName) == 0x60, "PP.ImagePathName");
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, CommandLine) == 0x70, "PP.CommandLine");
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, Environment) == 0x80, "PP.Environment");
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, WindowFlags) == 0xA4, "PP.WindowFlags");
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, WindowTitle) == 0xB0, "PP.WindowTitle");
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, CurrentDirectores) == 0xF0, "PP.CurrentDirectores");
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, EnvironmentSize) == 0x3F0, "PP.EnvironmentSize");
static_assert(sizeof(PEB_LDR_DATA) == 0x58, "PEB_LDR_DATA");
static_assert(offsetof(PEB_LDR_DATA, InLoadOrderModuleList) == 0x10, "Ldr.InLoadOrderModuleList");
static_assert(offsetof(PEB_LDR_DATA, InInitializationOrderModuleList) == 0x30, "Ldr.InInitializationOrder");
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, DllBase) == 0x30, "LDR.DllBase");
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, SizeOfImage) == 0x40, "LDR.SizeOfImage");
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, FullDllName) == 0x48, "LDR.FullDllName");
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, BaseDllName) == 0x58, "LDR.BaseDllName");
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, Flags) == 0x68, "LDR.Flags");
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, TlsIndex) == 0x6E, "LDR.TlsIndex");
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, HashLinks) == 0x70, "LDR.HashLinks");
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, OriginalBase) == 0xF8, "LDR.OriginalBase");
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, ReferenceCount) == 0x114, "LDR.ReferenceCount");
static_assert(offsetof(PEB, ImageBaseAddress) == 0x10, "PEB.ImageBaseAddress");
static_assert(offsetof(PEB, Ldr) == 0x18, "PEB.Ldr");
static_assert(offsetof(PEB, ProcessParameters) == 0x20, "PEB.ProcessParameters");
static_assert(offsetof(PEB, ProcessHeap) == 0x30, "PEB.ProcessHeap");
static_assert(offsetof(PEB, ApiSetMap) == 0x68, "PEB.ApiSetMap");
static_assert(offsetof(PEB, TlsBitmap) == 0x78, "PEB.TlsBitmap");
static_assert(offsetof(PEB, NumberOfProcessors) == 0xB8, "PEB.NumberOfProcessors");
static_assert(offsetof(PEB, NumberOfHeaps) == 0xE8, "PEB.NumberOfHeaps");
static_assert(offsetof(PEB, LoaderLock) == 0x110, "PEB.LoaderLock");
static_assert(offsetof(PEB, OSMajorVersion) == 0x118, "PEB.OSMajorVersion");
static_assert(offsetof(PEB, OSBuildNumber) == 0x120, "PEB.OSBuildNumber");
static_assert(offsetof(PEB, ImageSubsystem) == 0x128, "PEB.ImageSubsystem");
static_assert(offsetof(PEB, PostProcessInitRoutine) == 0x230, "PEB.PostProcessInitRoutine");
static_assert(offsetof(PEB, SessionId) == 0x2C0, "PEB.SessionId");
static_assert(offsetof(PEB, CSDVersion) == 0x2E8, "PEB.CSDVersion");
static_assert(offsetof(PEB, MinimumStackCommit) == 0x318, "PEB.MinimumStackCommit");
static_assert(sizeof(PEB) == 0x7C8, "PEB");
static_assert(offsetof(TEB, NtTib.StackBase) == 0x08, "TEB.StackBase");
static_assert(offsetof(TEB, NtTib.Self) == 0x30, "TEB.Self");
static_assert(offsetof(TEB, ClientId) == 0x40, "TEB.ClientId");
static_assert(offsetof(TEB, ThreadLocalStoragePointer) == 0x58, "TEB.ThreadLocalStoragePointer");
static_assert(offsetof(TEB, ProcessEnvironmentBlock) == 0x60, "TEB.ProcessEnvironmentBlock");
static_assert(offsetof(TEB, LastErrorValue) == 0x68, "TEB.LastErrorValue");
static_assert(offsetof(TEB, CurrentLocale) == 0x108, "TEB.CurrentLocale");
static_assert(offsetof(TEB, ExceptionCode) == 0x2C0, "TEB.ExceptionCode");
static_assert(offsetof(TEB, LastStatusValue) == 0x1250, "TEB.LastStatusValue");
static_assert(offsetof(TEB, StaticUnicodeString) == 0x1258, "TEB.StaticUnicodeString");
static_assert(offsetof(TEB, DeallocationStack) == 0x1478, "TEB.DeallocationStack");
static_assert(offsetof(TEB, TlsSlots) == 0x1480, "TEB.TlsSlots");
static_assert(offsetof(TEB, TlsLinks) == 0x1680, "TEB.TlsLinks");
static_assert(offsetof(TEB, ActivityId) == 0x1710, "TEB.ActivityId");
static_assert(offsetof(TEB, GdiBatchCount) == 0x1740, "TEB.GdiBatchCount");
static_assert(offsetof(TEB, TlsExpansionSlots) == 0x1780, "TEB.TlsExpansionSlots");
static_assert(offsetof(TEB, FlsData) == 0x17C8, "TEB.FlsData");
static_assert(sizeof(TEB) == 0x1838, "TEB");

/* KUSER_SHARED_DATA, mapped read-only at 0x7FFE0000 in every process (compiled code reads it directly). */
#define MM_SHARED_USER_DATA_VA 0x7FFE0000ull

typedef struct _KSYSTEM_TIME {
    ULONG LowPart;
    LONG  High1Time;
    LONG  High2Time;
} KSYSTEM_TIME;

typedef struct _KUSER_SHARED_DATA {
    ULONG        TickCountLowDeprecated;
    ULONG        TickCountMultiplier;
    KSYSTEM_TIME InterruptTime;    /* 100 ns units since boot */
    KSYSTEM_TIME SystemTime;       /* 100 ns units since 1601-01-01 UTC */
    KSYSTEM_TIME TimeZoneBias;
    USHORT       ImageNumberLow;
    USHORT       ImageNumberHigh;
    WCHAR        NtSystemRoot[260];
    ULONG        MaxStackTraceDepth;
    ULONG        CryptoExponent;
    ULONG        TimeZoneId;
    ULONG        LargePageMinimum;
    ULONG        AitSamplingValue;
    ULONG        AppCompatFlag;
    ULONGLONG    RNGSeedVersion;
    ULONG        GlobalValidationRunlevel;
    LONG         TimeZoneBiasStamp;
    ULONG        NtBuildNumber;
    ULONG        NtProductType;
    BOOLEAN      ProductTypeIsValid;
    BOOLEAN      Reserved0;
    USHORT       NativeProcessorArchitecture;
    ULONG        NtMajorVersion;
    ULONG        NtMinorVersion;
    BOOLEAN      ProcessorFeatures[64];
    ULONG        Reserved1;
    ULONG        Reserved3;
    ULONG        TimeSlip;
    ULONG        AlternativeArchitecture;
    ULONG        BootId;
    LARGE_INTEGER SystemExpirationDate;
    ULONG        SuiteMask;
    BOOLEAN      KdDebuggerEnabled;
    UCHAR        MitigationPolicies;
    USHORT       CyclesPerYield;
    ULONG        ActiveConsoleId;
    ULONG        DismountCount;
    ULONG        ComPlusPackage;
    ULONG        LastSystemRITEventTickCount;
    ULONG        NumberOfPhysicalPages;
    BOOLEAN      SafeBootMode;
    BYTE         Reserved4[0x320 - 0x2ED];
    union {
        KSYSTEM_TIME TickCount;    /* milliseconds since boot (with TickCountMultiplier) */
        ULONG64      TickCountQuad;
    };
    ULONG        Cookie;
    BYTE         Reserved6[0x720 - 0x334];
} KUSER_SHARED_DATA;

static_assert(offsetof(KUSER_SHARED_DATA, SystemTime) == 0x14, "KUSD.SystemTime");
static_assert(offsetof(KUSER_SHARED_DATA, NtSystemRoot) == 0x30, "KUSD.NtSystemRoot");
static_assert(offsetof(KUSER_SHARED_DATA, NtBuildNumber) == 0x260, "KUSD.NtBuildNumber");
static_assert(offsetof(KUSER_SHARED_DATA, NtMajorVersion) == 0x26C, "KUSD.NtMajorVersion");
static_assert(offsetof(KUSER_SHARED_DATA, ProcessorFeatures) == 0x274, "KUSD.ProcessorFeatures");
static_assert(offsetof(KUSER_SHARED_DATA, NumberOfPhysicalPages) == 0x2E8, "KUSD.NumberOfPhysicalPages");
static_assert(offsetof(KUSER_SHARED_DATA, TickCount) == 0x320, "KUSD.TickCount");
static_assert(offsetof(KUSER_SHARED_DATA, Cookie) == 0x330, "KUSD.Cookie");

/* The Windows version ntexec reports everywhere (PEB, KUSER_SHARED_DATA, GetVersionEx): Windows 10 22H2. */
/* The running thread's TEB (GS points at it while guest or builtin code runs). */
static inline PTEB NtCurrentTeb(void)
{
    PTEB teb;
    __asm__ volatile("mov %%gs:0x30, %0" : "=r"(teb));
    return teb;
}

#define NTEXEC_OS_MAJOR 10
#define NTEXEC_OS_MINOR 0
#define NTEXEC_OS_BUILD 19045

#endif
