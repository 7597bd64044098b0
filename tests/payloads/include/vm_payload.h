/* The VM Payload API (libvm_payload), declared by mdemu from its public documentation. */
#pragma once
#include "stddef_ext.h"
#include <stdbool.h>
#include <stdint.h>
int AVmPayload_main(void);
void AVmPayload_notifyPayloadReady(void);
const char* AVmPayload_getApkContentsPath(void);
/* NULL unless the VM config asked for encrypted storage. */
const char* AVmPayload_getEncryptedStoragePath(void);
void AVmPayload_getVmInstanceSecret(const void* identifier, size_t identifier_size, void* secret, size_t size);

/* API 36: results of the rollback-protected secret calls. */
typedef int32_t AccessRollbackProtectedSecretStatus;
#define ACCESS_OK 0
#define ENTRY_NOT_FOUND (-1)
#define ACCESS_FAILED (-2)
/* Both take exactly 32 bytes. */
AccessRollbackProtectedSecretStatus AVmPayload_writeRollbackProtectedSecret(const void* data, size_t size);
AccessRollbackProtectedSecretStatus AVmPayload_readRollbackProtectedSecret(void* data, size_t size);
/* Stores whether this is the instance's first boot; 0 on success, -1 on failure. */
int32_t AVmPayload_isNewInstanceStatus(bool* is_new_instance);
