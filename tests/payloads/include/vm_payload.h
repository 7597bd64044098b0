/* The VM Payload API (libvm_payload), declared by mdemu from its public documentation. */
#pragma once
#include "stddef_ext.h"
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

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

/* Results of a remote attestation request: an opaque handle owned by the library until freed. */
typedef struct AVmAttestationResult AVmAttestationResult;
/* Status codes of the attestation calls. */
typedef int32_t AVmAttestationStatus;
#define ATTESTATION_OK 0
#define ATTESTATION_ERROR_INVALID_CHALLENGE (-10001)
#define ATTESTATION_ERROR_ATTESTATION_FAILED (-10002)
#define ATTESTATION_ERROR_UNSUPPORTED (-10003)
/* The VM's DICE chain and its attestation CDI: each returns the full size and copies at most size bytes. */
size_t AVmPayload_getDiceAttestationChain(void* data, size_t size);
size_t AVmPayload_getDiceAttestationCdi(void* data, size_t size);
AVmAttestationStatus AVmPayload_requestAttestation(const void* challenge, size_t challenge_size,
                                                   AVmAttestationResult** result);
AVmAttestationStatus AVmPayload_requestAttestationForTesting(const void* challenge, size_t challenge_size,
                                                             AVmAttestationResult** result);
const char* AVmAttestationStatus_toString(AVmAttestationStatus status);
void AVmAttestationResult_free(AVmAttestationResult* result);
size_t AVmAttestationResult_getPrivateKey(const AVmAttestationResult* result, void* data, size_t size);
size_t AVmAttestationResult_sign(const AVmAttestationResult* result, const void* message, size_t message_size,
                                 void* data, size_t size);
size_t AVmAttestationResult_getCertificateCount(const AVmAttestationResult* result);
size_t AVmAttestationResult_getCertificateAt(const AVmAttestationResult* result, size_t index, void* data,
                                             size_t size);
typedef struct AIBinder AIBinder;
/* Serves service with the RPC binder protocol on vsock port; calls on_ready(param) once listening; never returns. */
void AVmPayload_runVsockRpcServer(AIBinder* service, uint32_t port, void (*on_ready)(void* param), void* param)
        __attribute__((noreturn));

#ifdef __cplusplus
}
#endif
