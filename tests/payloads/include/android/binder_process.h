/* libbinder_ndk's process thread pool, declared by mdemu from the public NDK API (binder_process.h). */
#pragma once
#include <stdbool.h>
#include "../stddef_ext.h"

#ifdef __cplusplus
extern "C" {
#endif

bool ABinderProcess_setThreadPoolMaxThreadCount(uint32_t threads);
void ABinderProcess_startThreadPool(void);
void ABinderProcess_joinThreadPool(void);

#ifdef __cplusplus
}
#endif
