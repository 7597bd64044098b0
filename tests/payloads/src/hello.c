/* The demo payload: logs, prints, computes, reads a file from its own APK and reports ready. */
#include <android/log.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <vm_payload.h>

#define TAG "mdemu-demo"

/* A table of pointers: its entries need relative relocations, which the NDK packs as RELR. */
static const char* const kStages[] = {"constructor", "main", "exit"};
static const char* constructed_by = "nobody";
static volatile int stage_index; /* volatile: keeps the table and the constructor from being folded away */

__attribute__((constructor)) static void payload_constructor(void) {
  constructed_by = kStages[stage_index];
  stage_index = getpid() > 0 ? 1 : 2;
}

static int is_prime(int n) {
  for (int d = 2; d * d <= n; d++) if (n % d == 0) return 0;
  return n >= 2;
}

int AVmPayload_main(void) {
  __android_log_print(ANDROID_LOG_INFO, TAG, "payload %s started (pid %d)", "libhello.so", getpid());
  printf("Hello from the Microdroid payload!\n");
  __android_log_print(ANDROID_LOG_INFO, TAG, "initialised by the %s, now in %s", constructed_by, kStages[stage_index]);
  char primes[128] = "";
  size_t used = 0;
  for (int n = 2, found = 0; found < 10; n++) {
    if (is_prime(n)) used += snprintf(primes + used, sizeof(primes) - used, "%s%d", found++ ? " " : "", n);
  }
  __android_log_print(ANDROID_LOG_INFO, TAG, "first primes: %s", primes);
  __android_log_print(ANDROID_LOG_INFO, TAG, "pi is about %.5f, e is about %g", 3.14159265, 2.718281828);

  char path[256];
  snprintf(path, sizeof(path), "%s/assets/greeting.txt", AVmPayload_getApkContentsPath());
  FILE* f = fopen(path, "r");
  if (f == NULL) {
    __android_log_print(ANDROID_LOG_ERROR, TAG, "cannot open %s", path);
    return 1;
  }
  char line[128] = "";
  fgets(line, sizeof(line), f);
  fclose(f);
  char* nl = strchr(line, '\n');
  if (nl) *nl = 0;
  __android_log_print(ANDROID_LOG_INFO, TAG, "read from the APK: %s", line);
  AVmPayload_notifyPayloadReady();
  __android_log_write(ANDROID_LOG_INFO, TAG, "payload done, exiting with 0");
  return 0;
}
