/* io: the file system name and abilities reported for each host file system type (IopFileSystemOf). No
 * FAT or exFAT file system can be mounted on the test machine, so the mapping is checked directly. */
#include "unit.h"

#include "io/io.h"
#include "nt/file.h"
#include "ntdll/rtl/rtl.h"

static void expect(uint64_t magic, uint64_t blocks, const char *name, ULONG attributes)
{
    const WCHAR *got;
    ULONG flags = 0xdeadbeef;
    IopFileSystemOf(magic, blocks, &got, &flags);
    size_t n = RtlpWcslen(got);
    char ascii[16] = {0};
    for (size_t i = 0; i < n && i < sizeof ascii - 1; i++)
        ascii[i] = (char)got[i];
    assert_string_equal(ascii, name);
    assert_int_equal(flags, attributes);
}

/* FAT and exFAT: their own names, case-preserved Unicode names only (no hard links, no ACLs). */
static void test_fat_family(void **state)
{
    (void)state;
    ULONG fat = FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK;
    expect(0x4d44, 65525, "FAT32", fat);        /* the smallest FAT32: 65525 clusters */
    expect(0x4d44, 65524, "FAT", fat);          /* one fewer is FAT16 */
    expect(0x4d44, 2000, "FAT", fat);           /* FAT12 */
    expect(0x2011BAB0, 10, "exFAT", fat);
}

/* Linux file systems: NTFS with hard links (link() works on them). */
static void test_linux_file_systems(void **state)
{
    (void)state;
    ULONG ntfs = FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK | FILE_SUPPORTS_HARD_LINKS;
    expect(0xEF53, 1000000, "NTFS", ntfs);      /* ext2/3/4 */
    expect(0x9123683E, 1000000, "NTFS", ntfs);  /* btrfs */
    expect(0x58465342, 1000000, "NTFS", ntfs);  /* xfs */
    expect(0x01021994, 1000000, "NTFS", ntfs);  /* tmpfs */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fat_family),
        cmocka_unit_test(test_linux_file_systems),
    };
    return RUN_TESTS(tests);
}
