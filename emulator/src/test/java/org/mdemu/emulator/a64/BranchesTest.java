package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.CpuExit;

/**
 * Branches on the Java engine against Unicorn 2: taken and not taken on edge operands and every condition, link
 * registers, register targets, targets outside the code; BC.cond, the PAC branches, ERET/DRPS and the unallocated
 * register-branch encodings undefined.
 */
class BranchesTest {
    private static final int MOVZ_X0_1 = 0xd2800020, NOP = 0xd503201f, B_12 = 0x14000003, B_8 = 0x14000002;

    /** Forward branches to pc + 8: taken, they skip the movz. */
    private static final Object[] FORWARD = {
            0x14000002, "b #8",
            0x17ffffff, "b #-4",
            0x94000002, "bl #8",
            0x97fffffe, "bl #-8",
            0x54000040, "b.eq #8",
            0x54000041, "b.ne #8",
            0x54000042, "b.hs #8",
            0x54000043, "b.lo #8",
            0x54000044, "b.mi #8",
            0x54000045, "b.pl #8",
            0x54000046, "b.vs #8",
            0x54000047, "b.vc #8",
            0x54000048, "b.hi #8",
            0x54000049, "b.ls #8",
            0x5400004a, "b.ge #8",
            0x5400004b, "b.lt #8",
            0x5400004c, "b.gt #8",
            0x5400004d, "b.le #8",
            0x5400004e, "b.al #8",
            0x5400004f, "b.nv #8",
            0xb4000041, "cbz x1, #8",
            0x34000041, "cbz w1, #8",
            0xb5000041, "cbnz x1, #8",
            0x35000041, "cbnz w1, #8",
            0x36000041, "tbz x1, #0, #8",
            0x36f80041, "tbz w1, #31, #8",
            0xb6f80041, "tbz x1, #63, #8",
            0xb7000041, "tbnz x1, #32, #8",
            0x37380041, "tbnz w1, #7, #8",
            0xb7f80041, "tbnz x1, #63, #8",
    };

