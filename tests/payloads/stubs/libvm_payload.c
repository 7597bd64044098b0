void AVmPayload_notifyPayloadReady(void) {} void AVmPayload_getApkContentsPath(void) {}
void AVmPayload_getEncryptedStoragePath(void) {} void AVmPayload_getVmInstanceSecret(void) {}
void AVmPayload_writeRollbackProtectedSecret(void) {} void AVmPayload_readRollbackProtectedSecret(void) {}
void AVmPayload_isNewInstanceStatus(void) {}
