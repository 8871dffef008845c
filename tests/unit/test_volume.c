/* io: the volume information classes of NtQueryVolumeInformationFile (checked against the host's statvfs),
 * FileLinkInformation, and drive C:'s volume name in paths; kernel32's volume functions over them. */
#define _GNU_SOURCE
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "io/io.h"
#include "ntdll/rtl/rtl.h"
#include "ps/ps.h"
#include "win32/k32.h"

static char dir[256];   /* host directory of the test, on drive C: (the host's /) */

/* "\??\C:" + host path (+ "/" + name), as UTF-16 for NtCreateFile. */
static void nt_path(WCHAR *out, size_t size, const char *name)
{
    char buf[512];
    snprintf(buf, sizeof buf, "\\??\\C:%s%s%s", dir, name ? "/" : "", name ? name : "");
    size_t i = 0;
    for (; buf[i] && i + 1 < size; i++)
        out[i] = buf[i] == '/' ? '\\' : (unsigned char)buf[i];
    out[i] = 0;
}

static NTSTATUS open_nt(const char *name, ULONG disposition, ULONG options, HANDLE *h)
{
    WCHAR path[512];
    nt_path(path, ARRAY_SIZE(path), name);
    UNICODE_STRING us;
    RtlInitUnicodeString(&us, path);
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &us, OBJ_CASE_INSENSITIVE, NULL, NULL};
    IO_STATUS_BLOCK io;
    return NtCreateFile(h, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, &oa, &io, NULL, 0,
                        FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, disposition,
                        options | FILE_SYNCHRONOUS_IO_NONALERT, NULL, 0);
}

static void test_size_classes(void **state)
{
    (void)state;
    HANDLE h;
    assert_int_equal(open_nt("sizes.txt", FILE_OVERWRITE_IF, FILE_NON_DIRECTORY_FILE, &h), STATUS_SUCCESS);
    struct statvfs v;
    assert_int_equal(statvfs(dir, &v), 0);
    IO_STATUS_BLOCK io;
    FILE_FS_SIZE_INFORMATION z;
    assert_int_equal(NtQueryVolumeInformationFile(h, &io, &z, sizeof z, FileFsSizeInformation), STATUS_SUCCESS);
    assert_int_equal(io.Information, sizeof z);
    assert_int_equal(z.BytesPerSector, 512);
    assert_int_equal((uint64_t)z.SectorsPerAllocationUnit * z.BytesPerSector, v.f_frsize);
    assert_int_equal(z.TotalAllocationUnits.QuadPart, (LONGLONG)v.f_blocks);
    assert_true(z.AvailableAllocationUnits.QuadPart <= z.TotalAllocationUnits.QuadPart);
    FILE_FS_FULL_SIZE_INFORMATION f;
    assert_int_equal(NtQueryVolumeInformationFile(h, &io, &f, sizeof f, FileFsFullSizeInformation), STATUS_SUCCESS);
    assert_int_equal(io.Information, sizeof f);
    assert_int_equal(f.TotalAllocationUnits.QuadPart, (LONGLONG)v.f_blocks);
    assert_true(f.CallerAvailableAllocationUnits.QuadPart <= f.ActualAvailableAllocationUnits.QuadPart);
    assert_true(f.ActualAvailableAllocationUnits.QuadPart <= f.TotalAllocationUnits.QuadPart);
    /* one byte short of the fixed structure: nothing is written */
    assert_int_equal(NtQueryVolumeInformationFile(h, &io, &f, sizeof f - 1, FileFsFullSizeInformation),
                     STATUS_INFO_LENGTH_MISMATCH);
    assert_int_equal(io.Information, 0);
    assert_int_equal(NtQueryVolumeInformationFile(h, &io, &z, sizeof z - 1, FileFsSizeInformation),
                     STATUS_INFO_LENGTH_MISMATCH);
    assert_int_equal(NtQueryVolumeInformationFile(h, &io, &f, sizeof f, 2 /* FileFsLabelInformation */),
                     STATUS_INVALID_INFO_CLASS);
    assert_int_equal(NtQueryVolumeInformationFile(h, &io, &f, sizeof f, 99), STATUS_INVALID_INFO_CLASS);
    NtClose(h);
}

