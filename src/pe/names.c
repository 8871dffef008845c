/* Printable names for report output (ntexec --inspect, trace lines). */
#include "pe/pe.h"

const char *pe_machine_name(uint16_t machine)
{
    switch (machine) {
    case IMAGE_FILE_MACHINE_I386:  return "I386";
    case IMAGE_FILE_MACHINE_AMD64: return "AMD64";
    case IMAGE_FILE_MACHINE_ARMNT: return "ARMNT";
    case IMAGE_FILE_MACHINE_ARM64: return "ARM64";
    case IMAGE_FILE_MACHINE_IA64:  return "IA64";
    case IMAGE_FILE_MACHINE_UNKNOWN: return "UNKNOWN";
    default: return "unknown";
    }
}

const char *pe_subsystem_name(uint16_t subsystem)
{
    static const char *const names[] = {
        "UNKNOWN", "NATIVE", "WINDOWS_GUI", "WINDOWS_CUI", "unknown", "OS2_CUI", "unknown", "POSIX_CUI",
        "NATIVE_WINDOWS", "WINDOWS_CE_GUI", "EFI_APPLICATION", "EFI_BOOT_SERVICE_DRIVER",
        "EFI_RUNTIME_DRIVER", "EFI_ROM", "XBOX", "unknown", "WINDOWS_BOOT_APPLICATION",
    };
    return subsystem < ARRAY_SIZE(names) ? names[subsystem] : "unknown";
}

const char *pe_reloc_type_name(uint8_t type)
{
    static const char *const names[16] = {
        "ABSOLUTE", "HIGH", "LOW", "HIGHLOW", "HIGHADJ", "MACHINE_5", "RESERVED_6", "MACHINE_7",
        "MACHINE_8", "MACHINE_9", "DIR64", "TYPE_11", "TYPE_12", "TYPE_13", "TYPE_14", "TYPE_15",
    };
    return type < 16 ? names[type] : "unknown";
}
