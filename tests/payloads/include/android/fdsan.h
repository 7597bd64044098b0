/* android/fdsan.h (bionic), for mdemu's test sysroot. */
#pragma once
#include <stdint.h>
enum android_fdsan_owner_type {
  ANDROID_FDSAN_OWNER_TYPE_GENERIC_00 = 0,
  ANDROID_FDSAN_OWNER_TYPE_GENERIC_FF = 255,
  ANDROID_FDSAN_OWNER_TYPE_FILE = 1,
  ANDROID_FDSAN_OWNER_TYPE_DIR = 2,
  ANDROID_FDSAN_OWNER_TYPE_UNIQUE_FD = 3,
};
enum android_fdsan_error_level {
  ANDROID_FDSAN_ERROR_LEVEL_DISABLED,
  ANDROID_FDSAN_ERROR_LEVEL_WARN_ONCE,
  ANDROID_FDSAN_ERROR_LEVEL_WARN_ALWAYS,
  ANDROID_FDSAN_ERROR_LEVEL_FATAL,
};
uint64_t android_fdsan_create_owner_tag(enum android_fdsan_owner_type type, uint64_t tag);
void android_fdsan_exchange_owner_tag(int fd, uint64_t expected_tag, uint64_t new_tag);
int android_fdsan_close_with_tag(int fd, uint64_t tag);
uint64_t android_fdsan_get_owner_tag(int fd);
const char* android_fdsan_get_tag_type(uint64_t tag);
uint64_t android_fdsan_get_tag_value(uint64_t tag);
enum android_fdsan_error_level android_fdsan_get_error_level(void);
enum android_fdsan_error_level android_fdsan_set_error_level(enum android_fdsan_error_level new_level);