static void test_volume_and_attribute_classes(void **state)
{
    (void)state;
    HANDLE a, b, d;
    assert_int_equal(open_nt("serial-a.txt", FILE_OVERWRITE_IF, FILE_NON_DIRECTORY_FILE, &a), STATUS_SUCCESS);
    assert_int_equal(open_nt("serial-b.txt", FILE_OVERWRITE_IF, FILE_NON_DIRECTORY_FILE, &b), STATUS_SUCCESS);
    assert_int_equal(open_nt(NULL, FILE_OPEN, FILE_DIRECTORY_FILE, &d), STATUS_SUCCESS);
    IO_STATUS_BLOCK io;
    union {
        FILE_FS_VOLUME_INFORMATION v;
        FILE_FS_ATTRIBUTE_INFORMATION a;
        BYTE raw[256];
    } u1, u2;
    assert_int_equal(NtQueryVolumeInformationFile(a, &io, &u1, sizeof u1, FileFsVolumeInformation), STATUS_SUCCESS);
    assert_int_equal(io.Information, offsetof(FILE_FS_VOLUME_INFORMATION, VolumeLabel));
    assert_int_equal(u1.v.VolumeLabelLength, 0);
    assert_int_not_equal(u1.v.VolumeSerialNumber, 0);
    /* the serial is the file system's: the same for every file on it, and the same in the next query */
    assert_int_equal(NtQueryVolumeInformationFile(b, &io, &u2, sizeof u2, FileFsVolumeInformation), STATUS_SUCCESS);
    assert_int_equal(u1.v.VolumeSerialNumber, u2.v.VolumeSerialNumber);
    assert_int_equal(NtQueryVolumeInformationFile(d, &io, &u2, sizeof u2, FileFsVolumeInformation), STATUS_SUCCESS);
    assert_int_equal(u1.v.VolumeSerialNumber, u2.v.VolumeSerialNumber);
    assert_int_equal(NtQueryVolumeInformationFile(a, &io, &u2, sizeof(FILE_FS_VOLUME_INFORMATION) - 1,
                                                  FileFsVolumeInformation), STATUS_INFO_LENGTH_MISMATCH);

    assert_int_equal(NtQueryVolumeInformationFile(a, &io, &u1, sizeof u1, FileFsAttributeInformation), STATUS_SUCCESS);
    assert_int_equal(u1.a.FileSystemNameLength, 8);
    assert_memory_equal(u1.a.FileSystemName, u"NTFS", 8);
    assert_int_equal(io.Information, offsetof(FILE_FS_ATTRIBUTE_INFORMATION, FileSystemName) + 8);
    ULONG want = FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK | FILE_SUPPORTS_HARD_LINKS;
    assert_int_equal(u1.a.FileSystemAttributes & want, want);
    assert_int_equal(u1.a.FileSystemAttributes & FILE_CASE_SENSITIVE_SEARCH, 0);   /* lookups ignore case */
    struct statvfs v;
    assert_int_equal(statvfs(dir, &v), 0);
    assert_int_equal(u1.a.MaximumComponentNameLength, (LONG)v.f_namemax);
    /* room for "NT" only: what fits, and STATUS_BUFFER_OVERFLOW */
    memset(&u2, 0xCC, sizeof u2);
    ULONG small = offsetof(FILE_FS_ATTRIBUTE_INFORMATION, FileSystemName) + 5;
    assert_int_equal(NtQueryVolumeInformationFile(a, &io, &u2, small, FileFsAttributeInformation),
                     STATUS_BUFFER_OVERFLOW);
    assert_int_equal(u2.a.FileSystemNameLength, 4);
    assert_memory_equal(u2.a.FileSystemName, u"NT", 4);
    assert_int_equal(u2.raw[small - 1], 0xCC);   /* nothing written past the buffer */
    assert_int_equal(io.Information, offsetof(FILE_FS_ATTRIBUTE_INFORMATION, FileSystemName) + 4);
    /* the device class answers as before */
    FILE_FS_DEVICE_INFORMATION dev;
    assert_int_equal(NtQueryVolumeInformationFile(a, &io, &dev, sizeof dev, FileFsDeviceInformation), STATUS_SUCCESS);
    assert_int_equal(dev.DeviceType, FILE_DEVICE_DISK);
    NtClose(a);
    NtClose(b);
    NtClose(d);
}

