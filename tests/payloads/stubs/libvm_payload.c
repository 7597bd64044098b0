void AVmPayload_notifyPayloadReady(void) {} void AVmPayload_getApkContentsPath(void) {}
void AVmPayload_getEncryptedStoragePath(void) {} void AVmPayload_getVmInstanceSecret(void) {}
void AVmPayload_isNewInstance(void) {}
void AVmPayload_runVsockRpcServer(void) {}
