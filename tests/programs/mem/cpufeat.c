/* IsProcessorFeaturePresent, KUSER_SHARED_DATA.ProcessorFeatures and GetSystemInfo's processor level and
 * revision, checked against the host's own account of the processor, /proc/cpuinfo (read as \proc\cpuinfo:
 * the system drive is the host's root under ntexec, and the current drive Z: is under Wine).
 * The answers depend on the processor, so each line says whether they agree with /proc/cpuinfo, and prints
 * all three values when they do not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static char flags[8192], vmx_flags[4096];
static int family = -1, model = -1, stepping = -1;

static void read_cpuinfo(void)
{
    FILE *f = fopen("\\proc\\cpuinfo", "r");
    if (!f) {
        printf("cannot open \\proc\\cpuinfo\n");
        exit(1);
    }
    char line[8192];
    while (fgets(line, sizeof line, f) && line[0] != '\n') {   /* the first processor */
        char *colon = strchr(line, ':');
        if (!colon)
            continue;
        char *value = colon + 1 + (colon[1] == ' ');
        line[strcspn(line, "\t:")] = 0;
        if (!strcmp(line, "flags"))
            snprintf(flags, sizeof flags, " %s", value);
        else if (!strcmp(line, "vmx flags"))
            snprintf(vmx_flags, sizeof vmx_flags, " %s", value);
        else if (!strcmp(line, "cpu family"))
            family = atoi(value);
        else if (!strcmp(line, "model"))
            model = atoi(value);
        else if (!strcmp(line, "stepping"))
            stepping = atoi(value);
    }
    fclose(f);
    for (char *p = flags; *p; p++)
        if (*p == '\n')
            *p = ' ';
    for (char *p = vmx_flags; *p; p++)
        if (*p == '\n')
            *p = ' ';
}

static int has(const char *flag)
{
    char word[64];
    snprintf(word, sizeof word, " %s ", flag);
    return strstr(flags, word) != NULL || strstr(vmx_flags, word) != NULL;
}

/* MXCSR_MASK bit 6, from this program's own FXSAVE. */
static int daz(void)
{
    static __attribute__((aligned(16))) unsigned char area[512];
    __asm__ volatile("fxsave %0" : "=m"(area));
    return (area[28] >> 6) & 1;
}

static const volatile BYTE *kusd_features = (const volatile BYTE *)0x7FFE0274;

static void check(const char *name, DWORD pf, const char *what, int expected)
{
    int api = IsProcessorFeaturePresent(pf) != 0, kusd = pf < 64 ? kusd_features[pf] : 0;
    if (api == expected && kusd == expected)
        printf("%s (%lu): agrees with %s\n", name, pf, what);
    else
        printf("%s (%lu): IsProcessorFeaturePresent %d, KUSER_SHARED_DATA %d, %s %d\n", name, pf, api, kusd, what,
               expected);
}

/* A feature with one answer on every x86-64 processor: the value itself. */
static void fixed(const char *name, DWORD pf)
{
    int api = IsProcessorFeaturePresent(pf) != 0, kusd = pf < 64 ? kusd_features[pf] : 0;
    if (api == kusd)
        printf("%s (%lu): %d\n", name, pf, api);
    else
        printf("%s (%lu): IsProcessorFeaturePresent %d, KUSER_SHARED_DATA %d\n", name, pf, api, kusd);
}

#define FLAG(pf, flag) check(#pf, pf, "/proc/cpuinfo " flag, has(flag))
#define FIXED(pf) fixed(#pf, pf)

