/*
 * Profiles: GetPrivateProfile* / WritePrivateProfile* and the win.ini forms (GetProfile*) over real .ini
 * files. Each call reads the file whole (ANSI, or UTF-16LE when it starts with a BOM) into sections of
 * keys; a write changes that picture and writes the file back in the same encoding, one "[section]" or
 * "key=value" line each with CRLF. That normal form drops blank lines and the spaces around names and
 * values, as Wine's profile code writes files (comments and lines without '=' stay where they were).
 * Sections and keys match case-insensitively; a file name without a path is in the Windows directory.
 * Calls are serialized within the process, as Windows serializes them.
 */
#include <stdatomic.h>
#include <string.h>

#include "win32/k32.h"

BOOL WINAPI SwitchToThread(void);
UINT WINAPI GetWindowsDirectoryW(LPWSTR buffer, UINT size);

struct ini_key {
    WCHAR *name;
    WCHAR *value;     /* NULL: a line without '=' (a comment, or a bare name) */
};

struct ini_section {
    WCHAR *name;      /* NULL: the lines before the first section header */
    struct ini_key *keys;
    size_t nkeys, cap;
};

struct ini {
    struct ini_section *sections;
    size_t n, cap;
    bool unicode;     /* UTF-16LE with a BOM */
};

static atomic_flag profile_lock = ATOMIC_FLAG_INIT;

static void lock(void)
{
    while (atomic_flag_test_and_set_explicit(&profile_lock, memory_order_acquire))
        SwitchToThread();
}

static void unlock(void)
{
    atomic_flag_clear_explicit(&profile_lock, memory_order_release);
}

static void *alloc(size_t n)
{
    return RtlAllocateHeap(RtlGetProcessHeap(), 0, n ? n : 1);
}

static void release(void *p)
{
    if (p)
        RtlFreeHeap(RtlGetProcessHeap(), 0, p);
}

