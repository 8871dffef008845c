/*
 * host/hash: message digests, HMAC and PBKDF2 from nettle (Debian's nettle-dev, linked statically), for
 * bcrypt, advapi32's CryptoAPI and whatever else needs a hash. nettle's headers stay in src/host/hash.c
 * (ARCHITECTURE.md §5); the state is opaque here.
 */
#ifndef HOST_HASH_H
#define HOST_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum host_hash_alg {
    HOST_HASH_MD2,
    HOST_HASH_MD4,
    HOST_HASH_MD5,
    HOST_HASH_SHA1,
    HOST_HASH_SHA256,
    HOST_HASH_SHA384,
    HOST_HASH_SHA512,
    HOST_HASH_COUNT
};

#define HOST_HASH_MAX_DIGEST 64
#define HOST_HASH_STATE_SIZE 768   /* three SHA-512 contexts: the HMAC inner, outer and running state */

struct host_hash {
    uint32_t alg;                  /* enum host_hash_alg */
    bool hmac;
    _Alignas(16) unsigned char state[HOST_HASH_STATE_SIZE];
};

size_t host_hash_digest_size(enum host_hash_alg alg);
size_t host_hash_block_size(enum host_hash_alg alg);
/* A fresh hash, or an HMAC keyed with key[0..key_len) when hmac. */
void host_hash_init(struct host_hash *h, enum host_hash_alg alg, bool hmac, const void *key, size_t key_len);
void host_hash_update(struct host_hash *h, const void *data, size_t len);
/* Writes the digest (host_hash_digest_size bytes) and leaves h ready for a new message (the same key). */
void host_hash_final(struct host_hash *h, void *digest);
/* PBKDF2 (RFC 8018 §5.2) with HMAC over alg. */
void host_pbkdf2(enum host_hash_alg alg, const void *password, size_t password_len, const void *salt,
                 size_t salt_len, uint64_t iterations, void *out, size_t out_len);

#endif
