/*
 * crypt32.dll: the string encodings (CryptBinaryToString / CryptStringToBinary: base64 with or without a
 * PEM header, hex, raw hex, binary) and a certificate store that is honestly empty: ntexec has no
 * certificate database, so every store opens, holds nothing (enumeration and search end at once with
 * CRYPT_E_NOT_FOUND), and cannot take certificates (decoding X.509 is not done here). Chains are never
 * built (CertGetCertificateChain fails with CRYPT_E_NOT_FOUND) and a policy check says CERT_E_UNTRUSTEDROOT.
 * DPAPI (CryptProtectData) has no per-user master key to protect with: ERROR_CALL_NOT_IMPLEMENTED.
 */
#include <string.h>

#include "io/builtin.h"
#include "win32/k32.h"

#define CRYPT_STRING_BASE64HEADER        0x0
#define CRYPT_STRING_BASE64              0x1
#define CRYPT_STRING_BINARY              0x2
#define CRYPT_STRING_BASE64REQUESTHEADER 0x3
#define CRYPT_STRING_HEX                 0x4
#define CRYPT_STRING_BASE64_ANY          0x6
#define CRYPT_STRING_ANY                 0x7
#define CRYPT_STRING_HEX_ANY             0x8
#define CRYPT_STRING_BASE64X509CRLHEADER 0x9
#define CRYPT_STRING_HEXRAW              0xc
#define CRYPT_STRING_NOCRLF              0x40000000u
#define CRYPT_STRING_NOCR                0x80000000u

#define CRYPT_E_NOT_FOUND   0x80092004u
#define CERT_E_UNTRUSTEDROOT 0x800B0109u
#define E_INVALIDARG        0x80070057u

/* ---- encoding ------------------------------------------------------------------------------------- */

struct text {
    char *p;
    size_t len, cap;
};

