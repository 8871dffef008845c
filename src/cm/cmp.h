/* cm's private interface: store transactions, names, the tree walk, the first-use seed. */
#ifndef CM_CMP_H
#define CM_CMP_H

#include <stdbool.h>
#include <stdint.h>

#include "host/regstore.h"
#include "rtl/rtl.h"

/* A key object's body: the store's id of the key. */
typedef struct _CM_KEY_BODY {
    int64_t Id;
    volatile uint32_t Closed;       /* the last handle went: a pending notification ends */
} CM_KEY_BODY;

/* One store transaction around a service's work; CmpEnd commits when status succeeded, else rolls back,
 * and returns status (or the commit's failure). The first CmpBegin of a process creates and seeds the
 * store if no process has. */
NTSTATUS CmpBegin(bool write);
NTSTATUS CmpEnd(NTSTATUS status);
NTSTATUS CmpMakeNames(const WCHAR *name, size_t chars, char **utf8, char **upper);
NTSTATUS CmpLookupChild(int64_t parent, const WCHAR *name, size_t chars, int64_t *id);
NTSTATUS CmpWalk(int64_t start, const WCHAR *path, size_t chars, bool create, const WCHAR *class_name,
                 size_t class_chars, int64_t *id, bool *created);
/* Fills a store that has just been created (created), and the current user's keys if that user has none
 * yet (inside a write transaction). */
NTSTATUS CmpSeedStore(bool created);

#endif
