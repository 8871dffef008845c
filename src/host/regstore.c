/*
 * The registry store over SQLite (see regstore.h). One connection per process, opened on first use, in WAL
 * mode so that readers never block the one writer; writers of several processes queue on SQLite's lock
 * (busy timeout), and each service's work is one transaction, so that no write is lost between processes.
 * Threads of one process take turns on the connection through store_lock (a kernel lock: a thread is not
 * suspended while it holds the store).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host/host.h"
#include "host/regstore.h"

static host_lock store_lock = HOST_LOCK_INIT;

static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}
static sqlite3 *db;

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS keys (id INTEGER PRIMARY KEY AUTOINCREMENT, parent INTEGER NOT NULL,"
    " name TEXT NOT NULL, uname TEXT NOT NULL, class TEXT, mtime INTEGER NOT NULL, stamp INTEGER NOT NULL DEFAULT 0,"
    " vstamp INTEGER NOT NULL DEFAULT 0,"
    " UNIQUE (parent, uname));"
    "CREATE TABLE IF NOT EXISTS vals (key INTEGER NOT NULL, name TEXT NOT NULL,"
    " uname TEXT NOT NULL, type INTEGER NOT NULL, data BLOB, PRIMARY KEY (key, uname));"
    "CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL);"
    "INSERT OR IGNORE INTO meta VALUES ('stamp', 0);"
    "PRAGMA user_version = 1;";

/* The store's path: $NTEXEC_REGISTRY, else under $XDG_DATA_HOME or ~/.local/share (directories made). */
static char *store_path(void)
{
    const char *env = getenv("NTEXEC_REGISTRY");
    if (env && *env)
        return copy_string(env);
    char dir[4096];
    if (host_user_directory("XDG_DATA_HOME", ".local/share", "ntexec", dir, sizeof dir) != STATUS_SUCCESS)
        return NULL;
    char *path = malloc(strlen(dir) + sizeof "/registry.db");
    if (path)
        sprintf(path, "%s/registry.db", dir);
    return path;
}

static NTSTATUS store_open(void)
{
    if (db)
        return STATUS_SUCCESS;
    char *path = store_path();
    if (!path)
        return STATUS_REGISTRY_IO_FAILED;
    /* The user's registry is the user's alone: made 0600 before SQLite creates it (its -wal and -shm files
     * take the database's mode). */
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0)
        close(fd);
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    free(path);
    if (rc != SQLITE_OK) {
        sqlite3_close(h);
        return STATUS_REGISTRY_IO_FAILED;
    }
    sqlite3_busy_timeout(h, 30000);
    /* WAL: readers and one writer at once across processes; NORMAL sync is durable across crashes of the
     * program (not of the machine), as the registry's lazy flush is on Windows. */
    sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", NULL, NULL, NULL);
    db = h;
    return STATUS_SUCCESS;
}

static NTSTATUS exec(const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? STATUS_SUCCESS : STATUS_REGISTRY_IO_FAILED;
}

static int user_version(void)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

NTSTATUS host_reg_begin(bool write, bool *created)
{
    if (created)
        *created = false;
    host_lock_acquire(&store_lock);
    NTSTATUS status = store_open();
    if (status != STATUS_SUCCESS)
        goto fail;
    status = exec(write ? "BEGIN IMMEDIATE" : "BEGIN");
    if (status != STATUS_SUCCESS)
        goto fail;
    if (write && user_version() == 0) {
        status = exec(schema);
        if (status != STATUS_SUCCESS) {
            exec("ROLLBACK");
            goto fail;
        }
        if (created)
            *created = true;
    }
    return STATUS_SUCCESS;
fail:
    host_lock_release(&store_lock);
    return status;
}

NTSTATUS host_reg_end(bool commit)
{
    NTSTATUS status = STATUS_SUCCESS;
    if (commit && exec("COMMIT") != STATUS_SUCCESS) {
        status = STATUS_REGISTRY_IO_FAILED;
        commit = false;
    }
    if (!commit)
        exec("ROLLBACK");
    host_lock_release(&store_lock);
    return status;
}

