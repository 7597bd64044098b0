package org.mdemu.junit;

import java.util.Arrays;
import java.util.HexFormat;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on VM instance secrets (AVmPayload_getVmInstanceSecret's bytes, as a payload hands them to the test):
 * a real secret is not all zeros, and instances differ or agree as the test expects.
 */
public final class SecretAssert extends AbstractAssert<SecretAssert, byte[]> {
    SecretAssert(byte[] secret) {
        super(secret, SecretAssert.class);
    }

    /** size bytes, not all zero. */
    public SecretAssert isASecretOf(int size) {
        isNotNull();
        if (actual.length != size) failWithMessage("expected a %d-byte secret but it has %d bytes", size, actual.length);
        if (Arrays.equals(actual, new byte[size])) failWithMessage("the secret is all zeros");
        return this;
    }

    public SecretAssert isSameSecretAs(byte[] other) {
        isNotNull();
        if (!Arrays.equals(actual, other)) {
            failWithMessage("expected the same secret but%n  %s%ndiffers from%n  %s", hex(actual), hex(other));
        }
        return this;
    }

    public SecretAssert differsFrom(byte[] other) {
        isNotNull();
        if (Arrays.equals(actual, other)) failWithMessage("expected different secrets but both are%n  %s", hex(actual));
        return this;
    }

    private static String hex(byte[] b) {
        return b == null ? "null" : HexFormat.of().formatHex(b);
    }
}
