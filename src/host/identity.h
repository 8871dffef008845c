/*
 * host identity: the facts the security layer (src/se) and the account functions build Windows identities
 * from. The passwd database is read from /etc/passwd directly (the binary is static: no NSS modules).
 */
#ifndef HOST_IDENTITY_H
#define HOST_IDENTITY_H

#include <stddef.h>
#include <stdint.h>

#include "nt/ntstatus.h"

/* The passwd entry of uid: its login name and the first comma field of its GECOS (empty if none).
 * STATUS_NONE_MAPPED when /etc/passwd has no such uid. */
NTSTATUS host_passwd_by_uid(uint32_t uid, char *name, size_t name_size, char *gecos, size_t gecos_size);
/* The uid of a login name, STATUS_NONE_MAPPED when unknown. */
NTSTATUS host_passwd_by_name(const char *name, uint32_t *uid);
/* The 32 hex digits of /etc/machine-id (or /var/lib/dbus/machine-id); STATUS_NOT_FOUND without one. */
NTSTATUS host_machine_id(char hex[33]);
/* The owner, group and permission bits (07777) of an open fd, or of a host path (links followed). */
NTSTATUS host_fd_owner(int fd, uint32_t *uid, uint32_t *gid, uint32_t *mode);
NTSTATUS host_path_owner(const char *path, uint32_t *uid, uint32_t *gid, uint32_t *mode);
/* Changes the permission bits (07777) or the group of an open fd (fd >= 0) or of a host path. */
NTSTATUS host_set_mode(int fd, const char *path, uint32_t mode);
NTSTATUS host_set_group(int fd, const char *path, uint32_t gid);
/* The current process's effective gid. */
uint32_t host_getgid(void);

#endif