/* ---- statements --------------------------------------------------------------------------------------------- */

/* Prepares sql and binds its arguments, described by fmt: 'i' int64_t, 's' const char * (NULL = NULL),
 * 'b' a blob (const void *, then uint32_t size). */
static sqlite3_stmt *prepare(const char *sql, const char *fmt, ...)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    va_list ap;
    va_start(ap, fmt);
    for (int i = 1; *fmt; fmt++, i++) {
        if (*fmt == 'i') {
            sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
        } else if (*fmt == 's') {
            const char *s = va_arg(ap, const char *);
            if (s)
                sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
            else
                sqlite3_bind_null(st, i);
        } else {
            const void *p = va_arg(ap, const void *);
            uint32_t n = va_arg(ap, uint32_t);
            sqlite3_bind_blob(st, i, n ? p : "", (int)n, SQLITE_TRANSIENT);
        }
    }
    va_end(ap);
    return st;
}

/* Runs a statement that returns no rows. */
static NTSTATUS run(sqlite3_stmt *st)
{
    if (!st)
        return STATUS_REGISTRY_IO_FAILED;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? STATUS_SUCCESS : STATUS_REGISTRY_IO_FAILED;
}

static char *column_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? copy_string((const char *)t) : NULL;
}

/* ---- keys --------------------------------------------------------------------------------------------------- */

NTSTATUS host_reg_key_lookup(int64_t parent, const char *uname, int64_t *id)
{
    *id = 0;
    sqlite3_stmt *st = prepare("SELECT id FROM keys WHERE parent = ?1 AND uname = ?2", "is", parent, uname);
    if (!st)
        return STATUS_REGISTRY_IO_FAILED;
    int rc = sqlite3_step(st);
    NTSTATUS status = STATUS_OBJECT_NAME_NOT_FOUND;
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        status = STATUS_SUCCESS;
    } else if (rc != SQLITE_DONE) {
        status = STATUS_REGISTRY_IO_FAILED;
    }
    sqlite3_finalize(st);
    return status;
}

NTSTATUS host_reg_key_create(int64_t parent, const char *name, const char *uname, const char *class_name,
                             int64_t mtime, int64_t *id)
{
    *id = 0;
    NTSTATUS status = run(prepare("INSERT INTO keys (parent, name, uname, class, mtime) VALUES (?1, ?2, ?3, ?4, ?5)",
                                  "isssi", parent, name, uname, class_name, mtime));
    if (status == STATUS_SUCCESS)
        *id = sqlite3_last_insert_rowid(db);
    return status;
}

static NTSTATUS key_row(sqlite3_stmt *st, struct host_reg_key *key, NTSTATUS none)
{
    memset(key, 0, sizeof *key);
    if (!st)
        return STATUS_REGISTRY_IO_FAILED;
    int rc = sqlite3_step(st);
    NTSTATUS status = none;
    if (rc == SQLITE_ROW) {
        key->id = sqlite3_column_int64(st, 0);
        key->parent = sqlite3_column_int64(st, 1);
        key->name = column_text(st, 2);
        key->class_name = column_text(st, 3);
        key->mtime = sqlite3_column_int64(st, 4);
        status = key->name ? STATUS_SUCCESS : STATUS_NO_MEMORY;
    } else if (rc != SQLITE_DONE) {
        status = STATUS_REGISTRY_IO_FAILED;
    }
    sqlite3_finalize(st);
    return status;
}

NTSTATUS host_reg_key_get(int64_t id, struct host_reg_key *key)
{
    return key_row(prepare("SELECT id, parent, name, class, mtime FROM keys WHERE id = ?1", "i", id), key,
                   STATUS_KEY_DELETED);
}

NTSTATUS host_reg_key_enum(int64_t parent, uint32_t index, struct host_reg_key *key)
{
    return key_row(prepare("SELECT id, parent, name, class, mtime FROM keys WHERE parent = ?1 ORDER BY uname"
                           " LIMIT 1 OFFSET ?2", "ii", parent, (int64_t)index), key, STATUS_NO_MORE_ENTRIES);
}

