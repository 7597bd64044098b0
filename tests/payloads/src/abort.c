#include <android/log.h>
#include <stdlib.h>

int AVmPayload_main(void) {
  __android_log_write(ANDROID_LOG_WARN, "abort", "calling abort()");
  abort();
}
