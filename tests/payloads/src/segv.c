/* Writes through a bad pointer: the VM must stop with SIGSEGV and a tombstone naming this function. */
#include <android/log.h>

__attribute__((noinline)) void write_to_bad_pointer(volatile int* p) {
  *p = 42;
}

int AVmPayload_main(void) {
  __android_log_write(ANDROID_LOG_INFO, "segv", "about to fault");
  write_to_bad_pointer((volatile int*)0x10);
  return 0;
}
