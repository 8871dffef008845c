/*
 * pdh.dll: performance-counter queries. ntexec has no performance-counter provider; the one counter it
 * answers is "\System\System Up Time" (seconds since boot, from the tick count). Every other path
 * fails as Windows fails for a counter it does not have: an unknown object is PDH_CSTATUS_NO_OBJECT,
 * an unknown counter of a known object PDH_CSTATUS_NO_COUNTER, a path that does not parse
 * PDH_CSTATUS_BAD_COUNTERNAME. Log files as data sources are not read (PDH_NOT_IMPLEMENTED).
 */
#include <string.h>

#include "io/builtin.h"
#include "ntdll/rtl/sync.h"
#include "win32/k32.h"

typedef LONG PDH_STATUS;

ULONGLONG WINAPI GetTickCount64(void);

#define PDH_CSTATUS_VALID_DATA      0x00000000
#define PDH_CSTATUS_NEW_DATA        0x00000001
#define PDH_NO_DATA                 0x800007D5
#define PDH_CSTATUS_NO_OBJECT       0xC0000BB8
#define PDH_CSTATUS_NO_COUNTER      0xC0000BB9
#define PDH_CSTATUS_INVALID_DATA    0xC0000BBA
#define PDH_INVALID_HANDLE          0xC0000BBC
#define PDH_INVALID_ARGUMENT        0xC0000BBD
#define PDH_CSTATUS_BAD_COUNTERNAME 0xC0000BC0
#define PDH_INVALID_DATA            0xC0000BC6
#define PDH_NOT_IMPLEMENTED         0xC0000BD3

#define PDH_FMT_LONG   0x00000100
#define PDH_FMT_DOUBLE 0x00000200
#define PDH_FMT_LARGE  0x00000400
#define PERF_ELAPSED_TIME 0x30240500

typedef struct {
    DWORD CStatus;
    union {
        LONG longValue;
        double doubleValue;
        LONGLONG largeValue;
        const char *AnsiStringValue;
        const WCHAR *WideStringValue;
    };
} PDH_FMT_COUNTERVALUE;

static_assert(sizeof(PDH_FMT_COUNTERVALUE) == 16, "PDH_FMT_COUNTERVALUE");

struct query {
    BOOL used;
    DWORD_PTR user;
};

struct counter {
    struct query *query;
    DWORD_PTR user;
    BOOL sampled;
    double value;
};

#define MAX_QUERIES 64
#define MAX_COUNTERS 256

static struct query queries[MAX_QUERIES];
static struct counter counters[MAX_COUNTERS];
static RTL_SRWLOCK lock;

static struct query *query_of(HANDLE h)
{
    struct query *q = h;
    if (q < queries || q >= queries + MAX_QUERIES || (size_t)((char *)q - (char *)queries) % sizeof *q || !q->used)
        return NULL;
    return q;
}

static struct counter *counter_of(HANDLE h)
{
    struct counter *c = h;
    if (c < counters || c >= counters + MAX_COUNTERS || (size_t)((char *)c - (char *)counters) % sizeof *c
        || !c->query)
        return NULL;
    return c;
}

PDH_STATUS WINAPI PdhOpenQueryW(const WCHAR *source, DWORD_PTR user, HANDLE *out)
{
    if (!out)
        return (PDH_STATUS)PDH_INVALID_ARGUMENT;
    if (source)
        return (PDH_STATUS)PDH_NOT_IMPLEMENTED;   /* log files */
    RtlAcquireSRWLockExclusive(&lock);
    struct query *q = NULL;
    for (int i = 0; i < MAX_QUERIES && !q; i++)
        if (!queries[i].used)
            q = &queries[i];
    if (q)
        q->used = TRUE, q->user = user;
    RtlReleaseSRWLockExclusive(&lock);
    if (!q)
        return (PDH_STATUS)ERROR_NOT_ENOUGH_MEMORY;
    *out = q;
    return ERROR_SUCCESS;
}

PDH_STATUS WINAPI PdhOpenQueryA(const char *source, DWORD_PTR user, HANDLE *out)
{
    return PdhOpenQueryW(source ? (const WCHAR *)L"" : NULL, user, out);
}

