/* The VM Payload API (libvm_payload), declared by mdemu from its public documentation. */
#pragma once
#include "stddef_ext.h"
#include <stdbool.h>
int AVmPayload_main(void);
void AVmPayload_notifyPayloadReady(void);
const char* AVmPayload_getApkContentsPath(void);
const char* AVmPayload_getEncryptedStoragePath(void);
void AVmPayload_getVmInstanceSecret(const void* identifier, size_t identifier_size, void* secret, size_t size);
bool AVmPayload_isNewInstance(void);
typedef struct AIBinder AIBinder;
/* Serves service with the RPC binder protocol on vsock port; calls on_ready(param) once listening; never returns. */
void AVmPayload_runVsockRpcServer(AIBinder* service, uint32_t port, void (*on_ready)(void* param), void* param)
        __attribute__((noreturn));
