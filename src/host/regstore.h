/*
 * host/regstore: the registry's persistent store, an SQLite database per user (the only code that calls
 * SQLite). The configuration manager (src/cm) owns the meaning; this file only keeps rows:
 *   keys(id, parent, name, uname, class, mtime)     one row per key; uname is the upcased name (lookups)
 *   vals(key, name, uname, type, data)              one row per value
 * Names cross this boundary as UTF-8. Every call but host_reg_begin/end runs inside a transaction that the
 * caller opened with host_reg_begin and closes with host_reg_end; one transaction at a time per process.
 */
#ifndef HOST_REGSTORE_H
#define HOST_REGSTORE_H

#include <stdbool.h>
#include <stdint.h>

#include "nt/ntstatus.h"

/* Opens the store on first use ($NTEXEC_REGISTRY, else $XDG_DATA_HOME/ntexec/registry.db, else
 * ~/.local/share/ntexec/registry.db), then begins a transaction: a write one (BEGIN IMMEDIATE, other
 * processes' writers wait up to the busy timeout) or a read one. *created (may be NULL) says, in a write
 * transaction, that the database had no schema yet: the caller seeds it before host_reg_end.
 * STATUS_INSUFFICIENT_RESOURCES / STATUS_IO_DEVICE_ERROR when the store cannot be opened. */
NTSTATUS host_reg_begin(bool write, bool *created);
/* Commits (commit) or rolls back the transaction and releases the process's store lock. A commit that fails
 * rolls back and returns the failure. */
NTSTATUS host_reg_end(bool commit);

struct host_reg_key {
    int64_t id, parent;
    char *name;                 /* malloc'd; free() */
    char *class_name;           /* malloc'd, may be NULL */
    int64_t mtime;              /* 100 ns units since 1601 (the caller's clock) */
};

/* The subkey of parent whose uname is uname: STATUS_OBJECT_NAME_NOT_FOUND when there is none. */
NTSTATUS host_reg_key_lookup(int64_t parent, const char *uname, int64_t *id);
/* A new subkey (the caller checked that the name is free). */
NTSTATUS host_reg_key_create(int64_t parent, const char *name, const char *uname, const char *class_name,
                             int64_t mtime, int64_t *id);
/* STATUS_KEY_DELETED when the key is no longer there. */
NTSTATUS host_reg_key_get(int64_t id, struct host_reg_key *key);
void host_reg_key_free(struct host_reg_key *key);
/* The index-th subkey in name order (STATUS_NO_MORE_ENTRIES past the last). */
NTSTATUS host_reg_key_enum(int64_t parent, uint32_t index, struct host_reg_key *key);
/* Counts and maxima over a key's subkeys and values: name and class lengths in characters, data in bytes. */
struct host_reg_counts {
    uint32_t subkeys, max_name, max_class;
    uint32_t values, max_value_name, max_data;
};
NTSTATUS host_reg_key_counts(int64_t id, struct host_reg_counts *counts);
/* Deletes a key without subkeys and its values (STATUS_CANNOT_DELETE when it has subkeys). */
NTSTATUS host_reg_key_delete(int64_t id);
NTSTATUS host_reg_key_rename(int64_t id, const char *name, const char *uname);
/* Records a change of the key: its last write time and one of its two change stamps, that of its values
 * (values) or that of its subkeys' names. */
NTSTATUS host_reg_key_touch(int64_t id, int64_t mtime, bool values);

struct host_reg_value {
    char *name;                 /* malloc'd */
    uint32_t type;
    void *data;                 /* malloc'd (may be NULL when size is 0) */
    uint32_t size;
};
/* STATUS_OBJECT_NAME_NOT_FOUND when the key has no value of that name. */
NTSTATUS host_reg_value_get(int64_t key, const char *uname, struct host_reg_value *value);
/* The index-th value in uname order (STATUS_NO_MORE_ENTRIES past the last). Microsoft documents the order
 * of RegEnumValue as arbitrary; name order is what Wine gives, so that listings (reg query/export) agree. */
NTSTATUS host_reg_value_enum(int64_t key, uint32_t index, struct host_reg_value *value);
void host_reg_value_free(struct host_reg_value *value);
/* Creates or replaces. */
NTSTATUS host_reg_value_set(int64_t key, const char *name, const char *uname, uint32_t type, const void *data,
                            uint32_t size);
NTSTATUS host_reg_value_delete(int64_t key, const char *uname);

/* The key's change stamps (store-wide counters that host_reg_key_touch advances) of the kinds asked for
 * (names: subkeys made, deleted or renamed; values: values set or deleted), the largest, or with subtree the
 * largest over the key and its descendants: what change notifications poll. STATUS_KEY_DELETED when gone. */
NTSTATUS host_reg_key_stamp(int64_t id, bool subtree, bool names, bool values, int64_t *stamp);

#endif
