package org.mdemu.guest.attestation;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate authority behind VM remote attestation (the role of the remotely provisioned key and its chain
 * that AVF's service VM signs with): an EC P-256 root that certifies each attested key with a leaf carrying the
 * {@link AttestationExtension}.
 */
public final class AttestationAuthority {
    /** The subject AVF gives attested keys. */
    public static final String LEAF_SUBJECT = "CN=Android Protected Virtual Machine Key";
    private static final long VALIDITY_START = 1704067200000L; // 2024-01-01
    private static final long VALIDITY_END = 4102444800000L;   // 2100-01-01

    private final PrivateKey key;
    private final X509Certificate certificate;

    private AttestationAuthority(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** A new self-signed root with this common name. */
    public static AttestationAuthority create(String commonName) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPair pair = newP256KeyPair(random);
            X500Name name = new X500Name("CN=" + commonName);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(random),
                    new Date(VALIDITY_START), new Date(VALIDITY_END), name, pair.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new AttestationAuthority(pair.getPrivate(), sign(b, pair.getPrivate(), random));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the attestation root certificate", e);
        }
    }

    /** The authority from {@link #encoded()}. */
    public static AttestationAuthority decode(byte[] encoded) throws GeneralSecurityException {
        try (org.bouncycastle.asn1.ASN1InputStream in = new org.bouncycastle.asn1.ASN1InputStream(encoded)) {
            byte[] pkcs8 = in.readObject().getEncoded();
            byte[] certificate = in.readObject().getEncoded();
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(certificate));
            return new AttestationAuthority(key, cert);
        } catch (java.io.IOException | NullPointerException e) {
            throw new GeneralSecurityException("not an attestation authority (PKCS#8 key then X.509 certificate)", e);
        }
    }

    /** The private key (PKCS#8) followed by the certificate, both DER: one file holds the whole authority. */
    public byte[] encoded() {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(key.getEncoded());
            out.write(certificate.getEncoded());
            return out.toByteArray();
        } catch (java.io.IOException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the attestation authority", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * The chain for an attested key, leaf first, ending with this root; random draws the serial number and the
     * signature's nonce (the VM's seeded source in deterministic mode).
     */
    public List<byte[]> attest(PublicKey attested, byte[] challenge, boolean vmSecure, List<VmComponent> components,
                               SecureRandom random) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(random),
                    certificate.getNotBefore(), certificate.getNotAfter(), new X500Name(LEAF_SUBJECT), attested);
            b.addExtension(AttestationExtension.OID, false,
                    AttestationExtension.encode(challenge, vmSecure, components));
            List<byte[]> chain = new ArrayList<>();
            chain.add(sign(b, key, random).getEncoded());
            chain.add(certificate.getEncoded());
            return chain;
        } catch (CertIOException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot build the attestation certificate", e);
        }
    }

    /** A fresh EC P-256 key pair drawn from random. */
    public static KeyPair newP256KeyPair(SecureRandom random) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), random);
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is missing from this JDK", e);
        }
    }

    /** 16 random bytes, positive, as AVF's service VM numbers its certificates. */
    private static BigInteger serial(SecureRandom random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[0] &= 0x7f;
        return new BigInteger(1, b);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key, SecureRandom random) {
        try {
            return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").setSecureRandom(random).build(key)));
        } catch (OperatorCreationException | java.security.cert.CertificateException e) {
            throw new IllegalStateException("cannot sign an attestation certificate", e);
        }
    }
}
