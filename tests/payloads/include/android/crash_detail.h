/* android/crash_detail.h (bionic, API 35), for mdemu's test sysroot. */
#pragma once
#include <stddef.h>
typedef struct crash_detail_t crash_detail_t;
crash_detail_t* android_crash_detail_register(const void* name, size_t name_size, const void* data, size_t data_size);
void android_crash_detail_unregister(crash_detail_t* crash_detail);
void android_crash_detail_replace_data(crash_detail_t* crash_detail, const void* data, size_t data_size);
void android_crash_detail_replace_name(crash_detail_t* crash_detail, const void* name, size_t name_size);
