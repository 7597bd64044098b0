package org.mdemu.guest.dice;

/**
 * The measurements of one boot stage that feed a DICE layer (open-dice's DiceInputValues with a configuration
 * descriptor): code hash, CBOR configuration descriptor, authority hash (each hash 64 bytes, SHA-512), mode and
 * the hidden input that only the sealing and attestation CDIs see.
 */
public record DiceInputs(byte[] codeHash, byte[] configDescriptor, byte[] authorityHash, int mode, byte[] hidden) {
    /** DICE mode: normal (a secure configuration). */
    public static final int MODE_NORMAL = 1;
    /** DICE mode: debug (debuggable; secrets and attestation differ from normal mode). */
    public static final int MODE_DEBUG = 2;

    public DiceInputs {
        require(codeHash, OpenDice.HASH_SIZE, "code hash");
        require(authorityHash, OpenDice.HASH_SIZE, "authority hash");
        require(hidden, OpenDice.HIDDEN_SIZE, "hidden input");
        codeHash = codeHash.clone();
        configDescriptor = configDescriptor.clone();
        authorityHash = authorityHash.clone();
        hidden = hidden.clone();
    }

    private static void require(byte[] value, int size, String what) {
        if (value.length != size) {
            throw new IllegalArgumentException(what + " must be " + size + " bytes, got " + value.length);
        }
    }
}
