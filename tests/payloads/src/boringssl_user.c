/*
 * Uses the BoringSSL inside a real NDK-built Conscrypt (conscrypt-android's AAR, libconscrypt_jni.so, packaged next to
 * this payload) through dlopen/dlsym: BoringSSL's C API, not Conscrypt's JNI. Every deterministic primitive runs on
 * fixed inputs and prints its result as "name=hex"; the host test computes the same with Java crypto and
 * BouncyCastle. ECDSA signatures are randomised, so the guest prints its public key and a signature for the host to
 * verify. BoringSSL picks its AES, GCM and SHA code from the CPU features getauxval(AT_HWCAP) reports.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* BoringSSL's API, declared here from its public headers' documentation. */
typedef struct env_md_st EVP_MD;
typedef struct evp_aead_st EVP_AEAD;
typedef struct evp_aead_ctx_st EVP_AEAD_CTX;
typedef struct ec_key_st EC_KEY;
typedef struct ec_group_st EC_GROUP;
typedef struct ec_point_st EC_POINT;
typedef struct bignum_st BIGNUM;
typedef struct bignum_ctx BN_CTX;
#define NID_X9_62_prime256v1 415
#define POINT_CONVERSION_UNCOMPRESSED 4

static const char* (*OpenSSL_version)(int which);
static uint8_t* (*SHA256)(const uint8_t* data, size_t len, uint8_t* out);
static uint8_t* (*SHA512)(const uint8_t* data, size_t len, uint8_t* out);
static const EVP_MD* (*EVP_sha256)(void);
static const EVP_MD* (*EVP_sha512)(void);
static uint8_t* (*HMAC)(const EVP_MD* md, const void* key, size_t key_len, const uint8_t* data, size_t data_len,
                        uint8_t* out, unsigned* out_len);
static int (*HKDF)(uint8_t* out, size_t out_len, const EVP_MD* md, const uint8_t* secret, size_t secret_len,
                   const uint8_t* salt, size_t salt_len, const uint8_t* info, size_t info_len);
static int (*PKCS5_PBKDF2_HMAC)(const char* password, size_t password_len, const uint8_t* salt, size_t salt_len,
                                unsigned iterations, const EVP_MD* md, size_t key_len, uint8_t* out);
static const EVP_AEAD* (*EVP_aead_aes_128_gcm)(void);
static const EVP_AEAD* (*EVP_aead_aes_256_gcm)(void);
static const EVP_AEAD* (*EVP_aead_chacha20_poly1305)(void);
static EVP_AEAD_CTX* (*EVP_AEAD_CTX_new)(const EVP_AEAD* aead, const uint8_t* key, size_t key_len, size_t tag_len);
static void (*EVP_AEAD_CTX_free)(EVP_AEAD_CTX* ctx);
static int (*EVP_AEAD_CTX_seal)(const EVP_AEAD_CTX* ctx, uint8_t* out, size_t* out_len, size_t max_out,
                                const uint8_t* nonce, size_t nonce_len, const uint8_t* in, size_t in_len,
                                const uint8_t* ad, size_t ad_len);
static int (*EVP_AEAD_CTX_open)(const EVP_AEAD_CTX* ctx, uint8_t* out, size_t* out_len, size_t max_out,
                                const uint8_t* nonce, size_t nonce_len, const uint8_t* in, size_t in_len,
                                const uint8_t* ad, size_t ad_len);
static void (*ED25519_keypair_from_seed)(uint8_t public_key[32], uint8_t private_key[64], const uint8_t seed[32]);
static int (*ED25519_sign)(uint8_t signature[64], const uint8_t* message, size_t message_len,
                           const uint8_t private_key[64]);
static int (*ED25519_verify)(const uint8_t* message, size_t message_len, const uint8_t signature[64],
                             const uint8_t public_key[32]);
