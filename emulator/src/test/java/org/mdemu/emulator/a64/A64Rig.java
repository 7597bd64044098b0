package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.Consumer;
import org.mdemu.emulator.cpu.UnicornMachine;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.machine.Prot;

/**
 * Runs a few instruction words on a machine from a chosen register state and captures everything they can change:
 * the shared ground of the Java engine's instruction tests, which compare it with Unicorn 2 on the same code.
 * Code sits at {@link #CODE}; {@link #DATA} is 64 KiB of read-write memory filled with a known pattern, and X28 points
 * into its middle unless the setup says otherwise.
 */
public final class A64Rig {
    public static final long CODE = 0x10000, DATA = 0x100000, DATA_SIZE = 0x10000;

    private A64Rig() {}

    /** What a run left behind. */
    public record Snapshot(CpuExit exit, long pc, long[] x, long sp, long nzcv, long[] v, long fpcr, long fpsr,
            long tpidr, byte[] data) {
        /** A description of the first difference from other, or null if none. */
        public String difference(Snapshot other) {
            if (!sameExit(exit, other.exit)) return "exit " + exit + " vs " + other.exit;
            if (pc != other.pc) return String.format("pc 0x%x vs 0x%x", pc, other.pc);
            for (int i = 0; i < 31; i++) {
                if (x[i] != other.x[i]) return String.format("x%d 0x%x vs 0x%x", i, x[i], other.x[i]);
            }
            if (sp != other.sp) return String.format("sp 0x%x vs 0x%x", sp, other.sp);
            if (nzcv != other.nzcv) return String.format("nzcv 0x%x vs 0x%x", nzcv, other.nzcv);
            for (int i = 0; i < 64; i++) {
                if (v[i] != other.v[i]) {
                    return String.format("v%d.%s 0x%016x vs 0x%016x", i / 2, i % 2 == 0 ? "lo" : "hi", v[i], other.v[i]);
                }
            }
            if (fpsr != other.fpsr) return String.format("fpsr 0x%x vs 0x%x", fpsr, other.fpsr);
            if (fpcr != other.fpcr) return String.format("fpcr 0x%x vs 0x%x", fpcr, other.fpcr);
            if (tpidr != other.tpidr) return String.format("tpidr 0x%x vs 0x%x", tpidr, other.tpidr);
            for (int i = 0; i < data.length; i++) {
                if (data[i] != other.data[i]) {
                    return String.format("data[0x%x] 0x%02x vs 0x%02x", DATA + i, data[i], other.data[i]);
                }
            }
            return null;
        }
    }

    private static boolean sameExit(CpuExit a, CpuExit b) {
        if (a instanceof CpuExit.Fault fa && b instanceof CpuExit.Fault fb) {
            return fa.kind() == fb.kind() && fa.pc() == fb.pc() && fa.faultAddress() == fb.faultAddress();
        }
        return a.getClass() == b.getClass();
    }

