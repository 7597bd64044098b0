/* Spins forever without a single call: only a host stop() can end it. */
#include <android/log.h>

int AVmPayload_main(void) {
  __android_log_write(ANDROID_LOG_INFO, "spin", "spinning");
  for (;;) __asm__ volatile("");
}
