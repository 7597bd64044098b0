package org.mdemu.guest.boot;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mdemu.guest.identity.PayloadIdentity;
import org.mdemu.guest.identity.VmSecret;

/** A VM secret keyed by the instance id alone, until the DICE chain provides CDI_Seal (issue 4). */
final class ProvisionalSecret {
    private ProvisionalSecret() {}

    static VmSecret of(PayloadIdentity identity) {
        return (identifier, size) -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(identity.instanceId(), "HmacSHA256"));
                return Arrays.copyOf(mac.doFinal(identifier), size);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
            }
        };
    }
}
