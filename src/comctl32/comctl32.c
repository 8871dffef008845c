/*
 * comctl32.dll: InitCommonControls and InitCommonControlsEx, which console programs (Wine's extrac32
 * among them) call at start-up. On Windows they register the common controls' window classes. ntexec
 * has no window system: no window can be created (CreateWindowEx does not exist), so no class could
 * ever be used, and registering none loses nothing a program can observe; InitCommonControlsEx still
 * checks its structure as Windows does.
 */
#include "io/builtin.h"
#include "win32/k32.h"

typedef struct {
    DWORD dwSize;
    DWORD dwICC;
} INITCOMMONCONTROLSEX;

void WINAPI InitCommonControls(void)
{
}

/* FALSE for a missing structure or a wrong dwSize, as comctl32 6 answers. */
BOOL WINAPI InitCommonControlsEx(const INITCOMMONCONTROLSEX *icc)
{
    if (!icc || icc->dwSize != sizeof *icc)
        return FALSE;
    return TRUE;
}

static const struct builtin_export comctl32_exports[] = {
    BUILTIN_FUNCTION("InitCommonControls", InitCommonControls),
    BUILTIN_FUNCTION("InitCommonControlsEx", InitCommonControlsEx),
};

static const struct builtin_dll comctl32 = {
    .name = "COMCTL32.dll",
    .exports = comctl32_exports,
    .nexports = ARRAY_SIZE(comctl32_exports),
};
BUILTIN_DLL(comctl32);
