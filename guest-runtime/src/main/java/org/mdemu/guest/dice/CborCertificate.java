package org.mdemu.guest.dice;

import com.upokecenter.cbor.CBORObject;
import java.util.HexFormat;

/**
 * A DICE certificate in the Open Profile's CBOR form: a COSE_Sign1 (EdDSA) over a CWT whose claims carry the
 * layer's measurements and its subject public key as a COSE_Key. Labels are the Open Profile's.
 */
public final class CborCertificate {
    public static final int ISSUER = 1;
    public static final int SUBJECT = 2;
    public static final int CODE_HASH = -4670545;
    public static final int CONFIG_HASH = -4670547;
    public static final int CONFIG_DESCRIPTOR = -4670548;
    public static final int AUTHORITY_HASH = -4670549;
    public static final int MODE = -4670551;
    public static final int SUBJECT_PUBLIC_KEY = -4670552;
    public static final int KEY_USAGE = -4670553;

    private static final int COSE_ALG = 1;
    private static final int COSE_ALG_EDDSA = -8;
    /** RFC 5280 keyCertSign bit, as one byte. */
    private static final byte KEY_USAGE_CERT_SIGN = 32;

    private CborCertificate() {}

    /** The certificate of the subject key (seed) issued by the authority key (seed) for these inputs, encoded. */
    static byte[] issue(byte[] subjectSeed, byte[] authoritySeed, DiceInputs inputs) {
        byte[] subjectKey = OpenDice.publicKey(subjectSeed);
        CBORObject cwt = CBORObject.NewOrderedMap();
        cwt.Add(ISSUER, HexFormat.of().formatHex(OpenDice.certificateId(OpenDice.publicKey(authoritySeed))));
        cwt.Add(SUBJECT, HexFormat.of().formatHex(OpenDice.certificateId(subjectKey)));
        cwt.Add(CODE_HASH, inputs.codeHash());
        cwt.Add(CONFIG_DESCRIPTOR, inputs.configDescriptor());
        cwt.Add(CONFIG_HASH, OpenDice.hash(inputs.configDescriptor()));
        cwt.Add(AUTHORITY_HASH, inputs.authorityHash());
        cwt.Add(MODE, new byte[] {(byte) inputs.mode()});
        cwt.Add(SUBJECT_PUBLIC_KEY, coseKey(subjectKey).EncodeToBytes());
        cwt.Add(KEY_USAGE, new byte[] {KEY_USAGE_CERT_SIGN});
        return sign1(cwt.EncodeToBytes(), authoritySeed);
    }

    /** An Ed25519 public key as a COSE_Key map (OKP, EdDSA, verify). */
    public static CBORObject coseKey(byte[] publicKey) {
        CBORObject key = CBORObject.NewOrderedMap();
        key.Add(1, 1);              // kty: OKP
        key.Add(3, COSE_ALG_EDDSA); // alg
        key.Add(4, CBORObject.NewArray().Add(2)); // key_ops: verify
        key.Add(-1, 6);             // crv: Ed25519
        key.Add(-2, publicKey);     // x
        return key;
    }

    private static byte[] sign1(byte[] payload, byte[] authoritySeed) {
        byte[] protectedHeader = CBORObject.NewOrderedMap().Add(COSE_ALG, COSE_ALG_EDDSA).EncodeToBytes();
        byte[] signature = OpenDice.sign(authoritySeed, toBeSigned(protectedHeader, payload));
        return CBORObject.NewArray().Add(protectedHeader).Add(CBORObject.NewMap()).Add(payload).Add(signature)
                .EncodeToBytes();
    }

    /** The Sig_structure of a COSE_Sign1 with no external data (RFC 9052 section 4.4). */
    public static byte[] toBeSigned(byte[] protectedHeader, byte[] payload) {
        return CBORObject.NewArray().Add("Signature1").Add(protectedHeader).Add(new byte[0]).Add(payload)
                .EncodeToBytes();
    }
}
