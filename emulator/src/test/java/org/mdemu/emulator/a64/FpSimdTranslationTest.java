package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.Machine;

/**
 * Translated FP/SIMD code: V-register loads and stores compiled inline are exact at faults (nothing stored, no register
 * written, pc at the access), a store of a V register into the region's own code leaves the region, and a dgemm-like
 * kernel runs as on Unicorn 2 without a single generic interpreter call.
 */
class FpSimdTranslationTest {
    private static final long END = A64Rig.DATA + A64Rig.DATA_SIZE; // unmapped

    /** The Java engine's state after words, interpreted only (the reference the translated code must equal). */
    private static A64Rig.Snapshot interpreted(int[] words, Consumer<CpuRegisters> setup) {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = Integer.MAX_VALUE;
        try (Machine m = new JavaMachine()) {
            TranslationRig.load(m, words, setup);
            return A64Rig.snapshot(m, m.cpu().run(A64Rig.CODE + 4L * words.length, 100));
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }

    /** add x1, x1, #1 (a dirty register), the access at x0, add x1 again: faults at faultAddress as interpreted. */
    private static void faultsExactly(int access, long x0, CpuExit.FaultKind kind, long faultAddress) {
        int[] words = {0x91000421, access, 0x91000421};
        Consumer<CpuRegisters> setup = r -> {
            A64Rig.randomize(r, new java.util.Random(access));
            r.setX(0, x0);
            r.setX(1, 100);
        };
        long before = Translator.STATS.regions.get();
        A64Rig.Snapshot translated = TranslationRig.java(words, setup, 100);
        assertThat(Translator.STATS.regions.get()).as("regions compiled").isGreaterThan(before);
        assertThat(RegionCompiler.inlines(access)).as("compiled inline: %08x", access).isTrue();
        A64Rig.Snapshot reference = interpreted(words, setup);
        assertThat(translated.difference(reference)).as("translated vs interpreted, %08x", access).isNull();
        assertThat(translated.exit()).isInstanceOfSatisfying(CpuExit.Fault.class, f -> {
            assertThat(f.kind()).isEqualTo(kind);
            assertThat(f.faultAddress()).isEqualTo(faultAddress);
            assertThat(f.pc()).isEqualTo(A64Rig.CODE + 4);
        });
        assertThat(translated.x()[1]).isEqualTo(101);
        assertThat(translated.x()[0]).isEqualTo(x0);
    }

    @Test
    void ldpQWithItsSecondRegisterOnAnUnmappedPageWritesNothing() {
        faultsExactly(0xad400400, END - 16, CpuExit.FaultKind.READ_UNMAPPED, END); // ldp q0, q1, [x0]
    }

    @Test
    void ldrQWithItsHighHalfOnAnUnmappedPageWritesNothing() {
        faultsExactly(0x3cc08003, END - 16, CpuExit.FaultKind.READ_UNMAPPED, END); // ldur q3, [x0, #8]
    }

    @Test
    void preIndexedLdpDFaultingLeavesTheBase() {
        faultsExactly(0x6dff9404, END + 8, CpuExit.FaultKind.READ_UNMAPPED, END); // ldp d4, d5, [x0, #-8]!
    }

    @Test
    void postIndexedStpQCrossingIntoAnUnmappedPageStoresNothing() {
        faultsExactly(0xac810c02, END - 16, CpuExit.FaultKind.WRITE_UNMAPPED, END); // stp q2, q3, [x0], #32
    }

    @Test
    void strQCrossingIntoAnUnmappedPageStoresNothing() {
        faultsExactly(0x3d800002, END - 8, CpuExit.FaultKind.WRITE_UNMAPPED, END); // str q2, [x0]
    }

    @Test
    void stpSCrossingIntoAnUnmappedPageStoresNothing() {
        faultsExactly(0x2d001c06, END - 4, CpuExit.FaultKind.WRITE_UNMAPPED, END); // stp s6, s7, [x0]
    }

    /**
     * STR d0 over the next two instructions of the same region: the region is left and the new code runs. Without
     * cache maintenance the architecture lets a CPU fetch either word; this engine promises the new one (as
     * SelfModifyingCodeTest for integer stores); Unicorn 2 runs the stale word of its translation block (x5 = 1).
     */
    @Test
    void aVectorStoreIntoTheRegionsOwnCodeRunsTheNewCode() {
        int[] words = {
            0xfd000000, // str d0, [x0]
            0xd503201f, // nop
            0xd2800025, // mov x5, #1   (overwritten: mov x5, #7)
            0xd503201f, // nop          (overwritten: nop)
        };
        Consumer<CpuRegisters> setup = r -> {
            r.setX(0, A64Rig.CODE + 8);
            r.setQ(0, 0xd503201fd28000e5L, 0); // mov x5, #7; nop
        };
        long before = Translator.STATS.regions.get();
        A64Rig.Snapshot s = TranslationRig.java(words, setup, A64Rig.CODE + 16, 100, true);
        assertThat(s.exit()).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(s.x()[5]).isEqualTo(7);
        assertThat(Translator.STATS.regions.get() - before).as("the region, then the rewritten rest").isEqualTo(2);
    }

    /** The benchmark's 4x4 dgemm-like loop, 64 iterations: as on Unicorn 2, and no generic interpreter call. */
    @Test
    void dgemmLikeKernelMatchesUnicorn2WithoutGenericFallbacks() {
        int[] words = FpTranslationBenchmark.KERNEL.clone();
        words[4] = 0xf2800802; // movk x2, #64
        long fallbacks = Translator.STATS.fallbacks.get(), regions = Translator.STATS.regions.get();
        A64Rig.Snapshot s = TranslationRig.assertSame(words, r -> {}, A64Rig.CODE + 4L * words.length, 10_000, false);
        assertThat(s.exit()).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(s.x()[2]).isZero();
        assertThat(Translator.STATS.regions.get()).as("regions compiled").isGreaterThan(regions);
        assertThat(Translator.STATS.fallbacks.get() - fallbacks).as("generic interpreter calls compiled").isZero();
        for (int w : words) {
            if ((w & 0xbf000000) == 0x0f000000 || (w & 0x9f200000) == 0x0e200000) { // FMLA (element), FADD (vector)
                assertThat(RegisterEffects.of(w)).isNotNull();
            } else {
                assertThat(RegionCompiler.inlines(w)).as("inline: %08x", w).isTrue();
            }
        }
    }
}
