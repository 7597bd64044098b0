package org.mdemu.guest.dice;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.mdemu.guest.identity.VmSecret;

/**
 * The VM secret as microdroid_manager derives it without Secretkeeper (its V1 secret): HKDF-SHA-256 over the
 * payload's CDI_Seal with a fixed salt per use, the identifier as info. The same instance, signer and debug level
 * give the same CDI_Seal on every boot, hence the same secrets.
 */
public final class SealingSecret implements VmSecret {
    /** microdroid_manager's salt for secrets handed to the payload (AVmPayload_getVmInstanceSecret). */
    private static final byte[] PAYLOAD_SALT = HexFormat.of().parseHex(
            "8b0ff0d3b1692b95842c9e3c99567a2255f80823815ff516203ebebab7a84392");
    /** microdroid_manager's salt for the encrypted store's key. */
    private static final byte[] ENCRYPTED_STORE_SALT = HexFormat.of().parseHex(
            "fc1d357b96f3ef17787d70edeafe1d6fb3f940cedd9940aaa70e927390864a75");

    private final byte[] cdiSeal;

    public SealingSecret(byte[] cdiSeal) {
        this.cdiSeal = cdiSeal.clone();
    }

    @Override
    public byte[] derive(byte[] identifier, int size) {
        return OpenDice.hkdfSha256(size, cdiSeal, PAYLOAD_SALT, identifier);
    }

    /** The key of /mnt/encryptedstore, derived as microdroid_manager derives it. */
    public byte[] encryptedStoreKey(int size) {
        return OpenDice.hkdfSha256(size, cdiSeal, ENCRYPTED_STORE_SALT,
                "encryptedstore_key".getBytes(StandardCharsets.US_ASCII));
    }
}
