/* android/api-level.h (bionic), for mdemu's test sysroot. */
#pragma once
int android_get_device_api_level(void);