static BOOL same_ci(const WCHAR *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    if (n != k)
        return FALSE;
    for (size_t i = 0; i < n; i++) {
        WCHAR a = s[i] >= 'a' && s[i] <= 'z' ? (WCHAR)(s[i] - 32) : s[i];
        char b = word[i] >= 'a' && word[i] <= 'z' ? (char)(word[i] - 32) : word[i];
        if (a != (WCHAR)(unsigned char)b)
            return FALSE;
    }
    return TRUE;
}

/* [\\machine]\object[(instance)]\counter */
static PDH_STATUS parse_path(const WCHAR *path)
{
    const WCHAR *p = path;
    if (p[0] == '\\' && p[1] == '\\') {
        p += 2;
        while (*p && *p != '\\')
            p++;
    }
    if (*p != '\\')
        return (PDH_STATUS)PDH_CSTATUS_BAD_COUNTERNAME;
    const WCHAR *object = ++p;
    while (*p && *p != '\\' && *p != '(')
        p++;
    size_t object_len = (size_t)(p - object);
    BOOL has_instance = FALSE;
    if (*p == '(') {
        has_instance = TRUE;
        while (*p && *p != ')')
            p++;
        if (*p != ')')
            return (PDH_STATUS)PDH_CSTATUS_BAD_COUNTERNAME;
        p++;
    }
    if (*p != '\\' || !object_len)
        return (PDH_STATUS)PDH_CSTATUS_BAD_COUNTERNAME;
    const WCHAR *counter = ++p;
    size_t counter_len = 0;
    while (counter[counter_len])
        counter_len++;
    if (!counter_len)
        return (PDH_STATUS)PDH_CSTATUS_BAD_COUNTERNAME;
    if (!same_ci(object, object_len, "System"))
        return (PDH_STATUS)PDH_CSTATUS_NO_OBJECT;
    if (has_instance || !same_ci(counter, counter_len, "System Up Time"))
        return (PDH_STATUS)PDH_CSTATUS_NO_COUNTER;
    return ERROR_SUCCESS;
}

PDH_STATUS WINAPI PdhAddCounterW(HANDLE query, const WCHAR *path, DWORD_PTR user, HANDLE *out)
{
    if (!path || !out)
        return (PDH_STATUS)PDH_INVALID_ARGUMENT;
    RtlAcquireSRWLockExclusive(&lock);
    struct query *q = query_of(query);
    PDH_STATUS st = q ? parse_path(path) : (PDH_STATUS)PDH_INVALID_HANDLE;
    struct counter *c = NULL;
    if (st == ERROR_SUCCESS) {
        for (int i = 0; i < MAX_COUNTERS && !c; i++)
            if (!counters[i].query)
                c = &counters[i];
        if (c) {
            memset(c, 0, sizeof *c);
            c->query = q, c->user = user;
        } else {
            st = (PDH_STATUS)ERROR_NOT_ENOUGH_MEMORY;
        }
    }
    RtlReleaseSRWLockExclusive(&lock);
    if (st == ERROR_SUCCESS)
        *out = c;
    return st;
}

static PDH_STATUS add_counter_a(HANDLE query, const char *path, DWORD_PTR user, HANDLE *out)
{
    if (!path)
        return (PDH_STATUS)PDH_INVALID_ARGUMENT;
    WCHAR w[1024];
    size_t n = 0;
    for (; path[n] && n < 1023; n++)
        w[n] = (WCHAR)(unsigned char)path[n];
    w[n] = 0;
    return PdhAddCounterW(query, w, user, out);
}

PDH_STATUS WINAPI PdhAddCounterA(HANDLE query, const char *path, DWORD_PTR user, HANDLE *out)
{
    return add_counter_a(query, path, user, out);
}

/* The names here are the English ones, so both lookups are the same. */
PDH_STATUS WINAPI PdhAddEnglishCounterW(HANDLE query, const WCHAR *path, DWORD_PTR user, HANDLE *out)
{
    return PdhAddCounterW(query, path, user, out);
}

PDH_STATUS WINAPI PdhAddEnglishCounterA(HANDLE query, const char *path, DWORD_PTR user, HANDLE *out)
{
    return add_counter_a(query, path, user, out);
}