static void (*X25519_public_from_private)(uint8_t public_value[32], const uint8_t private_key[32]);
static int (*X25519)(uint8_t shared[32], const uint8_t private_key[32], const uint8_t peer_public[32]);
static EC_KEY* (*EC_KEY_new_by_curve_name)(int nid);
static void (*EC_KEY_free)(EC_KEY* key);
static const EC_GROUP* (*EC_KEY_get0_group)(const EC_KEY* key);
static int (*EC_KEY_set_private_key)(EC_KEY* key, const BIGNUM* priv);
static int (*EC_KEY_set_public_key)(EC_KEY* key, const EC_POINT* pub);
static EC_POINT* (*EC_POINT_new)(const EC_GROUP* group);
static void (*EC_POINT_free)(EC_POINT* point);
static int (*EC_POINT_mul)(const EC_GROUP* group, EC_POINT* r, const BIGNUM* n, const EC_POINT* q, const BIGNUM* m,
                           BN_CTX* ctx);
static size_t (*EC_POINT_point2oct)(const EC_GROUP* group, const EC_POINT* point, int form, uint8_t* buf, size_t len,
                                    BN_CTX* ctx);
static BIGNUM* (*BN_bin2bn)(const uint8_t* in, size_t len, BIGNUM* ret);
static void (*BN_free)(BIGNUM* bn);
static size_t (*ECDSA_size)(const EC_KEY* key);
static int (*ECDSA_sign)(int type, const uint8_t* digest, size_t digest_len, uint8_t* sig, unsigned* sig_len,
                         const EC_KEY* key);
static int (*ECDSA_verify)(int type, const uint8_t* digest, size_t digest_len, const uint8_t* sig, size_t sig_len,
                           const EC_KEY* key);
static int (*RAND_bytes)(uint8_t* buf, size_t len);

static void* lib;
static int missing;

static void* need(const char* name) {
  void* p = dlsym(lib, name);
  if (p == NULL) {
    printf("dlsym %s failed\n", name);
    missing++;
  }
  return p;
}

#define NEED(name) name = need(#name)

static void hex(const char* name, const uint8_t* b, size_t n) {
  printf("%s=", name);
  for (size_t i = 0; i < n; i++) printf("%02x", b[i]);
  printf("\n");
}

static void fill(uint8_t* b, size_t n, int mul, int add) {
  for (size_t i = 0; i < n; i++) b[i] = (uint8_t)(i * mul + add);
}

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static const char MESSAGE[] = "mdemu runs BoringSSL from Conscrypt's Android AAR";

/* Seals with an AEAD, prints nonce-less ciphertext||tag, and checks open and a tampered open. */
static int aead(const char* name, const EVP_AEAD* algorithm, const uint8_t* key, size_t key_len, const uint8_t* nonce,
                size_t nonce_len) {
  const uint8_t* m = (const uint8_t*)MESSAGE;
  size_t m_len = strlen(MESSAGE);
  static const uint8_t ad[] = "header";
  EVP_AEAD_CTX* ctx = EVP_AEAD_CTX_new(algorithm, key, key_len, 0);
  uint8_t sealed[128], opened[128];
  size_t sealed_len, opened_len;
  if (ctx == NULL || !EVP_AEAD_CTX_seal(ctx, sealed, &sealed_len, sizeof sealed, nonce, nonce_len, m, m_len, ad, 6)) {
    printf("%s seal failed\n", name);
    return -1;
  }
  hex(name, sealed, sealed_len);
  int ok = EVP_AEAD_CTX_open(ctx, opened, &opened_len, sizeof opened, nonce, nonce_len, sealed, sealed_len, ad, 6) &&
           opened_len == m_len && memcmp(opened, m, m_len) == 0;
  sealed[3] ^= 1;
  int tampered = EVP_AEAD_CTX_open(ctx, opened, &opened_len, sizeof opened, nonce, nonce_len, sealed, sealed_len, ad, 6);
  printf("%s_open=%d tampered=%d\n", name, ok, tampered);
  EVP_AEAD_CTX_free(ctx);
  return 0;
}

