package org.mdemu.guest.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.junit.jupiter.api.Test;

class AttestationAuthorityTest {
    @Test
    void leafIsSignedByTheRootAndCarriesChallengeSecurityAndComponents() throws Exception {
        AttestationAuthority root = AttestationAuthority.decode(AttestationAuthority.create("test root").encoded());
        KeyPair attested = AttestationAuthority.newP256KeyPair(new java.security.SecureRandom());
        List<byte[]> chain = root.attest(attested.getPublic(), new byte[] {1, 2, 3}, true,
                List.of(new VmComponent("apk:com.example", 7, new byte[] {9}, new byte[] {8})),
                new java.security.SecureRandom());
        CertificateFactory f = CertificateFactory.getInstance("X.509");
        X509Certificate leaf = (X509Certificate) f.generateCertificate(new ByteArrayInputStream(chain.get(0)));
        leaf.verify(root.certificate().getPublicKey());
        assertThat(chain.get(1)).isEqualTo(root.certificate().getEncoded());
        assertThat(leaf.getPublicKey()).isEqualTo(attested.getPublic());

        ASN1Sequence ext = ASN1Sequence.getInstance(ASN1OctetString.getInstance(
                leaf.getExtensionValue("1.3.6.1.4.1.11129.2.1.29.1")).getOctets());
        assertThat(ASN1OctetString.getInstance(ext.getObjectAt(0)).getOctets()).containsExactly(1, 2, 3);
        assertThat(ASN1Boolean.getInstance(ext.getObjectAt(1)).isTrue()).isTrue();
        ASN1Sequence component = ASN1Sequence.getInstance(ASN1Sequence.getInstance(ext.getObjectAt(2)).getObjectAt(0));
        assertThat(ASN1UTF8String.getInstance(component.getObjectAt(0)).getString()).isEqualTo("apk:com.example");
        assertThat(ASN1Integer.getInstance(component.getObjectAt(1)).getValue().intValue()).isEqualTo(7);
        assertThat(ASN1OctetString.getInstance(component.getObjectAt(2)).getOctets()).containsExactly(9);
        assertThat(ASN1OctetString.getInstance(component.getObjectAt(3)).getOctets()).containsExactly(8);
    }

    @Test
    void attestedKeyEncodesRfc5915AndSignsEcdsaSha256() throws Exception {
        AttestedKey key = new AttestedKey(AttestationAuthority.newP256KeyPair(new java.security.SecureRandom()), new java.security.SecureRandom());
        ECPrivateKey der = ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(key.ecPrivateKeyDer()));
        assertThat(der.getKey()).isEqualTo(((java.security.interfaces.ECPrivateKey) key.pair().getPrivate()).getS());
        assertThat(der.getParametersObject().toString()).isEqualTo("1.2.840.10045.3.1.7");
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(key.pair().getPublic());
        v.update(new byte[] {4, 5});
        assertThat(v.verify(key.sign(new byte[] {4, 5}))).isTrue();
    }
}
