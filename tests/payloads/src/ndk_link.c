/*
 * dlopens every other library in the APK's lib/arm64-v8a (real NDK-built libraries from Maven Central, packed
 * there by the test), in name order, so their DT_NEEDED closures link and their constructors run in the guest.
 * Prints "dlopen NAME: ok" or "dlopen NAME: failed: dlerror()" for each.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vm_payload.h>

static int by_name(const void* a, const void* b) {
  return strcmp(*(char* const*)a, *(char* const*)b);
}

int AVmPayload_main(void) {
  char directory[512];
  snprintf(directory, sizeof directory, "%s/lib/arm64-v8a", AVmPayload_getApkContentsPath());
  DIR* dir = opendir(directory);
  if (dir == NULL) {
    printf("opendir %s failed\n", directory);
    return 1;
  }
  char* names[64];
  int count = 0;
  struct dirent* entry;
  while ((entry = readdir(dir)) != NULL && count < 64) {
    size_t length = strlen(entry->d_name);
    if (length > 3 && strcmp(entry->d_name + length - 3, ".so") == 0 && strcmp(entry->d_name, "libndk_link.so") != 0)
      names[count++] = strdup(entry->d_name);
  }
  closedir(dir);
  qsort(names, count, sizeof names[0], by_name);
  int failed = 0;
  for (int i = 0; i < count; i++) {
    void* handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
      printf("dlopen %s: failed: %s\n", names[i], dlerror());
      failed++;
    } else {
      printf("dlopen %s: ok\n", names[i]);
    }
  }
  printf("libraries=%d failed=%d\n", count, failed);
  return 0;
}
