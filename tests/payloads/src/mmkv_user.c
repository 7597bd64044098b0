/*
 * Uses a real NDK-built MMKV (libmmkv.so from Tencent's AAR on Maven Central, packaged next to this payload)
 * through the C bridge it exports for Flutter (declared here from MMKV's documentation): a plain instance in single-
 * and in multi-process mode (file locks), an AES-encrypted one (MMKV's ARMv8 AES code), 1000 keys to make it grow its
 * file and rewrite it, removals, then every instance closed and opened again from its files in encrypted storage.
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MMKV_SINGLE_PROCESS 1
#define MMKV_MULTI_PROCESS 2
#define MMKV_LOG_NONE 4

static void (*mmkvInitialize)(const char* rootDir, int32_t logLevel);
static void* (*getMMKVWithID)(const char* mmapID, int32_t mode, const char* cryptKey, const char* rootPath,
                              size_t expectedCapacity);
static const char* (*version)(void);
static bool (*encodeInt32)(void* handle, const char* key, int32_t value);
static int32_t (*decodeInt32)(void* handle, const char* key, int32_t defaultValue);
static bool (*encodeInt64)(void* handle, const char* key, int64_t value);
static int64_t (*decodeInt64)(void* handle, const char* key, int64_t defaultValue);
static bool (*encodeDouble)(void* handle, const char* key, double value);
static double (*decodeDouble)(void* handle, const char* key, double defaultValue);
static bool (*encodeBool)(void* handle, const char* key, bool value);
static bool (*decodeBool)(void* handle, const char* key, bool defaultValue);
static bool (*encodeBytes)(void* handle, const char* key, void* value, uint64_t length);
static void* (*decodeBytes)(void* handle, const char* key, uint64_t* length);
static bool (*containsKey)(void* handle, char* key);
static uint64_t (*count)(void* handle, bool filterExpire);
static uint64_t (*totalSize)(void* handle);
static void (*removeValueForKey)(void* handle, char* key);
static void (*mmkvSync)(void* handle, bool sync);
static void (*mmkvClose)(void* handle);

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

static void fill(void* kv, const char* tag) {
  char key[32], text[96];
  for (int i = 0; i < 1000; i++) {
    snprintf(key, sizeof key, "k%d", i);
    encodeInt64(kv, key, (int64_t)i * i * 1000003LL);
  }
  encodeInt32(kv, "int", -123456);
  encodeDouble(kv, "double", 3.25e-7);
  encodeBool(kv, "bool", true);
  int n = snprintf(text, sizeof text, "bytes of %s: mdemu runs MMKV from Maven Central", tag);
  encodeBytes(kv, "bytes", text, (uint64_t)n);
  for (int i = 0; i < 1000; i += 10) {
    snprintf(key, sizeof key, "k%d", i);
    removeValueForKey(kv, key);
  }
  /* Overwrites grow the log MMKV appends to until it rewrites the file. */
  for (int round = 0; round < 5; round++) encodeInt32(kv, "counter", round);
  mmkvSync(kv, true);
}

static void check(void* kv, const char* tag, const char* when) {
  char key[32];
  int64_t sum = 0;
  int present = 0;
  for (int i = 0; i < 1000; i++) {
    snprintf(key, sizeof key, "k%d", i);
    if (containsKey(kv, key)) present++;
    sum += decodeInt64(kv, key, 0);
  }
  uint64_t length = 0;
  char* bytes = decodeBytes(kv, "bytes", &length);
  printf("%s %s: count=%llu present=%d sum=%lld int=%d double=%.9g bool=%d counter=%d missing=%d bytes=%.*s\n",
         tag, when, (unsigned long long)count(kv, false), present, (long long)sum, decodeInt32(kv, "int", 0),
         decodeDouble(kv, "double", 0), decodeBool(kv, "bool", false), decodeInt32(kv, "counter", -1),
         decodeInt32(kv, "no such key", 77), (int)length, bytes == NULL ? "" : bytes);
  free(bytes);
}

int AVmPayload_main(void) {
  lib = dlopen("libmmkv.so", RTLD_NOW);
  if (lib == NULL) {
    printf("mmkv dlopen failed: %s\n", dlerror());
    return 1;
  }
  mmkvInitialize = need("mmkvInitialize");
  getMMKVWithID = need("getMMKVWithID");
  version = need("version");
  encodeInt32 = need("encodeInt32");
  decodeInt32 = need("decodeInt32");
  encodeInt64 = need("encodeInt64");
  decodeInt64 = need("decodeInt64");
  encodeDouble = need("encodeDouble");
  decodeDouble = need("decodeDouble");
  encodeBool = need("encodeBool");
  decodeBool = need("decodeBool");
  encodeBytes = need("encodeBytes");
  decodeBytes = need("decodeBytes");
  containsKey = need("containsKey");
  count = need("count");
  totalSize = need("totalSize");
  removeValueForKey = need("removeValueForKey");
  mmkvSync = need("mmkvSync");
  mmkvClose = need("mmkvClose");
  if (missing) return 2;
  printf("mmkv version=%s\n", version());
  mmkvInitialize("/mnt/encryptedstore/mmkv", MMKV_LOG_NONE);

  static const struct { const char* id; int mode; const char* key; } kinds[] = {
    {"plain", MMKV_SINGLE_PROCESS, NULL},
    {"shared", MMKV_MULTI_PROCESS, NULL},
    {"secret", MMKV_SINGLE_PROCESS, "mdemu-aes-key"},
  };
  void* open[3];
  for (int k = 0; k < 3; k++) {
    open[k] = getMMKVWithID(kinds[k].id, kinds[k].mode, kinds[k].key, NULL, 0);
    if (open[k] == NULL) {
      printf("getMMKVWithID %s failed\n", kinds[k].id);
      return 3;
    }
    fill(open[k], kinds[k].id);
    check(open[k], kinds[k].id, "written");
    printf("%s file grew=%d\n", kinds[k].id, totalSize(open[k]) > 4096);
  }
  for (int k = 0; k < 3; k++) mmkvClose(open[k]);
  for (int k = 0; k < 3; k++) {
    void* kv = getMMKVWithID(kinds[k].id, kinds[k].mode, kinds[k].key, NULL, 0);
    if (kv == NULL) {
      printf("reopen %s failed\n", kinds[k].id);
      return 4;
    }
    check(kv, kinds[k].id, "reopened");
    mmkvClose(kv);
  }
  /* The encrypted instance read with a wrong key sees no values (MMKV checks the content's CRC and discards it). */
  void* wrong = getMMKVWithID("secret", MMKV_SINGLE_PROCESS, "not-the-key", NULL, 0);
  printf("secret wrong key: int=%d\n", wrong == NULL ? 0 : decodeInt32(wrong, "int", 0));
  printf("mmkv done\n");
  return 0;
}
