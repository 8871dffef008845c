/*
 * NtCreateUserProcess: the kernel half of CreateProcess. The image is opened and validated first
 * (NtCreateSection), so a bad image fails the call before anything of the process exists; then the
 * process (PspAllocateProcess, MmCreatePeb) and its initial thread (PspCreateThread) are built.
 */
#include <string.h>

#include "io/io.h"
#include "ke/trace.h"
#include "mm/mm.h"
#include "nt/file.h"
#include "ps/remote.h"
#include "rtl/rtl.h"

#define PsCreateFailOnFileOpen    1
#define PsCreateFailOnSectionCreate 2
#define PsCreateFailExeFormat     3
#define PsCreateSuccess           6

static const PS_ATTRIBUTE *find_attribute(const PS_ATTRIBUTE_LIST *list, ULONG_PTR attribute)
{
    if (!list)
        return NULL;
    size_t n = (list->TotalLength - sizeof list->TotalLength) / sizeof(PS_ATTRIBUTE);
    for (size_t i = 0; i < n && i < ARRAY_SIZE(list->Attributes); i++)
        if (list->Attributes[i].Attribute == attribute)
            return &list->Attributes[i];
    return NULL;
}

static PCUNICODE_STRING image_name_of(const PS_ATTRIBUTE_LIST *list)
{
    const PS_ATTRIBUTE *a = find_attribute(list, PS_ATTRIBUTE_IMAGE_NAME);
    if (!a)
        return NULL;
    static _Thread_local UNICODE_STRING name;
    name.Buffer = a->ValuePtr;
    name.Length = name.MaximumLength = (USHORT)a->Size;
    return &name;
}

/* NtCreateSection for the exe: opened and validated; an image that cannot be a process is refused. */
static NTSTATUS create_image_section(PCUNICODE_STRING image, PS_CREATE_INFO *info, PSECTION *section)
{
    int trace = TRACE_BEGIN("NtCreateSection");
    PFILE_OBJECT file;
    NTSTATUS status = IoOpenFileObject(image, FILE_READ_DATA | FILE_EXECUTE | SYNCHRONIZE,
                                       FILE_NON_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT, &file);
    if (status != STATUS_SUCCESS) {
        info->State = PsCreateFailOnFileOpen;
        TRACE_END(trace, "cannot open the image: 0x%08x", (unsigned)status);
        return status;
    }
    status = MmCreateImageSection(file, section);
    ObDereferenceObject(file);
    if (status == STATUS_SUCCESS && ((*section)->Image.characteristics & IMAGE_FILE_DLL)) {
        /* A DLL is a valid image but not a program. */
        ObDereferenceObject(*section);
        *section = NULL;
        status = STATUS_INVALID_IMAGE_FORMAT;
    }
    if (status != STATUS_SUCCESS) {
        info->State = PsCreateFailExeFormat;
        info->ImageStatus = status;
        TRACE_END(trace, "image refused: 0x%08x", (unsigned)status);
        return status;
    }
    const struct pe_image *img = &(*section)->Image;
    TRACE_END(trace, "SEC_IMAGE, %u sections, entry RVA 0x%x, preferred base 0x%llx%s", img->nsections,
              img->entry_rva, (unsigned long long)img->image_base,
              img->dll_characteristics & IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE ? ", DYNAMIC_BASE" : "");
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtCreateUserProcess(PHANDLE process_handle, PHANDLE thread_handle, ACCESS_MASK process_access,
                                    ACCESS_MASK thread_access, POBJECT_ATTRIBUTES process_attributes,
                                    POBJECT_ATTRIBUTES thread_attributes, ULONG process_flags, ULONG thread_flags,
                                    PRTL_USER_PROCESS_PARAMETERS parameters, PS_CREATE_INFO *create_info,
                                    PS_ATTRIBUTE_LIST *attributes)
{
    PS_CREATE_INFO scratch = {sizeof scratch, 0, 0, 0, 0};
    PS_CREATE_INFO *info = create_info ? create_info : &scratch;
    PCUNICODE_STRING image = image_name_of(attributes);
    if (!process_handle || !thread_handle || !parameters || !image)
        return STATUS_INVALID_PARAMETER;
    *process_handle = *thread_handle = NULL;
    PEPROCESS parent = PsGetCurrentProcess();
    int trace = TRACE_BEGIN("NtCreateUserProcess");
    PSECTION section;
    NTSTATUS status = create_image_section(image, info, &section);
    if (status != STATUS_SUCCESS)
        goto out;
    if (parent != PsInitialSystemProcess) {
        /* A guest's child: the image is valid; a new host process builds the process in itself. */
        info->ImageSubsystem = section->Image.subsystem;
        ObDereferenceObject(section);
        const PS_ATTRIBUTE *list = find_attribute(attributes, PS_ATTRIBUTE_HANDLE_LIST);
        status = PspCreateChildHostProcess(parent, image, parameters, process_flags, thread_flags,
                                           list ? list->ValuePtr : NULL, list ? list->Size / sizeof(HANDLE) : 0,
                                           process_attributes, thread_attributes, process_handle, thread_handle);
        if (status == STATUS_SUCCESS) {
            info->State = PsCreateSuccess;
            PEPROCESS p;
            if (ObReferenceObjectByHandle(*process_handle, PsProcessType, (void **)&p) == STATUS_SUCCESS) {
                info->ImageBase = (ULONG_PTR)p->Record->ImageBaseAddress;
                ObDereferenceObject(p);
            }
        }
        goto out;
    }
    PEPROCESS p;
    status = PspAllocateProcess(parent, section, image, (process_flags & PROCESS_CREATE_FLAGS_INHERIT_HANDLES) != 0,
                                &p);
    if (status == STATUS_SUCCESS)
        status = MmCreatePeb(p, parameters);
    if (status != STATUS_SUCCESS)
        goto out_section;
    /* point of no return: from here the process exists */
    const struct pe_image *img = &section->Image;
    PVOID entry = (BYTE *)p->SectionBaseAddress + img->entry_rva;
    PETHREAD t;
    status = PspCreateThread(p, entry, p->Peb, (thread_flags & THREAD_CREATE_FLAGS_CREATE_SUSPENDED) != 0,
                             img->stack_reserve, img->stack_commit, TRUE, &t);
    if (status == STATUS_SUCCESS) {
        status = ObInsertHandle(&parent->ObjectTable, p, process_access,
                                process_attributes ? process_attributes->Attributes : 0, process_handle);
        if (status == STATUS_SUCCESS)
            status = ObInsertHandle(&parent->ObjectTable, t, thread_access,
                                    thread_attributes ? thread_attributes->Attributes : 0, thread_handle);
        ObDereferenceObject(t);
    }
    info->State = PsCreateSuccess;
    info->ImageBase = (ULONG_PTR)p->SectionBaseAddress;
    info->ImageSubsystem = img->subsystem;
    ObDereferenceObject(p);
out_section:
    ObDereferenceObject(section);
out:
    TRACE_END(trace, "%s", status == STATUS_SUCCESS ? "process and initial thread created" : "failed");
    return status;
}
