package org.mdemu.guest.dice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.upokecenter.cbor.CBORObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.identity.PayloadIdentity;

class MicrodroidDiceTest {
    private static final byte[] UDS = filled(32, 7);

    private static byte[] filled(int size, int value) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static MicrodroidDice.Payload payload(String signer, int instance) {
        PayloadIdentity id = new PayloadIdentity("com.example.app", 3,
                List.of(signer.getBytes(StandardCharsets.US_ASCII)), filled(64, instance), false);
        return new MicrodroidDice.Payload(id, filled(32, 9), null, "libapp.so");
    }

    private static byte[] seal(String signer, int instance, boolean debug, boolean protectedVm) {
        return MicrodroidDice.derive(UDS, payload(signer, instance), debug, protectedVm).cdiSeal();
    }

    @Test
    void sealingCdiIsStableAndBoundToInstanceSignerModeAndDevice() {
        byte[] seal = seal("signer A", 1, false, false);
        assertThat(seal("signer A", 1, false, false)).isEqualTo(seal);
        assertThat(seal("signer B", 1, false, false)).isNotEqualTo(seal);
        assertThat(seal("signer A", 2, false, false)).isNotEqualTo(seal);
        assertThat(seal("signer A", 1, true, false)).isNotEqualTo(seal);
        assertThat(seal("signer A", 2, false, true)).isNotEqualTo(seal("signer A", 1, false, true));
        assertThat(MicrodroidDice.derive(filled(32, 8), payload("signer A", 1), false, false).cdiSeal()).isNotEqualTo(seal);
    }

    @Test
    void sealingCdiDoesNotDependOnTheApkBytesButTheAttestationCdiDoes() {
        MicrodroidDice.Payload p = payload("signer A", 1);
        MicrodroidDice.Payload updated = new MicrodroidDice.Payload(p.identity(), filled(32, 10), null, "libapp.so");
        MicrodroidDice.Artifacts a = MicrodroidDice.derive(UDS, p, false, false);
        MicrodroidDice.Artifacts b = MicrodroidDice.derive(UDS, updated, false, false);
        assertThat(b.cdiSeal()).isEqualTo(a.cdiSeal());
        assertThat(b.cdiAttest()).isNotEqualTo(a.cdiAttest());
    }

    @Test
    void chainStartsWithTheUdsKeyAndEachCertificateVerifiesWithTheKeyBeforeIt() {
        MicrodroidDice.Artifacts a = MicrodroidDice.derive(UDS, payload("signer A", 1), true, false);
        CBORObject chain = CBORObject.DecodeFromBytes(a.chain());
        byte[] key = chain.get(0).get(-2).GetByteString();
        assertThat(key).isEqualTo(OpenDice.publicKey(OpenDice.privateKeySeed(UDS)));
        for (int i = 1; i < chain.size(); i++) {
            CBORObject c = chain.get(i);
            byte[] tbs = CborCertificate.toBeSigned(c.get(0).GetByteString(), c.get(2).GetByteString());
            assertThat(OpenDice.verify(key, tbs, c.get(3).GetByteString())).isTrue();
            CBORObject claims = CBORObject.DecodeFromBytes(c.get(2).GetByteString());
            assertThat(claims.get(CborCertificate.ISSUER).AsString())
                    .isEqualTo(HexFormat.of().formatHex(OpenDice.certificateId(key)));
            key = CBORObject.DecodeFromBytes(claims.get(CborCertificate.SUBJECT_PUBLIC_KEY).GetByteString())
                    .get(-2).GetByteString();
        }
        assertThat(key).isEqualTo(OpenDice.publicKey(OpenDice.privateKeySeed(a.cdiAttest())));
        assertThat(a.secure()).isFalse();
    }

    @Test
    void payloadDescriptorNamesTheApkAsAvfFormatsIt() {
        MicrodroidDice.Artifacts a = MicrodroidDice.derive(UDS, payload("signer A", 1), false, false);
        CBORObject chain = CBORObject.DecodeFromBytes(a.chain());
        byte[] descriptor = CBORObject.DecodeFromBytes(chain.get(3).get(2).GetByteString())
                .get(CborCertificate.CONFIG_DESCRIPTOR).GetByteString();
        CBORObject d = CBORObject.DecodeFromBytes(descriptor);
        assertThat(d.get(MicrodroidDice.COMPONENT_NAME).AsString()).isEqualTo("Microdroid payload");
        assertThat(d.get(MicrodroidDice.PAYLOAD_CONFIG).get(1).AsString()).isEqualTo("libapp.so");
        List<MicrodroidDice.Subcomponent> apks = MicrodroidDice.subcomponentsOf(descriptor);
        assertThat(apks).hasSize(1);
        assertThat(apks.get(0).name()).isEqualTo("apk:com.example.app");
        assertThat(apks.get(0).version()).isEqualTo(3);
        assertThat(apks.get(0).authorityHash()).isEqualTo(OpenDice.hash("signer A".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aDeviceSecretOfTheWrongSizeIsRefusedByName() {
        assertThatThrownBy(() -> MicrodroidDice.derive(new byte[16], payload("s", 1), false, false))
                .hasMessageContaining("device secret must be 32 bytes");
    }
}
