/*
 * Uses a real NDK-built libsodium from Maven Central (lazysodium-android's AAR, packaged next to this payload)
 * through dlopen/dlsym. Every primitive runs on fixed inputs and prints its result in hex; the host test computes
 * the same with BouncyCastle. The guarded-heap and page-locking helpers exercise mmap, mprotect, mlock and munlock.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

typedef unsigned long long ull;

/* libsodium's public API, declared here from its documentation. */
static int (*sodium_init)(void);
static const char* (*sodium_version_string)(void);
static char* (*sodium_bin2hex)(char* hex, size_t hex_max, const unsigned char* bin, size_t bin_len);
static int (*crypto_hash_sha256)(unsigned char* out, const unsigned char* in, ull in_len);
static int (*crypto_hash_sha512)(unsigned char* out, const unsigned char* in, ull in_len);
static int (*crypto_auth_hmacsha256)(unsigned char* out, const unsigned char* in, ull in_len, const unsigned char* k);
static int (*crypto_generichash)(unsigned char* out, size_t out_len, const unsigned char* in, ull in_len,
                                 const unsigned char* key, size_t key_len);
static int (*crypto_shorthash)(unsigned char* out, const unsigned char* in, ull in_len, const unsigned char* k);
static int (*crypto_sign_seed_keypair)(unsigned char* pk, unsigned char* sk, const unsigned char* seed);
static int (*crypto_sign_detached)(unsigned char* sig, ull* sig_len, const unsigned char* m, ull m_len,
                                   const unsigned char* sk);
static int (*crypto_sign_verify_detached)(const unsigned char* sig, const unsigned char* m, ull m_len,
                                          const unsigned char* pk);
static int (*crypto_scalarmult_base)(unsigned char* q, const unsigned char* n);
static int (*crypto_scalarmult)(unsigned char* q, const unsigned char* n, const unsigned char* p);
static int (*crypto_aead_chacha20poly1305_ietf_encrypt)(unsigned char* c, ull* c_len, const unsigned char* m,
                                                        ull m_len, const unsigned char* ad, ull ad_len,
                                                        const unsigned char* nsec, const unsigned char* npub,
                                                        const unsigned char* k);
static int (*crypto_aead_chacha20poly1305_ietf_decrypt)(unsigned char* m, ull* m_len, unsigned char* nsec,
                                                        const unsigned char* c, ull c_len, const unsigned char* ad,
                                                        ull ad_len, const unsigned char* npub,
                                                        const unsigned char* k);
static int (*crypto_secretbox_easy)(unsigned char* c, const unsigned char* m, ull m_len, const unsigned char* n,
                                    const unsigned char* k);
static int (*crypto_pwhash)(unsigned char* out, ull out_len, const char* passwd, ull passwd_len,
                            const unsigned char* salt, ull opslimit, size_t memlimit, int alg);
static void* (*sodium_malloc)(size_t size);
static void (*sodium_free)(void* p);
static int (*sodium_mprotect_readonly)(void* p);
static int (*sodium_mprotect_readwrite)(void* p);
static int (*sodium_mlock)(void* addr, size_t len);
static int (*sodium_munlock)(void* addr, size_t len);
static void (*randombytes_buf)(void* buf, size_t size);

#define PWHASH_ALG_ARGON2ID13 2

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

static void print_hex(const char* label, const unsigned char* bin, size_t len) {
  char hex[2 * 256 + 1];
  sodium_bin2hex(hex, sizeof hex, bin, len);
  printf("%s=%s\n", label, hex);
}

static void fill(unsigned char* b, size_t n, unsigned mul, unsigned add) {
  for (size_t i = 0; i < n; i++) b[i] = (unsigned char)(i * mul + add);
}