static int ecdsa(void) {
  uint8_t scalar[32], digest[32], point[65], sig[80];
  fill(scalar, sizeof scalar, 11, 3);
  EC_KEY* key = EC_KEY_new_by_curve_name(NID_X9_62_prime256v1);
  const EC_GROUP* group = EC_KEY_get0_group(key);
  BIGNUM* d = BN_bin2bn(scalar, sizeof scalar, NULL);
  EC_POINT* q = EC_POINT_new(group);
  if (!EC_KEY_set_private_key(key, d) || !EC_POINT_mul(group, q, d, NULL, NULL, NULL) ||
      !EC_KEY_set_public_key(key, q) ||
      EC_POINT_point2oct(group, q, POINT_CONVERSION_UNCOMPRESSED, point, sizeof point, NULL) != sizeof point) {
    printf("ecdsa key failed\n");
    return -1;
  }
  hex("p256_public", point, sizeof point);
  SHA256((const uint8_t*)MESSAGE, strlen(MESSAGE), digest);
  unsigned sig_len = 0;
  long long start = now_ns();
  int signs = 8;
  for (int i = 0; i < signs; i++)
    if (!ECDSA_sign(0, digest, sizeof digest, sig, &sig_len, key)) return -1;
  long long signed_at = now_ns();
  int verified = ECDSA_verify(0, digest, sizeof digest, sig, sig_len, key);
  long long verified_at = now_ns();
  hex("p256_signature", sig, sig_len);
  digest[0] ^= 1;
  printf("p256_verify=%d forged=%d max_size=%zu\n", verified, ECDSA_verify(0, digest, sizeof digest, sig, sig_len, key),
         ECDSA_size(key));
  printf("time ecdsa_sign_us=%lld ecdsa_verify_us=%lld\n", (signed_at - start) / signs / 1000,
         (verified_at - signed_at) / 1000);
  EC_POINT_free(q);
  BN_free(d);
  EC_KEY_free(key);
  return 0;
}

