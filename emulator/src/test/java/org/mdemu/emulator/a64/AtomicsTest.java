package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.emulator.a64.A64Rig.DATA;
import static org.mdemu.emulator.a64.A64Rig.DATA_SIZE;

import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuExit.FaultKind;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.machine.Prot;

/** Exclusives, load-acquire/store-release and the LSE atomics against Unicorn 2 and, where it errs, the ARM ARM. */
class AtomicsTest {
    private static final long MIDDLE = DATA + DATA_SIZE / 2;
    private static final byte[] PATTERN = A64Rig.pattern();

    /** The little-endian value of bytes of DATA's initial pattern at address. */
    private static long memory(long address, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) v = v << 8 | (PATTERN[(int) (address - DATA) + i] & 0xff);
        return v;
    }

    private static BiConsumer<Machine, CpuRegisters> regs(long... pairs) {
        return (m, r) -> {
            for (int i = 0; i < pairs.length; i += 2) r.setX((int) pairs[i], pairs[i + 1]);
        };
    }

    static Stream<Arguments> sequences() {
        long mem64 = memory(MIDDLE, 8), mem128 = memory(MIDDLE + 8, 8);
        return Stream.of(
                Arguments.of("ldxr x1; stxr w3, x1: passes", new int[] {0xc85f7f81, 0xc8037f81}, regs()),
                Arguments.of("ldxrb w1; stlxrb w3, w1: passes", new int[] {0x085f7f81, 0x0803ff81}, regs()),
                Arguments.of("ldxrh w1; stxrh w3, w1: passes", new int[] {0x485f7f81, 0x48037f81}, regs()),
                Arguments.of("ldaxr x1; stlxr w3, x1: passes", new int[] {0xc85fff81, 0xc803ff81}, regs()),
                Arguments.of("ldxp x1, x2; stxp w3, x1, x2: passes", new int[] {0xc87f0b81, 0xc8230b81}, regs()),
                Arguments.of("ldaxp w1, w2; stlxp w3, w1, w2: passes", new int[] {0x887f8b81, 0x88238b81}, regs()),
                Arguments.of("stxr w3, x1 with no load-exclusive: fails", new int[] {0xc8037f81}, regs()),
                Arguments.of("ldxr; stxr; stxr: the second fails", new int[] {0xc85f7f81, 0xc8037f81, 0xc8047f81},
                        regs()),
                Arguments.of("ldxr; str of another value; stxr: fails", new int[] {0xc85f7f81, 0xf9000382, 0xc8037f81},
                        regs()),
                Arguments.of("ldxr; str of the same value; stxr: passes",
                        new int[] {0xc85f7f81, 0xf9000381, 0xc8037f81}, regs()),
                Arguments.of("ldxr [x28]; stxr [x27 = x28 + 8]: fails", new int[] {0xc85f7f81, 0xc8037f61},
                        regs(27, MIDDLE + 8)),
                Arguments.of("ldar x1", new int[] {0xc8dfff81}, regs()),
                Arguments.of("ldarb w1", new int[] {0x08dfff81}, regs()),
                Arguments.of("ldarh w1", new int[] {0x48dfff81}, regs()),
                Arguments.of("stlr w1", new int[] {0x889fff81}, regs()),
                Arguments.of("stlrh w1", new int[] {0x489fff81}, regs()),
                Arguments.of("stlrb w1", new int[] {0x089fff81}, regs()),
                Arguments.of("cas x1, x2: equal", new int[] {0xc8a17f82}, regs(1, mem64)),
                Arguments.of("cas x1, x2: different", new int[] {0xc8a17f82}, regs(1, mem64 + 1)),
                Arguments.of("casa w1, w2: equal low 32 bits", new int[] {0x88e17f82}, regs(1, 0xabcdef0000000000L
                        | mem64 & 0xffffffffL)),
                Arguments.of("casl w1, w2: different", new int[] {0x88a1ff82}, regs()),
                Arguments.of("casalb w1, w2: equal low byte", new int[] {0x08e1ff82}, regs(1, 0x7700 | mem64 & 0xff)),
                Arguments.of("cash w1, w2: equal", new int[] {0x48a17f82}, regs(1, mem64 & 0xffff)),
                Arguments.of("casal x1, x2", new int[] {0xc8e1ff82}, regs(1, mem64)),
                Arguments.of("casp x0, x1, x2, x3: equal", new int[] {0x48207f82}, regs(0, mem64, 1, mem128)),
                Arguments.of("casp x0, x1, x2, x3: second differs", new int[] {0x48207f82}, regs(0, mem64, 1, 5)),
                Arguments.of("casp x2, x3, x4, x5: equal", new int[] {0x48227f84}, regs(2, mem64, 3, mem128)),
                Arguments.of("caspal w0, w1, w2, w3: equal", new int[] {0x0860ff82},
                        regs(0, mem64 & 0xffffffffL | 1L << 40, 1, mem64 >>> 32)),
                Arguments.of("caspal w0, w1, w2, w3: different", new int[] {0x0860ff82}, regs()),
                Arguments.of("swp x1, x2", new int[] {0xf8218382}, regs()),
                Arguments.of("swpalb w1, w2", new int[] {0x38e18382}, regs()),
                Arguments.of("swpl w1, w2", new int[] {0xb8618382}, regs()),
                Arguments.of("ldadd x1, x2", new int[] {0xf8210382}, regs()),
                Arguments.of("ldaddah w1, w2", new int[] {0x78a10382}, regs()),
                Arguments.of("ldclr w1, w2", new int[] {0xb8211382}, regs()),
                Arguments.of("ldclrah w1, w2", new int[] {0x78a11382}, regs()),
                Arguments.of("ldeorl x1, x2", new int[] {0xf8612382}, regs()),
                Arguments.of("ldeorlb w1, w2", new int[] {0x38612382}, regs()),
                Arguments.of("ldset x1, x2", new int[] {0xf8213382}, regs()),
                Arguments.of("ldsmax x1, x2", new int[] {0xf8214382}, regs()),
                Arguments.of("ldumin x1, x2", new int[] {0xf8217382}, regs()),
                Arguments.of("ldumaxh w1, w2 (x1 zero-extended)", new int[] {0x78216382}, regs(1, 0x8000)),
                Arguments.of("stadd x1", new int[] {0xf821039f}, regs()),
                Arguments.of("stclr x1", new int[] {0xf821139f}, regs()),
                Arguments.of("steorb w1", new int[] {0x3821239f}, regs()),
                Arguments.of("stsetl w1", new int[] {0xb861339f}, regs()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void sameAsUnicorn2(String what, int[] words, BiConsumer<Machine, CpuRegisters> setup) {
        MemoryRig.assertSameAsUnicorn2(words, setup);
    }

    @Test
    void storeExclusiveReportsSuccessAndStores() {
        // ldxp x1, x2, [x28]; stxp w3, x4, x5, [x28]
        A64Rig.Snapshot s = MemoryRig.assertSameAsUnicorn2(new int[] {0xc87f0b81, 0xc8231784}, regs(3, 7));
        assertThat(s.x()[3]).isZero();
        assertThat(s.x()[1]).isEqualTo(memory(MIDDLE, 8));
        assertThat(s.x()[2]).isEqualTo(memory(MIDDLE + 8, 8));
        assertThat(littleEndian(s.data(), MIDDLE, 8)).isEqualTo(s.x()[4]);
        assertThat(littleEndian(s.data(), MIDDLE + 8, 8)).isEqualTo(s.x()[5]);
    }

    private static long littleEndian(byte[] data, long address, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) v = v << 8 | (data[(int) (address - DATA) + i] & 0xff);
        return v;
    }

    /**
     * A store-exclusive of another size than the load-exclusive (IMPLEMENTATION DEFINED whether it passes): this
     * engine's monitor holds the size too and fails it, storing nothing. Unicorn 2 (QEMU 5) compares only the bytes
     * it stores over with the low bytes loaded, stores when they are equal, and then reports failure all the same
     * (it compares the narrow old value with all 64 bits loaded): a store with status 1, which the ARM ARM never
     * allows.
     */
    @Test
    void storeExclusiveOfAnotherSizeFails() {
        int[] words = {0xc85f7f81, 0x08037f82}; // ldxr x1, [x28]; stxrb w3, w2, [x28]
        A64Rig.Snapshot s = MemoryRig.java(words, regs(2, 0x5a));
        assertThat(s.x()[3]).isEqualTo(1);
        assertThat(s.data()).isEqualTo(PATTERN);
        A64Rig.Snapshot unicorn = MemoryRig.unicorn2(words, regs(2, 0x5a));
        assertThat(unicorn.x()[3]).as("Unicorn 2 status").isEqualTo(1);
        assertThat(unicorn.data()[(int) (MIDDLE - DATA)]).as("Unicorn 2 stored all the same").isEqualTo((byte) 0x5a);
    }

    /**
     * LDSMAX/LDSMIN/LDUMAX/LDUMIN of B, H and W compare the narrow values, signed or unsigned (ARM ARM). Unicorn 2
     * (QEMU 5) compares the zero-extended memory value with all 64 bits of Xs, so these are the architecture's answers.
     */
    static Stream<Arguments> narrowMinMax() {
        return Stream.of(
                // word, asm, size in bytes, signed, max, memory value, Xs
                Arguments.of(0x38214382, "ldsmaxb w1, w2", 1, true, true, 0x80L, 0xffffffffffffff05L),
                Arguments.of(0x38214382, "ldsmaxb w1, w2", 1, true, true, 0x7fL, 0xfeL),
                Arguments.of(0x38215382, "ldsminb w1, w2", 1, true, false, 0x80L, 0x7fL),
                Arguments.of(0x78215382, "ldsminh w1, w2", 2, true, false, 0x1234L, 0x123456789abcfff0L),
                Arguments.of(0xb8214382, "ldsmax w1, w2", 4, true, true, 0x80000000L, 0xffffffff00000001L),
                Arguments.of(0xb8215382, "ldsmin w1, w2", 4, true, false, 0x7fffffffL, 0x80000000L),
                Arguments.of(0xb8216382, "ldumax w1, w2", 4, false, true, 0x80000000L, 0xffffffff00000001L),
                Arguments.of(0x78216382, "ldumaxh w1, w2", 2, false, true, 0x8000L, 0x10000L),
                Arguments.of(0x38217382, "lduminb w1, w2", 1, false, false, 0x10L, 0xffffffffffffff01L));
    }

    @ParameterizedTest(name = "{1} memory {5} Xs {6}")
    @MethodSource("narrowMinMax")
    void narrowMinMaxCompareTheNarrowValues(int word, String asm, int bytes, boolean signed, boolean max, long memory,
            long xs) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) b[i] = (byte) (memory >>> (8 * i));
        A64Rig.Snapshot s = MemoryRig.java(new int[] {word}, (m, r) -> {
            m.memory().write(MIDDLE, b);
            r.setX(1, xs);
        });
        int shift = 64 - 8 * bytes;
        long a = memory << shift, o = xs << shift;
        int cmp = signed ? Long.compare(a >> shift, o >> shift) : Long.compareUnsigned(a, o);
        long expected = (max ? cmp >= 0 : cmp <= 0) ? memory : xs & (-1L >>> shift);
        assertThat(s.exit()).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(s.x()[2]).as("old value").isEqualTo(memory);
        assertThat(littleEndian(s.data(), MIDDLE, bytes)).as("stored").isEqualTo(expected);
    }

    /**
     * Without FEAT_LSE2, exclusive, ordered and atomic accesses must be aligned to their size (a pair to both
     * registers' size): otherwise an alignment fault at the address, before any permission check, nothing changed.
     * unicorn2Faults records where Unicorn 2 (QEMU 5) agrees; where it does not, it performs the access.
     */
    static Stream<Arguments> misaligned() {
        return Stream.of(
                Arguments.of("ldxr x1, [x28]", 0xc85f7f81, 4, true),
                Arguments.of("ldaxrh w1, [x28]", 0x485fff81, 1, true),
                Arguments.of("ldxp x1, x2, [x28] (8-aligned, needs 16)", 0xc87f0b81, 8, true),
                Arguments.of("ldaxp w1, w2, [x28] (4-aligned, needs 8)", 0x887f8b81, 4, true),
                Arguments.of("stxr w3, x1, [x28] (no monitor)", 0xc8037f81, 2, false),
                Arguments.of("stlxp w3, x1, x2, [x28] (no monitor)", 0xc823ff81 & ~0x8000 | 0x8000, 8, false),
                Arguments.of("ldar x1, [x28]", 0xc8dfff81, 4, false),
                Arguments.of("ldarh w1, [x28]", 0x48dfff81, 1, false),
                Arguments.of("stlr w1, [x28]", 0x889fff81, 2, false),
                Arguments.of("cas x1, x2, [x28]", 0xc8a17f82, 4, true),
                Arguments.of("cash w1, w2, [x28]", 0x48a17f82, 1, true),
                Arguments.of("casp x0, x1, x2, x3, [x28] (8-aligned, needs 16)", 0x48207f82, 8, true),
                Arguments.of("ldadd x1, x2, [x28]", 0xf8210382, 4, true),
                Arguments.of("swpalb w1, w2 is never misaligned; swpl w1, w2, [x28]", 0xb8618382, 2, true),
                Arguments.of("stadd x1, [x28]", 0xf821039f, 1, true),
                Arguments.of("ldsmin w1, w2, [x28]", 0xb8215382, 3, true));
    }

    @ParameterizedTest(name = "{0} at +{2}")
    @MethodSource("misaligned")
    void misalignedAccessesAreAlignmentFaults(String asm, int word, int offset, boolean unicorn2Faults) {
        BiConsumer<Machine, CpuRegisters> setup = regs(28, MIDDLE + offset);
        A64Rig.Snapshot s = MemoryRig.java(new int[] {word}, setup);
        MemoryRig.assertFault(s, FaultKind.UNALIGNED, MIDDLE + offset, 0);
        MemoryRig.assertUnchanged(s, MemoryRig.before(setup));
        CpuExit unicorn = MemoryRig.unicorn2(new int[] {word}, setup).exit();
        assertThat(unicorn instanceof CpuExit.Fault f && f.kind() == FaultKind.UNALIGNED).as("Unicorn 2 faults")
                .isEqualTo(unicorn2Faults);
    }

    @Test
    void alignmentIsCheckedBeforePermission() {
        // ldadd x1, x2, [x28] with x28 misaligned on a read-only page.
        A64Rig.Snapshot s = MemoryRig.java(new int[] {0xf8210382}, (m, r) -> {
            m.memory().protect(MIDDLE, 0x1000, Prot.READ);
            r.setX(28, MIDDLE + 4);
        });
        MemoryRig.assertFault(s, FaultKind.UNALIGNED, MIDDLE + 4, 0);
    }

    @Test
    void atomicsNeedWritePermissionEvenWhenTheyWouldNotStore() {
        BiConsumer<Machine, CpuRegisters> readOnly = (m, r) -> {
            m.memory().protect(MIDDLE, 0x1000, Prot.READ);
            r.setX(1, 0);
        };
        // cas x1, x2, [x28] that fails its comparison; ldadd x1, x2 with x1 = 0; ldset; swp.
        for (int word : new int[] {0xc8a17f82, 0xf8210382, 0xf8213382, 0xf8218382}) {
            A64Rig.Snapshot s = MemoryRig.assertSameAsUnicorn2(word, readOnly);
            MemoryRig.assertFault(s, FaultKind.WRITE_PROT, MIDDLE, 0);
        }
    }

    @Test
    void atomicsOnUnmappedMemoryAreReadFaults() {
        // cas x1, x2; ldadd x1, x2; swp x1, x2; casp x0, x1, x2, x3 at the end of DATA.
        for (int word : new int[] {0xc8a17f82, 0xf8210382, 0xf8218382, 0x48207f82}) {
            A64Rig.Snapshot s = MemoryRig.assertSameAsUnicorn2(word, regs(28, DATA + DATA_SIZE));
            MemoryRig.assertFault(s, FaultKind.READ_UNMAPPED, DATA + DATA_SIZE, 0);
        }
    }

    /**
     * The ARM ARM checks alignment before translating the address: a misaligned atomic on unmapped memory is an
     * alignment fault. Unicorn 2 (QEMU 5) reports the translation fault instead.
     */
    @Test
    void alignmentFaultsComeBeforeTranslationFaults() {
        int word = 0xf8210382; // ldadd x1, x2, [x28]
        A64Rig.Snapshot s = MemoryRig.java(new int[] {word}, regs(28, DATA + DATA_SIZE + 4));
        MemoryRig.assertFault(s, FaultKind.UNALIGNED, DATA + DATA_SIZE + 4, 0);
        MemoryRig.assertFault(MemoryRig.unicorn2(new int[] {word}, regs(28, DATA + DATA_SIZE + 4)),
                FaultKind.READ_UNMAPPED, DATA + DATA_SIZE + 4, 0);
    }

    /**
     * A store-exclusive with the monitor open does not translate its address (ExclusiveMonitorsPass returns false
     * first): at address -1, after a byte-sized exclusive pair closed the monitor, it just fails. Unicorn 2 (QEMU)
     * keeps -1 as its "open" value, finds it equal to the address and faults on the access.
     */
    @Test
    void storeExclusiveWithTheMonitorOpenDoesNotAccessMemory() {
        // ldxrb w1, [x28]; stxrb w3, w1, [x28]; stxrb w4, w1, [x27]
        int[] words = {0x085f7f81, 0x08037f81, 0x08047f61};
        A64Rig.Snapshot s = MemoryRig.java(words, regs(27, -1, 4, 7));
        assertThat(s.exit()).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(s.x()[3]).isZero();
        assertThat(s.x()[4]).isEqualTo(1);
        MemoryRig.assertFault(MemoryRig.unicorn2(words, regs(27, -1, 4, 7)), FaultKind.READ_UNMAPPED, -1, 2);
    }

    @Test
    void compareAndSwapPairOfOddRegistersIsUndefined() {
        // casp x1, x2, x2, x3 and casp x0, x1, x3, x4 (odd Rs, odd Rt).
        for (int word : new int[] {0x48217f82, 0x48207f83}) {
            MemoryRig.assertFault(MemoryRig.java(new int[] {word}, regs()), FaultKind.UNDEFINED_INSTRUCTION, -1, 0);
        }
    }

    static Stream<Arguments> notExecuted() {
        return Stream.of(
                Arguments.of("ldapr x1, [x28] (RCpc)", 0xf8bfc381),
                Arguments.of("ldlar x1, [x28] (LOR)", 0xc8df7f81),
                Arguments.of("stllr x1, [x28] (LOR)", 0xc89f7f81),
                Arguments.of("cas x1, x2, [x28] with Rt2 != 11111", 0xc8a17b82),
                Arguments.of("ldadd with V set", 0xfc210382),
                Arguments.of("ldapur x1, [x28] (RCpc 2)", 0xd9400381));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notExecuted")
    void formsThisEngineDoesNotExecuteAreUndefined(String asm, int word) {
        MemoryRig.assertFault(MemoryRig.java(new int[] {word}, regs()), FaultKind.UNDEFINED_INSTRUCTION, -1, 0);
    }
}