int AVmPayload_main(void) {
  lib = dlopen("libsodium.so", RTLD_NOW);
  if (lib == NULL) {
    printf("sodium dlopen failed: %s\n", dlerror());
    return 1;
  }
  sodium_init = need("sodium_init");
  sodium_version_string = need("sodium_version_string");
  sodium_bin2hex = need("sodium_bin2hex");
  crypto_hash_sha256 = need("crypto_hash_sha256");
  crypto_hash_sha512 = need("crypto_hash_sha512");
  crypto_auth_hmacsha256 = need("crypto_auth_hmacsha256");
  crypto_generichash = need("crypto_generichash");
  crypto_shorthash = need("crypto_shorthash");
  crypto_sign_seed_keypair = need("crypto_sign_seed_keypair");
  crypto_sign_detached = need("crypto_sign_detached");
  crypto_sign_verify_detached = need("crypto_sign_verify_detached");
  crypto_scalarmult_base = need("crypto_scalarmult_base");
  crypto_scalarmult = need("crypto_scalarmult");
  crypto_aead_chacha20poly1305_ietf_encrypt = need("crypto_aead_chacha20poly1305_ietf_encrypt");
  crypto_aead_chacha20poly1305_ietf_decrypt = need("crypto_aead_chacha20poly1305_ietf_decrypt");
  crypto_secretbox_easy = need("crypto_secretbox_easy");
  crypto_pwhash = need("crypto_pwhash");
  sodium_malloc = need("sodium_malloc");
  sodium_free = need("sodium_free");
  sodium_mprotect_readonly = need("sodium_mprotect_readonly");
  sodium_mprotect_readwrite = need("sodium_mprotect_readwrite");
  sodium_mlock = need("sodium_mlock");
  sodium_munlock = need("sodium_munlock");
  randombytes_buf = need("randombytes_buf");
  if (missing) return 2;
  int init = sodium_init();
  printf("sodium init=%d version=%s\n", init, sodium_version_string());
  if (init < 0) return 3;

  static const char message[] = "mdemu runs libsodium from Maven Central";
  const unsigned char* m = (const unsigned char*)message;
  size_t m_len = sizeof message - 1;
  unsigned char key[32], seed[32], nonce12[12], nonce24[24], salt[16], sip_key[16], a_secret[32], b_secret[32];
  fill(key, sizeof key, 1, 0x40);
  fill(seed, sizeof seed, 7, 1);
  fill(nonce12, sizeof nonce12, 1, 0x20);
  fill(nonce24, sizeof nonce24, 1, 0x60);
  fill(salt, sizeof salt, 1, 0x10);
  fill(sip_key, sizeof sip_key, 3, 2);
  fill(a_secret, sizeof a_secret, 3, 5);
  fill(b_secret, sizeof b_secret, 255, 254);

  unsigned char out[256];
  crypto_hash_sha256(out, m, m_len);
  print_hex("sha256", out, 32);
  crypto_hash_sha512(out, m, m_len);
  print_hex("sha512", out, 64);
  crypto_auth_hmacsha256(out, m, m_len, key);
  print_hex("hmacsha256", out, 32);
  crypto_generichash(out, 32, m, m_len, key, sizeof key);
  print_hex("blake2b", out, 32);
  crypto_shorthash(out, m, m_len, sip_key);
  print_hex("siphash24", out, 8);

  unsigned char pk[32], sk[64], sig[64];
  ull sig_len = 0;
  crypto_sign_seed_keypair(pk, sk, seed);
  print_hex("ed25519_pk", pk, 32);
  crypto_sign_detached(sig, &sig_len, m, m_len, sk);
  print_hex("ed25519_sig", sig, sig_len);
  int good = crypto_sign_verify_detached(sig, m, m_len, pk);
  sig[5] ^= 1;
  int forged = crypto_sign_verify_detached(sig, m, m_len, pk);
  printf("ed25519_verify=%d forged=%d\n", good, forged);

  unsigned char a_public[32], shared_ab[32], shared_ba[32], b_public[32];
  crypto_scalarmult_base(a_public, a_secret);
  crypto_scalarmult_base(b_public, b_secret);
  crypto_scalarmult(shared_ab, a_secret, b_public);
  crypto_scalarmult(shared_ba, b_secret, a_public);
  print_hex("x25519_public", a_public, 32);
  print_hex("x25519_shared", shared_ab, 32);
  printf("x25519_agree=%d\n", memcmp(shared_ab, shared_ba, 32) == 0);

  static const char header[] = "header";
  unsigned char sealed[sizeof message + 16], opened[sizeof message];
  ull sealed_len = 0, opened_len = 0;
  crypto_aead_chacha20poly1305_ietf_encrypt(sealed, &sealed_len, m, m_len, (const unsigned char*)header,
                                            sizeof header - 1, NULL, nonce12, key);
  print_hex("chacha20poly1305", sealed, sealed_len);
  int opened_ok = crypto_aead_chacha20poly1305_ietf_decrypt(opened, &opened_len, NULL, sealed, sealed_len,
                                                            (const unsigned char*)header, sizeof header - 1, nonce12,
                                                            key) == 0 && opened_len == m_len &&
                  memcmp(opened, m, m_len) == 0;
  sealed[0] ^= 1;
  int tampered = crypto_aead_chacha20poly1305_ietf_decrypt(opened, &opened_len, NULL, sealed, sealed_len,
                                                           (const unsigned char*)header, sizeof header - 1, nonce12,
                                                           key);
  printf("chacha20poly1305_open=%d tampered=%d\n", opened_ok, tampered);

  crypto_secretbox_easy(out, m, m_len, nonce24, key);
  print_hex("xsalsa20poly1305", out, m_len + 16);

  static const char password[] = "correct horse battery staple";
  if (crypto_pwhash(out, 32, password, sizeof password - 1, salt, 2, 64 * 1024, PWHASH_ALG_ARGON2ID13) != 0) {
    printf("pwhash failed\n");
    return 4;
  }
  print_hex("argon2id", out, 32);

  /* Guarded heap: guard pages (mprotect PROT_NONE) around a locked (mlock) region, freed with munlock. */
  unsigned char* secret = sodium_malloc(100);
  int guarded = secret != NULL;
  if (guarded) {
    memcpy(secret, key, sizeof key);
    guarded = sodium_mprotect_readonly(secret) == 0 && secret[31] == key[31] &&
              sodium_mprotect_readwrite(secret) == 0;
    secret[0] = 1;
    sodium_free(secret);
  }
  unsigned char pinned[64];
  memcpy(pinned, seed, sizeof pinned / 2);
  memcpy(pinned + 32, seed, sizeof pinned / 2);
  int locked = sodium_mlock(pinned, sizeof pinned);
  int unlocked = sodium_munlock(pinned, sizeof pinned);
  int wiped = 1;
  for (size_t i = 0; i < sizeof pinned; i++) wiped &= pinned[i] == 0;
  unsigned char r1[32] = {0}, r2[32] = {0};
  randombytes_buf(r1, sizeof r1);
  randombytes_buf(r2, sizeof r2);
  printf("guarded=%d mlock=%d munlock=%d wiped=%d random_differs=%d\n", guarded, locked, unlocked, wiped,
         memcmp(r1, r2, sizeof r1) != 0);
  return 0;
}
