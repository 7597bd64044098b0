/*
 * Uses a real NDK-built library from Maven Central (zstd-jni's Android AAR, packaged next to this payload) through
 * dlopen/dlsym, and prints what the host test compares with the same zstd version on the JVM.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INPUT_SIZE 65536

typedef unsigned (*version_fn)(void);
typedef size_t (*bound_fn)(size_t);
typedef size_t (*compress_fn)(void*, size_t, const void*, size_t, int);
typedef size_t (*decompress_fn)(void*, size_t, const void*, size_t);
typedef unsigned (*is_error_fn)(size_t);

int AVmPayload_main(void) {
  void* zstd = dlopen("libzstd-jni-1.5.6-3.so", RTLD_NOW);
  if (zstd == NULL) {
    printf("zstd dlopen failed: %s\n", dlerror());
    return 1;
  }
  version_fn version = (version_fn)dlsym(zstd, "ZSTD_versionNumber");
  bound_fn bound = (bound_fn)dlsym(zstd, "ZSTD_compressBound");
  compress_fn compress = (compress_fn)dlsym(zstd, "ZSTD_compress");
  decompress_fn decompress = (decompress_fn)dlsym(zstd, "ZSTD_decompress");
  is_error_fn is_error = (is_error_fn)dlsym(zstd, "ZSTD_isError");
  if (!version || !bound || !compress || !decompress || !is_error) {
    printf("zstd dlsym failed\n");
    return 2;
  }
  unsigned char* input = malloc(INPUT_SIZE);
  for (unsigned i = 0; i < INPUT_SIZE; i++) input[i] = (unsigned char)"abcdefghij"[(i / 3 + i % 7) % 10];
  size_t capacity = bound(INPUT_SIZE);
  unsigned char* packed = malloc(capacity);
  size_t packed_size = compress(packed, capacity, input, INPUT_SIZE, 3);
  if (is_error(packed_size)) {
    printf("zstd compress error\n");
    return 3;
  }
  unsigned hash = 2166136261u;
  for (size_t i = 0; i < packed_size; i++) hash = (hash ^ packed[i]) * 16777619u;
  unsigned char* unpacked = malloc(INPUT_SIZE);
  size_t unpacked_size = decompress(unpacked, INPUT_SIZE, packed, packed_size);
  int same = unpacked_size == INPUT_SIZE && memcmp(unpacked, input, INPUT_SIZE) == 0;
  printf("zstd version=%u bound=%zu compressed=%zu fnv=%08x roundtrip=%s\n", version(), capacity, packed_size, hash,
         same ? "ok" : "MISMATCH");
  return same ? 0 : 4;
}
