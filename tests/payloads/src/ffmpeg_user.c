/*
 * Uses a real NDK-built FFmpeg libavutil from Maven Central (org.bytedeco:ffmpeg's android-arm64 jar, packaged next
 * to this payload) through dlopen/dlsym: CPU feature detection, MD5, SHA-1/256/512, CRC-32, Adler-32, base64 and AES
 * on fixed data (printed in hex; the host test computes the same with the JDK), and its FFT (hand-written NEON
 * assembly in FFmpeg) checked against the known spectrum of a two-tone signal.
 */
#include <dlfcn.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* libavutil's API, declared here from its documentation. */
typedef struct { float re, im; } AVComplexFloat;
typedef void (*av_tx_fn)(void* ctx, void* out, void* in, ptrdiff_t stride);
enum { AV_CRC_32_IEEE_LE = 4, AV_TX_FLOAT_FFT = 0 };
enum { AV_CPU_FLAG_NEON = 1 << 5, AV_CPU_FLAG_ARMV8 = 1 << 6 };
static const char* (*av_version_info)(void);
static int (*av_get_cpu_flags)(void);
static void (*av_md5_sum)(uint8_t* dst, const uint8_t* src, size_t len);
static void* (*av_sha_alloc)(void);
static int (*av_sha_init)(void* ctx, int bits);
static void (*av_sha_update)(void* ctx, const uint8_t* data, size_t len);
static void (*av_sha_final)(void* ctx, uint8_t* digest);
static void* (*av_sha512_alloc)(void);
static int (*av_sha512_init)(void* ctx, int bits);
static void (*av_sha512_update)(void* ctx, const uint8_t* data, size_t len);
static void (*av_sha512_final)(void* ctx, uint8_t* digest);
static const uint32_t* (*av_crc_get_table)(int id);
static uint32_t (*av_crc)(const uint32_t* table, uint32_t crc, const uint8_t* buffer, size_t length);
static unsigned long (*av_adler32_update)(unsigned long adler, const uint8_t* buf, size_t len);
static char* (*av_base64_encode)(char* out, int out_size, const uint8_t* in, int in_size);
static void* (*av_aes_alloc)(void);
static int (*av_aes_init)(void* a, const uint8_t* key, int key_bits, int decrypt);
static void (*av_aes_crypt)(void* a, uint8_t* dst, const uint8_t* src, int count, uint8_t* iv, int decrypt);
static int (*av_tx_init)(void** ctx, av_tx_fn* tx, int type, int inv, int len, const void* scale, uint64_t flags);
static void (*av_tx_uninit)(void** ctx);
static void (*av_free)(void* p);

static void* lib;
static int missing;

static void* need(const char* name) {
  void* p = dlsym(lib, name);
  if (p == NULL) {
    printf("dlsym %s failed: %s\n", name, dlerror());
    missing++;
  }
  return p;
}

static void print_hex(const char* what, const uint8_t* bytes, int n) {
  printf("%s=", what);
  for (int i = 0; i < n; i++) printf("%02x", bytes[i]);
  printf("\n");
}

enum { DATA = 10000 };
static uint8_t data[DATA];

static void digests(void) {
  uint8_t digest[64];
  av_md5_sum(digest, data, DATA);
  print_hex("md5", digest, 16);
  void* sha = av_sha_alloc();
  av_sha_init(sha, 160);
  av_sha_update(sha, data, 1234);
  av_sha_update(sha, data + 1234, DATA - 1234);
  av_sha_final(sha, digest);
  print_hex("sha1", digest, 20);
  av_sha_init(sha, 256);
  av_sha_update(sha, data, DATA);
  av_sha_final(sha, digest);
  print_hex("sha256", digest, 32);
  av_free(sha);
  void* sha512 = av_sha512_alloc();
  av_sha512_init(sha512, 512);
  av_sha512_update(sha512, data, DATA);
  av_sha512_final(sha512, digest);
  print_hex("sha512", digest, 64);
  av_free(sha512);
  uint32_t crc = av_crc(av_crc_get_table(AV_CRC_32_IEEE_LE), 0xffffffffu, data, DATA) ^ 0xffffffffu;
  printf("crc32=%08x\n", crc);
  printf("adler32=%08lx\n", av_adler32_update(1, data, DATA));
  char b64[64];
  av_base64_encode(b64, sizeof b64, data, 40);
  printf("base64=%s\n", b64);
}

