package org.mdemu.guest.boot;

import org.mdemu.guest.attestation.AttestationAuthority;
import org.mdemu.guest.dice.OpenDice;

/**
 * What the device under the VM provides to it: the per-device DICE secret (the UDS, which real hardware keeps
 * fused and only the bootloader sees) and the remote attestation service's authorities.
 *
 * @param deviceSecret the 32-byte UDS the VM's DICE chain is rooted in
 * @param attestation the authority certifying attested keys, or null when the device has no remote attestation
 * @param testAttestation the authority of test attestation, or null until test attestation has been enabled on the
 *                        host (AVF's {@code vm enable-test-attestation})
 */
public record HostDevice(byte[] deviceSecret, AttestationAuthority attestation, AttestationAuthority testAttestation) {
    public HostDevice {
        if (deviceSecret.length != OpenDice.CDI_SIZE) {
            throw new IllegalArgumentException("device secret must be " + OpenDice.CDI_SIZE + " bytes, got "
                    + deviceSecret.length);
        }
        deviceSecret = deviceSecret.clone();
    }
}
