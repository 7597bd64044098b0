package org.mdemu.guest.payload;

import org.mdemu.guest.attestation.AttestationAuthority;
import org.mdemu.guest.dice.MicrodroidDice;

/**
 * What microdroid_manager's payload service holds for the DICE and attestation calls of libvm_payload.
 *
 * @param artifacts the payload's DICE artifacts (CDIs, chain, sub-components)
 * @param restrictedApisAllowed whether the VM was started from a config file (vm_config.json), which alone allows
 *                              the restricted DICE calls
 * @param protectedVm whether the VM is protected; only protected VMs are attested
 * @param attestation the device's attestation authority, or null when the device cannot attest
 * @param testAttestation the test attestation authority, or null when test attestation is not enabled
 */
public record PayloadDice(MicrodroidDice.Artifacts artifacts, boolean restrictedApisAllowed, boolean protectedVm,
                          AttestationAuthority attestation, AttestationAuthority testAttestation) {}
