/* Four threads (main and three workers) spin without a single call: only a host stop() ends them. */
#include <android/log.h>
#include <pthread.h>

static void* spin(void* arg) {
  for (;;) __asm__ volatile("");
  return NULL;
}

int AVmPayload_main(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, spin, NULL);
  __android_log_write(ANDROID_LOG_INFO, "spin", "four threads spinning");
  spin(NULL);
  return 0;
}
