/* powrprof: the calls ntexec answers with honest failures (no power schemes; a power information level
 * that is not implemented). */
#include <windows.h>
#include <powrprof.h>
#include <stdio.h>

int main(void)
{
    GUID *scheme = (GUID *)1;
    DWORD r = PowerGetActiveScheme(NULL, &scheme);
    printf("PowerGetActiveScheme: %lu scheme_null=%d\n", r, scheme == NULL);
    BYTE buf[64];
    LONG s = CallNtPowerInformation((POWER_INFORMATION_LEVEL)1000, NULL, 0, buf, sizeof buf);
    printf("CallNtPowerInformation(1000): %08lx\n", s);
    s = CallNtPowerInformation(SystemPowerPolicyAc, NULL, 0, buf, sizeof buf);
    printf("CallNtPowerInformation(SystemPowerPolicyAc): %08lx\n", s);
    return 0;
}
