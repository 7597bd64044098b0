package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
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
import org.mdemu.fixtures.AarPayloadApk;
import org.mdemu.fixtures.OutputCollector;
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
        return runWithAarLibrary(aarName, library, payload, 0);
    }

    /** The same, giving the VM encrypted storage of {@code storageBytes} when not 0. */
    private GuestRun runWithAarLibrary(String aarName, String library, String payload, long storageBytes)
            throws Exception {
        return run(AarPayloadApk.write(Fixtures.root(), Path.of("target/ndk").resolve(aarName), library, payload,
                dir.resolve(payload + ".apk")), payload, storageBytes);
    }

    private GuestRun run(Path apk, String payload, long storageBytes) throws Exception {
        VirtualMachineConfig.Builder config = new VirtualMachineConfig.Builder()
                .setApkPath(apk).setPayloadBinaryName("lib" + payload + ".so")
                .setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL).setVmOutputCaptured(true);
        if (storageBytes > 0) config.setEncryptedStorageBytes(storageBytes);
        VirtualMachine vm = new VirtualMachineManager(dir.resolve("vms")).create(payload, config.build());
        RecordingCallback callback = new RecordingCallback();
        vm.setCallback(Runnable::run, callback);
        vm.run();
        CompletableFuture<String> console = OutputCollector.collect(vm.getConsoleOutput());
        CompletableFuture<String> log = OutputCollector.collect(vm.getLogOutput());
        callback.awaitStopped();
        String out = console.get(), logged = log.get();
        // A crash's tombstone goes to the log: show it with the console when a test fails.
        return new GuestRun(callback.exitCode == null || callback.exitCode != 0 ? out + "\n--- log ---\n" + logged : out,
                callback.exitCode == null ? -1 : callback.exitCode);
    }

    @Test
    void everyNdkLibraryFromMavenCentralLoadsInTheGuestSaveThoseNeedingAndroidsUiLibraries() throws Exception {
        Map<String, byte[]> libraries = new TreeMap<>();
        try (Stream<Path> aars = Files.list(Path.of("target/ndk"))) {
            for (Path aar : aars.filter(p -> p.toString().endsWith(".aar")).toList()) {
                libraries.putAll(AarPayloadApk.libraries(aar));
            }
        }
        assertThat(libraries).hasSize(11);
        GuestRun run = run(AarPayloadApk.write(Fixtures.root(), libraries, "ndk_link", dir.resolve("ndk_link.apk")),
                "ndk_link", 0);
        String out = run.console();
        assertThat(run.exitCode()).as(out).isZero();
        for (String name : libraries.keySet()) {
            switch (name) {
                case "libfbjni.so" -> assertThat(out).contains("dlopen libfbjni.so: failed: dlopen failed: "
                        + "library \"libandroid.so\" not found: needed by libfbjni.so");
                case "libpl_droidsonroids_gif.so" -> assertThat(out).containsPattern(
                        "dlopen libpl_droidsonroids_gif.so: failed: dlopen failed: library \"lib(jnigraphics|android|GLESv2).so\" not found");
                default -> assertThat(out).as(out).contains("dlopen " + name + ": ok\n");
            }
        }
        assertThat(out).contains("libraries=11 failed=2\n");
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

    @Test
    void tensorFlowLiteFromItsAarRunsAModelWithOneAndTwoThreadsAsJavaComputesIt() throws Exception {
        GuestRun run = runWithAarLibrary("tensorflow-lite-2.16.1.aar", "libtensorflowlite_jni.so", "tflite_user");
        String out = run.console();
        assertThat(run.exitCode()).as(out).isZero();
        assertThat(out).contains("tflite version=2.16.1\n").doesNotContain("tflite error")
                .contains("threads=1 inputs=1 input=x[1,16] 64 bytes output=y[1,8] 32 bytes\n")
                .contains("threads=2 inputs=1 input=x[1,16] 64 bytes output=y[1,8] 32 bytes\n")
                .contains("tflite done failures=0\n");
        for (int threads = 1; threads <= 2; threads++) {
            for (int which = 0; which < 2; which++) {
                Matcher m = Pattern.compile("(?m)^threads=" + threads + " y" + which + "=(.*)$").matcher(out);
                assertThat(m.find()).as(out).isTrue();
                double[] guest = Arrays.stream(m.group(1).split(",")).mapToDouble(Double::parseDouble).toArray();
                double[] host = tfliteModel(which);
                assertThat(guest).as("threads=%d input %d", threads, which).hasSize(host.length);
                for (int i = 0; i < host.length; i++) {
                    assertThat(guest[i]).as("threads=%d input %d output %d", threads, which, i)
                            .isCloseTo(host[i], org.assertj.core.api.Assertions.within(1e-6));
                }
            }
        }
    }

    @Test
    void objectBoxFromItsAarStoresQueriesAndReopensADatabaseOnEncryptedStorage() throws Exception {
        GuestRun run = runWithAarLibrary("objectbox-android-4.0.3.aar", "libobjectbox-jni.so", "objectbox_user", 16 << 20);
        String out = run.console();
        assertThat(run.exitCode()).as(out).isZero();
        // 200 notes (id i, text "note i", value 3i); ids 1, 21, ..., 181 removed: 190 left, values 3 * (20100 - 910).
        assertThat(out).contains("objectbox version=")
                .contains("put ids=1..200 commit=0\n")
                .contains("get 42: err=0 id=42 text=note 42 value=126\n")
                .contains("get missing: err=404\n")
                .contains("before close count=190 all=190 sum=57570 ids=19190 texts_ok=190\n")
                .contains("after reopen count=190 all=190 sum=57570 ids=19190 texts_ok=190\n")
                .contains("objectbox done\n");
        assertThat(out.lines().filter(l -> l.equals("close=0"))).hasSize(2);
    }

    @Test
    void mmkvFromItsAarKeepsPlainSharedAndEncryptedValuesAcrossAReopen() throws Exception {
        GuestRun run = runWithAarLibrary("mmkv-1.3.9.aar", "libmmkv.so", "mmkv_user", 16 << 20);
        String out = run.console();
        assertThat(run.exitCode()).as(out).isZero();
        // k0..k999 = i * i * 1000003 with every tenth removed: 900 keys; plus int, double, bool, bytes, counter.
        long sum = 0;
        for (long i = 0; i < 1000; i++) if (i % 10 != 0) sum += i * i * 1000003L;
        assertThat(out).contains("mmkv version=v1.3.9\n").contains("mmkv done\n")
                .contains("secret wrong key: int=0\n"); // the CRC of what a wrong key decrypts fails: discarded
        for (String kind : List.of("plain", "shared", "secret")) {
            for (String when : List.of("written", "reopened")) {
                assertThat(out).contains(kind + " " + when + ": count=905 present=900 sum=" + sum
                        + " int=-123456 double=3.25e-07 bool=1 counter=4 missing=77 bytes=bytes of " + kind
                        + ": mdemu runs MMKV from Maven Central\n");
            }
            assertThat(out).contains(kind + " file grew=1\n");
        }
    }

    /** tests/payloads/tflite/gen_model.py's model, logistic(relu(W x + b)), on tflite_user.c's inputs. */
    private static double[] tfliteModel(int which) {
        int in = 16, out = 8;
        double[] y = new double[out];
        for (int i = 0; i < out; i++) {
            double sum = (i - 4) * 0.25;
            for (int j = 0; j < in; j++) {
                float x = which == 0 ? (j % 5 - 2) * 0.5f : (j % 3) * 0.75f - j * 0.0625f;
                sum += ((i * in + j) % 7 - 3) * 0.125 * x;
            }
            y[i] = 1 / (1 + Math.exp(-Math.max(sum, 0)));
        }
        return y;
    }

    @Test
    void sqlcipherFromItsAarAnswersOnEncryptedStorageAsTheHostsSqliteAndEncryptsAsJavaCryptoDecrypts() throws Exception {
        GuestRun run = runWithAarLibrary("sqlcipher-android-4.6.1.aar", "libsqlcipher.so", "sqlite_user", 4 << 20);
        String out = run.console();
        assertThat(run.exitCode()).as(out).isZero();
        assertThat(out).contains("sqlite version=3.46.1 storage=/mnt/encryptedstore\n").contains("sqlite done\n");

        List<String> guest = out.lines().takeWhile(l -> !l.startsWith("file size="))
                .filter(l -> l.matches("(exec|insert|query|row): .*|end")).toList();
        assertThat(guest.stream().filter(l -> l.startsWith("query: "))).as(out).hasSize(10);
        assertThat(guest).containsExactlyElementsOf(SqliteReplay.replay(guest, dir.resolve("host.db")));
        assertThat(out).contains("row: 1980|1980630\n", "row: ok\n");

        // SQLCipher's part: a keyed database whose file holds no plaintext, and whose first page Java crypto decrypts.
        assertThat(out).contains("query: PRAGMA cipher_version\nrow: 4.6.1 community\nend\n")
                .contains("wrong key: 26 file is not a database\n")
                .contains("query: SELECT words FROM secret ORDER BY id\nrow: the eagle lands at midnight\nrow: top secret\nend\n")
                .contains("cipher plain_header=0 plaintext_found=0\n");
        Matcher m = Pattern.compile("page1=([0-9a-f]{8192})\n").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        byte[] page = HexFormat.of().parseHex(m.group(1));
        byte[] plain = SqlcipherPage.decryptFirstPage(page, "correct horse battery staple", 4000);
        // The database header from offset 16 on: page size 4096, format versions 1 and 1, SQLCipher's 80 reserved bytes.
        assertThat(plain[0] & 0xff).isEqualTo(0x10);
        assertThat(plain[1]).isZero();
        assertThat(plain[2]).isEqualTo((byte) 1);
        assertThat(plain[3]).isEqualTo((byte) 1);
        assertThat(plain[4] & 0xff).isEqualTo(80);
        assertThat(new String(plain, StandardCharsets.ISO_8859_1))
                .contains("CREATE TABLE secret(id INTEGER PRIMARY KEY, words TEXT)");
    }

    @Test
    void boringsslInsideConscryptsAarComputesInTheGuestWhatJavaCryptoComputesOnTheHost() throws Exception {
        GuestRun run = runWithAarLibrary("conscrypt-android-2.5.2.aar", "libconscrypt_jni.so", "boringssl_user");
        String out = run.console();
        assertThat(run.exitCode()).as(out).isZero();
        assertThat(out).contains("boringssl version=BoringSSL\n")
                .contains("aes128gcm_open=1 tampered=0\n", "aes256gcm_open=1 tampered=0\n",
                        "chacha20poly1305_open=1 tampered=0\n", "ed25519_verify=1 forged=0\n", "x25519_agree=1\n",
                        "p256_verify=1 forged=0 max_size=72\n", "random=1 differs=1\n", "boringssl done\n");
        Map<String, String> guest = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^([a-z0-9_]+)=([0-9a-f]{16,})$").matcher(out);
        while (m.find()) guest.put(m.group(1), m.group(2));
        String signature = guest.remove("p256_signature");
        assertThat(guest).as(out).containsExactlyInAnyOrderEntriesOf(HostCrypto.boringsslPayloadResults());
        // ECDSA signatures are randomised: Java verifies the guest's with the public key it derives from the scalar.
        assertThat(HostCrypto.verifyP256(HexFormat.of().parseHex(signature))).isTrue();
    }

    @Test
    void openblasFromBytedecosAndroidJarMultipliesOnFourThreadsAndSolvesExactlyAsTheHostComputes() throws Exception {
        GuestRun run = runWithAarLibrary("openblas-0.3.31-1.5.13-android-arm64.jar", "libopenblas.so", "openblas_user");
        String out = run.console();
        assertThat(run.exitCode()).as(out).isZero();
        assertThat(out).contains("openblas config=OpenBLAS 0.3.31 ")
                .contains("dgemm256x4 threads=4 ", "dgesv n=120 info=0 maxerr_ok=1\n", "dpotrf n=100 info=0 maxerr_ok=1\n",
                        "dsyev n=60 info=0 eigenvalues_ok=1 orthonormal_ok=1\n", "openblas done\n");
        HostNumerics.openblasResults().forEach((what, expected) ->
                assertThat(out).as(what).contains(what + (what.equals("ddot") ? "=" : " ") + expected + "\n"));
    }

    @Test
    void openCvCoreAndImgprocFromBytedecosAndroidJarComputeThroughTheirCApiAsTheHostDoes() throws Exception {
        Path jar = Path.of("target/ndk/opencv-4.13.0-1.5.13-android-arm64.jar");
        Map<String, byte[]> libraries = Map.of("libopencv_core.so", AarPayloadApk.library(jar, "libopencv_core.so"),
                "libopencv_imgproc.so", AarPayloadApk.library(jar, "libopencv_imgproc.so"));
        GuestRun run = run(AarPayloadApk.write(Fixtures.root(), libraries, "opencv_user", dir.resolve("opencv_user.apk")),
                "opencv_user", 0);
        String out = run.console();
        assertThat(run.exitCode()).as(out).isZero();
        // NEON found from the auxiliary vector; two threads is OpenCV's default on Android whatever the CPU count.
        assertThat(out).contains("opencv neon=1 threads=2\n", "solve lu ok=1 maxerr_ok=1\n", "solve svd ok=1 maxerr_ok=1\n",
                "solve cholesky ok=1 maxerr_ok=1\n", "solve qr ok=1 maxerr_ok=1\n", "invert identity_ok=1\n",
                "det=362880\n", "svd singular_values_ok=1\n", "dft spectrum_ok=1 round_trip_ok=1\n", "opencv done\n");
        HostNumerics.opencvResults().forEach((what, expected) ->
                assertThat(out).as(what).contains(what + (what.equals("sum") ? "" : " ") + expected + "\n"));
    }

    @Test
    void ffmpegsLibavutilFromBytedecosAndroidJarHashesEncryptsAndTransformsAsTheJdkDoes() throws Exception {
        Path jar = Path.of("target/ndk/ffmpeg-8.0.1-1.5.13-android-arm64.jar");
        GuestRun run = run(AarPayloadApk.write(Fixtures.root(), Map.of("libavutil.so", AarPayloadApk.library(jar, "libavutil.so")),
                "ffmpeg_user", dir.resolve("ffmpeg_user.apk")), "ffmpeg_user", 0);
        String out = run.console();
        assertThat(run.exitCode()).as(out).isZero();
        // libavutil finds NEON and ARMv8 in AT_HWCAP; its FFT is FFmpeg's own NEON assembly.
        assertThat(out).contains("ffmpeg version=8.0.1 neon=1 armv8=1\n", "fft spectrum_ok=1\n", "ffmpeg done\n");
        byte[] data = new byte[10000];
        int state = 61;
        for (int i = 0; i < data.length; i++) {
            state = state * 1103515245 + 12345;
            data[i] = (byte) (state >>> 16);
        }
        HexFormat hex = HexFormat.of();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        adler.update(data);
        byte[] key = new byte[16];
        for (int i = 0; i < 16; i++) key[i] = (byte) (i * 17 + 1);
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"));
        assertThat(out).contains(
                "md5=" + hex.formatHex(java.security.MessageDigest.getInstance("MD5").digest(data)) + "\n",
                "sha1=" + hex.formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(data)) + "\n",
                "sha256=" + hex.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data)) + "\n",
                "sha512=" + hex.formatHex(java.security.MessageDigest.getInstance("SHA-512").digest(data)) + "\n",
                String.format("crc32=%08x\n", crc.getValue()), String.format("adler32=%08x\n", adler.getValue()),
                "base64=" + java.util.Base64.getEncoder().encodeToString(Arrays.copyOf(data, 40)) + "\n",
                "aes128_ecb=" + hex.formatHex(aes.doFinal(Arrays.copyOf(data, 64))) + "\n");
    }

    @Test
    void libffiInsideJnasAarCallsAndIsCalledByGuestCodeWithEveryArgumentWhereTheAbiPutsIt() throws Exception {
        GuestRun run = runWithAarLibrary("jna-5.14.0.aar", "libjnidispatch.so", "ffi_user");
        String out = run.console();
        assertThat(run.exitCode()).as(out).isZero();

        // many(): what ffi_call passed (x0-x7, d0-d7, then the stack) is what the callee received, twice (ffi, direct).
        byte a = -5, r = 127;
        int b = 60000, c = -123456, n = Integer.MAX_VALUE, s = Integer.MIN_VALUE;
        long d = -(1L << 40) - 3, o = 1L << 52, u = -9007199254740991L;
        float e = 0.5f, p = -3.0e-5f;
        double f = 1.25, g = -2.5, h = 3.75, i = 1e100, j = -0.125, k = 6.0, l = 7.5e-300, m2 = -8.0, q = 0.1;
        double unsignedMax = 0x1p64; // (double) UINT64_MAX
        List<String> lines = Pattern.compile("many received: (.*)\n").matcher(out).results().map(x -> x.group(1)).toList();
        assertThat(lines).as(out).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(lines.get(1));
        String[] v = lines.get(0).split(" ");
        assertThat(v).hasSize(21);
        long[] ints = {a, b, c, d};
        for (int x = 0; x < 4; x++) assertThat(Long.parseLong(v[x])).as("argument %d", x).isEqualTo(ints[x]);
        double[] fps = {e, f, g, h, i, j, k, l, m2};
        for (int x = 0; x < 9; x++) assertThat(Double.parseDouble(v[4 + x])).as("argument %d", 4 + x).isEqualTo(fps[x]);
        assertThat(Long.parseLong(v[13])).isEqualTo(n);
        assertThat(Long.parseLong(v[14])).isEqualTo(o);
        assertThat(Double.parseDouble(v[15])).isEqualTo((double) p);
        assertThat(Double.parseDouble(v[16])).isEqualTo(q);
        assertThat(Long.parseLong(v[17])).isEqualTo(r);
        assertThat(Long.parseLong(v[18])).isEqualTo(s);
        assertThat(v[19]).isEqualTo(Long.toUnsignedString(-1L));
        assertThat(Long.parseLong(v[20])).isEqualTo(u);
        double sum = a + b + c;
        for (double x : new double[] {d, e, f, g, h, i, j, k, l, m2, n, o, p, q, r, s, unsignedMax, u}) sum += x;
        Matcher returned = Pattern.compile("many returned: (\\S+) direct: (\\S+)\n").matcher(out);
        assertThat(returned.find()).as(out).isTrue();
        assertThat(Double.parseDouble(returned.group(1))).isEqualTo(sum);
        assertThat(Double.parseDouble(returned.group(2))).isEqualTo(sum);

        int seed = 1000003;
        assertThat(out).contains(String.format("small: %d %d %d size=8 align=4%n", (byte) (seed & 0x7f),
                (short) (seed * 3), seed * -7))
                .contains("hfa: -1.875 1.75 3.25\n")
                .contains(String.format("big: %d %d %d size=24%n", (1L << 40) + 77, -12345L * 77, 999 - 77));
        String text = String.format("%d|%s|%.3f|%d", -42, "ffi", 3.14159, 1L << 60);
        assertThat(out).contains("snprintf: " + text.length() + " [" + text + "]\n");

        int[] numbers = new int[64];
        for (int z = 0; z < 64; z++) numbers[z] = (z * 7919 + 13) % 1009 - 500;
        Arrays.sort(numbers);
        assertThat(out).contains("qsort sorted=1 first=" + numbers[0] + " last=" + numbers[63] + " compared=1\n")
                .contains("closure dot: " + (long) (1.5 * -4.0 + 0.25 * 1000) + "\n")
                .contains("ffi_call of a closure: 3.5\n", "ffi done\n");
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
