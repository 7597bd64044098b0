package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mdemu.guest.machine.CpuExit;

/**
 * The crypto extensions: known answers (FIPS-197, SHA-1/SHA-256 against the JDK, carry-less products) computed by the
 * instructions on the Java engine, and every encoding against Unicorn 2.
 */
class CryptoTest {
    @AutoClose
    private static final A64Rig.Pair pair = new A64Rig.Pair();

    private static final int AESE_V0_V1 = 0x4e284820; // aese v0.16b, v1.16b
    private static final int AESMC_V0_V0 = 0x4e286800; // aesmc v0.16b, v0.16b
    private static final int AESD_V0_V1 = 0x4e285820; // aesd v0.16b, v1.16b
    private static final int AESIMC_V0_V0 = 0x4e287800; // aesimc v0.16b, v0.16b

    private static CpuState state() {
        return new CpuState(new PagedMemory());
    }

    private static void exec(CpuState s, int word) {
        assertThat(Interpreter.execute(s, word, 0x1000)).isEqualTo(0x1004);
    }

    private static long[] q(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return new long[] {b.getLong(0), b.getLong(8)};
    }

    private static byte[] bytes(CpuState s, int n) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(s.v[2 * n]).putLong(s.v[2 * n + 1]).array();
    }

    private static void setQ(CpuState s, int n, byte[] bytes) {
        long[] q = q(bytes);
        s.setV(n, q[0], q[1]);
    }

    /** FIPS-197 appendix B, round 1: SubBytes, ShiftRows (with the initial AddRoundKey) then MixColumns. */
    @Test
    void aeseAndAesmcComputeFips197RoundOne() {
        HexFormat hex = HexFormat.of();
        CpuState s = state();
        setQ(s, 0, hex.parseHex("3243f6a8885a308d313198a2e0370734"));
        setQ(s, 1, hex.parseHex("2b7e151628aed2a6abf7158809cf4f3c"));
        exec(s, AESE_V0_V1);
        assertThat(hex.formatHex(bytes(s, 0))).isEqualTo("d4bf5d30e0b452aeb84111f11e2798e5");
        exec(s, AESMC_V0_V0);
        assertThat(hex.formatHex(bytes(s, 0))).isEqualTo("046681e5e0cb199a48f8d37a2806264c");
        exec(s, AESIMC_V0_V0);
        assertThat(hex.formatHex(bytes(s, 0))).isEqualTo("d4bf5d30e0b452aeb84111f11e2798e5");
        s.setV(1, 0, 0);
        exec(s, AESD_V0_V1);
        assertThat(hex.formatHex(bytes(s, 0))).isEqualTo("193de3bea0f4e22b9ac68d2ae9f84808");
    }

    /** AES-128 key expansion with SubWord from AESE on a state of four equal columns (ShiftRows then changes nothing). */
    private static int[] expandKey(CpuState s, byte[] key) {
        int[] w = new int[44];
        ByteBuffer k = ByteBuffer.wrap(key).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 4; i++) w[i] = k.getInt(4 * i);
        int rcon = 1;
        for (int i = 4; i < 44; i++) {
            int t = w[i - 1];
            if (i % 4 == 0) {
                long column = Integer.rotateRight(t, 8) & 0xffffffffL;
                s.setV(0, column | column << 32, column | column << 32);
                s.setV(1, 0, 0);
                exec(s, AESE_V0_V1);
                t = (int) s.v[0] ^ rcon;
                rcon = Aes.multiply(rcon, 2);
            }
            w[i] = w[i - 4] ^ t;
        }
        return w;
    }

    private static void setRoundKey(CpuState s, int[] w, int round) {
        s.setV(1, (w[4 * round] & 0xffffffffL) | (long) w[4 * round + 1] << 32,
                (w[4 * round + 2] & 0xffffffffL) | (long) w[4 * round + 3] << 32);
    }

    /** Whole AES-128 blocks through AESE/AESMC and AESD/AESIMC (equivalent inverse cipher) equal the JDK's AES. */
    @Test
    void aesInstructionsEncryptAndDecryptAsTheJdk() throws Exception {
        Random random = new Random(197);
        for (int trial = 0; trial < 50; trial++) {
            byte[] key = new byte[16], block = new byte[16];
            random.nextBytes(key);
            random.nextBytes(block);
            if (trial == 0) {
                key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
                block = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
            }
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            byte[] expected = cipher.doFinal(block);
            if (trial == 0) assertThat(HexFormat.of().formatHex(expected)).isEqualTo("69c4e0d86a7b0430d8cdb78070b4c55a");

            CpuState s = state();
            int[] w = expandKey(s, key);
            setQ(s, 0, block);
            for (int round = 0; round < 9; round++) {
                setRoundKey(s, w, round);
                exec(s, AESE_V0_V1);
                exec(s, AESMC_V0_V0);
            }
            setRoundKey(s, w, 9);
            exec(s, AESE_V0_V1);
            setRoundKey(s, w, 10);
            s.v[0] ^= s.v[2];
            s.v[1] ^= s.v[3];
            assertThat(bytes(s, 0)).isEqualTo(expected);

            // Decryption: AESD with rk10, then AESIMC and AESD with InvMixColumns(rk9..rk1), then rk0.
            setRoundKey(s, w, 10);
            exec(s, AESD_V0_V1);
            for (int round = 9; round >= 1; round--) {
                exec(s, AESIMC_V0_V0);
                long c0 = s.v[0], c1 = s.v[1];
                setRoundKey(s, w, round);
                s.setV(0, s.v[2], s.v[3]);
                exec(s, AESIMC_V0_V0);
                s.setV(1, s.v[0], s.v[1]);
                s.setV(0, c0, c1);
                exec(s, AESD_V0_V1);
            }
            setRoundKey(s, w, 0);
            s.v[0] ^= s.v[2];
            s.v[1] ^= s.v[3];
            assertThat(bytes(s, 0)).isEqualTo(block);
        }
    }

    private static final int SHA1H_S2_S0 = 0x5e280802; // sha1h s2, s0
    private static final int[] SHA1_HASH = {
            0x5e030020, // sha1c q0, s1, v3.4s
            0x5e031020, // sha1p q0, s1, v3.4s
            0x5e032020, // sha1m q0, s1, v3.4s
            0x5e031020}; // sha1p q0, s1, v3.4s
    private static final int SHA1SU0_V4_V5_V6 = 0x5e0630a4; // sha1su0 v4.4s, v5.4s, v6.4s
    private static final int SHA1SU1_V4_V7 = 0x5e2818e4; // sha1su1 v4.4s, v7.4s
    private static final int SHA256H_Q0_Q1_V3 = 0x5e034020; // sha256h q0, q1, v3.4s
    private static final int SHA256H2_Q1_Q2_V3 = 0x5e035041; // sha256h2 q1, q2, v3.4s
    private static final int SHA256SU0_V4_V5 = 0x5e2828a4; // sha256su0 v4.4s, v5.4s
    private static final int SHA256SU1_V4_V6_V7 = 0x5e0760c4; // sha256su1 v4.4s, v6.4s, v7.4s

    /** The message padded as SHA-1 and SHA-256 pad it, as big-endian 32-bit words. */
    private static int[] padded(byte[] message) {
        int blocks = (message.length + 9 + 63) / 64;
        ByteBuffer b = ByteBuffer.allocate(blocks * 64);
        b.put(message).put((byte) 0x80);
        b.putLong(blocks * 64 - 8, (long) message.length * 8);
        int[] words = new int[blocks * 16];
        for (int i = 0; i < words.length; i++) words[i] = b.getInt(4 * i);
        return words;
    }

    private static long[] lanes(int a, int b, int c, int d) {
        return new long[] {(a & 0xffffffffL) | (long) b << 32, (c & 0xffffffffL) | (long) d << 32};
    }

    private static int lane(long[] q, int e) {
        return (int) (q[e >>> 1] >>> (32 * (e & 1)));
    }

    private static long[] addLanes(long[] q, int k0, int k1, int k2, int k3) {
        return lanes(lane(q, 0) + k0, lane(q, 1) + k1, lane(q, 2) + k2, lane(q, 3) + k3);
    }

    private static void set(CpuState s, int n, long[] q) {
        s.setV(n, q[0], q[1]);
    }

    private static long[] get(CpuState s, int n) {
        return new long[] {s.v[2 * n], s.v[2 * n + 1]};
    }

    /** SHA-1 with SHA1C/P/M and SHA1H for the rounds and SHA1SU0/SHA1SU1 for the schedule; the W+K adds in Java. */
    private static byte[] sha1(byte[] message) {
        int[] k = {0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6};
        int[] h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
        int[] words = padded(message);
        CpuState s = state();
        for (int block = 0; block < words.length; block += 16) {
            long[][] msg = messageBlock(words, block);
            set(s, 0, lanes(h[0], h[1], h[2], h[3]));
            s.setV(1, h[4] & 0xffffffffL, 0);
            for (int group = 0; group < 20; group++) {
                long[] w = schedule(s, msg, group, SHA1SU0_V4_V5_V6, SHA1SU1_V4_V7);
                int kk = k[group / 5];
                set(s, 3, addLanes(w, kk, kk, kk, kk));
                exec(s, SHA1H_S2_S0);
                exec(s, SHA1_HASH[group / 5]);
                s.setV(1, s.v[4], s.v[5]); // e for the next four rounds
            }
            for (int i = 0; i < 4; i++) h[i] += lane(get(s, 0), i);
            h[4] += (int) s.v[2];
        }
        ByteBuffer out = ByteBuffer.allocate(20);
        for (int x : h) out.putInt(x);
        return out.array();
    }

    /** The 16 words of a message block from block on, as four vectors of four lanes. */
    private static long[][] messageBlock(int[] words, int block) {
        long[][] msg = new long[4][];
        for (int i = 0; i < 4; i++) {
            msg[i] = lanes(words[block + 4 * i], words[block + 4 * i + 1], words[block + 4 * i + 2],
                    words[block + 4 * i + 3]);
        }
        return msg;
    }

    /**
     * The four schedule words of a group of rounds: the block's own for the first four groups, then computed by the
     * two schedule-update instructions (su0 then su1 on V4-V7, result in V4), kept for the groups after.
     */
    private static long[] schedule(CpuState s, long[][] msg, int group, int su0, int su1) {
        if (group < 4) return msg[group % 4];
        set(s, 4, msg[group % 4]);
        set(s, 5, msg[(group + 1) % 4]);
        set(s, 6, msg[(group + 2) % 4]);
        set(s, 7, msg[(group + 3) % 4]);
        exec(s, su0);
        exec(s, su1);
        return msg[group % 4] = get(s, 4);
    }

    private static final int[] K256 = {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

    /** SHA-256 with SHA256H/SHA256H2 for the rounds and SHA256SU0/SHA256SU1 for the schedule; W+K adds in Java. */
    private static byte[] sha256(byte[] message) {
        int[] h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
        int[] words = padded(message);
        CpuState s = state();
        for (int block = 0; block < words.length; block += 16) {
            long[][] msg = messageBlock(words, block);
            set(s, 0, lanes(h[0], h[1], h[2], h[3]));
            set(s, 1, lanes(h[4], h[5], h[6], h[7]));
            for (int group = 0; group < 16; group++) {
                long[] w = schedule(s, msg, group, SHA256SU0_V4_V5, SHA256SU1_V4_V6_V7);
                set(s, 3, addLanes(w, K256[4 * group], K256[4 * group + 1], K256[4 * group + 2], K256[4 * group + 3]));
                set(s, 2, get(s, 0));
                exec(s, SHA256H_Q0_Q1_V3);
                exec(s, SHA256H2_Q1_Q2_V3);
            }
            for (int i = 0; i < 4; i++) {
                h[i] += lane(get(s, 0), i);
                h[4 + i] += lane(get(s, 1), i);
            }
        }
        ByteBuffer out = ByteBuffer.allocate(32);
        for (int x : h) out.putInt(x);
        return out.array();
    }

    @Test
    void shaInstructionsHashAbcAsMessageDigest() throws Exception {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(HexFormat.of().formatHex(sha1(abc))).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(sha1(abc)).isEqualTo(MessageDigest.getInstance("SHA-1").digest(abc));
        assertThat(HexFormat.of().formatHex(sha256(abc)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(sha256(abc)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(abc));
    }

    @Test
    void shaInstructionsHashLongerMessagesAsMessageDigest() throws Exception {
        Random random = new Random(180);
        for (int length : new int[] {0, 55, 56, 64, 119, 1000}) {
            byte[] m = new byte[length];
            random.nextBytes(m);
            assertThat(sha1(m)).as("SHA-1 of %d bytes", length).isEqualTo(MessageDigest.getInstance("SHA-1").digest(m));
            assertThat(sha256(m)).as("SHA-256 of %d bytes", length)
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(m));
        }
    }

    /** Carry-less product by BigInteger shifts and XORs, independent of PolynomialMultiply. */
    private static BigInteger clmul(long a, long b) {
        BigInteger r = BigInteger.ZERO, bb = new BigInteger(Long.toUnsignedString(b));
        for (int i = 0; i < 64; i++) if ((a >>> i & 1) != 0) r = r.xor(bb.shiftLeft(i));
        return r;
    }

    private static BigInteger unsigned128(long lo, long hi) {
        return new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lo)));
    }

    @Test
    void pmullOfDoublewordsIsTheCarryLessProduct() {
        Random random = new Random(64);
        CpuState s = state();
        long[] edges = {0, 1, -1, Long.MIN_VALUE, 0x87, 0xc200000000000000L};
        for (int i = 0; i < 500; i++) {
            long a = i < 36 ? edges[i % 6] : random.nextLong(), b = i < 36 ? edges[i / 6] : random.nextLong();
            long c = random.nextLong(), d = random.nextLong();
            s.setV(1, a, c);
            s.setV(2, b, d);
            exec(s, 0x0ee2e020); // pmull v0.1q, v1.1d, v2.1d
            assertThat(unsigned128(s.v[0], s.v[1])).isEqualTo(clmul(a, b));
            exec(s, 0x4ee2e020); // pmull2 v0.1q, v1.2d, v2.2d
            assertThat(unsigned128(s.v[0], s.v[1])).isEqualTo(clmul(c, d));
        }
    }

    private static void assertSame(int... words) {
        RandomDifferential.assertSameFromRandomStates(pair, words);
    }

    @Test
    void everyCryptoInstructionMatchesUnicorn2() {
        assertSame(
                0x4e284820, // aese v0.16b, v1.16b
                0x4e285820, // aesd v0.16b, v1.16b
                0x4e286820, // aesmc v0.16b, v1.16b
                0x4e287820, // aesimc v0.16b, v1.16b
                0x4e284800, // aese v0.16b, v0.16b
                0x5e020020, // sha1c q0, s1, v2.4s
                0x5e021020, // sha1p q0, s1, v2.4s
                0x5e022020, // sha1m q0, s1, v2.4s
                0x5e023020, // sha1su0 v0.4s, v1.4s, v2.4s
                0x5e280820, // sha1h s0, s1
                0x5e281820, // sha1su1 v0.4s, v1.4s
                0x5e024020, // sha256h q0, q1, v2.4s
                0x5e025020, // sha256h2 q0, q1, v2.4s
                0x5e026020, // sha256su1 v0.4s, v1.4s, v2.4s
                0x5e282820, // sha256su0 v0.4s, v1.4s
                0x5e004000, // sha256h q0, q0, v0.4s (all operands one register)
                0x5e005000, // sha256h2 q0, q0, v0.4s
                0x0ee2e020, // pmull v0.1q, v1.1d, v2.1d
                0x4ee2e020, // pmull2 v0.1q, v1.2d, v2.2d
                0x4ee0e000); // pmull2 v0.1q, v0.2d, v0.2d
    }

    private static CpuExit javaExit(int word) {
        try (JavaMachine m = new JavaMachine()) {
            return A64Rig.run(m, new int[] {word}, r -> {}).exit();
        }
    }

    private static void assertJavaUndefined(int word) {
        assertThat(javaExit(word)).as("%08x", word).isInstanceOfSatisfying(CpuExit.Fault.class,
                f -> assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.UNDEFINED_INSTRUCTION));
    }

    /** Reserved sizes and opcodes of the AES and SHA groups: undefined on both. */
    @Test
    void reservedCryptoEncodingsAreUndefined() {
        int[] words = {
                0x4e684820, // aese with size 01
                0x4ee84820, // aese with size 11
                0x4e283820, // AES opcode 00011
                0x4e288820, // AES opcode 01000
                0x5e420020, // sha1c with size 01
                0x5e027020, // SHA three-register opcode 111
                0x5e283820, // SHA two-register opcode 00011
                0x5e682820}; // sha256su0 with size 01
        for (int word : words) assertJavaUndefined(word);
        assertSame(words);
    }

    /**
     * SHA512, SHA3, SM3 and SM4 are not in AT_HWCAP: undefined here although Unicorn 2 executes them, so this is
     * the architecture's answer for a CPU without those features, not a comparison.
     */
    @Test
    void unreportedCryptoExtensionsAreUndefined() {
        int[] words = {
                0xce628020, // sha512h q0, q1, v2.2d
                0xcec08020, // sha512su0 v0.2d, v1.2d
                0xce020c20, // eor3 v0.16b, v1.16b, v2.16b, v3.16b
                0xce220c20, // bcax v0.16b, v1.16b, v2.16b, v3.16b
                0xce628c20, // rax1 v0.2d, v1.2d, v2.2d
                0xce820c20, // xar v0.2d, v1.2d, v2.2d, #3
                0xce420c20, // sm3ss1 v0.4s, v1.4s, v2.4s, v3.4s
                0xcec08420}; // sm4e v0.4s, v1.4s
        for (int word : words) assertJavaUndefined(word);
        Random random = new Random(1100);
        for (int i = 0; i < 2000; i++) {
            int word = 0xce000000 | (random.nextInt() & 0x00ffffff);
            CpuState s = state();
            try {
                Crypto.tryExecute(s, word);
                throw new AssertionError(String.format("%08x executed", word));
            } catch (A64Fault f) {
                assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.UNDEFINED_INSTRUCTION);
            }
        }
    }

    /** Each group's whole space, then its allocated part (size 00; AES opcodes 001xx; SHA two-register 000xx). */
    static Stream<Arguments> randomGroups() {
        return Stream.of(
                Arguments.of("AES", 201, 1200, 0xff3e0c00, 0x4e280800),
                Arguments.of("SHA three-register", 202, 1200, 0xff208c00, 0x5e000000),
                Arguments.of("SHA two-register", 203, 1200, 0xff3e0c00, 0x5e280800),
                Arguments.of("PMULL 1Q", 204, 1200, 0xbfe0fc00, 0x0ee0e000),
                Arguments.of("AES size 00 opcode 001xx", 205, 600, 0xfffecc00, 0x4e284800),
                Arguments.of("SHA three-register size 00", 206, 600, 0xffe08c00, 0x5e000000),
                Arguments.of("SHA two-register size 00 opcode 000xx", 207, 600, 0xffffcc00, 0x5e280800));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomGroups")
    void randomWordsOfEachGroup(String name, long seed, int cases, int mask, int value) {
        RandomDifferential.compareWords(name, seed, cases, mask, value);
    }

    /** A chain of crypto and move instructions, each reading the previous results, from random states. */
    @Test
    void instructionChainMatchesUnicorn2() {
        int[] words = {
                0x4e284820, // aese v0.16b, v1.16b
                0x4e286800, // aesmc v0.16b, v0.16b
                0x4e284840, // aese v0.16b, v2.16b
                0x4e286800, // aesmc v0.16b, v0.16b
                0x4e284860, // aese v0.16b, v3.16b
                0x4e285880, // aesd v0.16b, v4.16b
                0x4e287800, // aesimc v0.16b, v0.16b
                0x4e2858a0, // aesd v0.16b, v5.16b
                0x5e064230, // sha256h q16, q17, v6.4s
                0x5e065251, // sha256h2 q17, q18, v6.4s
                0x5e2828e6, // sha256su0 v6.4s, v7.4s
                0x5e096106, // sha256su1 v6.4s, v8.4s, v9.4s
                0x5e280a14, // sha1h s20, s16
                0x5e0602b0, // sha1c q16, s21, v6.4s
                0x5e093107, // sha1su0 v7.4s, v8.4s, v9.4s
                0x5e2818c7, // sha1su1 v7.4s, v6.4s
                0x0ee7e216, // pmull v22.1q, v16.1d, v7.1d
                0x4ee7e217, // pmull2 v23.1q, v16.2d, v7.2d
                0x6e1742d8}; // ext v24.16b, v22.16b, v23.16b, #8
        List<String> differences = new ArrayList<>();
        for (long seed = 1; seed <= 50; seed++) {
            String d = pair.compareRandom(words, seed);
            if (d != null) differences.add(d);
        }
        assertThat(differences).isEmpty();
    }
}