    @Test
    void forwardBranchesTakenAndNotTakenMatchUnicorn2() {
        List<String> failures = new ArrayList<>();
        try (A64Rig.Pair pair = new A64Rig.Pair()) {
            for (int i = 0; i < FORWARD.length; i += 2) {
                EdgeOperands.compare(pair, new int[] {(Integer) FORWARD[i], MOVZ_X0_1, NOP}, (String) FORWARD[i + 1],
                        failures);
            }
            // Backward: b #12 to word 3, which branches back; word 2 leaves.
            for (int back : new int[] {0x17ffffff /* b #-4 */, 0x97fffffe /* bl #-8 */, 0x54ffffc0 /* b.eq #-8 */,
                    0xb4ffffc1 /* cbz x1, #-8 */, 0x37ffffc1 /* tbnz w1, #31, #-8 */}) {
                EdgeOperands.compare(pair, new int[] {B_12, MOVZ_X0_1, B_8, back}, Integer.toHexString(back), failures);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void blLinksTheNextInstruction() {
        A64Rig.Snapshot s = A64Rig.assertSameAsUnicorn2(new int[] {0x94000002 /* bl #8 */, MOVZ_X0_1, NOP}, r -> {});
        assertThat(s.x()[30]).isEqualTo(A64Rig.CODE + 4);
        assertThat(s.x()[0]).isZero();
    }

    @Test
    void registerBranchesMatchUnicorn2() {
        List<String> failures = new ArrayList<>();
        try (A64Rig.Pair pair = new A64Rig.Pair()) {
            int adrX5 = 0x10000065, adrX30 = 0x1000007e; // adr x5, #12; adr x30, #12
            Object[] programs = {
                    new int[] {adrX5, 0xd61f00a0, MOVZ_X0_1, NOP}, "br x5",
                    new int[] {adrX5, 0xd63f00a0, MOVZ_X0_1, NOP}, "blr x5",
                    new int[] {adrX30, 0xd63f03c0, MOVZ_X0_1, NOP}, "blr x30 (jumps to the old x30)",
                    new int[] {adrX30, 0xd65f03c0, MOVZ_X0_1, NOP}, "ret",
                    new int[] {adrX5, 0xd65f00a0, MOVZ_X0_1, NOP}, "ret x5",
                    new int[] {0xd61f03e0}, "br xzr (to 0: unmapped)",
                    new int[] {0xd63f03e0}, "blr xzr",
                    // and x1, x1, #~3; br x1: edge targets, aligned (misaligned ones: see misalignedTargets...)
                    new int[] {0x927ef421, 0xd61f0020}, "br x1 (edge values, unmapped)",
                    new int[] {0x17ffc000}, "b #-65536 (to 0)",
                    new int[] {0x15ffffff}, "b #0x7fffffc",
                    new int[] {0x96000000}, "bl #-0x8000000 (below 0)",
                    new int[] {0x14000000}, "b #0 (loops until the budget ends)",
            };
            for (int i = 0; i < programs.length; i += 2) {
                EdgeOperands.compare(pair, (int[]) programs[i], (String) programs[i + 1], failures);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void blrToItsOwnLinkRegisterJumpsToTheOldValue() {
        A64Rig.Snapshot s = A64Rig.assertSameAsUnicorn2(new int[] {0x1000007e, 0xd63f03c0, MOVZ_X0_1, NOP}, r -> {});
        assertThat(s.x()[30]).isEqualTo(A64Rig.CODE + 8);
        assertThat(s.x()[0]).isZero();
        assertThat(s.exit()).isInstanceOf(CpuExit.ReachedStopAddress.class);
    }

    /**
     * A branch to a misaligned address takes a PC alignment fault when the next instruction is fetched (ARM ARM
     * "PC alignment checking"; Linux sends SIGBUS/BUS_ADRALN), at the misaligned pc. Unicorn 2 disagrees: it reports
     * an unmapped fetch for a misaligned unmapped target and fetches the misaligned word of a mapped one (CODE + 6
     * runs 0x0000d503), so this is checked against the architecture only.
     */
    @Test
    void misalignedTargetsTakeAPcAlignmentFault() {
        for (long target : new long[] {1, A64Rig.CODE + 6, -1, 0x7fffffffL}) {
            try (JavaMachine m = new JavaMachine()) {
                A64Rig.Snapshot s = A64Rig.run(m, new int[] {0xd61f0020 /* br x1 */, NOP}, r -> r.setX(1, target));
                assertThat(s.exit()).isInstanceOfSatisfying(CpuExit.Fault.class, f -> {
                    assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.UNALIGNED);
                    assertThat(f.pc()).isEqualTo(target);
                });
                assertThat(s.pc()).isEqualTo(target);
            }
        }
    }

    /** Undefined in this engine: no PAC, no v8.8 BC.cond, no exception return at EL0, unallocated register forms. */
    static final int[] UNDEFINED = {
            0x54000050, // bc.eq #8 (v8.8 HBC)
            0x55000040, // conditional branch with o1=1
            0xd71f0801, // braa x0, x1
            0xd63f081f, // blraaz x0
            0xd65f0bff, // retaa
            0xd61f081f, // braaz x0
            0xd69f03e0, // eret
            0xd6bf03e0, // drps
            0xd61f0001, // br with op4 != 0
            0xd61f0400, // br with op3=000001
            0xd6000000, // opc 0000 with op2 != 11111
            0xd67f03e0, // opc 0011
            0xd7000000, // opc 1000, op2 00000
    };

    @Test
    void pacBranchesAndUnallocatedFormsAreUndefined() {
        // Unicorn 2 implements PAuth: it executes BRAA, BLRAAZ, RETAA, BRAAZ.
        assertThat(EdgeOperands.undefinedEverywhere(UNDEFINED, 0xd71f0801, 0xd63f081f, 0xd65f0bff, 0xd61f081f))
                .isEmpty();
    }
}