static BOOL put(struct text *t, const char *s, size_t n)
{
    if (n > t->cap - t->len) {
        size_t cap = (t->cap + n) * 2;
        char *p = RtlAllocateHeap(RtlGetProcessHeap(), 0, cap);
        if (!p)
            return FALSE;
        if (t->p) {
            memcpy(p, t->p, t->len);
            RtlFreeHeap(RtlGetProcessHeap(), 0, t->p);
        }
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    return TRUE;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char hexdig[] = "0123456789abcdef";

static const char *pem_label(DWORD type)
{
    switch (type) {
    case CRYPT_STRING_BASE64HEADER: return "CERTIFICATE";
    case CRYPT_STRING_BASE64REQUESTHEADER: return "NEW CERTIFICATE REQUEST";
    case CRYPT_STRING_BASE64X509CRLHEADER: return "X509 CRL";
    default: return NULL;
    }
}

/* Base64 in lines of 64 characters, each ended by eol. */
static BOOL encode_base64(struct text *t, const BYTE *in, DWORD n, const char *eol)
{
    size_t col = 0, eol_len = strlen(eol);
    for (DWORD i = 0; i < n; i += 3) {
        DWORD v = (DWORD)in[i] << 16 | (i + 1 < n ? (DWORD)in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);
        char q[4] = {b64[v >> 18 & 63], b64[v >> 12 & 63], i + 1 < n ? b64[v >> 6 & 63] : '=',
                     i + 2 < n ? b64[v & 63] : '='};
        if (!put(t, q, 4))
            return FALSE;
        col += 4;
        if (col == 64 && i + 3 < n) {
            if (!put(t, eol, eol_len))
                return FALSE;
            col = 0;
        }
    }
    return put(t, eol, eol_len);
}

/* CRYPT_STRING_HEX: 16 bytes a line, "xx xx ... xx  xx ... xx", each line ended by eol; with NOCRLF one
 * line of bytes separated by single spaces. */
static BOOL encode_hex(struct text *t, const BYTE *in, DWORD n, const char *eol)
{
    for (DWORD i = 0; i < n; i++) {
        char b[3] = {hexdig[in[i] >> 4], hexdig[in[i] & 15], ' '};
        if (!put(t, b, 2))
            return FALSE;
        if (!*eol) {
            if (i + 1 < n && !put(t, b + 2, 1))
                return FALSE;
        } else if (i + 1 == n || i % 16 == 15) {
            if (!put(t, eol, strlen(eol)))
                return FALSE;
        } else if (!put(t, b + 2, 1) || (i % 16 == 7 && !put(t, b + 2, 1))) {
            return FALSE;
        }
    }
    return TRUE;
}

static BOOL encode_hexraw(struct text *t, const BYTE *in, DWORD n, const char *eol)
{
    for (DWORD i = 0; i < n; i++) {
        char b[2] = {hexdig[in[i] >> 4], hexdig[in[i] & 15]};
        if (!put(t, b, 2))
            return FALSE;
    }
    return put(t, eol, strlen(eol));
}

/* The text form of in[0..n) in t (ASCII); FALSE with the last error set. */
static BOOL encode(const BYTE *in, DWORD n, DWORD flags, struct text *t)
{
    DWORD type = flags & 0xffff;
    const char *eol = flags & CRYPT_STRING_NOCRLF ? "" : flags & CRYPT_STRING_NOCR ? "\n" : "\r\n";
    BOOL ok;
    const char *label = pem_label(type);
    if (flags & ~(0xffffu | CRYPT_STRING_NOCRLF | CRYPT_STRING_NOCR)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    switch (type) {
    case CRYPT_STRING_BASE64HEADER:
    case CRYPT_STRING_BASE64REQUESTHEADER:
    case CRYPT_STRING_BASE64X509CRLHEADER:
        ok = put(t, "-----BEGIN ", 11) && put(t, label, strlen(label)) && put(t, "-----", 5) &&
             put(t, eol, strlen(eol)) && encode_base64(t, in, n, eol) && put(t, "-----END ", 9) &&
             put(t, label, strlen(label)) && put(t, "-----", 5) && put(t, eol, strlen(eol));
        break;
    case CRYPT_STRING_BASE64:
        ok = encode_base64(t, in, n, eol);
        break;
    case CRYPT_STRING_HEX:
        ok = encode_hex(t, in, n, eol);
        break;
    case CRYPT_STRING_HEXRAW:
        ok = encode_hexraw(t, in, n, eol);
        break;
    default:
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!ok)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return ok;
}

/* The size protocol: no buffer -> the size with the NUL; a buffer too small -> ERROR_MORE_DATA; else the
 * characters written without the NUL. CRYPT_STRING_BINARY copies the bytes, without a NUL. */
static BOOL binary_to_string(const BYTE *in, DWORD n, DWORD flags, void *out, DWORD *size, BOOL wide)
{
    if (!in || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if ((flags & 0xffff) == CRYPT_STRING_BINARY) {
        if (out) {
            if (*size < n) {
                *size = n;
                SetLastError(ERROR_MORE_DATA);
                return FALSE;
            }
            memcpy(out, in, n);
        }
        *size = n;
        return TRUE;
    }
    struct text t = {0};
    if (!encode(in, n, flags, &t))
        return FALSE;
    BOOL ok = TRUE;
    if (!out) {
        *size = (DWORD)t.len + 1;
    } else if (*size < t.len + 1) {
        *size = (DWORD)t.len + 1;
        SetLastError(ERROR_MORE_DATA);
        ok = FALSE;
    } else {
        for (size_t i = 0; i < t.len; i++) {
            if (wide)
                ((WCHAR *)out)[i] = (unsigned char)t.p[i];
            else
                ((char *)out)[i] = t.p[i];
        }
        if (wide)
            ((WCHAR *)out)[t.len] = 0;
        else
            ((char *)out)[t.len] = 0;
        *size = (DWORD)t.len;
    }
    RtlFreeHeap(RtlGetProcessHeap(), 0, t.p);
    return ok;
}

BOOL WINAPI CryptBinaryToStringA(const BYTE *in, DWORD n, DWORD flags, LPSTR out, DWORD *size)
{
    return binary_to_string(in, n, flags, out, size, FALSE);
}

BOOL WINAPI CryptBinaryToStringW(const BYTE *in, DWORD n, DWORD flags, LPWSTR out, DWORD *size)
{
    return binary_to_string(in, n, flags, out, size, TRUE);
}

/* ---- decoding ------------------------------------------------------------------------------------- */

/* The input as ASCII (other characters become 0x80, which every decoder rejects). */
struct input {
    const char *a;
    const WCHAR *w;
    size_t len;
};

static unsigned char at(const struct input *in, size_t i)
{
    if (in->a)
        return (unsigned char)in->a[i];
    return in->w[i] < 0x80 ? (unsigned char)in->w[i] : 0x80;
}

static BOOL is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Base64 in [from, to): whitespace ignored, '=' only at the end. *n counts the bytes; out may be NULL. */
static BOOL decode_base64(const struct input *in, size_t from, size_t to, BYTE *out, DWORD *n)
{
    DWORD acc = 0, bits = 0, count = 0, pad = 0;
    for (size_t i = from; i < to; i++) {
        unsigned char c = at(in, i);
        if (is_space(c))
            continue;
        if (c == '=') {
            pad++;
            continue;
        }
        int v = b64_value(c);
        if (v < 0 || pad)
            return FALSE;
        acc = acc << 6 | (DWORD)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (out)
                out[count] = (BYTE)(acc >> bits);
            count++;
        }
    }
    if (pad > 2 || (pad && bits == 0))
        return FALSE;
    *n = count;
    return TRUE;
}

/* Hex pairs; with spaces allowed between them (CRYPT_STRING_HEX) or not. */
static BOOL decode_hex(const struct input *in, BOOL spaces, BYTE *out, DWORD *n)
{
    DWORD count = 0;
    size_t i = 0;
    for (;;) {
        while (i < in->len && is_space(at(in, i)) && (spaces || at(in, i) == '\r' || at(in, i) == '\n'))
            i++;
        if (i >= in->len)
            break;
        int hi = hex_value(at(in, i)), lo = i + 1 < in->len ? hex_value(at(in, i + 1)) : -1;
        if (hi < 0 || lo < 0)
            return FALSE;
        if (out)
            out[count] = (BYTE)(hi << 4 | lo);
        count++;
        i += 2;
    }
    *n = count;
    return TRUE;
}

static BOOL match(const struct input *in, size_t i, const char *s)
{
    size_t n = strlen(s);
    if (i > in->len || n > in->len - i)
        return FALSE;
    for (size_t k = 0; k < n; k++)
        if (at(in, i + k) != (unsigned char)s[k])
            return FALSE;
    return TRUE;
}

/* A "-----BEGIN label-----" ... "-----END label-----" block (any label when label is NULL); *from and *to
 * bound its base64 body and *skip is where the header starts. */
static BOOL find_pem(const struct input *in, const char *label, size_t *skip, size_t *from, size_t *to)
{
    for (size_t i = 0; i < in->len; i++) {
        if (!match(in, i, "-----BEGIN "))
            continue;
        size_t j = i + 11;
        if (label) {
            if (!match(in, j, label) || !match(in, j + strlen(label), "-----"))
                continue;
            j += strlen(label) + 5;
        } else {
            while (j < in->len && !match(in, j, "-----"))
                j++;
            if (j >= in->len)
                return FALSE;
            j += 5;
        }
        for (size_t k = j; k < in->len; k++) {
            if (match(in, k, "-----END ")) {
                *skip = i;
                *from = j;
                *to = k;
                return TRUE;
            }
        }
        return FALSE;
    }
    return FALSE;
}

static BOOL decode_as(const struct input *in, DWORD type, BYTE *out, DWORD *n, DWORD *skip)
{
    size_t s = 0, from, to;
    BOOL ok;
    switch (type) {
    case CRYPT_STRING_BASE64:
        ok = decode_base64(in, 0, in->len, out, n);
        break;
    case CRYPT_STRING_BASE64HEADER:
    case CRYPT_STRING_BASE64REQUESTHEADER:
    case CRYPT_STRING_BASE64X509CRLHEADER:
        ok = find_pem(in, pem_label(type), &s, &from, &to) && decode_base64(in, from, to, out, n);
        break;
    case CRYPT_STRING_HEX:
        ok = decode_hex(in, TRUE, out, n);
        break;
    case CRYPT_STRING_HEXRAW:
        ok = decode_hex(in, FALSE, out, n);
        break;
    case CRYPT_STRING_BINARY:
        if (out)
            for (size_t i = 0; i < in->len; i++)
                out[i] = in->a ? (BYTE)in->a[i] : (BYTE)in->w[i];
        *n = (DWORD)in->len;
        ok = TRUE;
        break;
    default:
        return FALSE;
    }
    if (ok && skip)
        *skip = (DWORD)s;
    return ok;
}

/* The first of the candidate formats that decodes (ANY tries header, plain base64, then binary). */
static BOOL decode(const struct input *in, DWORD flags, BYTE *out, DWORD *n, DWORD *skip, DWORD *used)
{
    static const DWORD b64_any[] = {CRYPT_STRING_BASE64HEADER, CRYPT_STRING_BASE64, 0xffff};
    static const DWORD any[] = {CRYPT_STRING_BASE64HEADER, CRYPT_STRING_BASE64, CRYPT_STRING_BINARY, 0xffff};
    static const DWORD hex_any[] = {CRYPT_STRING_HEX, CRYPT_STRING_HEXRAW, 0xffff};
    DWORD one[2] = {flags, 0xffff};
    const DWORD *try = flags == CRYPT_STRING_BASE64_ANY ? b64_any
                       : flags == CRYPT_STRING_ANY      ? any
                       : flags == CRYPT_STRING_HEX_ANY  ? hex_any
                                                        : one;
    for (; *try != 0xffff; try++) {
        if (decode_as(in, *try, out, n, skip)) {
            if (used)
                *used = *try;
            return TRUE;
        }
    }
    return FALSE;
}

static BOOL string_to_binary(const struct input *in, DWORD flags, BYTE *out, DWORD *size, DWORD *skip, DWORD *used)
{
    if (!size || (!in->a && !in->w)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    switch (flags) {
    case CRYPT_STRING_BASE64HEADER: case CRYPT_STRING_BASE64: case CRYPT_STRING_BINARY:
    case CRYPT_STRING_BASE64REQUESTHEADER: case CRYPT_STRING_HEX: case CRYPT_STRING_BASE64_ANY:
    case CRYPT_STRING_ANY: case CRYPT_STRING_HEX_ANY: case CRYPT_STRING_BASE64X509CRLHEADER:
    case CRYPT_STRING_HEXRAW:
        break;
    default:
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DWORD n;
    if (!decode(in, flags, NULL, &n, skip, used)) {
        SetLastError(ERROR_INVALID_DATA);
        return FALSE;
    }
    if (out) {
        if (*size < n) {
            *size = n;
            SetLastError(ERROR_MORE_DATA);
            return FALSE;
        }
        decode(in, flags, out, &n, skip, used);
    }
    *size = n;
    return TRUE;
}

BOOL WINAPI CryptStringToBinaryA(LPCSTR s, DWORD len, DWORD flags, BYTE *out, DWORD *size, DWORD *skip, DWORD *used)
{
    struct input in = {s, NULL, s ? (len ? len : strlen(s)) : 0};
    return string_to_binary(&in, flags, out, size, skip, used);
}

BOOL WINAPI CryptStringToBinaryW(LPCWSTR s, DWORD len, DWORD flags, BYTE *out, DWORD *size, DWORD *skip, DWORD *used)
{
    struct input in = {NULL, s, s ? (len ? len : RtlpWcslen(s)) : 0};
    return string_to_binary(&in, flags, out, size, skip, used);
}

/* ---- the certificate store ----------------------------------------------------------------------- */

#define STORE_MAGIC 0x45524f53u   /* "SORE" */

struct cert_store {
    ULONG magic;
    LONG refs;
};

typedef struct {
    DWORD cbSize;
    DWORD dwError;
    LONG lChainIndex, lElementIndex;
    PVOID pvExtraPolicyStatus;
} CERT_CHAIN_POLICY_STATUS;

static struct cert_store *store_of(HANDLE h)
{
    struct cert_store *s = h;
    return s && s->magic == STORE_MAGIC ? s : NULL;
}

HANDLE WINAPI CertOpenStore(LPCSTR provider, DWORD encoding, ULONG_PTR prov, DWORD flags, const void *para)
{
    (void)provider, (void)encoding, (void)prov, (void)flags, (void)para;
    struct cert_store *s = RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof *s);
    if (!s) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    *s = (struct cert_store){STORE_MAGIC, 1};
    return s;
}

HANDLE WINAPI CertOpenSystemStoreW(ULONG_PTR prov, LPCWSTR name)
{
    if (!name) {
        SetLastError(E_INVALIDARG);
        return NULL;
    }
    return CertOpenStore(NULL, 0, prov, 0, name);
}

HANDLE WINAPI CertOpenSystemStoreA(ULONG_PTR prov, LPCSTR name)
{
    if (!name) {
        SetLastError(E_INVALIDARG);
        return NULL;
    }
    return CertOpenStore(NULL, 0, prov, 0, name);
}

HANDLE WINAPI CertDuplicateStore(HANDLE store)
{
    struct cert_store *s = store_of(store);
    if (s)
        __atomic_add_fetch(&s->refs, 1, __ATOMIC_RELAXED);
    return store;
}

BOOL WINAPI CertCloseStore(HANDLE store, DWORD flags)
{
    (void)flags;
    struct cert_store *s = store_of(store);
    if (s && __atomic_sub_fetch(&s->refs, 1, __ATOMIC_ACQ_REL) == 0) {
        s->magic = 0;
        RtlFreeHeap(RtlGetProcessHeap(), 0, s);
    }
    return TRUE;
}

const void *WINAPI CertEnumCertificatesInStore(HANDLE store, const void *prev)
{
    (void)store, (void)prev;
    SetLastError(CRYPT_E_NOT_FOUND);
    return NULL;
}

const void *WINAPI CertFindCertificateInStore(HANDLE store, DWORD encoding, DWORD find_flags, DWORD find_type,
                                              const void *para, const void *prev)
{
    (void)store, (void)encoding, (void)find_flags, (void)find_type, (void)para, (void)prev;
    SetLastError(CRYPT_E_NOT_FOUND);
    return NULL;
}

BOOL WINAPI CertAddEncodedCertificateToStore(HANDLE store, DWORD encoding, const BYTE *data, DWORD size,
                                             DWORD disposition, const void **out)
{
    (void)store, (void)encoding, (void)data, (void)size, (void)disposition;
    if (out)
        *out = NULL;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return FALSE;
}

const void *WINAPI CertCreateCertificateContext(DWORD encoding, const BYTE *data, DWORD size)
{
    (void)encoding, (void)data, (void)size;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return NULL;
}

BOOL WINAPI CertFreeCertificateContext(const void *cert)
{
    (void)cert;
    return TRUE;
}

BOOL WINAPI CertGetCertificateChain(HANDLE engine, const void *cert, const FILETIME *time, HANDLE store,
                                    const void *para, DWORD flags, PVOID reserved, const void **chain)
{
    (void)engine, (void)time, (void)store, (void)para, (void)flags, (void)reserved;
    if (chain)
        *chain = NULL;
    if (!cert || !chain) {
        SetLastError(E_INVALIDARG);
        return FALSE;
    }
    SetLastError(CRYPT_E_NOT_FOUND);
    return FALSE;
}

void WINAPI CertFreeCertificateChain(const void *chain)
{
    (void)chain;
}

BOOL WINAPI CertVerifyCertificateChainPolicy(LPCSTR policy, const void *chain, const void *para,
                                             CERT_CHAIN_POLICY_STATUS *status)
{
    (void)policy, (void)para;
    if (!chain || !status) {
        SetLastError(E_INVALIDARG);
        return FALSE;
    }
    status->dwError = CERT_E_UNTRUSTEDROOT;
    status->lChainIndex = status->lElementIndex = -1;
    return TRUE;
}

BOOL WINAPI CryptProtectData(const void *in, LPCWSTR desc, const void *entropy, PVOID reserved,
                             const void *prompt, DWORD flags, void *out)
{
    (void)in, (void)desc, (void)entropy, (void)reserved, (void)prompt, (void)flags, (void)out;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return FALSE;
}

BOOL WINAPI CryptUnprotectData(const void *in, LPWSTR *desc, const void *entropy, PVOID reserved,
                               const void *prompt, DWORD flags, void *out)
{
    (void)in, (void)desc, (void)entropy, (void)reserved, (void)prompt, (void)flags, (void)out;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return FALSE;
}

static const struct builtin_export crypt32_exports[] = {
    BUILTIN_FUNCTION("CertAddEncodedCertificateToStore", CertAddEncodedCertificateToStore),
    BUILTIN_FUNCTION("CertCloseStore", CertCloseStore),
    BUILTIN_FUNCTION("CertCreateCertificateContext", CertCreateCertificateContext),
    BUILTIN_FUNCTION("CertDuplicateStore", CertDuplicateStore),
    BUILTIN_FUNCTION("CertEnumCertificatesInStore", CertEnumCertificatesInStore),
    BUILTIN_FUNCTION("CertFindCertificateInStore", CertFindCertificateInStore),
    BUILTIN_FUNCTION("CertFreeCertificateChain", CertFreeCertificateChain),
    BUILTIN_FUNCTION("CertFreeCertificateContext", CertFreeCertificateContext),
    BUILTIN_FUNCTION("CertGetCertificateChain", CertGetCertificateChain),
    BUILTIN_FUNCTION("CertOpenStore", CertOpenStore),
    BUILTIN_FUNCTION("CertOpenSystemStoreA", CertOpenSystemStoreA),
    BUILTIN_FUNCTION("CertOpenSystemStoreW", CertOpenSystemStoreW),
    BUILTIN_FUNCTION("CertVerifyCertificateChainPolicy", CertVerifyCertificateChainPolicy),
    BUILTIN_FUNCTION("CryptBinaryToStringA", CryptBinaryToStringA),
    BUILTIN_FUNCTION("CryptBinaryToStringW", CryptBinaryToStringW),
    BUILTIN_FUNCTION("CryptProtectData", CryptProtectData),
    BUILTIN_FUNCTION("CryptStringToBinaryA", CryptStringToBinaryA),
    BUILTIN_FUNCTION("CryptStringToBinaryW", CryptStringToBinaryW),
    BUILTIN_FUNCTION("CryptUnprotectData", CryptUnprotectData),
};

static const struct builtin_dll crypt32 = {
    .name = "CRYPT32.dll",
    .exports = crypt32_exports,
    .nexports = ARRAY_SIZE(crypt32_exports),
};
BUILTIN_DLL(crypt32);
