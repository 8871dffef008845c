/* crypt32: CryptBinaryToString / CryptStringToBinary for each format and flag (size protocol, round
 * trips, errors), and the empty certificate store. Output strings are printed with \r and \n escaped. */
#include <windows.h>
#include <wincrypt.h>
#include <stdio.h>
#include <string.h>

static void show(const char *s, DWORD n)
{
    for (DWORD i = 0; i < n; i++) {
        if (s[i] == '\r')
            printf("\\r");
        else if (s[i] == '\n')
            printf("\\n");
        else
            putchar(s[i]);
    }
}

static const BYTE data[40] = "The quick brown fox jumps over the lazy";

/* The text comes from the W form (printed as ASCII); the A form is checked against it on a line of its own. */
static void enc(const char *label, DWORD flags, DWORD n)
{
    DWORD size = 0;
    BOOL ok = CryptBinaryToStringW(data, n, flags, NULL, &size);
    printf("%s: query ok=%d size=%lu", label, ok, size);
    WCHAR wbuf[512];
    char text[512];
    DWORD small = size - 1;
    SetLastError(0);
    ok = CryptBinaryToStringW(data, n, flags, wbuf, &small);
    printf(" short ok=%d err=%lu", ok, GetLastError());
    DWORD len = 512;
    ok = CryptBinaryToStringW(data, n, flags, wbuf, &len);
    printf(" ok=%d len=%lu [", ok, len);
    if (!ok)
        len = 0;
    for (DWORD i = 0; i < len; i++)
        text[i] = (char)wbuf[i];
    show(text, len);
    printf("]\n");
    BYTE back[64];
    DWORD bn = sizeof back, skip = 99, used = 99;
    ok = CryptStringToBinaryW(wbuf, len, flags & 0xffff, back, &bn, &skip, &used);
    printf("  back W ok=%d err=%lu", ok, ok ? 0 : GetLastError());
    if (ok)
        printf(" n=%lu same=%d skip=%lu used=%lu", bn, bn == n && !memcmp(back, data, n), skip, used);
    printf("\n");
    char abuf[512];
    DWORD asize = 0, alen = sizeof abuf;
    BOOL qok = CryptBinaryToStringA(data, n, flags, NULL, &asize);
    ok = CryptBinaryToStringA(data, n, flags, abuf, &alen);
    printf("  A query ok=%d size=%lu ok=%d same_as_W=%d", qok, asize, ok,
           ok && alen == len && !memcmp(abuf, text, len));
    bn = sizeof back;
    ok = ok && CryptStringToBinaryA(abuf, alen, flags & 0xffff, back, &bn, NULL, NULL);
    printf(" back ok=%d same=%d\n", ok, ok && bn == n && !memcmp(back, data, n));
}

static void dec(const char *label, const char *s, DWORD flags)
{
    BYTE out[64];
    DWORD n = 0, skip = 99, used = 99;
    BOOL ok = CryptStringToBinaryA(s, 0, flags, NULL, &n, &skip, &used);
    DWORD err = ok ? 0 : GetLastError();
    printf("%s: query ok=%d err=%lu", label, ok, err);
    if (ok) {
        DWORD m = sizeof out;
        ok = CryptStringToBinaryA(s, 0, flags, out, &m, &skip, &used);
        printf(" n=%lu ok=%d n=%lu skip=%lu used=%lu [", n, ok, m, skip, used);
        for (DWORD i = 0; i < m; i++)
            printf("%02x", out[i]);
        printf("]");
    }
    printf("\n");
}

int main(void)
{
    enc("base64 1", CRYPT_STRING_BASE64, 1);
    enc("base64 2", CRYPT_STRING_BASE64, 2);
    enc("base64 3", CRYPT_STRING_BASE64, 3);
    enc("base64 39", CRYPT_STRING_BASE64, 39);
    enc("base64 nocrlf", CRYPT_STRING_BASE64 | CRYPT_STRING_NOCRLF, 39);
    enc("base64 nocr", CRYPT_STRING_BASE64 | CRYPT_STRING_NOCR, 39);
    enc("base64header", CRYPT_STRING_BASE64HEADER, 20);
    enc("base64header nocr", CRYPT_STRING_BASE64HEADER | CRYPT_STRING_NOCR, 20);
    enc("requestheader", CRYPT_STRING_BASE64REQUESTHEADER, 10);
    enc("x509crlheader", CRYPT_STRING_BASE64X509CRLHEADER, 10);
    enc("hex 5", CRYPT_STRING_HEX, 5);
    enc("hex 20", CRYPT_STRING_HEX, 20);
    enc("hex nocrlf", CRYPT_STRING_HEX | CRYPT_STRING_NOCRLF, 20);
    enc("hexraw", CRYPT_STRING_HEXRAW, 20);
    enc("hexraw nocrlf", CRYPT_STRING_HEXRAW | CRYPT_STRING_NOCRLF, 20);

    DWORD size = 0;
    BOOL ok = CryptBinaryToStringA(data, 5, CRYPT_STRING_BINARY, NULL, &size);
    printf("binary query: ok=%d size=%lu\n", ok, size);

    dec("base64", "TWFu", CRYPT_STRING_BASE64);
    dec("base64 padded", "TWE=", CRYPT_STRING_BASE64);
    dec("base64 spaces", " TW\r\nFu ", CRYPT_STRING_BASE64);
    dec("base64 bad char", "TW*u", CRYPT_STRING_BASE64);
    dec("header", "junk-----BEGIN CERTIFICATE-----\r\nTWFu\r\n-----END CERTIFICATE-----\r\n", CRYPT_STRING_BASE64HEADER);
    dec("header missing", "TWFu", CRYPT_STRING_BASE64HEADER);
    dec("base64_any plain", "TWFu", CRYPT_STRING_BASE64_ANY);
    dec("hex", "4d 61 6e", CRYPT_STRING_HEX);
    dec("hex bad", "4d 6g", CRYPT_STRING_HEX);
    dec("hexraw", "4d616e", CRYPT_STRING_HEXRAW);

    HCERTSTORE st = CertOpenSystemStoreW(0, L"MY");
    printf("open system store: %d\n", st != NULL);
    SetLastError(0);
    PCCERT_CONTEXT c = CertEnumCertificatesInStore(st, NULL);
    printf("enum: %d err=%08lx\n", c != NULL, GetLastError());
    SetLastError(0);
    c = CertFindCertificateInStore(st, X509_ASN_ENCODING, 0, CERT_FIND_ANY, NULL, NULL);
    printf("find: %d err=%08lx\n", c != NULL, GetLastError());
    printf("close: %d\n", CertCloseStore(st, 0));
    st = CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, 0, NULL);
    printf("open memory store: %d\n", st != NULL);
    SetLastError(0);
    c = CertEnumCertificatesInStore(st, NULL);
    printf("enum memory: %d err=%08lx\n", c != NULL, GetLastError());
    printf("close memory: %d\n", CertCloseStore(st, 0));
    return 0;
}