int AVmPayload_main(void) {
  lib = dlopen("libconscrypt_jni.so", RTLD_NOW);
  if (lib == NULL) {
    printf("dlopen failed: %s\n", dlerror());
    return 1;
  }
  NEED(OpenSSL_version); NEED(SHA256); NEED(SHA512); NEED(EVP_sha256); NEED(EVP_sha512); NEED(HMAC); NEED(HKDF);
  NEED(PKCS5_PBKDF2_HMAC); NEED(EVP_aead_aes_128_gcm); NEED(EVP_aead_aes_256_gcm); NEED(EVP_aead_chacha20_poly1305);
  NEED(EVP_AEAD_CTX_new); NEED(EVP_AEAD_CTX_free); NEED(EVP_AEAD_CTX_seal); NEED(EVP_AEAD_CTX_open);
  NEED(ED25519_keypair_from_seed); NEED(ED25519_sign); NEED(ED25519_verify); NEED(X25519_public_from_private);
  NEED(X25519); NEED(EC_KEY_new_by_curve_name); NEED(EC_KEY_free); NEED(EC_KEY_get0_group);
  NEED(EC_KEY_set_private_key); NEED(EC_KEY_set_public_key); NEED(EC_POINT_new); NEED(EC_POINT_free);
  NEED(EC_POINT_mul); NEED(EC_POINT_point2oct); NEED(BN_bin2bn); NEED(BN_free); NEED(ECDSA_size); NEED(ECDSA_sign);
  NEED(ECDSA_verify); NEED(RAND_bytes);
  if (missing) return 2;
  printf("boringssl version=%s\n", OpenSSL_version(0));

  const uint8_t* m = (const uint8_t*)MESSAGE;
  size_t m_len = strlen(MESSAGE);
  uint8_t key[32], seed[32], nonce[12], salt[16], out[64], big_out[96];
  fill(key, 32, 1, 0x40);
  fill(seed, 32, 7, 1);
  fill(nonce, 12, 1, 0x20);
  fill(salt, 16, 1, 0x10);
  unsigned out_len;

  hex("sha256", SHA256(m, m_len, out), 32);
  hex("sha512", SHA512(m, m_len, out), 64);
  hex("hmac_sha256", HMAC(EVP_sha256(), key, 32, m, m_len, out, &out_len), out_len);
  hex("hmac_sha512", HMAC(EVP_sha512(), key, 32, m, m_len, out, &out_len), out_len);
  if (!HKDF(big_out, 42, EVP_sha256(), key, 32, salt, 16, (const uint8_t*)"mdemu hkdf", 10)) return 3;
  hex("hkdf_sha256", big_out, 42);
  if (!PKCS5_PBKDF2_HMAC("password", 8, salt, 16, 1000, EVP_sha512(), 64, out)) return 3;
  hex("pbkdf2_sha512", out, 64);

  if (aead("aes128gcm", EVP_aead_aes_128_gcm(), key, 16, nonce, 12) ||
      aead("aes256gcm", EVP_aead_aes_256_gcm(), key, 32, nonce, 12) ||
      aead("chacha20poly1305", EVP_aead_chacha20_poly1305(), key, 32, nonce, 12))
    return 4;

  uint8_t public_key[32], private_key[64], signature[64];
  ED25519_keypair_from_seed(public_key, private_key, seed);
  hex("ed25519_public", public_key, 32);
  if (!ED25519_sign(signature, m, m_len, private_key)) return 5;
  hex("ed25519_signature", signature, 64);
  int verified = ED25519_verify(m, m_len, signature, public_key);
  signature[10] ^= 0x40;
  printf("ed25519_verify=%d forged=%d\n", verified, ED25519_verify(m, m_len, signature, public_key));

  uint8_t a_private[32], b_private[32], a_public[32], b_public[32], shared_a[32], shared_b[32];
  fill(a_private, 32, 3, 5);
  fill(b_private, 32, 255, 254);
  X25519_public_from_private(a_public, a_private);
  X25519_public_from_private(b_public, b_private);
  hex("x25519_public", a_public, 32);
  if (!X25519(shared_a, a_private, b_public) || !X25519(shared_b, b_private, a_public)) return 6;
  hex("x25519_shared", shared_a, 32);
  printf("x25519_agree=%d\n", memcmp(shared_a, shared_b, 32) == 0);

  if (ecdsa()) return 7;

  uint8_t r1[32], r2[32];
  printf("random=%d differs=%d\n", RAND_bytes(r1, 32) && RAND_bytes(r2, 32), memcmp(r1, r2, 32) != 0);

  /* Throughput: SHA-256 and AES-256-GCM over 256 KiB. */
  size_t size = 256 * 1024;
  uint8_t* data = malloc(size + 16);
  fill(data, size, 13, 7);
  long long start = now_ns();
  SHA256(data, size, out);
  long long hashed = now_ns();
  hex("sha256_256k", out, 32);
  EVP_AEAD_CTX* ctx = EVP_AEAD_CTX_new(EVP_aead_aes_256_gcm(), key, 32, 0);
  size_t sealed_len;
  long long seal_start = now_ns();
  if (!EVP_AEAD_CTX_seal(ctx, data, &sealed_len, size + 16, nonce, 12, data, size, NULL, 0)) return 8;
  long long sealed = now_ns();
  hex("aes256gcm_256k_tag", data + size, 16);
  EVP_AEAD_CTX_free(ctx);
  printf("time sha256_ns_per_byte=%.2f aes256gcm_ns_per_byte=%.2f\n", (double)(hashed - start) / size,
         (double)(sealed - seal_start) / size);
  printf("boringssl done\n");
  return 0;
}
