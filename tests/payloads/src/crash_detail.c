/* Registers crash details, replaces one, drops another, then aborts: the tombstone lists what is registered. */
#include <android/crash_detail.h>
#include <stdlib.h>
#include <string.h>

int AVmPayload_main(void) {
  static const char stage[] = "garbage_collection";
  static const char gone[] = "never shown";
  static char counter[] = "1";
  crash_detail_t* a = android_crash_detail_register("stage", 5, stage, strlen(stage));
  crash_detail_t* b = android_crash_detail_register("gone", 4, gone, strlen(gone));
  crash_detail_t* c = android_crash_detail_register("counter", 7, counter, 1);
  android_crash_detail_unregister(b);
  counter[0] = '7'; /* read at crash time */
  android_crash_detail_replace_name(c, "count\001", 6);
  (void)a;
  abort();
}
