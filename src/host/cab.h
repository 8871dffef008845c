/*
 * Cabinet (.cab) reading for setupapi, on Debian's libmspack. The library's headers stay in
 * src/host/cab.c; callers see this interface. All file access goes through the caller's callbacks
 * (setupapi opens files with CreateFileW), so names here are the caller's own strings (UTF-8).
 */
#ifndef HOST_CAB_H
#define HOST_CAB_H

#include <stdint.h>

struct host_cab_io {
    void *ctx;
    void *(*open)(void *ctx, const char *name, int write);   /* NULL on failure */
    int (*read)(void *ctx, void *file, void *buf, int n);      /* bytes, or -1 */
    int (*write)(void *ctx, void *file, const void *buf, int n);
    int (*seek)(void *ctx, void *file, int64_t off, int whence);  /* whence 0 start, 1 current, 2 end; 0 = ok */
    int64_t (*tell)(void *ctx, void *file);
    void (*close)(void *ctx, void *file);
};

struct host_cab_entry {
    const char *name;          /* UTF-8, '\' separated as stored */
    uint32_t size;
    uint16_t dos_date, dos_time, attribs;
};

struct host_cab;

/* Opens the cabinet name: 0, or -1 when it cannot be read or is not a cabinet. */
int host_cab_open(const struct host_cab_io *io, const char *name, struct host_cab **out);
/* Cabinet set fields of the header. */
void host_cab_info(struct host_cab *cab, uint16_t *set_id, uint16_t *index, const char **next_name);
/* Entry i (0-based): 0, or -1 past the last. */
int host_cab_entry(struct host_cab *cab, unsigned i, struct host_cab_entry *out);
/* Writes entry i's data to a file opened with io->open(target, 1): 0, or -1. */
int host_cab_extract(struct host_cab *cab, unsigned i, const char *target);
void host_cab_close(struct host_cab *cab);

#endif
