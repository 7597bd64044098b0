package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.runtime.CompatibilityReport;

/** docs/COMPATIBILITY.md must be what the binding tables say today. */
class CompatibilityDocTest {
    @Test
    void committedCompatibilityDocumentMatchesTheTables() throws Exception {
        String committed = Files.readString(Fixtures.root().resolve("docs/COMPATIBILITY.md"));
        assertThat(committed)
                .as("docs/COMPATIBILITY.md is stale: regenerate it with ./mdemu compat > docs/COMPATIBILITY.md")
                .isEqualTo(CompatibilityReport.current());
    }

    @Test
    void everyVmPayloadExportIsListed() {
        String report = CompatibilityReport.current();
        for (String name : new String[] {"AVmPayload_notifyPayloadReady", "AVmPayload_runVsockRpcServer",
                "AVmPayload_getVmInstanceSecret", "AVmPayload_getDiceAttestationChain", "AVmPayload_getDiceAttestationCdi",
                "AVmPayload_getApkContentsPath", "AVmPayload_getEncryptedStoragePath", "AVmPayload_requestAttestation",
                "AVmPayload_requestAttestationForTesting", "AVmAttestationResult_getPrivateKey", "AVmAttestationResult_sign",
                "AVmAttestationResult_free", "AVmAttestationStatus_toString", "AVmAttestationResult_getCertificateCount",
                "AVmAttestationResult_getCertificateAt", "AVmPayload_writeRollbackProtectedSecret",
                "AVmPayload_readRollbackProtectedSecret", "AVmPayload_isNewInstanceStatus"}) {
            assertThat(report).contains("| `" + name + "` | LIBVM_PAYLOAD |");
        }
    }
}