/* A file's name as FILE_LINK_INFORMATION wants it. */
static FILE_LINK_INFORMATION *link_info(const char *name, BOOLEAN replace, ULONG *size)
{
    WCHAR path[512];
    nt_path(path, ARRAY_SIZE(path), name);
    size_t n = RtlpWcslen(path);
    *size = (ULONG)(offsetof(FILE_LINK_INFORMATION, FileName) + n * sizeof(WCHAR));
    FILE_LINK_INFORMATION *l = calloc(1, *size);
    l->ReplaceIfExists = replace;
    l->FileNameLength = (ULONG)(n * sizeof(WCHAR));
    memcpy(l->FileName, path, n * sizeof(WCHAR));
    return l;
}

static NTSTATUS set_link(HANDLE h, const char *name, BOOLEAN replace, ULONG info_class)
{
    ULONG size;
    FILE_LINK_INFORMATION *l = link_info(name, replace, &size);
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtSetInformationFile(h, &io, l, size, info_class);
    free(l);
    return status;
}

static ULONG links_of(HANDLE h)
{
    FILE_STANDARD_INFORMATION s;
    IO_STATUS_BLOCK io;
    assert_int_equal(NtQueryInformationFile(h, &io, &s, sizeof s, FileStandardInformation), STATUS_SUCCESS);
    return s.NumberOfLinks;
}

static void test_link_information(void **state)
{
    (void)state;
    HANDLE h, other, d;
    char path[512], path2[512];
    assert_int_equal(open_nt("orig.txt", FILE_OVERWRITE_IF, FILE_NON_DIRECTORY_FILE, &h), STATUS_SUCCESS);
    assert_int_equal(links_of(h), 1);
    assert_int_equal(set_link(h, "second.txt", FALSE, FileLinkInformation), STATUS_SUCCESS);
    assert_int_equal(links_of(h), 2);
    struct stat s1, s2;
    snprintf(path, sizeof path, "%s/orig.txt", dir);
    snprintf(path2, sizeof path2, "%s/second.txt", dir);
    assert_int_equal(stat(path, &s1), 0);
    assert_int_equal(stat(path2, &s2), 0);
    assert_int_equal(s1.st_ino, s2.st_ino);
    /* an existing name is kept unless replacing was asked for */
    assert_int_equal(set_link(h, "second.txt", FALSE, FileLinkInformation), STATUS_OBJECT_NAME_COLLISION);
    assert_int_equal(open_nt("other.txt", FILE_OVERWRITE_IF, FILE_NON_DIRECTORY_FILE, &other), STATUS_SUCCESS);
    assert_int_equal(set_link(h, "other.txt", FALSE, FileLinkInformation), STATUS_OBJECT_NAME_COLLISION);
    assert_int_equal(set_link(h, "other.txt", TRUE, FileLinkInformation), STATUS_SUCCESS);
    assert_int_equal(links_of(h), 3);
    assert_int_equal(links_of(other), 0);   /* its name now belongs to the first file */
    /* FileLinkInformationEx: the flags word, FILE_LINK_REPLACE_IF_EXISTS */
    assert_int_equal(set_link(h, "second.txt", FILE_LINK_REPLACE_IF_EXISTS, FileLinkInformationEx), STATUS_SUCCESS);
    assert_int_equal(set_link(h, "third.txt", 0, FileLinkInformationEx), STATUS_SUCCESS);
    assert_int_equal(links_of(h), 4);
    /* a missing directory on the new name's way, and directories, which NTFS does not link */
    assert_int_equal(set_link(h, "no-such-dir/x.txt", FALSE, FileLinkInformation), STATUS_OBJECT_PATH_NOT_FOUND);
    assert_int_equal(open_nt(NULL, FILE_OPEN, FILE_DIRECTORY_FILE, &d), STATUS_SUCCESS);
    assert_int_equal(set_link(d, "dirlink", FALSE, FileLinkInformation), STATUS_FILE_IS_A_DIRECTORY);
    /* a length that cuts the name is refused */
    ULONG size;
    FILE_LINK_INFORMATION *l = link_info("fourth.txt", FALSE, &size);
    IO_STATUS_BLOCK io;
    assert_int_equal(NtSetInformationFile(h, &io, l, size - 2, FileLinkInformation), STATUS_INVALID_PARAMETER);
    free(l);
    NtClose(d);
    NtClose(other);
    NtClose(h);
}

