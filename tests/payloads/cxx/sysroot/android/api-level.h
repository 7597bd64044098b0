#pragma once
#include <sys/cdefs.h>
#define __ANDROID_API_FUTURE__ 10000
#ifndef __ANDROID_API__
#define __ANDROID_API__ __ANDROID_API_FUTURE__
#endif
#define __ANDROID_API_L__ 21
#define __ANDROID_API_M__ 23
#define __ANDROID_API_N__ 24
#define __ANDROID_API_O__ 26
#define __ANDROID_API_P__ 28
#define __ANDROID_API_Q__ 29
#define __ANDROID_API_R__ 30
#define __ANDROID_API_S__ 31
#define __ANDROID_API_T__ 33
#define __ANDROID_API_U__ 34
__BEGIN_DECLS
int android_get_application_target_sdk_version(void);
int android_get_device_api_level(void);
__END_DECLS
