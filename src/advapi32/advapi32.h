/* advapi32's own types (winreg.h). */
#ifndef ADVAPI32_ADVAPI32_H
#define ADVAPI32_ADVAPI32_H

#include "nt/ntdef.h"

typedef LONG LSTATUS;
typedef BYTE *LPBYTE;
typedef ACCESS_MASK REGSAM;
typedef struct HKEY__ *HKEY, **PHKEY;

#endif