static void aes(void) {
  uint8_t key[16], out[64];
  for (int i = 0; i < 16; i++) key[i] = (uint8_t)(i * 17 + 1);
  void* a = av_aes_alloc();
  av_aes_init(a, key, 128, 0);
  av_aes_crypt(a, out, data, 4, NULL, 0);
  print_hex("aes128_ecb", out, 64);
  av_free(a);
}

/* x[k] = cos(2 pi 5 k / N) + i sin(2 pi 17 k / N) / 2: the FFT has N/2 at bins 5 and N-5, and -+N/4 at 17 and N-17
   (imaginary input i sin: (N/4) at bin 17 and -(N/4) at N-17, both real). */
static void fft(void) {
  enum { N = 256 };
  static AVComplexFloat in[N], out[N];
  for (int k = 0; k < N; k++) {
    in[k].re = (float)cos(2 * M_PI * 5 * k / N);
    in[k].im = (float)(0.5 * sin(2 * M_PI * 17 * k / N));
  }
  void* ctx = NULL;
  av_tx_fn tx = NULL;
  float scale = 1.0f;
  int rc = av_tx_init(&ctx, &tx, AV_TX_FLOAT_FFT, 0, N, &scale, 0);
  if (rc < 0 || tx == NULL) {
    printf("av_tx_init failed: %d\n", rc);
    return;
  }
  tx(ctx, out, in, sizeof(AVComplexFloat));
  double err = 0;
  for (int bin = 0; bin < N; bin++) {
    double re = bin == 5 || bin == N - 5 ? N / 2.0 : bin == 17 ? N / 4.0 : bin == N - 17 ? -N / 4.0 : 0;
    err = fmax(err, fmax(fabs(out[bin].re - re), fabs(out[bin].im)));
  }
  printf("fft spectrum_ok=%d\n", err < 1e-3);
  av_tx_uninit(&ctx);
}

int AVmPayload_main(void) {
  lib = dlopen("libavutil.so", RTLD_NOW);
  if (lib == NULL) {
    printf("dlopen libavutil.so failed: %s\n", dlerror());
    return 1;
  }
  av_version_info = need("av_version_info");
  av_get_cpu_flags = need("av_get_cpu_flags");
  av_md5_sum = need("av_md5_sum");
  av_sha_alloc = need("av_sha_alloc");
  av_sha_init = need("av_sha_init");
  av_sha_update = need("av_sha_update");
  av_sha_final = need("av_sha_final");
  av_sha512_alloc = need("av_sha512_alloc");
  av_sha512_init = need("av_sha512_init");
  av_sha512_update = need("av_sha512_update");
  av_sha512_final = need("av_sha512_final");
  av_crc_get_table = need("av_crc_get_table");
  av_crc = need("av_crc");
  av_adler32_update = need("av_adler32_update");
  av_base64_encode = need("av_base64_encode");
  av_aes_alloc = need("av_aes_alloc");
  av_aes_init = need("av_aes_init");
  av_aes_crypt = need("av_aes_crypt");
  av_tx_init = need("av_tx_init");
  av_tx_uninit = need("av_tx_uninit");
  av_free = need("av_free");
  if (missing) return 2;

  uint32_t state = 61u;
  for (int i = 0; i < DATA; i++) {
    state = state * 1103515245u + 12345u;
    data[i] = (uint8_t)(state >> 16);
  }
  int flags = av_get_cpu_flags();
  printf("ffmpeg version=%s neon=%d armv8=%d\n", av_version_info(), (flags & AV_CPU_FLAG_NEON) != 0,
         (flags & AV_CPU_FLAG_ARMV8) != 0);
  digests();
  aes();
  fft();
  printf("ffmpeg done\n");
  fflush(stdout);
  return 0;
}
