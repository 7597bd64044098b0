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
import org.mdemu.guest.machine.Prot;

/** LDR/STR in every addressing mode, pairs, literals and PRFM on the Java engine against Unicorn 2 and the ARM ARM. */
class LoadsStoresTest {
    private static final long MIDDLE = DATA + DATA_SIZE / 2, END = DATA + DATA_SIZE;

    static Stream<Arguments> registerForms() {
        return Stream.of(
                Arguments.of("ldr x1, [x28, #8]", 0xf9400781, 0L),
                Arguments.of("ldr w1, [x28, #4092]", 0xb94fff81, 0L),
                Arguments.of("ldrb w1, [x28, #4095]", 0x397fff81, 0L),
                Arguments.of("ldrsb w1, [x28, #3]", 0x39c00f81, 0L),
                Arguments.of("ldrsb x1, [x28, #3]", 0x39800f81, 0L),
                Arguments.of("ldrh w1, [x28, #6]", 0x79400f81, 0L),
                Arguments.of("ldrsh w1, [x28, #6]", 0x79c00f81, 0L),
                Arguments.of("ldrsh x1, [x28, #6]", 0x79800f81, 0L),
                Arguments.of("ldrsw x1, [x28, #12]", 0xb9800f81, 0L),
                Arguments.of("ldur x1, [x28, #-3]", 0xf85fd381, 0L),
                Arguments.of("ldurh w1, [x28, #-255]", 0x78501381, 0L),
                Arguments.of("ldr x1, [x28, #-16]!", 0xf85f0f81, 0L),
                Arguments.of("ldr x1, [x28], #255", 0xf84ff781, 0L),
                Arguments.of("ldtr x1, [x28, #-8]", 0xf85f8b81, 0L),
                Arguments.of("ldtrsb x1, [x28, #1]", 0x38801b81, 0L),
                Arguments.of("ldtrsh w1, [x28, #1]", 0x78c01b81, 0L),
                Arguments.of("ldtrsw x1, [x28, #1]", 0xb8801b81, 0L),
                Arguments.of("sttr x1, [x28, #-7]", 0xf81f9b81, 0L),
                Arguments.of("sttrb w1, [x28, #-7]", 0x381f9b81, 0L),
                Arguments.of("ldr x1, [x28, x2, lsl #3]", 0xf8627b81, -3L),
                Arguments.of("ldr w1, [x28, w2, uxtw #2]", 0xb8625b81, 0x7654321000000010L),
                Arguments.of("ldr x1, [x28, w2, sxtw]", 0xf862cb81, 0x12345678fffffff0L),
                Arguments.of("ldrh w1, [x28, x2, sxtx #1]", 0x7862fb81, -100L),
                Arguments.of("ldrb w1, [x28, x2, lsl #0]", 0x38627b81, 77L),
                Arguments.of("ldrsb x1, [x28, w2, sxtw]", 0x38a2cb81, 0xffffffffL),
                Arguments.of("str q1, [x28, x2, lsl #4]", 0x3ca27b81, -2L),
                Arguments.of("ldr q1, [x28, w2, uxtw #4]", 0x3ce25b81, 0xfff00000003L),
                Arguments.of("ldr b1, [x28, #1]", 0x3d400781, 0L),
                Arguments.of("ldr h1, [x28, #2]", 0x7d400781, 0L),
                Arguments.of("ldr s1, [x28, #4]", 0xbd400781, 0L),
                Arguments.of("ldr d1, [x28, #8]", 0xfd400781, 0L),
                Arguments.of("ldr q1, [x28, #16]", 0x3dc00781, 0L),
                Arguments.of("ldur q1, [x28, #-1]", 0x3cdff381, 0L),
                Arguments.of("str b1, [x28, #1]", 0x3d000781, 0L),
                Arguments.of("str h1, [x28, #-2]!", 0x7c1fef81, 0L),
                Arguments.of("str s1, [x28], #-4", 0xbc1fc781, 0L),
                Arguments.of("str d1, [x28, #8]", 0xfd000781, 0L),
                Arguments.of("str q1, [x28, #-17]!", 0x3c9eff81, 0L),
                Arguments.of("stur q1, [x28, #3]", 0x3c803381, 0L),
                Arguments.of("str x1, [x28, #8]", 0xf9000781, 0L),
                Arguments.of("strb w1, [x28, #1]", 0x39000781, 0L),
                Arguments.of("strh w1, [x28], #3", 0x78003781, 0L),
                Arguments.of("str w1, [sp, #-4]!", 0xb81fcfe1, 0L),
                Arguments.of("ldr x1, [sp], #16", 0xf84107e1, 0L),
                Arguments.of("prfm pldl1keep, [x28, #8]", 0xf9800780, 0L),
                Arguments.of("prfum pldl1keep, [x28, #-1]", 0xf89ff380, 0L),
                Arguments.of("prfm pstl2strm, [x28, x2] (x2 far outside memory)", 0xf8a26b93, 0x7fff00000000L),
                // Writeback onto the transferred register (CONSTRAINED UNPREDICTABLE): as Unicorn 2.
                Arguments.of("ldr x28, [x28], #8", 0xf840879c, 0L),
                Arguments.of("ldr x28, [x28, #8]!", 0xf8408f9c, 0L),
                Arguments.of("ldrb w28, [x28, #1]!", 0x38401f9c, 0L),
                Arguments.of("str x28, [x28, #8]!", 0xf8008f9c, 0L),
                Arguments.of("str x28, [x28], #-8", 0xf81f879c, 0L),
                // Pairs.
                Arguments.of("ldp x1, x2, [x28, #-512]", 0xa9600b81, 0L),
                Arguments.of("ldp w1, w2, [x28, #252]", 0x295f8b81, 0L),
                Arguments.of("ldpsw x1, x2, [x28, #-8]!", 0x69ff0b81, 0L),
                Arguments.of("ldpsw x1, x2, [x28], #8", 0x68c10b81, 0L),
                Arguments.of("stp x1, x2, [sp, #-16]!", 0xa9bf0be1, 0L),
                Arguments.of("stp w1, w2, [x28], #-256", 0x28a00b81, 0L),
                Arguments.of("ldnp x1, x2, [x28, #16]", 0xa8410b81, 0L),
                Arguments.of("stnp w1, w2, [x28, #-4]", 0x283f8b81, 0L),
                Arguments.of("ldp s1, s2, [x28, #4]", 0x2d408b81, 0L),
                Arguments.of("ldp d1, d2, [x28, #-8]!", 0x6dff8b81, 0L),
                Arguments.of("ldp q1, q2, [x28], #32", 0xacc10b81, 0L),
                Arguments.of("stp q1, q2, [x28, #-1024]", 0xad200b81, 0L),
                Arguments.of("stp s1, s2, [x28, #4]!", 0x2d808b81, 0L),
                Arguments.of("stnp d1, d2, [x28, #8]", 0x6c008b81, 0L),
                Arguments.of("ldnp q1, q2, [x28, #-32]", 0xac7f0b81, 0L),
                // LDP with Rt == Rt2 (CONSTRAINED UNPREDICTABLE): as Unicorn 2.
                Arguments.of("ldp x1, x1, [x28]", 0xa9400781, 0L),
                Arguments.of("ldp q1, q1, [x28]", 0xad400781, 0L),
                Arguments.of("ldp x28, x1, [x28], #16", 0xa8c1079c, 0L),
                Arguments.of("stp x28, x1, [x28, #-16]!", 0xa9bf079c, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registerForms")
    void registerAndPairFormsAsUnicorn2(String asm, int word, long x2) {
        MemoryRig.assertSameAsUnicorn2(word, (m, r) -> r.setX(2, x2));
    }

    static Stream<Arguments> literals() {
        // imm19 reaches DATA from CODE: DATA - CODE = 0xf0000 bytes.
        int toData = (int) ((DATA - A64Rig.CODE + 0x123c) >> 2) << 5;
        return Stream.of(
                Arguments.of("ldr x1, [pc + 8] (code)", 0x58000041),
                Arguments.of("ldr w1, [pc - 4] (unmapped: fault)", 0x18ffffe1 & ~0x1f | 1),
                Arguments.of("ldr w1, DATA", 0x18000001 | toData),
                Arguments.of("ldrsw x1, DATA", 0x98000001 | toData),
                Arguments.of("ldr x1, DATA", 0x58000001 | toData),
                Arguments.of("ldr s1, DATA", 0x1c000001 | toData),
                Arguments.of("ldr d1, DATA", 0x5c000001 | toData),
                Arguments.of("ldr q1, DATA", 0x9c000001 | toData),
                Arguments.of("prfm plil1keep, far away", 0xd8800008));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("literals")
    void literalLoadsAsUnicorn2(String asm, int word) {
        MemoryRig.assertSameAsUnicorn2(word, (m, r) -> {});
    }

    @Test
    void pcMinusFourIsOutsideTheCodeMapping() {
        // The literal case above faults: CODE is the first mapped page.
        A64Rig.Snapshot s = MemoryRig.java(new int[] {0x18ffffe1}, (m, r) -> {});
        MemoryRig.assertFault(s, FaultKind.READ_UNMAPPED, A64Rig.CODE - 4, 0);
    }

    @Test
    void loadsWriteTheRegisterSizeTheyNameAndExtend() {
        // ldrsb w1, [x28, #3]; ldrsh x2, [x28, #6]; ldr b3, [x28, #1]; ldr s4, [x28, #4]
        A64Rig.Snapshot s = MemoryRig.assertSameAsUnicorn2(new int[] {0x39c00f81, 0x79800f82, 0x3d400783, 0xbd400784},
                (m, r) -> m.memory().write(MIDDLE,
                        new byte[] {0, 0x11, 0, (byte) 0x80, 0x22, 0, (byte) 0xfe, (byte) 0xff}));
        assertThat(s.x()[1]).isEqualTo(0xffffff80L);
        assertThat(s.x()[2]).isEqualTo(-2L);
        assertThat(s.v()[6]).isEqualTo(0x11L);
        assertThat(s.v()[7]).isZero();
        assertThat(s.v()[8]).isEqualTo(0xfffe0022L);
        assertThat(s.v()[9]).isZero();
    }

    static Stream<Arguments> faultingForms() {
        return Stream.of(
                Arguments.of("ldr x1, [x28] across the end of DATA", 0xf9400381, END - 4, END),
                Arguments.of("ldr x28, [x28, #8]! across the end", 0xf8408f9c, END - 12, END),
                Arguments.of("ldp x1, x2, [x28], #16 second half outside", 0xa8c10b81, END - 8, END),
                Arguments.of("ldp q1, q2, [x28, #-32]! second half outside", 0xadff0b81, END + 16, END),
                Arguments.of("ldr q1, [x28] across the end", 0x3dc00381, END - 8, END),
                Arguments.of("ldur x1, [x28, #-1] before DATA", 0xf85ff381, DATA, DATA - 1),
                Arguments.of("ldrsw x1, [x28] just outside", 0xb9800381, END, END),
                Arguments.of("str x1, [x28] across the end", 0xf9000381, END - 4, END),
                Arguments.of("strh w1, [x28, #1]! across the end", 0x78001f81, END - 2, END));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultingForms")
    void faultsLeaveEveryRegisterAndByteAsBefore(String asm, int word, long x28, long faultAddress) {
        A64Rig.Snapshot before = MemoryRig.before((m, r) -> r.setX(28, x28));
        A64Rig.Snapshot s = MemoryRig.java(new int[] {word}, (m, r) -> r.setX(28, x28));
        FaultKind kind = asm.startsWith("st") ? FaultKind.WRITE_UNMAPPED : FaultKind.READ_UNMAPPED;
        MemoryRig.assertFault(s, kind, faultAddress, 0);
        MemoryRig.assertUnchanged(s, before);
        // Unicorn 2 agrees on the fault and the general registers; it loads a Q pair's first register before the
        // second faults.
        MemoryRig.assertSameAsUnicorn2ExceptPartialWrites(word, (m, r) -> r.setX(28, x28));
    }

    /**
     * Multi-part stores whose later part faults: the ARM ARM leaves the bytes of a faulting store UNKNOWN; this engine
     * checks the whole range first and stores nothing. Unicorn 2 (QEMU) stores the parts before the faulting one, so
     * only its fault and registers are compared.
     */
    static Stream<Arguments> faultingMultiPartStores() {
        return Stream.of(
                Arguments.of("stp x1, x2, [x28] second half outside", 0xa9000b81, END - 8, END),
                Arguments.of("stp q1, q2, [x28, #-32]! second half outside", 0xadbf0b81, END + 16, END),
                Arguments.of("str q1, [x28] across the end", 0x3d800381, END - 8, END),
                Arguments.of("stur q1, [x28, #3] across the end", 0x3c803381, END - 11, END),
                Arguments.of("stp w1, w2, [x28], #8 across the end", 0x28810b81, END - 6, END));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultingMultiPartStores")
    void multiPartStoresThatFaultStoreNothing(String asm, int word, long x28, long faultAddress) {
        A64Rig.Snapshot before = MemoryRig.before((m, r) -> r.setX(28, x28));
        A64Rig.Snapshot java = MemoryRig.java(new int[] {word}, (m, r) -> r.setX(28, x28));
        MemoryRig.assertFault(java, FaultKind.WRITE_UNMAPPED, faultAddress, 0);
        MemoryRig.assertUnchanged(java, before);
        MemoryRig.assertSameAsUnicorn2ExceptPartialWrites(word, (m, r) -> r.setX(28, x28));
    }

    @Test
    void storesToAReadOnlyPageAreWriteProtectionFaults() {
        // stp x1, x2, [x28, #-8]: the first half writable, the second on a read-only page.
        A64Rig.Snapshot s = MemoryRig.java(new int[] {0xa93f8b81},
                (m, r) -> m.memory().protect(MIDDLE, 0x1000, Prot.READ));
        MemoryRig.assertFault(s, FaultKind.WRITE_PROT, MIDDLE, 0);
        assertThat(s.data()).isEqualTo(A64Rig.pattern());
        // ldp x1, x2, [x28, #-8] reads it.
        MemoryRig.assertSameAsUnicorn2(0xa97f8b81, (m, r) -> m.memory().protect(MIDDLE, 0x1000, Prot.READ));
        // str x1, [x28] on it.
        MemoryRig.assertSameAsUnicorn2(0xf9000381, (m, r) -> m.memory().protect(MIDDLE, 0x1000, Prot.READ));
    }

    static Stream<Arguments> unallocated() {
        return Stream.of(
                Arguments.of("ldrsw with size 10 opc 11 (unallocated)", 0xb9c00381),
                Arguments.of("ldr x1, [x28, w2, uxtb] (option 000)", 0xf8620b81),
                Arguments.of("prfm with post-index (size 11 opc 10, post)", 0xf8808780),
                Arguments.of("ldtr q1 (V unprivileged)", 0x3cc00b81),
                Arguments.of("str of 128 bits with size 01", 0x7c800381 | 0x00800000),
                Arguments.of("ldp with opc 11", 0xe9400b81),
                Arguments.of("ldnp of signed words (opc 01)", 0x68400b81),
                Arguments.of("stgp (MTE)", 0x69000b81),
                Arguments.of("ldp with V and opc 11", 0xed400b81),
                Arguments.of("ldr literal V opc 11", 0xdc000001),
                Arguments.of("ldraa x1, [x28] (PAC)", 0xf8200781));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unallocated")
    void unallocatedEncodingsAreUndefined(String what, int word) {
        A64Rig.Snapshot s = MemoryRig.java(new int[] {word}, (m, r) -> {});
        MemoryRig.assertFault(s, FaultKind.UNDEFINED_INSTRUCTION, -1, 0);
    }
}
