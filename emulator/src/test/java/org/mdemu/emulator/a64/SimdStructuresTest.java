package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.emulator.a64.A64Rig.DATA;
import static org.mdemu.emulator.a64.A64Rig.DATA_SIZE;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mdemu.guest.machine.CpuExit.FaultKind;

/** LD1-LD4/ST1-ST4 multiple and single structures and LD1R-LD4R on the Java engine against Unicorn 2. */
class SimdStructuresTest {
    private static final long MIDDLE = DATA + DATA_SIZE / 2, END = DATA + DATA_SIZE;

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("ld1 {v1.16b}, [x28]", 0x4c407381),
                Arguments.of("ld1 {v1.8b, v2.8b}, [x28], #16", 0x0cdfa381),
                Arguments.of("ld1 {v1.4s, v2.4s, v3.4s}, [x28], x2", 0x4cc26b81),
                Arguments.of("ld1 {v30.2d, v31.2d, v0.2d, v1.2d}, [x28]", 0x4c402f9e),
                Arguments.of("ld1 {v1.1d}, [x28]", 0x0c407f81),
                Arguments.of("ld2 {v1.8h, v2.8h}, [x28]", 0x4c408781),
                Arguments.of("ld2 {v1.4h, v2.4h}, [x28]", 0x0c408781),
                Arguments.of("ld3 {v1.2s, v2.2s, v3.2s}, [x28], #24", 0x0cdf4b81),
                Arguments.of("ld4 {v1.16b, v2.16b, v3.16b, v4.16b}, [x28]", 0x4c400381),
                Arguments.of("ld4 {v31.2d, v0.2d, v1.2d, v2.2d}, [x28]", 0x4c400f9f),
                Arguments.of("st1 {v1.1d}, [x28]", 0x0c007f81),
                Arguments.of("st1 {v1.16b, v2.16b}, [sp]", 0x4c00a3e1),
                Arguments.of("st2 {v1.4h, v2.4h}, [x28], x2", 0x0c828781),
                Arguments.of("st3 {v1.16b, v2.16b, v3.16b}, [x28]", 0x4c004381),
                Arguments.of("st4 {v1.4s, v2.4s, v3.4s, v4.4s}, [x28], #64", 0x4c9f0b81),
                Arguments.of("ld1 {v1.b}[15], [x28]", 0x4d401f81),
                Arguments.of("ld2 {v1.h, v2.h}[5], [x28], #4", 0x4dff4b81),
                Arguments.of("ld3 {v1.s, v2.s, v3.s}[3], [x28]", 0x4d40b381),
                Arguments.of("ld4 {v1.d, v2.d, v3.d, v4.d}[1], [x28], x2", 0x4de2a781),
                Arguments.of("st1 {v1.d}[1], [x28]", 0x4d008781),
                Arguments.of("st4 {v31.b, v0.b, v1.b, v2.b}[9], [x28], #4", 0x4dbf279f),
                Arguments.of("ld1r {v1.8b}, [x28]", 0x0d40c381),
                Arguments.of("ld2r {v1.8h, v2.8h}, [x28], #4", 0x4dffc781),
                Arguments.of("ld3r {v1.2s, v2.2s, v3.2s}, [x28]", 0x0d40eb81),
                Arguments.of("ld4r {v1.2d, v2.2d, v3.2d, v4.2d}, [x28], #32", 0x4dffef81));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void sameAsUnicorn2(String asm, int word) {
        MemoryRig.assertSameAsUnicorn2(word, (m, r) -> r.setX(2, -40));
    }

    @Test
    void sixtyFourBitArrangementsClearTheUpperHalvesAndLanesKeepTheRest() {
        // ld1 {v1.8b, v2.8b}, [x28]; ld1r {v3.8b}, [x28]; ld1 {v4.b}[15], [x28]
        A64Rig.Snapshot s = MemoryRig.assertSameAsUnicorn2(new int[] {0x0c40a381, 0x0d40c383, 0x4d401f84},
                (m, r) -> {});
        byte first = A64Rig.pattern()[(int) (MIDDLE - DATA)];
        assertThat(s.v()[3]).isZero();
        assertThat(s.v()[5]).isZero();
        assertThat(s.v()[6]).isEqualTo((first & 0xffL) * 0x0101010101010101L);
        assertThat(s.v()[7]).isZero();
        assertThat(s.v()[9] >>> 56).isEqualTo(first & 0xffL);
        assertThat(s.v()[8]).isNotZero();
    }

    static Stream<Arguments> faulting() {
        return Stream.of(
                Arguments.of("st4 {v1.4s-v4.4s}, [x28], #64 with its last bytes outside", 0x4c9f0b81, END - 48, END),
                Arguments.of("st1 {v1.16b, v2.16b}, [x28] across the end", 0x4c00a381, END - 20, END),
                Arguments.of("ld4 {v1.16b-v4.16b}, [x28] with its last bytes outside", 0x4c400381, END - 60, END),
                Arguments.of("ld1 {v1.8b, v2.8b}, [x28], #16 across the end", 0x0cdfa381, END - 9, END),
                Arguments.of("ld4r {v1.2d-v4.2d}, [x28], #32 across the end", 0x4dffef81, END - 24, END),
                Arguments.of("st4 {v31.b, v0.b, v1.b, v2.b}[9], [x28], #4 across the end", 0x4dbf279f, END - 3, END),
                Arguments.of("ld3 {v1.s, v2.s, v3.s}[3], [x28] before DATA", 0x4d40b381, DATA - 4, DATA - 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faulting")
    void faultsChangeNothing(String asm, int word, long x28, long faultAddress) {
        A64Rig.Snapshot s = MemoryRig.java(new int[] {word}, (m, r) -> r.setX(28, x28));
        FaultKind kind = asm.startsWith("st") ? FaultKind.WRITE_UNMAPPED : FaultKind.READ_UNMAPPED;
        MemoryRig.assertFault(s, kind, faultAddress, 0);
        MemoryRig.assertUnchanged(s, MemoryRig.before((m, r) -> r.setX(28, x28)));
        MemoryRig.assertSameAsUnicorn2ExceptPartialWrites(word, (m, r) -> r.setX(28, x28));
    }

    static Stream<Arguments> unallocated() {
        return Stream.of(
                Arguments.of("ld2 {v1.1d, v2.1d} (size 11, Q 0, more than one element)", 0x0c408f81),
                Arguments.of("ld1 multiple, opcode 0001", 0x4c401381),
                Arguments.of("ld1 multiple without post-index, Rm != 0", 0x4c427381),
                Arguments.of("ld1 multiple with bit 21 set", 0x4c607381),
                Arguments.of("ld1 {v1.h}[x] with size<0> set", 0x4d404781),
                Arguments.of("ld1 {v1.s}[x] with size 10", 0x4d408b81),
                Arguments.of("ld1 {v1.d}[x] with S set", 0x4d409781),
                Arguments.of("st1r (replicate store)", 0x0d00c381),
                Arguments.of("ld1r with S set", 0x0d40d381),
                Arguments.of("bit 31 set", 0xcc407381));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unallocated")
    void unallocatedEncodingsAreUndefined(String what, int word) {
        MemoryRig.assertFault(MemoryRig.java(new int[] {word}, (m, r) -> {}), FaultKind.UNDEFINED_INSTRUCTION, -1, 0);
        MemoryRig.assertSameAsUnicorn2(word, (m, r) -> {});
    }
}
