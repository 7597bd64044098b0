package org.mdemu.guest.attestation;

import java.io.IOException;
import java.util.List;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;

/**
 * AVF's VM attestation certificate extension (the service VM's AttestationExtension):
 * <pre>
 * AttestationExtension ::= SEQUENCE {
 *     attestationChallenge  OCTET STRING,
 *     isVmSecure            BOOLEAN,
 *     vmComponents          SEQUENCE OF VmComponent }
 * VmComponent ::= SEQUENCE {
 *     name             UTF8String,
 *     securityVersion  INTEGER,
 *     codeHash         OCTET STRING,
 *     authorityHash    OCTET STRING }
 * </pre>
 */
public final class AttestationExtension {
    /** The protected VM remote attestation extension, version 1. */
    public static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.1.29.1");

    private AttestationExtension() {}

    /** The DER encoding of the extension's value. */
    public static byte[] encode(byte[] challenge, boolean vmSecure, List<VmComponent> components) {
        ASN1EncodableVector list = new ASN1EncodableVector();
        for (VmComponent c : components) {
            list.add(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new DERUTF8String(c.name()),
                    new ASN1Integer(c.securityVersion()), new DEROctetString(c.codeHash()),
                    new DEROctetString(c.authorityHash())}));
        }
        DERSequence extension = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                new DEROctetString(challenge), ASN1Boolean.getInstance(vmSecure), new DERSequence(list)});
        try {
            return extension.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the attestation extension", e);
        }
    }
}
