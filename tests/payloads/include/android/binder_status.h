/* libbinder_ndk status values and AStatus, declared by mdemu from the public NDK API (binder_status.h). */
#pragma once
#include "../stddef_ext.h"
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t binder_status_t;   /* transport-level result: 0 or a negative errno-style code */
typedef int32_t binder_exception_t; /* AIDL exception kind carried in a reply */

#define STATUS_OK 0
#define STATUS_UNKNOWN_ERROR ((int32_t)0x80000000)
#define STATUS_NO_MEMORY (-12)
#define STATUS_INVALID_OPERATION (-38)
#define STATUS_BAD_VALUE (-22)
#define STATUS_BAD_TYPE (STATUS_UNKNOWN_ERROR + 1)
#define STATUS_NAME_NOT_FOUND (-2)
#define STATUS_PERMISSION_DENIED (-1)
#define STATUS_NO_INIT (-19)
#define STATUS_ALREADY_EXISTS (-17)
#define STATUS_DEAD_OBJECT (-32)
#define STATUS_FAILED_TRANSACTION (STATUS_UNKNOWN_ERROR + 2)
#define STATUS_BAD_INDEX (-75)
#define STATUS_NOT_ENOUGH_DATA (-61)
#define STATUS_WOULD_BLOCK (-11)
#define STATUS_TIMED_OUT (-110)
#define STATUS_UNKNOWN_TRANSACTION (-74)
#define STATUS_FDS_NOT_ALLOWED (STATUS_UNKNOWN_ERROR + 7)
#define STATUS_UNEXPECTED_NULL (STATUS_UNKNOWN_ERROR + 8)

#define EX_NONE 0
#define EX_SECURITY (-1)
#define EX_BAD_PARCELABLE (-2)
#define EX_ILLEGAL_ARGUMENT (-3)
#define EX_NULL_POINTER (-4)
#define EX_ILLEGAL_STATE (-5)
#define EX_NETWORK_MAIN_THREAD (-6)
#define EX_UNSUPPORTED_OPERATION (-7)
#define EX_SERVICE_SPECIFIC (-8)
#define EX_PARCELABLE (-9)
#define EX_TRANSACTION_FAILED (-129)

typedef struct AStatus AStatus;

AStatus* AStatus_newOk(void);
AStatus* AStatus_fromExceptionCode(binder_exception_t exception);
AStatus* AStatus_fromExceptionCodeWithMessage(binder_exception_t exception, const char* message);
AStatus* AStatus_fromServiceSpecificError(int32_t error);
AStatus* AStatus_fromServiceSpecificErrorWithMessage(int32_t error, const char* message);
AStatus* AStatus_fromStatus(binder_status_t status);
bool AStatus_isOk(const AStatus* status);
binder_exception_t AStatus_getExceptionCode(const AStatus* status);
int32_t AStatus_getServiceSpecificError(const AStatus* status);
binder_status_t AStatus_getStatus(const AStatus* status);
const char* AStatus_getMessage(const AStatus* status);
const char* AStatus_getDescription(const AStatus* status);
void AStatus_deleteDescription(const char* description);
void AStatus_delete(AStatus* status);

#ifdef __cplusplus
}
#endif