void host_reg_key_free(struct host_reg_key *key)
{
    free(key->name);
    free(key->class_name);
    memset(key, 0, sizeof *key);
}

static NTSTATUS count(const char *sql, int64_t id, uint32_t *n)
{
    *n = 0;
    sqlite3_stmt *st = prepare(sql, "i", id);
    if (!st)
        return STATUS_REGISTRY_IO_FAILED;
    NTSTATUS status = STATUS_REGISTRY_IO_FAILED;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *n = (uint32_t)sqlite3_column_int64(st, 0);
        status = STATUS_SUCCESS;
    }
    sqlite3_finalize(st);
    return status;
}

NTSTATUS host_reg_key_counts(int64_t id, struct host_reg_counts *c)
{
    memset(c, 0, sizeof *c);
    sqlite3_stmt *st = prepare("SELECT (SELECT count(*) FROM keys WHERE parent = ?1),"
                               " (SELECT coalesce(max(length(name)), 0) FROM keys WHERE parent = ?1),"
                               " (SELECT coalesce(max(length(class)), 0) FROM keys WHERE parent = ?1),"
                               " (SELECT count(*) FROM vals WHERE key = ?1),"
                               " (SELECT coalesce(max(length(name)), 0) FROM vals WHERE key = ?1),"
                               " (SELECT coalesce(max(length(data)), 0) FROM vals WHERE key = ?1)", "i", id);
    if (!st)
        return STATUS_REGISTRY_IO_FAILED;
    NTSTATUS status = STATUS_REGISTRY_IO_FAILED;
    if (sqlite3_step(st) == SQLITE_ROW) {
        c->subkeys = (uint32_t)sqlite3_column_int64(st, 0);
        c->max_name = (uint32_t)sqlite3_column_int64(st, 1);
        c->max_class = (uint32_t)sqlite3_column_int64(st, 2);
        c->values = (uint32_t)sqlite3_column_int64(st, 3);
        c->max_value_name = (uint32_t)sqlite3_column_int64(st, 4);
        c->max_data = (uint32_t)sqlite3_column_int64(st, 5);
        status = STATUS_SUCCESS;
    }
    sqlite3_finalize(st);
    return status;
}

NTSTATUS host_reg_key_delete(int64_t id)
{
    uint32_t n;
    NTSTATUS status = count("SELECT count(*) FROM keys WHERE parent = ?1", id, &n);
    if (status != STATUS_SUCCESS)
        return status;
    if (n)
        return STATUS_CANNOT_DELETE;
    status = run(prepare("DELETE FROM vals WHERE key = ?1", "i", id));
    if (status == STATUS_SUCCESS)
        status = run(prepare("DELETE FROM keys WHERE id = ?1", "i", id));
    return status;
}

NTSTATUS host_reg_key_rename(int64_t id, const char *name, const char *uname)
{
    return run(prepare("UPDATE keys SET name = ?2, uname = ?3 WHERE id = ?1", "iss", id, name, uname));
}

NTSTATUS host_reg_key_touch(int64_t id, int64_t mtime, bool values)
{
    NTSTATUS status = run(prepare("UPDATE meta SET v = v + 1 WHERE k = 'stamp'", ""));
    if (status == STATUS_SUCCESS)
        status = run(prepare(values ? "UPDATE keys SET mtime = ?2, vstamp = (SELECT v FROM meta WHERE k = 'stamp')"
                                      " WHERE id = ?1"
                                    : "UPDATE keys SET mtime = ?2, stamp = (SELECT v FROM meta WHERE k = 'stamp')"
                                      " WHERE id = ?1", "ii", id, mtime));
    return status;
}