static void test_volume_name_path(void **state)
{
    (void)state;
    WCHAR path[128];
    static const WCHAR vol[] = u"\\??\\" IO_SYSTEM_VOLUME_NAME u"\\tmp";
    memcpy(path, vol, sizeof vol);
    UNICODE_STRING us;
    RtlInitUnicodeString(&us, path);
    char *host;
    assert_int_equal(IoTranslatePath(&us, &host), STATUS_SUCCESS);
    assert_string_equal(host, "/tmp");
    free(host);
    path[4] ^= 0x20;   /* case does not matter: "volume{...}" */
    assert_int_equal(IoTranslatePath(&us, &host), STATUS_SUCCESS);
    free(host);
    /* only in a "\??\" or "\\?\" path: a relative "Volume{...}" is a file name */
    RtlInitUnicodeString(&us, IO_SYSTEM_VOLUME_NAME);
    assert_int_equal(IoTranslatePath(&us, &host), STATUS_OBJECT_PATH_SYNTAX_BAD);
}

/* kernel32 over the same layers: the root "C:\" and the GUID name answer alike; a subdirectory is not a
 * volume root. */
static void test_kernel32_volume(void **state)
{
    (void)state;
    DWORD serial1 = 0, serial2 = 0, max = 0, flags = 0;
    WCHAR label[8], fs[8];
    SetLastError(0);
    assert_true(GetVolumeInformationW(u"C:\\", label, ARRAY_SIZE(label), &serial1, &max, &flags, fs, ARRAY_SIZE(fs)));
    assert_int_equal(label[0], 0);
    assert_memory_equal(fs, u"NTFS", 10);
    assert_true(flags & FILE_SUPPORTS_HARD_LINKS);
    static const WCHAR guid[] = u"\\\\?\\" IO_SYSTEM_VOLUME_NAME u"\\";
    assert_true(GetVolumeInformationW(guid, NULL, 0, &serial2, NULL, NULL, NULL, 0));
    assert_int_equal(serial1, serial2);
    assert_false(GetVolumeInformationW(u"C:\\tmp\\", NULL, 0, NULL, NULL, NULL, NULL, 0));
    assert_int_equal(GetLastError(), ERROR_DIR_NOT_ROOT);
    assert_false(GetVolumeInformationW(u"C:\\tmp", NULL, 0, NULL, NULL, NULL, NULL, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_NAME);
    assert_false(GetVolumeInformationW(u"C:\\", NULL, 0, NULL, NULL, NULL, fs, 4));   /* "NTFS" needs 5 */
    assert_int_equal(GetLastError(), ERROR_BAD_LENGTH);
    ULARGE_INTEGER avail, total, free_bytes;
    assert_true(GetDiskFreeSpaceExW(u"C:\\tmp", &avail, &total, &free_bytes));
    assert_true(avail.QuadPart <= free_bytes.QuadPart && free_bytes.QuadPart <= total.QuadPart);
    assert_false(GetDiskFreeSpaceExW(u"C:\\no\\such\\dir", &avail, &total, &free_bytes));
    assert_int_equal(GetLastError(), ERROR_PATH_NOT_FOUND);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ntexec-volume-test-%d", (int)getpid());
    if (mkdir(dir, 0755))
        return -1;
    return PsInitializeSystem() == STATUS_SUCCESS ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_size_classes),       cmocka_unit_test(test_volume_and_attribute_classes),
        cmocka_unit_test(test_link_information),   cmocka_unit_test(test_volume_name_path),
        cmocka_unit_test(test_kernel32_volume),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