    /** The pattern DATA starts with: byte i is (i * 37 + 11). */
    public static byte[] pattern() {
        byte[] b = new byte[(int) DATA_SIZE];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 37 + 11);
        return b;
    }

    /**
     * Runs words from CODE until the pc leaves them (the stop address is the word after the last) or they fault,
     * with at most 10 000 instructions.
     */
    public static Snapshot run(Machine m, int[] words, Consumer<CpuRegisters> setup) {
        return run(m, words, setup, true);
    }

    private static Snapshot run(Machine m, int[] words, Consumer<CpuRegisters> setup, boolean map) {
        if (map) map(m);
        place(m, words, setup);
        return snapshot(m, m.cpu().run(CODE + 4L * words.length, 10_000));
    }

    /** Maps CODE (read-execute) and DATA (read-write). */
    static void map(Machine m) {
        m.memory().map(CODE, 0x10000, Prot.RX);
        m.memory().map(DATA, DATA_SIZE, Prot.RW);
    }

    /** Writes words at CODE and the pattern at DATA, sets pc, X28, SP and then setup; an SVC stops the run. */
    static void place(Machine m, int[] words, Consumer<CpuRegisters> setup) {
        m.memory().privileged().write(CODE, bytes(words));
        m.memory().write(DATA, pattern());
        CpuRegisters r = m.cpu().registers();
        r.setPc(CODE);
        r.setX(28, DATA + DATA_SIZE / 2);
        r.setSp(DATA + DATA_SIZE - 256);
        setup.accept(r);
        m.cpu().setTrapHandler((cpu, svc) -> cpu.requestStop());
    }

    /** The words as little-endian bytes. */
    static byte[] bytes(int[] words) {
        byte[] code = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) for (int j = 0; j < 4; j++) code[4 * i + j] = (byte) (words[i] >>> (8 * j));
        return code;
    }

    /** What m's registers and DATA hold after a run that ended with exit. */
    static Snapshot snapshot(Machine m, CpuExit exit) {
        CpuRegisters r = m.cpu().registers();
        long[] x = new long[31];
        for (int i = 0; i < 31; i++) x[i] = r.x(i);
        long[] v = new long[64];
        for (int i = 0; i < 32; i++) {
            long[] q = r.q(i);
            v[2 * i] = q[0];
            v[2 * i + 1] = q[1];
        }
        // Unicorn 2 reads the whole PSTATE: only N, Z, C, V are the flags.
        return new Snapshot(exit, r.pc(), x, r.sp(), r.nzcv() & 0xf0000000L, v, r.fpcr(), r.fpsr(), r.tpidr(),
                m.memory().read(DATA, (int) DATA_SIZE));
    }

    /** Runs words on the Java engine and on Unicorn 2 from the same state; fails naming the first difference. */
    public static Snapshot assertSameAsUnicorn2(int[] words, Consumer<CpuRegisters> setup) {
        Snapshot java, unicorn;
        try (Machine m = new JavaMachine()) {
            java = run(m, words, setup);
        }
        try (Machine m = UnicornMachine.unicorn2()) {
            unicorn = run(m, words, setup);
        }
        assertThat(java.difference(unicorn)).as("Java engine vs Unicorn 2 on %s", hex(words)).isNull();
        return java;
    }

    /**
     * A Java machine and a Unicorn 2 machine kept for many cases (creating machines dominates short cases): each
     * {@link #compare} rewrites the code and data and sets the registers anew on both.
     */
    public static final class Pair implements AutoCloseable {
        private final Machine java = new JavaMachine();
        private final Machine unicorn = UnicornMachine.unicorn2();
        private boolean mapped;

        /**
         * Runs words on both from the state setup gives (after every register is zeroed; setup runs once per engine
         * and must set the same values each time); null if they agree, else the first difference.
         */
        public String compare(int[] words, Consumer<CpuRegisters> setup) {
            Snapshot[] both = runBoth(words, setup);
            String d = both[0].difference(both[1]);
            return d == null ? null : hex(words) + ": Java engine vs Unicorn 2: " + d;
        }

        /** Runs words on both as {@link #compare} does: the Java engine's snapshot, then Unicorn 2's. */
        public Snapshot[] runBoth(int[] words, Consumer<CpuRegisters> setup) {
            Snapshot a = runAgain(java, words, setup);
            Snapshot b = runAgain(unicorn, words, setup);
            mapped = true;
            return new Snapshot[] {a, b};
        }

        /** As {@link #compare}, from the registers {@link #randomize} makes of seed (the same on both engines). */
        public String compareRandom(int[] words, long seed) {
            return compare(words, r -> randomize(r, new java.util.Random(seed)));
        }

        private Snapshot runAgain(Machine m, int[] words, Consumer<CpuRegisters> setup) {
            CpuRegisters r = m.cpu().registers();
            for (int i = 0; i < 31; i++) r.setX(i, 0);
            for (int i = 0; i < 32; i++) r.setQ(i, 0, 0);
            r.setNzcv(0);
            r.setFpcr(0);
            r.setFpsr(0);
            r.setTpidr(0);
            return run(m, words, setup, !mapped);
        }

        @Override
        public void close() {
            java.close();
            unicorn.close();
        }
    }

    private static final long[] INTEGERS = {0, 1, 2, -1, -2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffffL,
            0x80000000L, 0xffffffffL, 0x100000000L, Long.MAX_VALUE, Long.MIN_VALUE, 63, 64, 31, 32};
    private static final long[] DOUBLES = {0, 0x8000000000000000L, 0x3ff0000000000000L, 0xbff0000000000000L,
            0x7ff0000000000000L, 0xfff0000000000000L, 0x7ff8000000000000L, 0x7ff4000000000000L, 0xfff8000000000001L,
            0x0000000000000001L, 0x000fffffffffffffL, 0x8010000000000000L, 0x7fefffffffffffffL, 0x4330000000000000L,
            0x43e0000000000000L, 0xc3e0000000000000L, 0x3fe0000000000000L, 0x41dfffffffc00000L};
    private static final int[] FLOATS = {0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000,
            0x7fa00000, 0xffc00001, 1, 0x007fffff, 0x80800000, 0x7f7fffff, 0x4b000000, 0x5f000000, 0xdf000000,
            0x3f000000, 0x4effffff};

    /** An integer operand: edge values half the time, else random 64- or 32-bit values. */
    public static long randomInteger(java.util.Random r) {
        return switch (r.nextInt(4)) {
            case 0, 1 -> INTEGERS[r.nextInt(INTEGERS.length)] + (r.nextInt(4) == 0 ? r.nextInt(3) - 1 : 0);
            case 2 -> r.nextInt() & 0xffffffffL;
            default -> r.nextLong();
        };
    }

    /** 64 bits of a vector register: FP edge values (double or a pair of floats) or random bits. */
    public static long randomVectorHalf(java.util.Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> DOUBLES[r.nextInt(DOUBLES.length)] ^ (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
            case 1 -> (FLOATS[r.nextInt(FLOATS.length)] & 0xffffffffL) | (long) FLOATS[r.nextInt(FLOATS.length)] << 32;
            case 2 -> randomInteger(r);
            default -> r.nextLong();
        };
    }

    /**
     * Random operands in X0-X27, X29, X30 and every vector register, random flags, a random FPCR rounding mode with
     * FZ and DN sometimes set, FPSR clear; X28 and SP keep pointing into DATA.
     */
    public static void randomize(CpuRegisters regs, java.util.Random r) {
        for (int i = 0; i < 31; i++) if (i != 28) regs.setX(i, randomInteger(r));
        for (int i = 0; i < 32; i++) regs.setQ(i, randomVectorHalf(r), randomVectorHalf(r));
        regs.setNzcv((long) r.nextInt(16) << 28);
        long fpcr = (long) r.nextInt(4) << 22;
        if (r.nextInt(4) == 0) fpcr |= 1L << 24;
        if (r.nextInt(4) == 0) fpcr |= 1L << 25;
        regs.setFpcr(fpcr);
        regs.setFpsr(0);
    }

    public static String hex(int[] words) {
        return Arrays.stream(words).mapToObj(w -> String.format("%08x", w)).toList().toString();
    }
}
