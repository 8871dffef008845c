/*
 * bcrypt.dll (CNG): the hash, HMAC and random-number part that runtimes and console programs use.
 * Digests and HMAC come from nettle through host/hash (a library kept by others, not code of our own);
 * random bytes from the kernel's KeQueryRandom, as SystemFunction036 gets them. Other algorithm names
 * (ciphers, signatures) are not found: STATUS_NOT_FOUND, as for any name Windows does not know.
 *
 * Handles: an algorithm handle is a heap object (or one of the documented pseudo-handles,
 * BCRYPT_SHA256_ALG_HANDLE = 0x41 ...); a hash handle is the caller's hash-object buffer when one is
 * given (as CNG does), else a heap block, holding a pointer to the state, which is allocated apart
 * because nettle's HMAC contexts are larger than the object lengths Windows reports (kept as Windows'
 * numbers, since programs size buffers from them and compare them).
 */
#include <string.h>

#include "host/hash.h"
#include "io/builtin.h"
#include "ke/ke.h"
#include "win32/k32.h"

typedef PVOID BCRYPT_HANDLE;
typedef UCHAR *PUCHAR;

#define BCRYPT_ALG_HANDLE_HMAC_FLAG     0x00000008
#define BCRYPT_HASH_REUSABLE_FLAG       0x00000020
#define BCRYPT_PROV_DISPATCH            0x00000001
#define BCRYPT_USE_SYSTEM_PREFERRED_RNG 0x00000002
#define BCRYPT_RNG_USE_ENTROPY_IN_BUFFER 0x00000001

#define ALG_MAGIC  0x474c4142u   /* "BALG" */
#define HASH_MAGIC 0x48534842u   /* "BHSH" */

enum alg_kind { ALG_HASH, ALG_RNG };

struct alg_info {
    const WCHAR *name;
    enum alg_kind kind;
    enum host_hash_alg hash;
    ULONG object_length;   /* BCRYPT_OBJECT_LENGTH as Windows reports it */
};

static const struct alg_info algs[] = {
    {u"MD2", ALG_HASH, HOST_HASH_MD2, 270},
    {u"MD4", ALG_HASH, HOST_HASH_MD4, 270},
    {u"MD5", ALG_HASH, HOST_HASH_MD5, 274},
    {u"SHA1", ALG_HASH, HOST_HASH_SHA1, 278},
    {u"SHA256", ALG_HASH, HOST_HASH_SHA256, 286},
    {u"SHA384", ALG_HASH, HOST_HASH_SHA384, 382},
    {u"SHA512", ALG_HASH, HOST_HASH_SHA512, 382},
    {u"RNG", ALG_RNG, 0, 0},
};

struct bcrypt_alg {
    ULONG magic;
    const struct alg_info *info;
    BOOL hmac;
    ULONG flags;
};

/* The documented pseudo-handles (bcrypt.h, Windows 10): 0x01 + 0x10 * n. */
static const struct bcrypt_alg pseudo_algs[] = {
    {ALG_MAGIC, &algs[0], FALSE, 0}, {ALG_MAGIC, &algs[1], FALSE, 0}, /* 0x01 MD2, 0x11 MD4 */
    {ALG_MAGIC, &algs[2], FALSE, 0}, {ALG_MAGIC, &algs[3], FALSE, 0}, /* 0x21 MD5, 0x31 SHA1 */
    {ALG_MAGIC, &algs[4], FALSE, 0}, {ALG_MAGIC, &algs[5], FALSE, 0}, /* 0x41 SHA256, 0x51 SHA384 */
    {ALG_MAGIC, &algs[6], FALSE, 0}, {0, NULL, FALSE, 0},             /* 0x61 SHA512, 0x71 RC4 */
    {ALG_MAGIC, &algs[7], FALSE, 0}, {ALG_MAGIC, &algs[2], TRUE, 0},  /* 0x81 RNG, 0x91 HMAC_MD5 */
    {ALG_MAGIC, &algs[3], TRUE, 0},  {ALG_MAGIC, &algs[4], TRUE, 0},  /* 0xa1 HMAC_SHA1, 0xb1 HMAC_SHA256 */
    {ALG_MAGIC, &algs[5], TRUE, 0},  {ALG_MAGIC, &algs[6], TRUE, 0},  /* 0xc1 HMAC_SHA384, 0xd1 HMAC_SHA512 */
};

struct bcrypt_hash_state {
    const struct bcrypt_alg *alg;
    ULONG flags;
    BOOL finished;
    struct host_hash h;
};

/* What a hash handle points at: the caller's object buffer or our own block. */
struct bcrypt_hash {
    ULONG magic;
    BOOL own_block;
    struct bcrypt_hash_state *state;
};