static size_t wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static bool is_space(WCHAR c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* A heap copy of s[0..n) with the surrounding white space removed. */
static WCHAR *dup_trim(const WCHAR *s, size_t n)
{
    while (n && is_space(*s))
        s++, n--;
    while (n && is_space(s[n - 1]))
        n--;
    WCHAR *d = alloc((n + 1) * sizeof(WCHAR));
    if (d) {
        memcpy(d, s, n * sizeof(WCHAR));
        d[n] = 0;
    }
    return d;
}

static bool same(const WCHAR *a, const WCHAR *b)
{
    return RtlCompareUnicodeStrings(a, wlen(a), b, wlen(b), TRUE) == 0;
}

static void ini_free(struct ini *ini)
{
    for (size_t i = 0; i < ini->n; i++) {
        struct ini_section *s = &ini->sections[i];
        for (size_t k = 0; k < s->nkeys; k++) {
            release(s->keys[k].name);
            release(s->keys[k].value);
        }
        release(s->keys);
        release(s->name);
    }
    release(ini->sections);
    memset(ini, 0, sizeof *ini);
}

static bool grow(void **array, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap * 2 : 8;
    while (ncap < need)
        ncap *= 2;
    void *p = alloc(ncap * elem);
    if (!p)
        return false;
    if (*array)
        memcpy(p, *array, *cap * elem);
    release(*array);
    *array = p;
    *cap = ncap;
    return true;
}

static struct ini_section *add_section(struct ini *ini, WCHAR *name)
{
    if (!grow((void **)&ini->sections, &ini->cap, ini->n + 1, sizeof *ini->sections)) {
        release(name);
        return NULL;
    }
    struct ini_section *s = &ini->sections[ini->n++];
    memset(s, 0, sizeof *s);
    s->name = name;
    return s;
}

static struct ini_key *add_key(struct ini_section *s, WCHAR *name, WCHAR *value)
{
    if (!name || !grow((void **)&s->keys, &s->cap, s->nkeys + 1, sizeof *s->keys)) {
        release(name);
        release(value);
        return NULL;
    }
    struct ini_key *k = &s->keys[s->nkeys++];
    k->name = name;
    k->value = value;
    return k;
}

/* One line (without its end) into the picture; blank lines are dropped. */
static bool parse_line(struct ini *ini, const WCHAR *p, size_t n)
{
    while (n && is_space(*p))
        p++, n--;
    while (n && is_space(p[n - 1]))
        n--;
    if (!n)
        return true;
    if (*p == '[') {
        size_t close = n;
        while (close > 1 && p[close - 1] != ']')
            close--;
        if (close > 1)
            return add_section(ini, dup_trim(p + 1, close - 2)) != NULL;
    }
    struct ini_section *s = ini->n ? &ini->sections[ini->n - 1] : add_section(ini, NULL);
    if (!s)
        return false;
    size_t eq = 0;
    while (eq < n && p[eq] != '=')
        eq++;
    if (*p == ';' || eq == n)
        return add_key(s, dup_trim(p, n), NULL) != NULL;
    WCHAR *value = dup_trim(p + eq + 1, n - eq - 1);
    return value && add_key(s, dup_trim(p, eq), value) != NULL;
}

/* The file's path: a name without a directory is in the Windows directory. */
static WCHAR *profile_path(LPCWSTR file)
{
    if (!file)
        file = u"win.ini";
    for (const WCHAR *c = file; *c; c++)
        if (*c == '\\' || *c == '/')
            goto copy;
    WCHAR dir[MAX_PATH];
    UINT d = GetWindowsDirectoryW(dir, MAX_PATH);
    size_t f = wlen(file);
    WCHAR *path = alloc((d + 1 + f + 1) * sizeof(WCHAR));
    if (path) {
        memcpy(path, dir, d * sizeof(WCHAR));
        path[d] = '\\';
        memcpy(path + d + 1, file, (f + 1) * sizeof(WCHAR));
    }
    return path;
copy:;
    size_t n = wlen(file);
    WCHAR *p = alloc((n + 1) * sizeof(WCHAR));
    if (p)
        memcpy(p, file, (n + 1) * sizeof(WCHAR));
    return p;
}

/* Reads and parses the file. FALSE with the last error set when it cannot be read (ERROR_FILE_NOT_FOUND, ...). */
static BOOL ini_load(LPCWSTR path, struct ini *ini)
{
    memset(ini, 0, sizeof *ini);
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return FALSE;
    LARGE_INTEGER size;
    BYTE *raw = NULL;
    BOOL ok = GetFileSizeEx(h, &size) && size.QuadPart < 64 * 1024 * 1024;
    DWORD got = 0;
    if (ok && !(raw = alloc((size_t)size.QuadPart + 2)))
        SetLastError(ERROR_NOT_ENOUGH_MEMORY), ok = FALSE;
    if (ok)
        ok = ReadFile(h, raw, (DWORD)size.QuadPart, &got, NULL);
    CloseHandle(h);
    if (!ok) {
        release(raw);
        return FALSE;
    }
    WCHAR *text;
    size_t units;
    if (got >= 2 && raw[0] == 0xFF && raw[1] == 0xFE) {
        ini->unicode = true;
        units = (got - 2) / 2;
        text = alloc((units + 1) * sizeof(WCHAR));
        if (text)
            memcpy(text, raw + 2, units * sizeof(WCHAR));
    } else {
        size_t skip = got >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF ? 3 : 0;
        text = BaseAnsiToWideN((const char *)raw + skip, got - skip, &units);
    }
    release(raw);
    if (!text) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    for (size_t i = 0; i < units;) {
        size_t end = i;
        while (end < units && text[end] != '\n' && text[end] != '\r')
            end++;
        if (!parse_line(ini, text + i, end - i)) {
            release(text);
            ini_free(ini);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        i = end + 1;
    }
    release(text);
    return TRUE;
}

/* A growing wide buffer. */
struct wbuf {
    WCHAR *p;
    size_t n, cap;
    bool failed;
};

static void put(struct wbuf *b, const WCHAR *s, size_t n)
{
    if (b->failed || !grow((void **)&b->p, &b->cap, b->n + n + 1, sizeof(WCHAR))) {
        b->failed = true;
        return;
    }
    memcpy(b->p + b->n, s, n * sizeof(WCHAR));
    b->n += n;
}

static void puts_w(struct wbuf *b, const WCHAR *s)
{
    put(b, s, wlen(s));
}

/* Writes the picture back in its encoding. */
static BOOL ini_save(LPCWSTR path, const struct ini *ini)
{
    struct wbuf b = {0};
    for (size_t i = 0; i < ini->n; i++) {
        const struct ini_section *s = &ini->sections[i];
        if (s->name) {
            puts_w(&b, u"[");
            puts_w(&b, s->name);
            puts_w(&b, u"]\r\n");
        }
        for (size_t k = 0; k < s->nkeys; k++) {
            puts_w(&b, s->keys[k].name);
            if (s->keys[k].value) {
                puts_w(&b, u"=");
                puts_w(&b, s->keys[k].value);
            }
            puts_w(&b, u"\r\n");
        }
    }
    if (b.failed) {
        release(b.p);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    void *data = b.p;
    DWORD bytes;
    char *ansi = NULL;
    if (ini->unicode) {
        if (!grow((void **)&b.p, &b.cap, b.n + 2, sizeof(WCHAR))) {
            release(b.p);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        memmove(b.p + 1, b.p, b.n * sizeof(WCHAR));
        b.p[0] = 0xFEFF;
        data = b.p;
        bytes = (DWORD)((b.n + 1) * sizeof(WCHAR));
    } else {
        ULONG need = 0;
        RtlUnicodeToMultiByteN(NULL, 0, &need, b.p, (ULONG)(b.n * sizeof(WCHAR)));
        ansi = alloc(need + 1);
        if (!ansi) {
            release(b.p);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        RtlUnicodeToMultiByteN(ansi, need, &need, b.p, (ULONG)(b.n * sizeof(WCHAR)));
        data = ansi;
        bytes = need;
    }
    HANDLE h = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    BOOL ok = h != INVALID_HANDLE_VALUE;
    if (ok) {
        DWORD error = GetLastError();   /* ERROR_ALREADY_EXISTS, as Windows leaves it */
        DWORD put_bytes = 0;
        ok = WriteFile(h, data, bytes, &put_bytes, NULL) && put_bytes == bytes && SetEndOfFile(h);
        CloseHandle(h);
        if (ok)
            SetLastError(error);
    }
    release(ansi);
    release(b.p);
    return ok;
}

static struct ini_section *find_section(struct ini *ini, const WCHAR *name)
{
    WCHAR *trimmed = dup_trim(name, wlen(name));
    struct ini_section *found = NULL;
    for (size_t i = 0; trimmed && !found && i < ini->n; i++)
        if (ini->sections[i].name && same(ini->sections[i].name, trimmed))
            found = &ini->sections[i];
    release(trimmed);
    return found;
}

static struct ini_key *find_key(struct ini_section *s, const WCHAR *name)
{
    WCHAR *trimmed = dup_trim(name, wlen(name));
    struct ini_key *found = NULL;
    for (size_t k = 0; trimmed && !found && k < s->nkeys; k++)
        if (s->keys[k].name[0] != ';' && same(s->keys[k].name, trimmed))
            found = &s->keys[k];
    release(trimmed);
    return found;
}

/* ---- reading: a full answer first, then the caller's buffer rules --------------------------------------- */

enum answer_kind { ANSWER_STRING, ANSWER_LIST };

/*
 * Copies an answer of n units (for a list: strings each with its NUL) into out[size] with Windows' counts:
 * a string is cut at size - 1 and the count is what was copied; a list that does not fit is cut at size - 2,
 * ends with two NULs, and the count is size - 2.
 */
static DWORD finish_w(enum answer_kind kind, const WCHAR *answer, size_t n, LPWSTR out, DWORD size)
{
    if (!out || !size)
        return 0;
    if (kind == ANSWER_STRING) {
        size_t c = n < size - 1 ? n : size - 1;
        memcpy(out, answer, c * sizeof(WCHAR));
        out[c] = 0;
        return (DWORD)c;
    }
    if (n + 1 <= size) {
        memcpy(out, answer, n * sizeof(WCHAR));
        out[n] = 0;
        if (!n && size > 1)
            out[1] = 0;
        return (DWORD)n;
    }
    if (size < 2) {
        out[0] = 0;
        return 0;
    }
    memcpy(out, answer, (size - 2) * sizeof(WCHAR));
    out[size - 2] = 0;
    out[size - 1] = 0;
    return size - 2;
}

static DWORD finish_a(enum answer_kind kind, const WCHAR *answer, size_t n, LPSTR out, DWORD size)
{
    ULONG need = 0;
    RtlUnicodeToMultiByteN(NULL, 0, &need, answer, (ULONG)(n * sizeof(WCHAR)));
    char *a = alloc(need + 1);
    if (!a) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    RtlUnicodeToMultiByteN(a, need, &need, answer, (ULONG)(n * sizeof(WCHAR)));
    DWORD r = 0;
    if (out && size) {
        if (kind == ANSWER_STRING) {
            r = need < size - 1 ? need : size - 1;
            memcpy(out, a, r);
            out[r] = 0;
        } else if (need + 1 <= size) {
            memcpy(out, a, need);
            out[need] = 0;
            if (!need && size > 1)
                out[1] = 0;
            r = need;
        } else if (size >= 2) {
            memcpy(out, a, size - 2);
            out[size - 2] = out[size - 1] = 0;
            r = size - 2;
        } else
            out[0] = 0;
    }
    release(a);
    return r;
}

/* The names of the sections, or of the keys that have values in one section, as a list. */
static void list_names(struct ini *ini, struct ini_section *only, struct wbuf *b)
{
    if (!only) {
        for (size_t i = 0; i < ini->n; i++)
            if (ini->sections[i].name)
                put(b, ini->sections[i].name, wlen(ini->sections[i].name) + 1);
        return;
    }
    for (size_t k = 0; k < only->nkeys; k++)
        if (only->keys[k].value)
            put(b, only->keys[k].name, wlen(only->keys[k].name) + 1);
}

/* A value's quotes go when it both starts and ends with the same one. */
static void put_value(struct wbuf *b, const WCHAR *v)
{
    size_t n = wlen(v);
    if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0])
        put(b, v + 1, n - 2);
    else
        put(b, v, n);
}

/*
 * GetPrivateProfileString's answer: section NULL lists the sections, key NULL the keys of section, else
 * the value or the default (without its trailing spaces; "" for NULL). A file that cannot be read gives
 * the default with the open's error left set (ERROR_FILE_NOT_FOUND).
 */
static enum answer_kind get_string(LPCWSTR section, LPCWSTR key, LPCWSTR def, LPCWSTR file, struct wbuf *b)
{
    struct ini ini;
    WCHAR *path = profile_path(file);
    bool loaded = path && ini_load(path, &ini);
    release(path);
    enum answer_kind kind = ANSWER_STRING;
    if (loaded) {
        struct ini_section *s = section ? find_section(&ini, section) : NULL;
        struct ini_key *k = s && key ? find_key(s, key) : NULL;
        if (!section) {
            list_names(&ini, NULL, b);
            kind = ANSWER_LIST;
        } else if (s && !key) {
            list_names(&ini, s, b);
            kind = ANSWER_LIST;
        } else if (k && k->value) {
            put_value(b, k->value);
            ini_free(&ini);
            return kind;
        }
        ini_free(&ini);
        if (kind == ANSWER_LIST)
            return kind;
    }
    if (def) {
        size_t n = wlen(def);
        while (n && def[n - 1] == ' ')
            n--;
        put(b, def, n);
    }
    return kind;
}

DWORD WINAPI GetPrivateProfileStringW(LPCWSTR section, LPCWSTR key, LPCWSTR def, LPWSTR out, DWORD size, LPCWSTR file)
{
    struct wbuf b = {0};
    lock();
    enum answer_kind kind = get_string(section, key, def, file, &b);
    unlock();
    DWORD r = finish_w(kind, b.p ? b.p : u"", b.n, out, size);
    release(b.p);
    return r;
}

/* The A forms convert their strings, run the W answer and apply the buffer rules to the ANSI bytes. */
struct ansi_args {
    WCHAR *w[4];
    BOOL ok;
};

static void ansi_in(struct ansi_args *a, LPCSTR s0, LPCSTR s1, LPCSTR s2, LPCSTR s3)
{
    LPCSTR in[4] = {s0, s1, s2, s3};
    a->ok = TRUE;
    for (int i = 0; i < 4; i++) {
        BOOL ok;
        a->w[i] = BaseAnsiToWide(in[i], &ok);
        a->ok &= ok;
    }
}

static void ansi_done(struct ansi_args *a)
{
    for (int i = 0; i < 4; i++)
        BaseFreeWide(a->w[i]);
}

DWORD WINAPI GetPrivateProfileStringA(LPCSTR section, LPCSTR key, LPCSTR def, LPSTR out, DWORD size, LPCSTR file)
{
    struct ansi_args a;
    ansi_in(&a, section, key, def, file);
    DWORD r = 0;
    if (a.ok) {
        struct wbuf b = {0};
        lock();
        enum answer_kind kind = get_string(a.w[0], a.w[1], a.w[2], a.w[3], &b);
        unlock();
        r = finish_a(kind, b.p ? b.p : u"", b.n, out, size);
        release(b.p);
    }
    ansi_done(&a);
    return r;
}

DWORD WINAPI GetProfileStringW(LPCWSTR section, LPCWSTR key, LPCWSTR def, LPWSTR out, DWORD size)
{
    return GetPrivateProfileStringW(section, key, def, out, size, u"win.ini");
}

DWORD WINAPI GetProfileStringA(LPCSTR section, LPCSTR key, LPCSTR def, LPSTR out, DWORD size)
{
    return GetPrivateProfileStringA(section, key, def, out, size, "win.ini");
}

/* The value as a number: optional sign, decimal or 0x hexadecimal, up to the first other character; the
 * default when the key is missing or empty. */
static UINT parse_int(const WCHAR *s, size_t n, INT def)
{
    if (!n)
        return (UINT)def;
    size_t i = 0;
    while (i < n && is_space(s[i]))
        i++;
    bool neg = false;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    unsigned base = 10;
    if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
        base = 16, i += 2;
    UINT v = 0;
    for (; i < n; i++) {
        unsigned d;
        if (s[i] >= '0' && s[i] <= '9')
            d = s[i] - '0';
        else if (base == 16 && (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f')
            d = (s[i] | 0x20) - 'a' + 10;
        else
            break;
        v = v * base + d;
    }
    return neg ? (UINT)-v : v;
}

UINT WINAPI GetPrivateProfileIntW(LPCWSTR section, LPCWSTR key, INT def, LPCWSTR file)
{
    struct wbuf b = {0};
    lock();
    get_string(section, key, u"", file, &b);
    unlock();
    UINT r = parse_int(b.p, b.n, def);
    release(b.p);
    return r;
}

UINT WINAPI GetPrivateProfileIntA(LPCSTR section, LPCSTR key, INT def, LPCSTR file)
{
    struct ansi_args a;
    ansi_in(&a, section, key, file, NULL);
    UINT r = a.ok ? GetPrivateProfileIntW(a.w[0], a.w[1], def, a.w[2]) : (UINT)def;
    ansi_done(&a);
    return r;
}

UINT WINAPI GetProfileIntW(LPCWSTR section, LPCWSTR key, INT def)
{
    return GetPrivateProfileIntW(section, key, def, u"win.ini");
}

UINT WINAPI GetProfileIntA(LPCSTR section, LPCSTR key, INT def)
{
    return GetPrivateProfileIntA(section, key, def, "win.ini");
}

/* A section's lines other than comments, "key=value" (values as written, quotes kept) or "key". */
static void get_section(LPCWSTR section, LPCWSTR file, struct wbuf *b)
{
    struct ini ini;
    WCHAR *path = profile_path(file);
    bool loaded = path && section && ini_load(path, &ini);
    release(path);
    if (!loaded)
        return;
    struct ini_section *s = find_section(&ini, section);
    for (size_t k = 0; s && k < s->nkeys; k++) {
        if (s->keys[k].name[0] == ';')
            continue;
        puts_w(b, s->keys[k].name);
        if (s->keys[k].value) {
            puts_w(b, u"=");
            puts_w(b, s->keys[k].value);
        }
        put(b, u"", 1);
    }
    ini_free(&ini);
}

DWORD WINAPI GetPrivateProfileSectionW(LPCWSTR section, LPWSTR out, DWORD size, LPCWSTR file)
{
    struct wbuf b = {0};
    lock();
    get_section(section, file, &b);
    unlock();
    DWORD r = finish_w(ANSWER_LIST, b.p ? b.p : u"", b.n, out, size);
    release(b.p);
    return r;
}

DWORD WINAPI GetPrivateProfileSectionA(LPCSTR section, LPSTR out, DWORD size, LPCSTR file)
{
    struct ansi_args a;
    ansi_in(&a, section, file, NULL, NULL);
    DWORD r = 0;
    if (a.ok) {
        struct wbuf b = {0};
        lock();
        get_section(a.w[0], a.w[1], &b);
        unlock();
        r = finish_a(ANSWER_LIST, b.p ? b.p : u"", b.n, out, size);
        release(b.p);
    }
    ansi_done(&a);
    return r;
}

DWORD WINAPI GetProfileSectionW(LPCWSTR section, LPWSTR out, DWORD size)
{
    return GetPrivateProfileSectionW(section, out, size, u"win.ini");
}

DWORD WINAPI GetProfileSectionA(LPCSTR section, LPSTR out, DWORD size)
{
    return GetPrivateProfileSectionA(section, out, size, "win.ini");
}

static void get_section_names(LPCWSTR file, struct wbuf *b)
{
    struct ini ini;
    WCHAR *path = profile_path(file);
    bool loaded = path && ini_load(path, &ini);
    release(path);
    if (loaded) {
        list_names(&ini, NULL, b);
        ini_free(&ini);
    }
}

DWORD WINAPI GetPrivateProfileSectionNamesW(LPWSTR out, DWORD size, LPCWSTR file)
{
    struct wbuf b = {0};
    lock();
    get_section_names(file, &b);
    unlock();
    DWORD r = finish_w(ANSWER_LIST, b.p ? b.p : u"", b.n, out, size);
    release(b.p);
    return r;
}

DWORD WINAPI GetPrivateProfileSectionNamesA(LPSTR out, DWORD size, LPCSTR file)
{
    struct ansi_args a;
    ansi_in(&a, file, NULL, NULL, NULL);
    DWORD r = 0;
    if (a.ok) {
        struct wbuf b = {0};
        lock();
        get_section_names(a.w[0], &b);
        unlock();
        r = finish_a(ANSWER_LIST, b.p ? b.p : u"", b.n, out, size);
        release(b.p);
    }
    ansi_done(&a);
    return r;
}

/* ---- writing -------------------------------------------------------------------------------------------- */

static void remove_section(struct ini *ini, struct ini_section *s)
{
    for (size_t k = 0; k < s->nkeys; k++) {
        release(s->keys[k].name);
        release(s->keys[k].value);
    }
    release(s->keys);
    release(s->name);
    size_t i = (size_t)(s - ini->sections);
    memmove(s, s + 1, (ini->n - i - 1) * sizeof *s);
    ini->n--;
}

static void clear_keys(struct ini_section *s)
{
    for (size_t k = 0; k < s->nkeys; k++) {
        release(s->keys[k].name);
        release(s->keys[k].value);
    }
    s->nkeys = 0;
}

/* Loads the file for a change; a missing file is an empty picture (the write creates it). */
static BOOL load_for_write(LPCWSTR path, struct ini *ini)
{
    if (ini_load(path, ini))
        return TRUE;
    DWORD error = GetLastError();
    if (error != ERROR_FILE_NOT_FOUND)
        return FALSE;
    memset(ini, 0, sizeof *ini);
    return TRUE;
}

static struct ini_section *section_for_write(struct ini *ini, LPCWSTR section)
{
    struct ini_section *s = find_section(ini, section);
    return s ? s : add_section(ini, dup_trim(section, wlen(section)));
}

static BOOL set_key(struct ini_section *s, LPCWSTR key, LPCWSTR value)
{
    struct ini_key *k = find_key(s, key);
    WCHAR *v = dup_trim(value, wlen(value));
    if (!v)
        return FALSE;
    if (k) {
        release(k->value);
        k->value = v;
        return TRUE;
    }
    return add_key(s, dup_trim(key, wlen(key)), v) != NULL;
}

/*
 * key NULL deletes the section, value NULL the key; otherwise the key is set (sections and keys made as
 * needed). All three NULL only flushes, which has nothing to do here (no cache).
 */
BOOL WINAPI WritePrivateProfileStringW(LPCWSTR section, LPCWSTR key, LPCWSTR value, LPCWSTR file)
{
    if (!section)
        return !key && !value;
    WCHAR *path = profile_path(file);
    if (!path) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    struct ini ini;
    lock();
    BOOL ok = load_for_write(path, &ini);
    if (ok) {
        struct ini_section *s = find_section(&ini, section);
        if (!key) {
            if (s)
                remove_section(&ini, s);
        } else if (!value) {
            struct ini_key *k = s ? find_key(s, key) : NULL;
            if (k) {
                release(k->name);
                release(k->value);
                memmove(k, k + 1, (size_t)(s->keys + s->nkeys - k - 1) * sizeof *k);
                s->nkeys--;
            }
        } else {
            s = section_for_write(&ini, section);
            ok = s && set_key(s, key, value);
            if (!ok)
                SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        }
        if (ok)
            ok = ini_save(path, &ini);
        ini_free(&ini);
    }
    unlock();
    release(path);
    return ok;
}

BOOL WINAPI WritePrivateProfileStringA(LPCSTR section, LPCSTR key, LPCSTR value, LPCSTR file)
{
    struct ansi_args a;
    ansi_in(&a, section, key, value, file);
    BOOL r = a.ok && WritePrivateProfileStringW(a.w[0], a.w[1], a.w[2], a.w[3]);
    ansi_done(&a);
    return r;
}

BOOL WINAPI WriteProfileStringW(LPCWSTR section, LPCWSTR key, LPCWSTR value)
{
    return WritePrivateProfileStringW(section, key, value, u"win.ini");
}

BOOL WINAPI WriteProfileStringA(LPCSTR section, LPCSTR key, LPCSTR value)
{
    return WritePrivateProfileStringA(section, key, value, "win.ini");
}

/* Replaces a section's keys with the "key=value" strings of data (a list ending with an empty string);
 * strings without '=' are dropped. data NULL deletes the section. */
BOOL WINAPI WritePrivateProfileSectionW(LPCWSTR section, LPCWSTR data, LPCWSTR file)
{
    if (!section)
        return !data;
    WCHAR *path = profile_path(file);
    if (!path) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    struct ini ini;
    lock();
    BOOL ok = load_for_write(path, &ini);
    if (ok) {
        struct ini_section *s = find_section(&ini, section);
        if (!data) {
            if (s)
                remove_section(&ini, s);
        } else if ((s = section_for_write(&ini, section))) {
            clear_keys(s);
            for (const WCHAR *p = data; ok && *p; p += wlen(p) + 1) {
                size_t n = wlen(p), eq = 0;
                while (eq < n && p[eq] != '=')
                    eq++;
                if (eq == n)
                    continue;
                WCHAR *value = dup_trim(p + eq + 1, n - eq - 1);
                ok = value && add_key(s, dup_trim(p, eq), value);
            }
        } else
            ok = FALSE;
        if (!ok)
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        else
            ok = ini_save(path, &ini);
        ini_free(&ini);
    }
    unlock();
    release(path);
    return ok;
}

BOOL WINAPI WritePrivateProfileSectionA(LPCSTR section, LPCSTR data, LPCSTR file)
{
    struct ansi_args a;
    ansi_in(&a, section, file, NULL, NULL);
    WCHAR *wdata = NULL;
    if (data) {
        size_t n = 0;
        while (data[n])
            n += strlen(data + n) + 1;
        wdata = BaseAnsiToWideN(data, n + 1, NULL);
        if (!wdata) {
            a.ok = FALSE;
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        }
    }
    BOOL r = a.ok && WritePrivateProfileSectionW(a.w[0], wdata, a.w[1]);
    BaseFreeWide(wdata);
    ansi_done(&a);
    return r;
}

BOOL WINAPI WriteProfileSectionW(LPCWSTR section, LPCWSTR data)
{
    return WritePrivateProfileSectionW(section, data, u"win.ini");
}

BOOL WINAPI WriteProfileSectionA(LPCSTR section, LPCSTR data)
{
    return WritePrivateProfileSectionA(section, data, "win.ini");
}
