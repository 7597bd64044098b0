package org.mdemu.guest.attestation;

/** A component of the attested VM, as the attestation extension lists them (an APK or APEX of the payload). */
public record VmComponent(String name, long securityVersion, byte[] codeHash, byte[] authorityHash) {}
