package org.mdemu.emulator.a64;

import java.util.Random;
import java.util.stream.Stream;
import org.mdemu.guest.machine.CpuRegisters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random encodings of each Advanced SIMD integer encoding group (the group's fixed bits, every other bit random) run
 * on the Java engine and Unicorn 2 from the same random registers. Encodings another owner claims (SimdFp,
 * SimdMoves, Crypto: they answer undefined in this worktree until their owners land) and encodings of features
 * after ARMv8.0 that Unicorn 2 executes but this engine does not report are skipped by name and counted.
 * Half the cases are drawn among the encodings this engine executes; registers are random, half the vector
 * registers with lane edge values. {@code -Dmdemu.diff.cases=N} sets the cases per group, {@code -Dmdemu.diff.seed}
 * the seed.
 */
class SimdIntegerDifferentialTest {
    private static final int CASES = RandomDifferential.cases(600);
    private static final long SEED = Long.getLong("mdemu.diff.seed", 0x51d1);

    record Group(String name, int mask, int value) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> groups() {
        return Stream.of(
                new Group("three same", 0x9f200400, 0x0e200400),
                new Group("scalar three same", 0xdf200400, 0x5e200400),
                new Group("three different", 0x9f200c00, 0x0e200000),
                new Group("scalar three different", 0xdf200c00, 0x5e200000),
                new Group("two-reg misc", 0x9f3e0c00, 0x0e200800),
                new Group("scalar two-reg misc", 0xdf3e0c00, 0x5e200800),
                new Group("across lanes", 0x9f3e0c00, 0x0e300800),
                new Group("scalar pairwise", 0xdf3e0c00, 0x5e300800),
                new Group("shift by immediate", 0x9f800400, 0x0f000400),
                new Group("scalar shift by immediate", 0xdf800400, 0x5f000400),
                new Group("by element", 0x9f000400, 0x0f000000),
                new Group("scalar by element", 0xdf000400, 0x5f000000)).map(Arguments::of);
    }

    /**
     * Why insn is not this engine's integer encoding to test here, or null: the owner that claims it first in
     * {@link Simd}, or the later feature it belongs to.
     */
    static String skipReason(Group g, int insn) {
        boolean u = (insn & (1 << 29)) != 0;
        int size = (insn >>> 22) & 3;
        int op5 = (insn >>> 12) & 31, op5at11 = (insn >>> 11) & 31, op4 = (insn >>> 12) & 15;
        switch (g.name()) {
            case "three same", "scalar three same":
                return op5at11 >= 0x18 ? "SimdFp" : null;
            case "scalar three different":
                return null;
            case "three different":
                return op4 == 0xe && size == 3 ? "Crypto (PMULL 64)" : null;
            case "two-reg misc":
                if (op5 >= 0x0c && op5 <= 0x0f && size >= 2) return "SimdFp";
                if (op5 == 0x16 || op5 == 0x17) return "SimdFp";
                if (op5 >= 0x18 && !(op5 == 0x1c && size >= 2)) return "SimdFp";
                return null;
            case "scalar two-reg misc":
                if (op5 >= 0x0c && op5 <= 0x0f && size >= 2) return "SimdFp";
                if (op5 == 0x16 || op5 >= 0x18) return "SimdFp";
                return null;
            case "across lanes":
                return op5 == 0x0c || op5 == 0x0f ? "SimdFp" : null;
            case "scalar pairwise":
                return op5 == 0x0c || op5 == 0x0d || op5 == 0x0f ? "SimdFp" : null;
            case "shift by immediate", "scalar shift by immediate":
                if ((insn & 0x00780000) == 0) return g.name().startsWith("scalar") ? null : "SimdMoves";
                return op5at11 == 0x1c || op5at11 == 0x1f ? "SimdFp" : null;
            case "by element", "scalar by element":
                return byElementSkip(g.name().startsWith("scalar"), u, op4);
            default:
                throw new IllegalArgumentException(g.name());
        }
    }

    static String byElementSkip(boolean scalar, boolean u, int op4) {
        if (!u && (op4 == 0x1 || op4 == 0x5 || op4 == 0x9) || u && op4 == 0x9) return "SimdFp";
        return UnreportedFeatures.byElementLater(scalar, u, op4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void randomEncodingsAgreeWithUnicorn2(Group g) {
        CpuState scratch = new CpuState(null);
        RandomDifferential.group(g.name(), SEED ^ g.name().hashCode(), CASES).words(r -> {
            int insn = g.value() | (r.nextInt() & ~g.mask());
            // Half the cases are drawn among the encodings this engine executes, so that sparse groups test
            // their instructions as much as their unallocated space.
            if (r.nextBoolean()) {
                while (!executes(scratch, insn)) insn = g.value() | (r.nextInt() & ~g.mask());
            }
            return new int[] {insn};
        }).skip(words -> skipReason(g, words[0])).state((words, regs, values) -> randomLanes(regs, values))
                .count("undefined", insn -> !executes(scratch, insn)).untilCompared().run();
    }

    private static boolean executes(CpuState scratch, int insn) {
        try {
            SimdInteger.execute(scratch, insn);
            return true;
        } catch (A64Fault f) {
            return false;
        }
    }

    /** A64Rig's random registers, then half the vector registers filled with lane edge values of a random size. */
    static void randomLanes(CpuRegisters regs, Random r) {
        A64Rig.randomize(regs, r);
        for (int i = 0; i < 32; i++) {
            if (r.nextBoolean()) regs.setQ(i, edgeLanes(r), edgeLanes(r));
        }
        if (r.nextInt(4) == 0) regs.setFpsr(1L << 27);
    }

    private static long edgeLanes(Random r) {
        int esize = 8 << r.nextInt(4);
        long bits = 0;
        for (int at = 0; at < 64; at += esize) {
            long min = esize == 64 ? Long.MIN_VALUE : -1L << (esize - 1);
            long lane = switch (r.nextInt(9)) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> -1;
                case 3 -> min;
                case 4 -> ~min;
                case 5 -> min + 1 + r.nextInt(2) * (~min - min - 2);
                case 6 -> r.nextInt(2 * esize + 5) - esize - 2; // shift counts around +-esize
                case 7 -> 1L << r.nextInt(esize);
                default -> r.nextLong();
            };
            bits |= esize == 64 ? lane : (lane & ((1L << esize) - 1)) << at;
        }
        return bits;
    }
}
