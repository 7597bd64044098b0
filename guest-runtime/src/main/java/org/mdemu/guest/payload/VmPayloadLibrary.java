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
 * libvm_payload.so: the VM Payload API (vm_payload.h, version node LIBVM_PAYLOAD). The encrypted storage,
 * rollback-protected secret and instance rows are {@link EncryptedStoreFunctions}, {@link RollbackProtectedSecrets}
 * and {@link InstanceStatus}; the DICE and attestation rows are {@link DiceFunctions} and
 * {@link AttestationFunctions}; AVmPayload_runVsockRpcServer is the binder package's {@code VsockRpcServer}.
 */
public final class VmPayloadLibrary implements LibrarySection {
    public static final String SONAME = "libvm_payload.so";
    public static final String VERSION = "LIBVM_PAYLOAD";
    public static final String APK_CONTENTS_PATH = "/mnt/apk";

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
        t.function("AVmPayload_getVmInstanceSecret",
                Support.full("HKDF-SHA-256 over the DICE CDI_Seal with microdroid_manager's salt (its secret without"
                        + " Secretkeeper): the same for an instance, signer and debug level on every boot"),
                this::getVmInstanceSecret);
    }

    private void getVmInstanceSecret(CallFrame f) {
        long identifier = f.ptr(0), identifierSize = f.i64(1), out = f.ptr(2), size = f.i64(3);
        if (Long.compareUnsigned(size, MAX_SECRET_SIZE) > 0) {
            process.control().crash(SIGABRT, "AVmPayload_getVmInstanceSecret: secret size " + size
                    + " is larger than the maximum of " + MAX_SECRET_SIZE + " bytes");
            return;
        }
        if (size == 0) return;
        if (Long.compareUnsigned(identifierSize, MAX_IDENTIFIER_SIZE) > 0) {
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

    private void unavailable(String function, String why) {
        process.control().crash(SIGABRT, function + ": " + why + " in this mdemu version");
    }
}
