void AVmPayload_notifyPayloadReady(void) {} void AVmPayload_getApkContentsPath(void) {}
void AVmPayload_getEncryptedStoragePath(void) {} void AVmPayload_getVmInstanceSecret(void) {}
void AVmPayload_writeRollbackProtectedSecret(void) {} void AVmPayload_readRollbackProtectedSecret(void) {}
void AVmPayload_isNewInstanceStatus(void) {}
void AVmPayload_getDiceAttestationChain(void) {} void AVmPayload_getDiceAttestationCdi(void) {}
void AVmPayload_requestAttestation(void) {} void AVmPayload_requestAttestationForTesting(void) {}
void AVmAttestationStatus_toString(void) {} void AVmAttestationResult_free(void) {}
void AVmAttestationResult_getPrivateKey(void) {} void AVmAttestationResult_sign(void) {}
void AVmAttestationResult_getCertificateCount(void) {} void AVmAttestationResult_getCertificateAt(void) {}
void AVmPayload_runVsockRpcServer(void) {}