NTSTATUS host_reg_key_stamp(int64_t id, bool subtree, bool names, bool values, int64_t *stamp)
{
    *stamp = 0;
    const char *col = names && values ? "max(stamp, vstamp)" : names ? "stamp" : values ? "vstamp" : "0";
    char sql[512];
    if (subtree)
        snprintf(sql, sizeof sql, "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL SELECT k.id FROM keys k, t"
                 " WHERE k.parent = t.id) SELECT max(%s), count(*) FROM keys WHERE id IN t"
                 " AND EXISTS (SELECT 1 FROM keys WHERE id = ?1)", col);
    else
        snprintf(sql, sizeof sql, "SELECT %s, 1 FROM keys WHERE id = ?1", col);
    sqlite3_stmt *st = prepare(sql, "i", id);
    if (!st)
        return STATUS_REGISTRY_IO_FAILED;
    NTSTATUS status = STATUS_KEY_DELETED;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_int64(st, 1) > 0) {
        *stamp = sqlite3_column_int64(st, 0);
        status = STATUS_SUCCESS;
    } else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        status = STATUS_REGISTRY_IO_FAILED;
    }
    sqlite3_finalize(st);
    return status;
}

/* ---- values ------------------------------------------------------------------------------------------------- */

static NTSTATUS value_row(sqlite3_stmt *st, struct host_reg_value *v, NTSTATUS none)
{
    memset(v, 0, sizeof *v);
    if (!st)
        return STATUS_REGISTRY_IO_FAILED;
    int rc = sqlite3_step(st);
    NTSTATUS status = none;
    if (rc == SQLITE_ROW) {
        v->name = column_text(st, 0);
        v->type = (uint32_t)sqlite3_column_int64(st, 1);
        const void *data = sqlite3_column_blob(st, 2);
        v->size = (uint32_t)sqlite3_column_bytes(st, 2);
        status = v->name ? STATUS_SUCCESS : STATUS_NO_MEMORY;
        if (v->size) {
            v->data = malloc(v->size);
            if (v->data)
                memcpy(v->data, data, v->size);
            else
                status = STATUS_NO_MEMORY;
        }
        if (status != STATUS_SUCCESS)
            host_reg_value_free(v);
    } else if (rc != SQLITE_DONE) {
        status = STATUS_REGISTRY_IO_FAILED;
    }
    sqlite3_finalize(st);
    return status;
}

NTSTATUS host_reg_value_get(int64_t key, const char *uname, struct host_reg_value *value)
{
    return value_row(prepare("SELECT name, type, data FROM vals WHERE key = ?1 AND uname = ?2", "is", key, uname),
                     value, STATUS_OBJECT_NAME_NOT_FOUND);
}

NTSTATUS host_reg_value_enum(int64_t key, uint32_t index, struct host_reg_value *value)
{
    return value_row(prepare("SELECT name, type, data FROM vals WHERE key = ?1 ORDER BY uname LIMIT 1 OFFSET ?2",
                             "ii", key, (int64_t)index), value, STATUS_NO_MORE_ENTRIES);
}

void host_reg_value_free(struct host_reg_value *value)
{
    free(value->name);
    free(value->data);
    memset(value, 0, sizeof *value);
}

NTSTATUS host_reg_value_set(int64_t key, const char *name, const char *uname, uint32_t type, const void *data,
                            uint32_t size)
{
    /* An existing value keeps its name's spelling, as on Windows, where setting a value that exists
     * rewrites its data in place. */
    NTSTATUS status = run(prepare("UPDATE vals SET type = ?3, data = ?4 WHERE key = ?1 AND uname = ?2", "isib",
                                  key, uname, (int64_t)type, data, size));
    if (status != STATUS_SUCCESS || sqlite3_changes(db) > 0)
        return status;
    return run(prepare("INSERT INTO vals (key, name, uname, type, data) VALUES (?1, ?2, ?3, ?4, ?5)", "issib",
                       key, name, uname, (int64_t)type, data, size));
}

NTSTATUS host_reg_value_delete(int64_t key, const char *uname)
{
    NTSTATUS status = run(prepare("DELETE FROM vals WHERE key = ?1 AND uname = ?2", "is", key, uname));
    if (status == STATUS_SUCCESS && sqlite3_changes(db) == 0)
        status = STATUS_OBJECT_NAME_NOT_FOUND;
    return status;
}