static const struct bcrypt_alg *get_alg(BCRYPT_HANDLE handle)
{
    ULONG_PTR v = (ULONG_PTR)handle;
    if (v && v < 0x100 && (v & 0xf) == 1) {
        const struct bcrypt_alg *a = &pseudo_algs[v >> 4 < ARRAY_SIZE(pseudo_algs) ? v >> 4 : 7];
        return a->info ? a : NULL;
    }
    if (v < 0x10000)
        return NULL;
    const struct bcrypt_alg *a = handle;
    return a->magic == ALG_MAGIC ? a : NULL;
}

static struct bcrypt_hash *get_hash(BCRYPT_HANDLE handle)
{
    if ((ULONG_PTR)handle < 0x10000)
        return NULL;
    struct bcrypt_hash *h = handle;
    return h->magic == HASH_MAGIC ? h : NULL;
}

static BOOL name_equal(const WCHAR *a, const WCHAR *b)
{
    return RtlCompareUnicodeStrings(a, RtlpWcslen(a), b, RtlpWcslen(b), TRUE) == 0;
}

NTSTATUS WINAPI BCryptOpenAlgorithmProvider(BCRYPT_HANDLE *out, LPCWSTR id, LPCWSTR impl, ULONG flags)
{
    if (!out || !id)
        return STATUS_INVALID_PARAMETER;
    *out = NULL;
    if (flags & ~(BCRYPT_ALG_HANDLE_HMAC_FLAG | BCRYPT_HASH_REUSABLE_FLAG | BCRYPT_PROV_DISPATCH))
        return STATUS_INVALID_PARAMETER;
    if (impl && !name_equal(impl, u"Microsoft Primitive Provider"))
        return STATUS_NOT_FOUND;
    const struct alg_info *info = NULL;
    for (size_t i = 0; i < ARRAY_SIZE(algs); i++)
        if (name_equal(id, algs[i].name))
            info = &algs[i];
    if (!info)
        return STATUS_NOT_FOUND;
    if (info->kind != ALG_HASH && (flags & BCRYPT_ALG_HANDLE_HMAC_FLAG))
        return STATUS_NOT_SUPPORTED;
    struct bcrypt_alg *a = RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof *a);
    if (!a)
        return STATUS_NO_MEMORY;
    *a = (struct bcrypt_alg){ALG_MAGIC, info, (flags & BCRYPT_ALG_HANDLE_HMAC_FLAG) != 0, flags};
    *out = a;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptCloseAlgorithmProvider(BCRYPT_HANDLE handle, ULONG flags)
{
    (void)flags;
    const struct bcrypt_alg *a = get_alg(handle);
    if (!a || (ULONG_PTR)handle < 0x100)   /* pseudo-handles are not closed */
        return STATUS_INVALID_HANDLE;
    struct bcrypt_alg *own = handle;
    own->magic = 0;
    RtlFreeHeap(RtlGetProcessHeap(), 0, own);
    return STATUS_SUCCESS;
}

/* Copies a property value of size bytes, with CNG's size protocol. */
static NTSTATUS put_property(const void *value, ULONG size, PUCHAR out, ULONG out_size, ULONG *result)
{
    *result = size;
    if (!out)
        return STATUS_SUCCESS;
    if (out_size < size)
        return STATUS_BUFFER_TOO_SMALL;
    memcpy(out, value, size);
    return STATUS_SUCCESS;
}

static NTSTATUS alg_property(const struct bcrypt_alg *a, LPCWSTR prop, PUCHAR out, ULONG out_size, ULONG *result)
{
    const struct alg_info *info = a->info;
    if (name_equal(prop, u"AlgorithmName"))
        return put_property(info->name, (ULONG)(RtlpWcslen(info->name) + 1) * sizeof(WCHAR), out, out_size,
                            result);
    if (info->kind != ALG_HASH)
        return STATUS_NOT_SUPPORTED;
    ULONG v;
    if (name_equal(prop, u"ObjectLength"))
        v = info->object_length;
    else if (name_equal(prop, u"HashDigestLength"))
        v = (ULONG)host_hash_digest_size(info->hash);
    else if (name_equal(prop, u"HashBlockLength"))
        v = (ULONG)host_hash_block_size(info->hash);
    else
        return STATUS_NOT_SUPPORTED;
    return put_property(&v, sizeof v, out, out_size, result);
}

NTSTATUS WINAPI BCryptGetProperty(BCRYPT_HANDLE handle, LPCWSTR prop, PUCHAR out, ULONG out_size, ULONG *result,
                                  ULONG flags)
{
    (void)flags;
    const struct bcrypt_alg *a = get_alg(handle);
    struct bcrypt_hash *h = a ? NULL : get_hash(handle);
    if (!a && !h)
        return STATUS_INVALID_HANDLE;
    if (!prop || !result)
        return STATUS_INVALID_PARAMETER;
    if (h) {
        if (name_equal(prop, u"ProviderHandle"))
            return put_property(&h->state->alg, sizeof(PVOID), out, out_size, result);
        a = h->state->alg;
    }
    return alg_property(a, prop, out, out_size, result);
}

