/* src/rtl/sid.c: SID text both ways, the SID and ACL bounds, security descriptors in both forms. */
#include "unit.h"

#include <string.h>

#include "rtl/sid.h"

static void to_wide(WCHAR *w, const char *s)
{
    while ((*w++ = (WCHAR)(unsigned char)*s++))
        ;
}

static void roundtrip(const char *text, const char *want)
{
    WCHAR w[200], back[200];
    BYTE sid[SECURITY_MAX_SID_SIZE];
    char got[200];
    to_wide(w, text);
    assert_int_equal(RtlpStringToSid(w, sid, sizeof sid), STATUS_SUCCESS);
    ULONG n = RtlpSidToString(sid, back, 200);
    for (ULONG i = 0; i <= n; i++)
        got[i] = (char)back[i];
    assert_string_equal(got, want);
}

static void rejected(const char *text)
{
    WCHAR w[200];
    BYTE sid[SECURITY_MAX_SID_SIZE];
    to_wide(w, text);
    assert_int_equal(RtlpStringToSid(w, sid, sizeof sid), STATUS_INVALID_SID);
}

static void test_sid_text(void **state)
{
    (void)state;
    roundtrip("S-1-5-32-544", "S-1-5-32-544");
    roundtrip("s-1-1-0", "S-1-1-0");
    roundtrip("S-1-5", "S-1-5");
    roundtrip("S-1-0x10-3", "S-1-16-3");
    roundtrip("S-1-0x100000000-1", "S-1-0x000100000000-1");   /* authorities past 32 bits stay hexadecimal */
    roundtrip("S-1-5-21-4294967295-1-2-1000", "S-1-5-21-4294967295-1-2-1000");
    roundtrip("BA", "S-1-5-32-544");
    roundtrip("WD", "S-1-1-0");
    roundtrip("S-1-1-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15", "S-1-1-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15");
    rejected("S-1-1-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16");   /* 16 sub-authorities */
    rejected("S-1-5-4294967296");
    rejected("S-2-5");
    rejected("S-1-");
    rejected("S-1-5-");
    rejected("S-1-5-x");
    rejected("ZZ");
    rejected("");
}

static void test_sid_bounds(void **state)
{
    (void)state;
    BYTE sid[SECURITY_MAX_SID_SIZE], copy[SECURITY_MAX_SID_SIZE];
    SID_IDENTIFIER_AUTHORITY nt = {{0, 0, 0, 0, 0, 5}};
    assert_int_equal(RtlInitializeSid(sid, &nt, 16), STATUS_INVALID_PARAMETER);
    assert_int_equal(RtlInitializeSid(sid, &nt, 2), STATUS_SUCCESS);
    *RtlSubAuthoritySid(sid, 0) = 32;
    *RtlSubAuthoritySid(sid, 1) = 544;
    assert_int_equal(RtlLengthSid(sid), 16);
    assert_int_equal(RtlCopySid(15, copy, sid), STATUS_BUFFER_TOO_SMALL);   /* one byte short */
    assert_int_equal(RtlCopySid(16, copy, sid), STATUS_SUCCESS);              /* exactly enough */
    assert_true(RtlEqualSid(copy, sid));
    *RtlSubAuthoritySid(copy, 1) = 545;
    assert_false(RtlEqualSid(copy, sid));
    assert_true(RtlEqualPrefixSid(copy, sid));
    sid[0] = 2;
    assert_false(RtlValidSid(sid));
    assert_int_equal(RtlCopySid(16, copy, sid), STATUS_INVALID_SID);
}

static void test_acl(void **state)
{
    (void)state;
    BYTE buf[64], sid[SECURITY_MAX_SID_SIZE];
    ACL *acl = (ACL *)buf;
    SID_IDENTIFIER_AUTHORITY world = {{0, 0, 0, 0, 0, 1}};
    RtlInitializeSid(sid, &world, 1);
    *RtlSubAuthoritySid(sid, 0) = 0;
    assert_int_equal(RtlCreateAcl(acl, 7, ACL_REVISION), STATUS_BUFFER_TOO_SMALL);
    /* An ACE with a one-sub-authority SID is 8 + 12 = 20 bytes: 8 + 20 fits exactly, 27 does not. */
    assert_int_equal(RtlCreateAcl(acl, 27, ACL_REVISION), STATUS_SUCCESS);
    assert_int_equal(RtlAddAccessAllowedAce(acl, ACL_REVISION, 1, sid), STATUS_ALLOTTED_SPACE_EXCEEDED);
    assert_int_equal(RtlCreateAcl(acl, 28, ACL_REVISION), STATUS_SUCCESS);
    assert_int_equal(RtlAddAccessAllowedAce(acl, ACL_REVISION, 1, sid), STATUS_SUCCESS);
    assert_int_equal(acl->AceCount, 1);
    assert_true(RtlValidAcl(acl));
    void *ace;
    assert_int_equal(RtlGetAce(acl, 0, &ace), STATUS_SUCCESS);
    assert_int_equal(((ACE_HEADER *)ace)->AceSize, 20);
    assert_int_equal(RtlGetAce(acl, 1, &ace), STATUS_INVALID_PARAMETER);
    ((ACE_HEADER *)ace)->AceSize = 40;   /* now overruns the ACL */
    assert_false(RtlValidAcl(acl));
}

static void test_descriptor(void **state)
{
    (void)state;
    SECURITY_DESCRIPTOR sd;
    BYTE sid[SECURITY_MAX_SID_SIZE];
    SID_IDENTIFIER_AUTHORITY world = {{0, 0, 0, 0, 0, 1}};
    RtlInitializeSid(sid, &world, 1);
    *RtlSubAuthoritySid(sid, 0) = 0;
    assert_int_equal(RtlCreateSecurityDescriptor(&sd, 2), STATUS_UNKNOWN_REVISION);
    assert_int_equal(RtlCreateSecurityDescriptor(&sd, 1), STATUS_SUCCESS);
    assert_true(RtlValidSecurityDescriptor(&sd));
    assert_int_equal(RtlLengthSecurityDescriptor(&sd), 40);
    assert_int_equal(RtlSetOwnerSecurityDescriptor(&sd, sid, TRUE), STATUS_SUCCESS);
    assert_int_equal(RtlLengthSecurityDescriptor(&sd), 52);
    PSID owner;
    BOOLEAN defaulted;
    assert_int_equal(RtlGetOwnerSecurityDescriptor(&sd, &owner, &defaulted), STATUS_SUCCESS);
    assert_ptr_equal(owner, sid);
    assert_true(defaulted);

    /* The self-relative form: offsets from its start. */
    BYTE rel[64] = {0};
    SECURITY_DESCRIPTOR_RELATIVE *r = (SECURITY_DESCRIPTOR_RELATIVE *)rel;
    r->Revision = 1;
    r->Control = SE_SELF_RELATIVE;
    r->Group = 20;
    memcpy(rel + 20, sid, 12);
    PSID group;
    assert_int_equal(RtlGetGroupSecurityDescriptor(rel, &group, &defaulted), STATUS_SUCCESS);
    assert_ptr_equal(group, rel + 20);
    assert_int_equal(RtlLengthSecurityDescriptor(rel), 32);
    assert_int_equal(RtlSetGroupSecurityDescriptor(rel, sid, FALSE), STATUS_INVALID_SECURITY_DESCR);
    rel[20] = 9;   /* the group SID's revision */
    assert_false(RtlValidSecurityDescriptor(rel));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sid_text),
        cmocka_unit_test(test_sid_bounds),
        cmocka_unit_test(test_acl),
        cmocka_unit_test(test_descriptor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
