package org.mdemu.guest.identity;

import java.util.List;

/**
 * Who the payload is, as microdroid_manager establishes it at boot from the verified APK and the instance record
 * (instance.img's role): what the DICE payload node describes and what sealed secrets are bound to.
 *
 * @param packageName the APK's package name
 * @param versionCode the APK's version code
 * @param signerCertificates the APK signer's certificates, DER, leaf first (empty when the APK is unsigned)
 * @param instanceId the instance's random identifier, created at its first boot (64 bytes)
 * @param newInstance whether this is the instance's first boot
 */
public record PayloadIdentity(String packageName, long versionCode, List<byte[]> signerCertificates,
                              byte[] instanceId, boolean newInstance) {
    public PayloadIdentity {
        signerCertificates = List.copyOf(signerCertificates);
        instanceId = instanceId.clone();
    }
}