int main(void)
{
    read_cpuinfo();
    FIXED(PF_FLOATING_POINT_PRECISION_ERRATA);
    FIXED(PF_FLOATING_POINT_EMULATED);
    FIXED(PF_COMPARE_EXCHANGE_DOUBLE);
    FIXED(PF_MMX_INSTRUCTIONS_AVAILABLE);
    FIXED(PF_PPC_MOVEMEM_64BIT_OK);
    FIXED(PF_ALPHA_BYTE_INSTRUCTIONS);
    FIXED(PF_XMMI_INSTRUCTIONS_AVAILABLE);
    FLAG(PF_3DNOW_INSTRUCTIONS_AVAILABLE, "3dnow");
    FIXED(PF_RDTSC_INSTRUCTION_AVAILABLE);
    FIXED(PF_PAE_ENABLED);
    FIXED(PF_XMMI64_INSTRUCTIONS_AVAILABLE);
    check("PF_SSE_DAZ_MODE_AVAILABLE", PF_SSE_DAZ_MODE_AVAILABLE, "FXSAVE's MXCSR_MASK", daz());
    FIXED(PF_NX_ENABLED);
    FLAG(PF_SSE3_INSTRUCTIONS_AVAILABLE, "pni");
    FLAG(PF_COMPARE_EXCHANGE128, "cx16");
    FIXED(PF_COMPARE64_EXCHANGE128);
    FIXED(PF_CHANNELS_ENABLED);
    FLAG(PF_XSAVE_ENABLED, "xsave");
    FIXED(PF_ARM_VFP_32_REGISTERS_AVAILABLE);
    FIXED(PF_ARM_NEON_INSTRUCTIONS_AVAILABLE);
    check("PF_SECOND_LEVEL_ADDRESS_TRANSLATION", PF_SECOND_LEVEL_ADDRESS_TRANSLATION, "/proc/cpuinfo ept or npt",
          has("ept") || has("npt"));
    check("PF_VIRT_FIRMWARE_ENABLED", PF_VIRT_FIRMWARE_ENABLED, "/proc/cpuinfo vmx or svm", has("vmx") || has("svm"));
    FLAG(PF_RDWRFSGSBASE_AVAILABLE, "fsgsbase");
    FIXED(PF_FASTFAIL_AVAILABLE);
    for (DWORD pf = 24; pf <= 27; pf++)
        fixed("PF_ARM_*", pf);
    FLAG(PF_RDRAND_INSTRUCTION_AVAILABLE, "rdrand");
    for (DWORD pf = 29; pf <= 31; pf++)
        fixed("PF_ARM_*", pf);
    FLAG(PF_RDTSCP_INSTRUCTION_AVAILABLE, "rdtscp");
    FLAG(PF_RDPID_INSTRUCTION_AVAILABLE, "rdpid");
    FIXED(PF_ARM_V81_ATOMIC_INSTRUCTIONS_AVAILABLE);
    FLAG(PF_MONITORX_INSTRUCTION_AVAILABLE, "mwaitx");
    FLAG(PF_SSSE3_INSTRUCTIONS_AVAILABLE, "ssse3");
    FLAG(PF_SSE4_1_INSTRUCTIONS_AVAILABLE, "sse4_1");
    FLAG(PF_SSE4_2_INSTRUCTIONS_AVAILABLE, "sse4_2");
    FLAG(PF_AVX_INSTRUCTIONS_AVAILABLE, "avx");
    FLAG(PF_AVX2_INSTRUCTIONS_AVAILABLE, "avx2");
    FLAG(PF_AVX512F_INSTRUCTIONS_AVAILABLE, "avx512f");
    FLAG(PF_ERMS_AVAILABLE, "erms");
    for (DWORD pf = 43; pf <= 64; pf++)   /* the rest are ARM's, or beyond KUSER_SHARED_DATA's 64 */
        fixed("PF_ARM_* or none", pf);
    fixed("PF_* 1000", 1000);

    SYSTEM_INFO si, nsi;
    GetSystemInfo(&si);
    GetNativeSystemInfo(&nsi);
    int revision = model << 8 | stepping;
    printf("architecture %u, processor type %lu\n", si.wProcessorArchitecture, si.dwProcessorType);
    if (si.wProcessorLevel == family && nsi.wProcessorLevel == family)
        printf("wProcessorLevel: agrees with /proc/cpuinfo cpu family\n");
    else
        printf("wProcessorLevel: %u, native %u, /proc/cpuinfo cpu family %d\n", si.wProcessorLevel,
               nsi.wProcessorLevel, family);
    if (si.wProcessorRevision == revision && nsi.wProcessorRevision == revision)
        printf("wProcessorRevision: agrees with /proc/cpuinfo model << 8 | stepping\n");
    else
        printf("wProcessorRevision: %#x, native %#x, /proc/cpuinfo model << 8 | stepping %#x\n",
               si.wProcessorRevision, nsi.wProcessorRevision, revision);
    return 0;
}
