/* RtlGetNtVersionNumbers: the version triple Go's runtime (and Windows' own components) read at start-up. */
#include "nt/peb.h"
#include "rtl/rtl.h"

/* The build number carries 0xF0000000 in its top bits on a free (retail) build, as Windows returns it. */
void WINAPI RtlGetNtVersionNumbers(PULONG major, PULONG minor, PULONG build)
{
    if (major)
        *major = NTEXEC_OS_MAJOR;
    if (minor)
        *minor = NTEXEC_OS_MINOR;
    if (build)
        *build = 0xF0000000u | NTEXEC_OS_BUILD;
}
