package org.mdemu.bench;

import static org.mdemu.bench.GuestRuns.parse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.fixtures.AarPayloadApk;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * Guest time per operation of real NDK libraries from Maven Central (the payloads of RealNdkLibraryTest), on each CPU
 * engine, alternated for 3 rounds (or as many as the second argument says); medians. qemu-aarch64 cannot be the
 * reference here: the libraries are bionic-only. Needs the AARs the tests module copies to tests/target/ndk
 * ({@code mvn -pl tests -am test-compile}). Prints a Markdown table for docs/PERFORMANCE.md.
 * Run: {@code mvn -B -q -pl tests exec:java -Dexec.mainClass=org.mdemu.bench.NdkLibraryBenchmarks -Dexec.args="$PWD [ROUNDS]"}
 */
public final class NdkLibraryBenchmarks {
    private static final int DEFAULT_ROUNDS = 3;

    /** One figure a payload prints: its library, payload, the operation, the regex of its value and its divisor. */
    private record Figure(String aar, String library, String payload, String operation, String regex, double divisor) {
        Figure(String aar, String library, String payload, String operation, String regex) {
            this(aar, library, payload, operation, regex, 1);
        }
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("sqlcipher-android-4.6.1.aar", "libsqlcipher.so", "sqlite_user",
                    "SQLite: bound-parameter INSERT, one row (µs)", "insert_ns_per_row=(\\d+)", 1000),
            new Figure("sqlcipher-android-4.6.1.aar", "libsqlcipher.so", "sqlite_user",
                    "SQLite: the 10 queries (ms)", "queries_ms=(\\d+)"),
            new Figure("sqlcipher-android-4.6.1.aar", "libsqlcipher.so", "sqlite_user",
                    "SQLCipher: keyed create with 4000 PBKDF2 rounds (ms)", "keyed_create_ms=(\\d+)"),
            new Figure("conscrypt-android-2.5.2.aar", "libconscrypt_jni.so", "boringssl_user",
                    "BoringSSL: SHA-256 (ns per byte)", "sha256_ns_per_byte=([\\d.]+)"),
            new Figure("conscrypt-android-2.5.2.aar", "libconscrypt_jni.so", "boringssl_user",
                    "BoringSSL: AES-256-GCM seal (ns per byte)", "aes256gcm_ns_per_byte=([\\d.]+)"),
            new Figure("conscrypt-android-2.5.2.aar", "libconscrypt_jni.so", "boringssl_user",
                    "BoringSSL: P-256 ECDSA sign (µs)", "ecdsa_sign_us=(\\d+)"),
            new Figure("conscrypt-android-2.5.2.aar", "libconscrypt_jni.so", "boringssl_user",
                    "BoringSSL: P-256 ECDSA verify (µs)", "ecdsa_verify_us=(\\d+)"),
            new Figure("jna-5.14.0.aar", "libjnidispatch.so", "ffi_user",
                    "libffi: a call through a closure (ns)", "closure_call_ns=(\\d+)"),
            new Figure("jna-5.14.0.aar", "libjnidispatch.so", "ffi_user",
                    "libffi: ffi_call of a closure (ns)", "ffi_call_ns=(\\d+)"));

    private NdkLibraryBenchmarks() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ROUNDS;
        Path work = Files.createTempDirectory("mdemu-ndk-bench");
        VirtualMachineManager manager = new VirtualMachineManager(work.resolve("instances"));
        Map<String, Path> apks = new LinkedHashMap<>();
        for (Figure f : FIGURES) {
            if (!apks.containsKey(f.payload())) {
                apks.put(f.payload(), AarPayloadApk.write(root, root.resolve("tests/target/ndk").resolve(f.aar()),
                        f.library(), f.payload(), work.resolve(f.payload() + ".apk")));
            }
        }
        Map<String, Map<CpuEngine, List<Double>>> samples = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Path> apk : apks.entrySet()) {
                for (CpuEngine engine : CpuEngine.values()) {
                    String out = GuestRuns.run(manager, engine, apk.getValue(), "lib" + apk.getKey() + ".so",
                            apk.getKey() + round + engine.cliName(), 4 << 20).console();
                    for (Figure f : FIGURES) {
                        if (!f.payload().equals(apk.getKey())) continue;
                        double value = parse(out, f.regex()) / f.divisor();
                        samples.computeIfAbsent(f.operation(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(engine, k -> new ArrayList<>()).add(value);
                    }
                }
            }
        }
        StringBuilder md = new StringBuilder("| operation (guest time) |");
        for (CpuEngine e : CpuEngine.values()) md.append(' ').append(e.cliName()).append(" |");
        md.append(" unicorn1 / unicorn2 |\n|---|").append("---|".repeat(CpuEngine.values().length + 1)).append('\n');
        for (Figure f : FIGURES) {
            Map<CpuEngine, List<Double>> byEngine = samples.get(f.operation());
            md.append("| ").append(f.operation()).append(" |");
            for (CpuEngine e : CpuEngine.values()) md.append(String.format(" %.1f |", GuestRuns.median(byEngine.get(e))));
            md.append(String.format(" %.2f |%n", GuestRuns.median(byEngine.get(CpuEngine.UNICORN1))
                    / GuestRuns.median(byEngine.get(CpuEngine.UNICORN2))));
        }
        System.out.print(md);
    }
}
