package org.mdemu.guest.payload;

import java.util.concurrent.atomic.AtomicBoolean;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.identity.PayloadIdentity;
import org.mdemu.guest.identity.VmSecret;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * libvm_payload.so: the VM Payload API (vm_payload.h, version node LIBVM_PAYLOAD); AVmPayload_runVsockRpcServer is
 * declared by the binder package's {@code VsockRpcServer}. Functions that need the VM's
 * DICE identity, vsock or attestation service end the payload with SIGABRT and a message, as the real library
 * does when its service is unavailable, until those layers exist; attestation answers UNSUPPORTED as it does on
 * non-protected VMs.
 */
public final class VmPayloadLibrary implements LibrarySection {
    public static final String SONAME = "libvm_payload.so";
    public static final String VERSION = "LIBVM_PAYLOAD";
    public static final String APK_CONTENTS_PATH = "/mnt/apk";

    static final int ATTESTATION_OK = 0;
    static final int ATTESTATION_ERROR_INVALID_CHALLENGE = -10001;
    static final int ATTESTATION_ERROR_ATTESTATION_FAILED = -10002;
    static final int ATTESTATION_ERROR_UNSUPPORTED = -10003;
    private static final int SIGABRT = 6;
    private static final int MAX_SECRET_SIZE = 32;
    private static final int MAX_IDENTIFIER_SIZE = 1 << 20;

    private final GuestProcess process;
    private final Runnable onPayloadReady;
    private final AtomicBoolean readyNotified = new AtomicBoolean();
    private final GuestStrings strings;

    private final PayloadIdentity identity;
    private final VmSecret secret;

    public VmPayloadLibrary(GuestProcess process, Runnable onPayloadReady, PayloadIdentity identity, VmSecret secret) {
        this.process = process;
        this.identity = identity;
        this.secret = secret;
        this.onPayloadReady = onPayloadReady;
        this.strings = new GuestStrings(process);
    }

    public static LibraryTable newTable() {
        return new LibraryTable(SONAME, VERSION);
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("AVmPayload_notifyPayloadReady", f -> notifyPayloadReady());
        t.function("AVmPayload_getApkContentsPath", f -> f.ret(strings.of(APK_CONTENTS_PATH)));
        t.function("AVmPayload_getEncryptedStoragePath",
                Support.partial("always NULL: encrypted storage cannot be configured yet"), f -> f.ret(0));
        t.function("AVmPayload_getVmInstanceSecret",
                Support.partial("derived from the instance id alone until the DICE chain provides CDI_Seal"),
                this::getVmInstanceSecret);
        t.function("AVmPayload_getDiceAttestationChain",
                Support.unsupported("no DICE chain yet: aborts the payload"),
                f -> unavailable("AVmPayload_getDiceAttestationChain", "the DICE chain is not available"));
        t.function("AVmPayload_getDiceAttestationCdi",
                Support.unsupported("no DICE chain yet: aborts the payload"),
                f -> unavailable("AVmPayload_getDiceAttestationCdi", "the DICE CDI is not available"));
        t.function("AVmPayload_requestAttestation",
                Support.partial("answers ATTESTATION_ERROR_UNSUPPORTED (as for a non-protected VM)"),
                this::requestAttestation);
        t.function("AVmPayload_requestAttestationForTesting",
                Support.partial("answers ATTESTATION_ERROR_UNSUPPORTED (testing mode not enabled)"),
                this::requestAttestation);
        t.function("AVmAttestationStatus_toString", f -> f.ret(strings.of(statusText(f.i32(0)))));
        for (String name : new String[] {"AVmAttestationResult_getPrivateKey", "AVmAttestationResult_sign",
                "AVmAttestationResult_getCertificateCount", "AVmAttestationResult_getCertificateAt"}) {
            t.function(name, Support.unsupported("no attestation result can exist yet: aborts the payload"),
                    f -> unavailable(name, "no attestation result exists"));
        }
        t.function("AVmAttestationResult_free", Support.full("no result can exist, NULL is accepted"), f -> { });
        t.function("AVmPayload_writeRollbackProtectedSecret",
                Support.unsupported("no rollback-protected storage yet: aborts the payload"),
                f -> unavailable("AVmPayload_writeRollbackProtectedSecret", "rollback protection is not available"));
        t.function("AVmPayload_readRollbackProtectedSecret",
                Support.unsupported("no rollback-protected storage yet: aborts the payload"),
                f -> unavailable("AVmPayload_readRollbackProtectedSecret", "rollback protection is not available"));
        t.function("AVmPayload_isNewInstance", f -> f.ret(identity.newInstance()));
    }

    private void getVmInstanceSecret(CallFrame f) {
        long identifier = f.ptr(0), identifierSize = f.i64(1), out = f.ptr(2), size = f.i64(3);
        if (size > MAX_SECRET_SIZE) {
            process.control().crash(SIGABRT, "AVmPayload_getVmInstanceSecret: secret size " + size
                    + " is larger than the maximum of " + MAX_SECRET_SIZE + " bytes");
            return;
        }
        if (size == 0) return;
        if (identifierSize > MAX_IDENTIFIER_SIZE) {
            process.control().crash(SIGABRT, "AVmPayload_getVmInstanceSecret: identifier of " + identifierSize
                    + " bytes is larger than mdemu's limit of " + MAX_IDENTIFIER_SIZE);
            return;
        }
        byte[] id = process.memory().read(identifier, (int) identifierSize);
        process.memory().write(out, secret.derive(id, (int) size));
    }

    private void notifyPayloadReady() {
        if (readyNotified.compareAndSet(false, true)) onPayloadReady.run();
    }

    private void requestAttestation(CallFrame f) {
        long challengeSize = f.i64(1);
        long resultOut = f.ptr(2);
        if (resultOut != 0) process.memory().writeLong(resultOut, 0);
        f.ret(challengeSize > 64 ? ATTESTATION_ERROR_INVALID_CHALLENGE : ATTESTATION_ERROR_UNSUPPORTED);
    }

    static String statusText(int status) {
        return switch (status) {
            case ATTESTATION_OK -> "ATTESTATION_OK: the remote attestation completed successfully";
            case ATTESTATION_ERROR_INVALID_CHALLENGE ->
                    "ATTESTATION_ERROR_INVALID_CHALLENGE: the challenge size is not between 0 and 64";
            case ATTESTATION_ERROR_ATTESTATION_FAILED ->
                    "ATTESTATION_ERROR_ATTESTATION_FAILED: failed to attest the VM, retry later";
            case ATTESTATION_ERROR_UNSUPPORTED ->
                    "ATTESTATION_ERROR_UNSUPPORTED: remote attestation is not supported in this environment";
            default -> "unknown attestation status " + status;
        };
    }

    private void unavailable(String function, String why) {
        process.control().crash(SIGABRT, function + ": " + why + " in this mdemu version");
    }
}
