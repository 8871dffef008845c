/* bcrypt: known-answer vectors for each hash (FIPS 180-4 / RFC 1321 "abc" and ""), HMAC (RFC 2202,
 * RFC 4231 case 2), PBKDF2 (RFC 6070), chunked and duplicated hashes, properties and error statuses. */
#include <windows.h>
#include <bcrypt.h>
#include <stdio.h>
#include <string.h>

static void hex(const char *label, const UCHAR *p, ULONG n)
{
    printf("%s: ", label);
    for (ULONG i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

static void kat(LPCWSTR alg, const char *label, ULONG flags, const char *key, const char *msg)
{
    BCRYPT_ALG_HANDLE a = NULL;
    BCRYPT_HASH_HANDLE h = NULL;
    UCHAR out[64];
    ULONG len = 0, got = 0;
    NTSTATUS s = BCryptOpenAlgorithmProvider(&a, alg, NULL, flags);
    if (s) {
        printf("%s: open %08lx\n", label, s);
        return;
    }
    s = BCryptGetProperty(a, BCRYPT_HASH_LENGTH, (UCHAR *)&len, sizeof len, &got, 0);
    printf("%s: hashlen s=%08lx len=%lu got=%lu\n", label, s, len, got);
    s = BCryptCreateHash(a, &h, NULL, 0, (UCHAR *)key, key ? strlen(key) : 0, 0);
    if (s) {
        printf("%s: create %08lx\n", label, s);
        BCryptCloseAlgorithmProvider(a, 0);
        return;
    }
    /* in two pieces, to check that the state carries across calls */
    size_t half = strlen(msg) / 2;
    BCryptHashData(h, (UCHAR *)msg, half, 0);
    BCryptHashData(h, (UCHAR *)msg + half, strlen(msg) - half, 0);
    s = BCryptFinishHash(h, out, len, 0);
    if (s)
        printf("%s: finish %08lx\n", label, s);
    else
        hex(label, out, len);
    memset(out, 0, sizeof out);
    s = BCryptHash(a, (UCHAR *)key, key ? strlen(key) : 0, (UCHAR *)msg, strlen(msg), out, len);
    printf("%s one-shot s=%08lx ", label, s);
    hex("", out, len);
    BCryptDestroyHash(h);
    BCryptCloseAlgorithmProvider(a, 0);
}

int main(void)
{
    kat(BCRYPT_MD5_ALGORITHM, "md5(abc)", 0, NULL, "abc");
    kat(BCRYPT_SHA1_ALGORITHM, "sha1(abc)", 0, NULL, "abc");
    kat(BCRYPT_SHA256_ALGORITHM, "sha256(abc)", 0, NULL, "abc");
    kat(BCRYPT_SHA384_ALGORITHM, "sha384(abc)", 0, NULL, "abc");
    kat(BCRYPT_SHA512_ALGORITHM, "sha512(abc)", 0, NULL, "abc");
    kat(BCRYPT_SHA256_ALGORITHM, "sha256()", 0, NULL, "");
    kat(BCRYPT_SHA256_ALGORITHM, "sha256(448 bits)", 0, NULL,
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
    kat(BCRYPT_MD5_ALGORITHM, "hmac-md5(Jefe)", BCRYPT_ALG_HANDLE_HMAC_FLAG, "Jefe", "what do ya want for nothing?");
    kat(BCRYPT_SHA1_ALGORITHM, "hmac-sha1(Jefe)", BCRYPT_ALG_HANDLE_HMAC_FLAG, "Jefe", "what do ya want for nothing?");
    kat(BCRYPT_SHA256_ALGORITHM, "hmac-sha256(Jefe)", BCRYPT_ALG_HANDLE_HMAC_FLAG, "Jefe",
        "what do ya want for nothing?");
    kat(BCRYPT_SHA384_ALGORITHM, "hmac-sha384(Jefe)", BCRYPT_ALG_HANDLE_HMAC_FLAG, "Jefe",
        "what do ya want for nothing?");
    kat(BCRYPT_SHA512_ALGORITHM, "hmac-sha512(Jefe)", BCRYPT_ALG_HANDLE_HMAC_FLAG, "Jefe",
        "what do ya want for nothing?");

    BCRYPT_ALG_HANDLE a = NULL, r = NULL;
    BCRYPT_HASH_HANDLE h = NULL, d = NULL;
    UCHAR out[64], obj[512];
    ULONG v = 0, got = 0;
    WCHAR name[32];
    NTSTATUS s;

    s = BCryptOpenAlgorithmProvider(&a, L"NOSUCHHASH", NULL, 0);
    printf("open unknown: %08lx handle_null=%d\n", s, a == NULL);
    s = BCryptOpenAlgorithmProvider(&a, BCRYPT_SHA256_ALGORITHM, NULL, 0);
    printf("open sha256: %08lx\n", s);
    s = BCryptGetProperty(a, BCRYPT_OBJECT_LENGTH, (UCHAR *)&v, sizeof v, &got, 0);
    printf("objectlength: %08lx got=%lu nonzero=%d\n", s, got, v != 0);
    s = BCryptGetProperty(a, BCRYPT_HASH_BLOCK_LENGTH, (UCHAR *)&v, sizeof v, &got, 0);
    printf("hashblocklength: %08lx %lu got=%lu\n", s, v, got);
    s = BCryptGetProperty(a, BCRYPT_ALGORITHM_NAME, (UCHAR *)name, sizeof name, &got, 0);
    printf("algorithmname: %08lx got=%lu %ls\n", s, got, name);
    s = BCryptGetProperty(a, BCRYPT_HASH_LENGTH, NULL, 0, &got, 0);
    printf("hashlength size query: %08lx got=%lu\n", s, got);
    s = BCryptGetProperty(a, BCRYPT_HASH_LENGTH, (UCHAR *)&v, 2, &got, 0);
    printf("hashlength short buffer: %08lx\n", s);
    s = BCryptGetProperty(a, BCRYPT_OBJECT_LENGTH, (UCHAR *)&v, sizeof v, &got, 0);
    s = BCryptCreateHash(a, &h, obj, 8, NULL, 0, 0);
    printf("create with small object: %08lx\n", s);
    s = BCryptCreateHash(a, &h, obj, v, NULL, 0, 0);
    printf("create in caller object: %08lx\n", s);
    BCryptHashData(h, (UCHAR *)"ab", 2, 0);
    s = BCryptDuplicateHash(h, &d, NULL, 0, 0);
    printf("duplicate: %08lx\n", s);
    BCryptHashData(h, (UCHAR *)"c", 1, 0);
    BCryptHashData(d, (UCHAR *)"x", 1, 0);
    s = BCryptFinishHash(h, out, 31, 0);
    printf("finish 31 bytes: %08lx\n", s);
    BCryptFinishHash(h, out, 32, 0);
    hex("original ab+c", out, 32);
    BCryptFinishHash(d, out, 32, 0);
    hex("duplicate ab+x", out, 32);
    printf("destroy: %08lx %08lx\n", BCryptDestroyHash(h), BCryptDestroyHash(d));
    printf("hashdata bad handle: %08lx\n", BCryptHashData(NULL, (UCHAR *)"a", 1, 0));
    printf("createhash bad alg: %08lx\n", BCryptCreateHash(NULL, &h, NULL, 0, NULL, 0, 0));
    BCryptCloseAlgorithmProvider(a, 0);

    /* PBKDF2-HMAC-SHA1, RFC 6070 cases 1 and 2 */
    s = BCryptOpenAlgorithmProvider(&a, BCRYPT_SHA1_ALGORITHM, NULL, BCRYPT_ALG_HANDLE_HMAC_FLAG);
    s = BCryptDeriveKeyPBKDF2(a, (UCHAR *)"password", 8, (UCHAR *)"salt", 4, 1, out, 20, 0);
    printf("pbkdf2 c=1 s=%08lx ", s);
    hex("", out, 20);
    s = BCryptDeriveKeyPBKDF2(a, (UCHAR *)"password", 8, (UCHAR *)"salt", 4, 4096, out, 20, 0);
    printf("pbkdf2 c=4096 s=%08lx ", s);
    hex("", out, 20);
    BCryptCloseAlgorithmProvider(a, 0);

    /* random bytes: an RNG handle, the system-preferred RNG, the pseudo-handle; errors */
    memset(out, 0, sizeof out);
    s = BCryptOpenAlgorithmProvider(&r, BCRYPT_RNG_ALGORITHM, NULL, 0);
    printf("open rng: %08lx\n", s);
    s = BCryptGenRandom(r, out, 32, 0);
    int nz = 0;
    for (int i = 0; i < 32; i++)
        nz += out[i] != 0;
    printf("genrandom rng: %08lx nonzero_bytes>16=%d\n", s, nz > 16);
    memset(out, 0, sizeof out);
    s = BCryptGenRandom(NULL, out, 32, BCRYPT_USE_SYSTEM_PREFERRED_RNG);
    nz = 0;
    for (int i = 0; i < 32; i++)
        nz += out[i] != 0;
    printf("genrandom system preferred: %08lx nonzero_bytes>16=%d\n", s, nz > 16);
    s = BCryptGenRandom((BCRYPT_ALG_HANDLE)0x81, out, 16, 0);
    printf("genrandom pseudo-handle: %08lx\n", s);
    printf("genrandom NULL no flag: %08lx\n", BCryptGenRandom(NULL, out, 16, 0));
    s = BCryptOpenAlgorithmProvider(&a, BCRYPT_SHA256_ALGORITHM, NULL, 0);
    printf("genrandom with hash alg: %08lx\n", BCryptGenRandom(a, out, 16, 0));
    BCryptCloseAlgorithmProvider(a, 0);
    printf("close rng: %08lx\n", BCryptCloseAlgorithmProvider(r, 0));
    return 0;
}
