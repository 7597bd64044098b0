package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.fixtures.ApkBuilder;
import org.mdemu.fixtures.FixtureBuilder;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * Real NDK-built arm64 libraries from Maven Central (Android AARs, copied by the maven-dependency-plugin) load and
 * link in the guest, and a payload's calls into them give exactly what the same algorithms compute on the host JVM.
 */
class RealNdkLibraryTest {
    private static final String ZSTD = "libzstd-jni-1.5.6-3.so";

    @TempDir
    Path dir;

    /** What the payload printed and the exit code it finished with. */
    private record GuestRun(String console, int exitCode) {}

    /** Packages the payload fixture with the library taken from the AAR's jni/arm64-v8a into a signed APK and runs it. */
    private GuestRun runWithAarLibrary(String aarName, String library, String payload) throws Exception {
        Path aar = Path.of("target/ndk").resolve(aarName);
        assertThat(aar).as("AAR copied by the maven-dependency-plugin").exists();
        byte[] so;
        try (ZipFile zip = new ZipFile(aar.toFile())) {
            so = zip.getInputStream(zip.getEntry("jni/arm64-v8a/" + library)).readAllBytes();
        }
        Path root = Fixtures.root();
        Path apk = dir.resolve(payload + ".apk");
        FixtureBuilder.Signing signing = FixtureBuilder.Signing.load(root.resolve("tests/fixtures/keys"), "debug");
        new ApkBuilder().manifest("org.mdemu.test." + payload, 1)
                .entry("lib/arm64-v8a/lib" + payload + ".so",
                        Files.readAllBytes(root.resolve("tests/fixtures/lib/arm64-v8a/lib" + payload + ".so")))
                .entry("lib/arm64-v8a/" + library, so)
                .writeSigned(apk, signing.key(), signing.certificate());

        VirtualMachine vm = new VirtualMachineManager(dir.resolve("vms")).create(payload, new VirtualMachineConfig.Builder()
                .setApkPath(apk).setPayloadBinaryName("lib" + payload + ".so")
                .setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL).setVmOutputCaptured(true).build());
        RecordingCallback callback = new RecordingCallback();
        vm.setCallback(Runnable::run, callback);
        vm.run();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (var in = vm.getConsoleOutput()) {
            in.transferTo(console);
        }
        callback.awaitStopped();
        return new GuestRun(console.toString(StandardCharsets.UTF_8), callback.exitCode);
    }

    @Test
    void zstdFromItsAndroidAarCompressesInTheGuestLikeOnTheHost() throws Exception {
        GuestRun run = runWithAarLibrary("zstd-jni-1.5.6-3.aar", ZSTD, "zstd_user");
        String out = run.console();
        assertThat(run.exitCode()).as(out).isZero();

        byte[] input = new byte[65536];
        byte[] letters = "abcdefghij".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < input.length; i++) input[i] = letters[(i / 3 + i % 7) % 10];
        byte[] packed = Zstd.compress(input, 3);
        int fnv = 0x811c9dc5;
        for (byte b : packed) fnv = (fnv ^ (b & 0xff)) * 16777619;
        Matcher m = Pattern.compile("zstd version=(\\d+) bound=(\\d+) compressed=(\\d+) fnv=([0-9a-f]{8}) roundtrip=ok")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        String[] v = com.github.luben.zstd.util.ZstdVersion.VERSION.split("[.-]");
        long hostVersion = Long.parseLong(v[0]) * 10000 + Long.parseLong(v[1]) * 100 + Long.parseLong(v[2]);
        assertThat(Long.parseLong(m.group(1))).isEqualTo(hostVersion);
        assertThat(Long.parseLong(m.group(2))).isEqualTo(Zstd.compressBound(input.length));
        assertThat(Long.parseLong(m.group(3))).isEqualTo(packed.length);
        assertThat(m.group(4)).isEqualTo(String.format("%08x", fnv));
    }

    @Test
    void libsodiumFromLazysodiumsAarComputesInTheGuestWhatBouncyCastleComputesOnTheHost() throws Exception {
        GuestRun run = runWithAarLibrary("lazysodium-android-5.0.2.aar", "libsodium.so", "sodium_user");
        String out = run.console();
        assertThat(run.exitCode()).as(out).isZero();
        assertThat(out).contains("sodium init=0 version=1.0.18\n")
                .contains("ed25519_verify=0 forged=-1\n")
                .contains("x25519_agree=1\n")
                .contains("chacha20poly1305_open=1 tampered=-1\n")
                .contains("guarded=1 mlock=0 munlock=0 wiped=1 random_differs=1\n");

        Map<String, String> guest = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^([a-z0-9_]+)=([0-9a-f]{16,})$").matcher(out);
        while (m.find()) guest.put(m.group(1), m.group(2));
        assertThat(guest).as(out).containsExactlyInAnyOrderEntriesOf(hostSodiumResults());
    }

    /** The payload's computations (same fixed inputs as sodium_user.c), done by BouncyCastle. */
    private static Map<String, String> hostSodiumResults() throws Exception {
        byte[] message = "mdemu runs libsodium from Maven Central".getBytes(StandardCharsets.US_ASCII);
        byte[] key = fill(32, 1, 0x40), seed = fill(32, 7, 1), nonce12 = fill(12, 1, 0x20),
                nonce24 = fill(24, 1, 0x60), salt = fill(16, 1, 0x10), sipKey = fill(16, 3, 2),
                aSecret = fill(32, 3, 5), bSecret = fill(32, 255, 254);
        Map<String, String> r = new LinkedHashMap<>();
        r.put("sha256", hex(digest(new SHA256Digest(), message)));
        r.put("sha512", hex(digest(new SHA512Digest(), message)));
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        hmac.update(message, 0, message.length);
        byte[] mac = new byte[32];
        hmac.doFinal(mac, 0);
        r.put("hmacsha256", hex(mac));
        r.put("blake2b", hex(digest(new Blake2bDigest(key, 32, null, null), message)));
        SipHash sip = new SipHash(2, 4);
        sip.init(new KeyParameter(sipKey));
        sip.update(message, 0, message.length);
        byte[] shortHash = new byte[8];
        sip.doFinal(shortHash, 0);
        r.put("siphash24", hex(shortHash));

        Ed25519PrivateKeyParameters signing = new Ed25519PrivateKeyParameters(seed, 0);
        r.put("ed25519_pk", hex(signing.generatePublicKey().getEncoded()));
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, signing);
        signer.update(message, 0, message.length);
        r.put("ed25519_sig", hex(signer.generateSignature()));

        X25519PrivateKeyParameters a = new X25519PrivateKeyParameters(aSecret, 0);
        X25519PrivateKeyParameters b = new X25519PrivateKeyParameters(bSecret, 0);
        r.put("x25519_public", hex(a.generatePublicKey().getEncoded()));
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(a);
        byte[] shared = new byte[32];
        agreement.calculateAgreement(b.generatePublicKey(), shared, 0);
        r.put("x25519_shared", hex(shared));

        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(true, new AEADParameters(new KeyParameter(key), 128, nonce12,
                "header".getBytes(StandardCharsets.US_ASCII)));
        byte[] sealed = new byte[aead.getOutputSize(message.length)];
        int n = aead.processBytes(message, 0, message.length, sealed, 0);
        aead.doFinal(sealed, n);
        r.put("chacha20poly1305", hex(sealed));

        r.put("xsalsa20poly1305", hex(secretbox(message, nonce24, key)));

        Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
        argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(2).withMemoryAsKB(64).withParallelism(1).withSalt(salt).build());
        byte[] derived = new byte[32];
        argon2.generateBytes("correct horse battery staple".getBytes(StandardCharsets.US_ASCII), derived);
        r.put("argon2id", hex(derived));
        return r;
    }

    /** NaCl's crypto_secretbox: XSalsa20 keystream, its first 32 bytes keying Poly1305; output is tag || cipher. */
    private static byte[] secretbox(byte[] message, byte[] nonce, byte[] key) {
        XSalsa20Engine stream = new XSalsa20Engine();
        stream.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] polyKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, polyKey, 0);
        byte[] box = new byte[16 + message.length];
        stream.processBytes(message, 0, message.length, box, 16);
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(polyKey));
        poly.update(box, 16, message.length);
        poly.doFinal(box, 0);
        return box;
    }

    private static byte[] fill(int length, int mul, int add) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (i * mul + add);
        return b;
    }

    private static byte[] digest(Digest d, byte[] input) {
        d.update(input, 0, input.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
