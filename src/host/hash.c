/*
 * Digests, HMAC and PBKDF2 over nettle's generic hash descriptions (nettle-meta.h). An HMAC keeps
 * nettle's three contexts (outer, inner, running) one after the other in the opaque state.
 */
#include <nettle/hmac.h>
#include <nettle/nettle-meta.h>
#include <nettle/pbkdf2.h>
#include <string.h>

#include "host/hash.h"

static const struct nettle_hash *const hashes[HOST_HASH_COUNT] = {
    [HOST_HASH_MD2] = &nettle_md2,       [HOST_HASH_MD4] = &nettle_md4,
    [HOST_HASH_MD5] = &nettle_md5,       [HOST_HASH_SHA1] = &nettle_sha1,
    [HOST_HASH_SHA256] = &nettle_sha256, [HOST_HASH_SHA384] = &nettle_sha384,
    [HOST_HASH_SHA512] = &nettle_sha512,
};

_Static_assert(sizeof(struct sha512_ctx) * 3 <= HOST_HASH_STATE_SIZE, "HOST_HASH_STATE_SIZE");

size_t host_hash_digest_size(enum host_hash_alg alg)
{
    return hashes[alg]->digest_size;
}

size_t host_hash_block_size(enum host_hash_alg alg)
{
    return hashes[alg]->block_size;
}

void host_hash_init(struct host_hash *h, enum host_hash_alg alg, bool hmac, const void *key, size_t key_len)
{
    const struct nettle_hash *m = hashes[alg];
    h->alg = alg;
    h->hmac = hmac;
    if (hmac) {
        void *outer = h->state, *inner = h->state + m->context_size, *st = h->state + 2 * m->context_size;
        nettle_hmac_set_key(outer, inner, st, m, key_len, key);
    } else {
        m->init(h->state);
    }
}

void host_hash_update(struct host_hash *h, const void *data, size_t len)
{
    const struct nettle_hash *m = hashes[h->alg];
    if (h->hmac)
        nettle_hmac_update(h->state + 2 * m->context_size, m, len, data);
    else
        m->update(h->state, len, data);
}

void host_hash_final(struct host_hash *h, void *digest)
{
    const struct nettle_hash *m = hashes[h->alg];
    if (h->hmac)
        nettle_hmac_digest(h->state, h->state + m->context_size, h->state + 2 * m->context_size, m,
                           m->digest_size, digest);
    else
        m->digest(h->state, m->digest_size, digest);   /* nettle re-initializes the context */
}

static void pbkdf2_update(void *ctx, size_t len, const uint8_t *data)
{
    host_hash_update(ctx, data, len);
}

static void pbkdf2_digest(void *ctx, size_t len, uint8_t *digest)
{
    struct host_hash *h = ctx;
    uint8_t full[HOST_HASH_MAX_DIGEST];
    host_hash_final(h, full);
    memcpy(digest, full, len);
}

void host_pbkdf2(enum host_hash_alg alg, const void *password, size_t password_len, const void *salt,
                 size_t salt_len, uint64_t iterations, void *out, size_t out_len)
{
    struct host_hash h;
    host_hash_init(&h, alg, true, password, password_len);
    /* nettle counts iterations in an unsigned; more than 2^32 - 1 would take years anyway. */
    nettle_pbkdf2(&h, pbkdf2_update, pbkdf2_digest, hashes[alg]->digest_size,
                  iterations > 0xffffffffu ? 0xffffffffu : (unsigned)iterations, salt_len, salt, out_len, out);
    memset(&h, 0, sizeof h);
}
