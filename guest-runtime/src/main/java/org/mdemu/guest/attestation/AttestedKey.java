package org.mdemu.guest.attestation;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** The EC P-256 key of an attestation result: its RFC 5915 encoding and ECDSA-SHA-256 signatures. */
public final class AttestedKey {
    private final KeyPair pair;
    private final java.security.SecureRandom random;

    /** @param random the source of ECDSA nonces (the VM's seeded source in deterministic mode) */
    public AttestedKey(KeyPair pair, java.security.SecureRandom random) {
        this.pair = pair;
        this.random = random;
    }

    public KeyPair pair() {
        return pair;
    }

    /** The private key as a DER ECPrivateKey (RFC 5915 section 3) with the curve and the public key. */
    public byte[] ecPrivateKeyDer() {
        try {
            BigInteger d = ((ECPrivateKey) pair.getPrivate()).getS();
            byte[] point = SubjectPublicKeyInfo.getInstance(((ECPublicKey) pair.getPublic()).getEncoded())
                    .getPublicKeyData().getBytes();
            return new org.bouncycastle.asn1.sec.ECPrivateKey(256, d, new DERBitString(point),
                    SECObjectIdentifiers.secp256r1).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the attested private key", e);
        }
    }

    /** A DER ECDSA signature over SHA-256 of the message. */
    public byte[] sign(byte[] message) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(pair.getPrivate(), random);
            ecdsa.update(message);
            return ecdsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA P-256 is missing from this JDK", e);
        }
    }
}