/* Hash algorithms have no settable property (their one setting, the HMAC key, comes with the hash). */
NTSTATUS WINAPI BCryptSetProperty(BCRYPT_HANDLE handle, LPCWSTR prop, PUCHAR value, ULONG size, ULONG flags)
{
    (void)value, (void)size, (void)flags;
    if (!get_alg(handle) && !get_hash(handle))
        return STATUS_INVALID_HANDLE;
    if (!prop)
        return STATUS_INVALID_PARAMETER;
    return STATUS_NOT_SUPPORTED;
}

static NTSTATUS new_hash(const struct bcrypt_alg *a, PUCHAR object, ULONG object_size, ULONG flags,
                         struct bcrypt_hash **out)
{
    *out = NULL;
    if (object && object_size < a->info->object_length)
        return STATUS_BUFFER_TOO_SMALL;
    PVOID heap = RtlGetProcessHeap();
    struct bcrypt_hash_state *st = RtlAllocateHeap(heap, 0, sizeof *st);
    if (!st)
        return STATUS_NO_MEMORY;
    struct bcrypt_hash *h = (struct bcrypt_hash *)object;
    if (!h && !(h = RtlAllocateHeap(heap, 0, sizeof *h))) {
        RtlFreeHeap(heap, 0, st);
        return STATUS_NO_MEMORY;
    }
    st->alg = a;
    st->flags = flags | (a->flags & BCRYPT_HASH_REUSABLE_FLAG);
    st->finished = FALSE;
    *h = (struct bcrypt_hash){HASH_MAGIC, object == NULL, st};
    *out = h;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptCreateHash(BCRYPT_HANDLE alg, BCRYPT_HANDLE *out, PUCHAR object, ULONG object_size,
                                 PUCHAR secret, ULONG secret_size, ULONG flags)
{
    const struct bcrypt_alg *a = get_alg(alg);
    if (!a || a->info->kind != ALG_HASH)
        return STATUS_INVALID_HANDLE;
    if (!out || (flags & ~BCRYPT_HASH_REUSABLE_FLAG))
        return STATUS_INVALID_PARAMETER;
    struct bcrypt_hash *h;
    NTSTATUS status = new_hash(a, object, object_size, flags, &h);
    if (status != STATUS_SUCCESS)
        return status;
    host_hash_init(&h->state->h, a->info->hash, a->hmac, secret, a->hmac ? secret_size : 0);
    *out = h;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptDuplicateHash(BCRYPT_HANDLE handle, BCRYPT_HANDLE *out, PUCHAR object, ULONG object_size,
                                    ULONG flags)
{
    struct bcrypt_hash *src = get_hash(handle);
    if (!src)
        return STATUS_INVALID_HANDLE;
    if (!out || flags)
        return STATUS_INVALID_PARAMETER;
    struct bcrypt_hash *h;
    NTSTATUS status = new_hash(src->state->alg, object, object_size, src->state->flags, &h);
    if (status != STATUS_SUCCESS)
        return status;
    struct bcrypt_hash_state *st = h->state;
    *st = *src->state;
    *out = h;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptHashData(BCRYPT_HANDLE handle, PUCHAR input, ULONG size, ULONG flags)
{
    struct bcrypt_hash *h = get_hash(handle);
    if (!h || h->state->finished)
        return STATUS_INVALID_HANDLE;
    if (flags || (!input && size))
        return STATUS_INVALID_PARAMETER;
    host_hash_update(&h->state->h, input, size);
    return STATUS_SUCCESS;
}

/* The output must be exactly the digest size. Without BCRYPT_HASH_REUSABLE_FLAG the hash is spent. */
NTSTATUS WINAPI BCryptFinishHash(BCRYPT_HANDLE handle, PUCHAR out, ULONG size, ULONG flags)
{
    struct bcrypt_hash *h = get_hash(handle);
    if (!h || h->state->finished)
        return STATUS_INVALID_HANDLE;
    if (!out || flags || size != host_hash_digest_size(h->state->alg->info->hash))
        return STATUS_INVALID_PARAMETER;
    host_hash_final(&h->state->h, out);
    if (!(h->state->flags & BCRYPT_HASH_REUSABLE_FLAG))
        h->state->finished = TRUE;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptDestroyHash(BCRYPT_HANDLE handle)
{
    struct bcrypt_hash *h = get_hash(handle);
    if (!h)
        return STATUS_INVALID_HANDLE;
    PVOID heap = RtlGetProcessHeap();
    memset(h->state, 0, sizeof *h->state);
    RtlFreeHeap(heap, 0, h->state);
    h->magic = 0;
    if (h->own_block)
        RtlFreeHeap(heap, 0, h);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptHash(BCRYPT_HANDLE alg, PUCHAR secret, ULONG secret_size, PUCHAR input, ULONG input_size,
                           PUCHAR out, ULONG out_size)
{
    const struct bcrypt_alg *a = get_alg(alg);
    if (!a || a->info->kind != ALG_HASH)
        return STATUS_INVALID_HANDLE;
    if (!out || out_size != host_hash_digest_size(a->info->hash) || (!input && input_size))
        return STATUS_INVALID_PARAMETER;
    struct host_hash h;
    host_hash_init(&h, a->info->hash, a->hmac, secret, a->hmac ? secret_size : 0);
    host_hash_update(&h, input, input_size);
    host_hash_final(&h, out);
    memset(&h, 0, sizeof h);
    return STATUS_SUCCESS;
}

/* BCRYPT_USE_SYSTEM_PREFERRED_RNG takes a NULL algorithm; otherwise the handle must be an RNG. The
 * entropy the caller may offer (BCRYPT_RNG_USE_ENTROPY_IN_BUFFER) is ignored, as Windows 8+ does. */
NTSTATUS WINAPI BCryptGenRandom(BCRYPT_HANDLE alg, PUCHAR buffer, ULONG size, ULONG flags)
{
    if (flags & ~(BCRYPT_USE_SYSTEM_PREFERRED_RNG | BCRYPT_RNG_USE_ENTROPY_IN_BUFFER))
        return STATUS_INVALID_PARAMETER;
    if (flags & BCRYPT_USE_SYSTEM_PREFERRED_RNG) {
        if (alg)
            return STATUS_INVALID_PARAMETER;
    } else {
        const struct bcrypt_alg *a = get_alg(alg);
        if (!a || a->info->kind != ALG_RNG)
            return STATUS_INVALID_HANDLE;
    }
    if (!size)
        return STATUS_SUCCESS;
    if (!buffer)
        return STATUS_INVALID_PARAMETER;
    return KeQueryRandom(buffer, size);
}

NTSTATUS WINAPI BCryptDeriveKeyPBKDF2(BCRYPT_HANDLE prf, PUCHAR password, ULONG password_size, PUCHAR salt,
                                      ULONG salt_size, ULONGLONG iterations, PUCHAR out, ULONG out_size,
                                      ULONG flags)
{
    const struct bcrypt_alg *a = get_alg(prf);
    if (!a)
        return STATUS_INVALID_HANDLE;
    if (a->info->kind != ALG_HASH || !a->hmac)
        return STATUS_NOT_SUPPORTED;
    if (!out || !out_size || !iterations || flags || (!password && password_size) || (!salt && salt_size))
        return STATUS_INVALID_PARAMETER;
    host_pbkdf2(a->info->hash, password, password_size, salt, salt_size, iterations, out, out_size);
    return STATUS_SUCCESS;
}

/* FIPS mode is a policy setting ntexec does not have: never enabled. */
NTSTATUS WINAPI BCryptGetFipsAlgorithmMode(BOOLEAN *enabled)
{
    if (!enabled)
        return STATUS_INVALID_PARAMETER;
    *enabled = FALSE;
    return STATUS_SUCCESS;
}

static const struct builtin_export bcrypt_exports[] = {
    BUILTIN_FUNCTION("BCryptCloseAlgorithmProvider", BCryptCloseAlgorithmProvider),
    BUILTIN_FUNCTION("BCryptCreateHash", BCryptCreateHash),
    BUILTIN_FUNCTION("BCryptDeriveKeyPBKDF2", BCryptDeriveKeyPBKDF2),
    BUILTIN_FUNCTION("BCryptDestroyHash", BCryptDestroyHash),
    BUILTIN_FUNCTION("BCryptDuplicateHash", BCryptDuplicateHash),
    BUILTIN_FUNCTION("BCryptFinishHash", BCryptFinishHash),
    BUILTIN_FUNCTION("BCryptGenRandom", BCryptGenRandom),
    BUILTIN_FUNCTION("BCryptGetFipsAlgorithmMode", BCryptGetFipsAlgorithmMode),
    BUILTIN_FUNCTION("BCryptGetProperty", BCryptGetProperty),
    BUILTIN_FUNCTION("BCryptHash", BCryptHash),
    BUILTIN_FUNCTION("BCryptHashData", BCryptHashData),
    BUILTIN_FUNCTION("BCryptOpenAlgorithmProvider", BCryptOpenAlgorithmProvider),
    BUILTIN_FUNCTION("BCryptSetProperty", BCryptSetProperty),
};

static const struct builtin_dll bcrypt = {
    .name = "bcrypt.dll",
    .exports = bcrypt_exports,
    .nexports = ARRAY_SIZE(bcrypt_exports),
};
BUILTIN_DLL(bcrypt);
