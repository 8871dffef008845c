/* Cabinet reading over libmspack (host/cab.h): an mspack_system whose file functions are the caller's. */
#include <mspack.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "host/cab.h"

struct cab_system {
    struct mspack_system sys;   /* first: libmspack passes &sys back */
    const struct host_cab_io *io;
};

struct cab_file {
    void *handle;
};

struct host_cab {
    struct cab_system system;
    struct mscab_decompressor *d;
    struct mscabd_cabinet *cab;
};

static const struct host_cab_io *io_of(struct mspack_system *s) { return ((struct cab_system *)s)->io; }

/* libmspack's file functions get no system pointer, so each file remembers its io. */
struct cab_handle {
    const struct host_cab_io *io;
    void *file;
};

static struct mspack_file *cab_open(struct mspack_system *s, const char *name, int mode)
{
    const struct host_cab_io *io = io_of(s);
    if (mode != MSPACK_SYS_OPEN_READ && mode != MSPACK_SYS_OPEN_WRITE)
        return NULL;
    void *f = io->open(io->ctx, name, mode == MSPACK_SYS_OPEN_WRITE);
    if (!f)
        return NULL;
    struct cab_handle *h = malloc(sizeof *h);
    if (!h) {
        io->close(io->ctx, f);
        return NULL;
    }
    h->io = io;
    h->file = f;
    return (struct mspack_file *)h;
}

static void cab_close(struct mspack_file *file)
{
    struct cab_handle *h = (struct cab_handle *)file;
    h->io->close(h->io->ctx, h->file);
    free(h);
}

static int cab_read(struct mspack_file *file, void *buf, int n)
{
    struct cab_handle *h = (struct cab_handle *)file;
    return h->io->read(h->io->ctx, h->file, buf, n);
}

static int cab_write(struct mspack_file *file, void *buf, int n)
{
    struct cab_handle *h = (struct cab_handle *)file;
    return h->io->write(h->io->ctx, h->file, buf, n);
}

static int cab_seek(struct mspack_file *file, off_t off, int mode)
{
    struct cab_handle *h = (struct cab_handle *)file;
    return h->io->seek(h->io->ctx, h->file, (int64_t)off, mode);
}

static off_t cab_tell(struct mspack_file *file)
{
    struct cab_handle *h = (struct cab_handle *)file;
    return (off_t)h->io->tell(h->io->ctx, h->file);
}

static void cab_message(struct mspack_file *file, const char *fmt, ...)
{
    (void)file;
    (void)fmt;   /* libmspack's warnings about damaged cabinets: the failure itself is reported */
}

static void *cab_alloc(struct mspack_system *s, size_t n)
{
    (void)s;
    return malloc(n);
}

static void cab_free(void *p) { free(p); }

static void cab_copy(void *src, void *dst, size_t n) { memcpy(dst, src, n); }

int host_cab_open(const struct host_cab_io *io, const char *name, struct host_cab **out)
{
    *out = NULL;
    struct host_cab *c = calloc(1, sizeof *c);
    if (!c)
        return -1;
    c->system.sys = (struct mspack_system){cab_open, cab_close, cab_read, cab_write, cab_seek, cab_tell,
                                           cab_message, cab_alloc, cab_free, cab_copy, NULL};
    c->system.io = io;
    c->d = mspack_create_cab_decompressor(&c->system.sys);
    if (c->d)
        c->cab = c->d->open(c->d, name);
    if (!c->cab) {
        if (c->d)
            mspack_destroy_cab_decompressor(c->d);
        free(c);
        return -1;
    }
    *out = c;
    return 0;
}

void host_cab_info(struct host_cab *c, uint16_t *set_id, uint16_t *index, const char **next_name)
{
    *set_id = c->cab->set_id;
    *index = c->cab->set_index;
    *next_name = (c->cab->flags & MSCAB_HDR_NEXTCAB) ? c->cab->nextname : NULL;
}

static struct mscabd_file *nth(struct host_cab *c, unsigned i)
{
    struct mscabd_file *f = c->cab->files;
    while (f && i--)
        f = f->next;
    return f;
}

int host_cab_entry(struct host_cab *c, unsigned i, struct host_cab_entry *out)
{
    struct mscabd_file *f = nth(c, i);
    if (!f)
        return -1;
    out->name = f->filename;
    out->size = f->length;
    out->dos_date = (uint16_t)(((f->date_y - 1980) << 9) | (f->date_m << 5) | f->date_d);
    out->dos_time = (uint16_t)((f->time_h << 11) | (f->time_m << 5) | (f->time_s / 2));
    out->attribs = (uint16_t)(f->attribs & ~MSCAB_ATTRIB_UTF_NAME & 0xFF);
    return 0;
}

int host_cab_extract(struct host_cab *c, unsigned i, const char *target)
{
    struct mscabd_file *f = nth(c, i);
    if (!f)
        return -1;
    return c->d->extract(c->d, f, target) == MSPACK_ERR_OK ? 0 : -1;
}

void host_cab_close(struct host_cab *c)
{
    c->d->close(c->d, c->cab);
    mspack_destroy_cab_decompressor(c->d);
    free(c);
}