PDH_STATUS WINAPI PdhCollectQueryData(HANDLE query)
{
    RtlAcquireSRWLockExclusive(&lock);
    struct query *q = query_of(query);
    BOOL any = FALSE;
    double up = (double)GetTickCount64() / 1000.0;
    for (int i = 0; q && i < MAX_COUNTERS; i++) {
        if (counters[i].query == q) {
            counters[i].sampled = TRUE;
            counters[i].value = up;
            any = TRUE;
        }
    }
    RtlReleaseSRWLockExclusive(&lock);
    if (!q)
        return (PDH_STATUS)PDH_INVALID_HANDLE;
    return any ? ERROR_SUCCESS : (PDH_STATUS)PDH_NO_DATA;
}

PDH_STATUS WINAPI PdhGetFormattedCounterValue(HANDLE counter, DWORD format, DWORD *type, PDH_FMT_COUNTERVALUE *value)
{
    if (!value)
        return (PDH_STATUS)PDH_INVALID_ARGUMENT;
    RtlAcquireSRWLockExclusive(&lock);
    struct counter *c = counter_of(counter);
    struct counter copy = c ? *c : (struct counter){0};
    RtlReleaseSRWLockExclusive(&lock);
    if (!c)
        return (PDH_STATUS)PDH_INVALID_HANDLE;
    if (!(format & (PDH_FMT_LONG | PDH_FMT_DOUBLE | PDH_FMT_LARGE)))
        return (PDH_STATUS)PDH_INVALID_ARGUMENT;
    if (type)
        *type = PERF_ELAPSED_TIME;
    if (!copy.sampled) {
        value->CStatus = PDH_CSTATUS_INVALID_DATA;
        return (PDH_STATUS)PDH_INVALID_DATA;
    }
    value->CStatus = PDH_CSTATUS_VALID_DATA;
    if (format & PDH_FMT_LONG)
        value->longValue = (LONG)copy.value;
    else if (format & PDH_FMT_LARGE)
        value->largeValue = (LONGLONG)copy.value;
    else
        value->doubleValue = copy.value;
    return ERROR_SUCCESS;
}

PDH_STATUS WINAPI PdhRemoveCounter(HANDLE counter)
{
    RtlAcquireSRWLockExclusive(&lock);
    struct counter *c = counter_of(counter);
    if (c)
        c->query = NULL;
    RtlReleaseSRWLockExclusive(&lock);
    return c ? ERROR_SUCCESS : (PDH_STATUS)PDH_INVALID_HANDLE;
}

PDH_STATUS WINAPI PdhCloseQuery(HANDLE query)
{
    RtlAcquireSRWLockExclusive(&lock);
    struct query *q = query_of(query);
    if (q) {
        for (int i = 0; i < MAX_COUNTERS; i++)
            if (counters[i].query == q)
                counters[i].query = NULL;
        q->used = FALSE;
    }
    RtlReleaseSRWLockExclusive(&lock);
    return q ? ERROR_SUCCESS : (PDH_STATUS)PDH_INVALID_HANDLE;
}

static const struct builtin_export pdh_exports[] = {
    BUILTIN_FUNCTION("PdhAddCounterA", PdhAddCounterA),
    BUILTIN_FUNCTION("PdhAddCounterW", PdhAddCounterW),
    BUILTIN_FUNCTION("PdhAddEnglishCounterA", PdhAddEnglishCounterA),
    BUILTIN_FUNCTION("PdhAddEnglishCounterW", PdhAddEnglishCounterW),
    BUILTIN_FUNCTION("PdhCloseQuery", PdhCloseQuery),
    BUILTIN_FUNCTION("PdhCollectQueryData", PdhCollectQueryData),
    BUILTIN_FUNCTION("PdhGetFormattedCounterValue", PdhGetFormattedCounterValue),
    BUILTIN_FUNCTION("PdhOpenQueryA", PdhOpenQueryA),
    BUILTIN_FUNCTION("PdhOpenQueryW", PdhOpenQueryW),
    BUILTIN_FUNCTION("PdhRemoveCounter", PdhRemoveCounter),
};

static const struct builtin_dll pdh = {
    .name = "pdh.dll",
    .exports = pdh_exports,
    .nexports = ARRAY_SIZE(pdh_exports),
};
BUILTIN_DLL(pdh);
