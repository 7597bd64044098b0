package org.mdemu.guest.boot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.mdemu.guest.boot.BootListener.BootError;
import org.mdemu.guest.boot.BootListener.StopCause;
import org.mdemu.guest.identity.InstanceRecord;
import org.mdemu.guest.identity.PayloadIdentity;
import org.mdemu.loader.apk.ApkException;
import org.mdemu.loader.apk.ApkSignature;

/**
 * microdroid_manager's payload verification: the APK's signature first, then the APK against the instance record.
 *
 * <p>The rules, as microdroid_manager applies them: the first boot of an instance verifies the APK fully and
 * records who it is (instance.img). On a later boot, an APK from another signer, or with another package name, is
 * a changed payload and the VM does not start (PAYLOAD_CHANGED / MICRODROID_PAYLOAD_HAS_CHANGED); the secrets of
 * the instance belong to the first payload. The legacy instance.img path refused any difference at all, an update
 * included ("an update of the payload which isn't supported yet"). Since rollback protection moved to the DICE
 * policy kept by Secretkeeper, an update from the same signer is allowed: the policy demands a version code at
 * least the one last seen, so the newer version becomes the minimum and a later boot of an older version is a
 * rollback that gets no secrets. mdemu follows the current rule: a higher version code is accepted and raises the
 * recorded minimum; a lower one is refused as a changed payload, naming both versions.
 */
final class PayloadVerification {
    /** Why the VM must not boot: the error and stop reason to report, and a message naming the APK. */
    static final class Refused extends Exception {
        final BootError error;
        final StopCause cause;

        Refused(BootError error, StopCause cause, String message) {
            super(message);
            this.error = error;
            this.cause = cause;
        }
    }

    /** The verified payload and its instance record. */
    record Verified(PayloadIdentity identity, InstanceRecord record) {}

    private PayloadVerification() {}

    static Verified verify(Path apk, Path instanceDirectory, Random random) throws Refused {
        ApkSignature signature;
        try {
            signature = ApkSignature.verify(apk);
        } catch (ApkException e) {
            throw new Refused(BootError.PAYLOAD_VERIFICATION_FAILED, StopCause.MICRODROID_PAYLOAD_VERIFICATION_FAILED,
                    e.getMessage());
        }
        InstanceRecord.Payload presented = new InstanceRecord.Payload(signature.packageName(), signature.versionCode(),
                signature.signerDigest());
        try {
            InstanceRecord record = InstanceRecord.read(instanceDirectory);
            if (record == null) {
                record = InstanceRecord.create(instanceDirectory, presented, random);
            } else {
                admit(apk, record, presented);
            }
            return new Verified(new PayloadIdentity(signature.packageName(), signature.versionCode(),
                    signature.signerCertificates(), record.instanceId(), record.newInstance()), record);
        } catch (IOException e) {
            throw new Refused(BootError.UNKNOWN, StopCause.MICRODROID_UNKNOWN_RUNTIME_ERROR,
                    "cannot use the instance record in " + instanceDirectory + ": " + e.getMessage());
        }
    }

    private static void admit(Path apk, InstanceRecord record, InstanceRecord.Payload presented)
            throws Refused, IOException {
        InstanceRecord.Payload first = record.payload();
        if (!first.signerDigest().equals(presented.signerDigest())) {
            throw changed(apk + ": signed by another key than at the instance's first boot (signer certificate SHA-256 "
                    + presented.signerDigest() + ", recorded " + first.signerDigest() + ")");
        }
        if (!first.packageName().equals(presented.packageName())) {
            throw changed(apk + ": package " + presented.packageName() + " is not the instance's package "
                    + first.packageName());
        }
        if (presented.versionCode() < first.versionCode()) {
            throw changed(apk + ": version code " + presented.versionCode() + " is a rollback: this instance has run"
                    + " version " + first.versionCode());
        }
        if (presented.versionCode() > first.versionCode()) record.recordUpgrade(presented.versionCode());
    }

    private static Refused changed(String message) {
        return new Refused(BootError.PAYLOAD_CHANGED, StopCause.MICRODROID_PAYLOAD_HAS_CHANGED, message);
    }
}
