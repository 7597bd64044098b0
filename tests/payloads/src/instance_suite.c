/* The instance-bound parts of the VM Payload API checked from inside the guest: whether this boot is the
   instance's first, the encrypted storage (contents kept across boots, capacity, ENOSPC, fsync) and the
   rollback-protected secret. Prints one line per fact for the host test; exit = failures. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/system_properties.h>
#include <unistd.h>
#include <vm_payload.h>

static int failures;

static void check(const char* name, int ok) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s (errno %d)\n", name, errno); failures++; }
}

static long slurp(const char* path, char* buf, size_t size) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  long total = 0, n;
  while ((n = read(fd, buf + total, size - 1 - total)) > 0) total += n;
  close(fd);
  buf[total] = 0;
  return total;
}

static int put(const char* path, const char* text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return -1;
  long n = write(fd, text, strlen(text));
  int synced = fsync(fd);
  close(fd);
  return n == (long) strlen(text) && synced == 0 ? 0 : -1;
}

static void storage(const char* root, int is_new) {
  char path[256], buf[256];
  snprintf(path, sizeof path, "%s/boots.txt", root);
  int boots = slurp(path, buf, sizeof buf) > 0 ? atoi(buf) : 0;
  check("storage empty exactly on the first boot", (boots == 0) == is_new);
  printf("boots_before=%d\n", boots);
  snprintf(buf, sizeof buf, "%d\n", boots + 1);
  check("counter written and synced", put(path, buf) == 0);

  snprintf(path, sizeof path, "%s/canary-dir", root);
  if (is_new) check("mkdir in storage", mkdir(path, 0700) == 0);
  snprintf(path, sizeof path, "%s/canary-dir/canary-name.txt", root);
  if (is_new) check("canary written", put(path, "PLAINTEXT-CANARY-7f3a9c\n") == 0);
  check("canary read back", slurp(path, buf, sizeof buf) > 0 && strcmp(buf, "PLAINTEXT-CANARY-7f3a9c\n") == 0);

  struct statvfs vfs;
  check("statvfs on the store", statvfs(root, &vfs) == 0);
  printf("storage_capacity=%llu\n", (unsigned long long) vfs.f_blocks * vfs.f_frsize);
  unsigned long long free_before = (unsigned long long) vfs.f_bfree * vfs.f_frsize;

  snprintf(path, sizeof path, "%s/fill.bin", root);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  static char chunk[65536];
  memset(chunk, 0x5a, sizeof chunk);
  long written = 0, n;
  errno = 0;
  while ((n = write(fd, chunk, sizeof chunk)) > 0) written += n;
  check("filling the store ends with ENOSPC", n < 0 && errno == ENOSPC);
  printf("filled=%ld free_before=%llu\n", written, free_before);
  check("statvfs shows the store full", statvfs(root, &vfs) == 0 && vfs.f_bfree * vfs.f_frsize < sizeof chunk);
  close(fd);
  check("unlink the filler", unlink(path) == 0);
  check("statvfs shows the space back", statvfs(root, &vfs) == 0
        && (unsigned long long) vfs.f_bfree * vfs.f_frsize == free_before);
}

static void rollback(int is_new) {
  unsigned char secret[32], back[32];
  for (int i = 0; i < 32; i++) secret[i] = (unsigned char) (0xa0 + i);
  int before = AVmPayload_readRollbackProtectedSecret(back, sizeof back);
  printf("rollback_read_first=%d\n", before);
  if (is_new) {
    check("nothing to read before the first write", before == ENTRY_NOT_FOUND);
    check("write the secret", AVmPayload_writeRollbackProtectedSecret(secret, sizeof secret) == ACCESS_OK);
    check("read it back", AVmPayload_readRollbackProtectedSecret(back, sizeof back) == ACCESS_OK);
  } else {
    check("the secret survived the restart", before == ACCESS_OK);
  }
  check("it is what was written", memcmp(secret, back, sizeof back) == 0);
  check("only 32 bytes are supported", AVmPayload_writeRollbackProtectedSecret(secret, 16) == ACCESS_FAILED
        && AVmPayload_readRollbackProtectedSecret(back, 64) == ACCESS_FAILED);
}

int AVmPayload_main(void) {
  bool is_new = false;
  check("isNewInstanceStatus answers", AVmPayload_isNewInstanceStatus(&is_new) == 0);
  check("isNewInstanceStatus rejects NULL", AVmPayload_isNewInstanceStatus(NULL) == -1);
  printf("new_instance=%d\n", is_new ? 1 : 0);

  char value[PROP_VALUE_MAX] = "";
  __system_property_get("ro.boot.microdroid.debuggable", value);
  printf("debuggable=%s\n", value);
  printf("strict_boot=%d\n", access("/proc/device-tree/chosen/avf,strict-boot", F_OK) == 0);
  printf("new_instance_node=%d\n", access("/proc/device-tree/chosen/avf,new-instance", F_OK) == 0);

  const char* root = AVmPayload_getEncryptedStoragePath();
  printf("storage_path=%s\n", root ? root : "NULL");
  if (root) storage(root, is_new);
  rollback(is_new);

  AVmPayload_notifyPayloadReady();
  AVmPayload_notifyPayloadReady();
  printf("failures=%d\n", failures);
  return failures;
}
