#include <android/log.h>
#include <stdlib.h>

static void say_goodbye(void) {
  __android_log_write(ANDROID_LOG_INFO, "exit42", "atexit handler ran");
}

__attribute__((noinline)) static void leave(int code) {
  exit(code);
}

int AVmPayload_main(void) {
  atexit(say_goodbye);
  leave(42);
  return 0;
}
