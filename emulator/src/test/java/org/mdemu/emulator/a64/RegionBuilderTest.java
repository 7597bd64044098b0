package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.Prot;

/**
 * A region runs past an unconditional or indirect branch while a direct branch of the region jumps further on (an
 * if/else, a function's early return), and ends at the first one past which nothing jumps; translated, such a region
 * ends as on Unicorn 2 whichever way its branches go.
 */
@ExtendWith(TranslationRig.TranslatingAtOnce.class)
class RegionBuilderTest {
    static final int[] DIAMOND_AND_EARLY_RETURN = {
        0xf100141f, // cmp x0, #5
        0x5400006b, // b.lt else
        0x91000421, // add x1, x1, #1
        0x14000002, // b join
        0xd1000421, // else: sub x1, x1, #1
        0x91000442, // join: add x2, x2, #1
        0xb4000043, // cbz x3, last
        0xd65f03c0, // ret
        0x91000484, // last: add x4, x4, #1
        0xd65f03c0, // ret (nothing of the region jumps past it: the region ends here)
        0x910004a5, // add x5, x5, #1
    };
    private static final long END = A64Rig.CODE + 4L * DIAMOND_AND_EARLY_RETURN.length;

    private static RegionBuilder.Plan build(int[] words, int max) {
        try (JavaMachine m = new JavaMachine()) {
            m.memory().map(A64Rig.CODE, 0x10000, Prot.RWX);
            byte[] bytes = new byte[4 * words.length];
            for (int i = 0; i < words.length; i++) {
                for (int k = 0; k < 4; k++) bytes[4 * i + k] = (byte) (words[i] >>> (8 * k));
            }
            m.memory().write(A64Rig.CODE, bytes);
            return RegionBuilder.build((PagedMemory) m.memory(), A64Rig.CODE, -1, max);
        }
    }

    @Test
    void anIfElseAndAnEarlyReturnStayInOneRegionEndingAtTheLastReturn() {
        RegionBuilder.Plan plan = build(DIAMOND_AND_EARLY_RETURN, Translator.MAX_INSTRUCTIONS);
        assertThat(plan.count).isEqualTo(10);
        assertThat(plan.internalTarget[3]).isEqualTo(5); // b join: a jump inside
        assertThat(plan.internalTarget[6]).isEqualTo(8); // cbz x3, last: a jump inside
    }

    @Test
    void aBranchPastTheSizeLimitDoesNotExtendTheRegion() {
        assertThat(build(DIAMOND_AND_EARLY_RETURN, 8).count).isEqualTo(8);
        int[] farJump = {
            0xb4080003, // cbz x3, +0x10000 (past the limit)
            0x14000002, // b +8
            0x91000484, // add x4, x4, #1
            0x910004a5, // add x5, x5, #1
        };
        assertThat(build(farJump, Translator.MAX_INSTRUCTIONS).count).isEqualTo(4); // b +8 jumps past itself
        int[] call = {
            0x94000002, // bl +8 (a call: its target does not keep the region going)
            0x91000484, // add x4, x4, #1
            0x910004a5, // add x5, x5, #1
        };
        assertThat(build(call, Translator.MAX_INSTRUCTIONS).count).isEqualTo(1);
    }

    @Test
    void everyWayThroughTheRegionEndsAsOnUnicorn2() {
        for (long x0 : new long[] {3, 5, 7}) {
            for (long x3 : new long[] {0, 1}) {
                A64Rig.Snapshot s = TranslationRig.assertSame(DIAMOND_AND_EARLY_RETURN, r -> {
                    r.setX(0, x0);
                    r.setX(3, x3);
                    r.setX(30, END);
                }, END, 10_000, false);
                assertThat(s.exit()).isInstanceOf(CpuExit.ReachedStopAddress.class);
                assertThat(s.x()[1]).isEqualTo(x0 < 5 ? -1 : 1);
                assertThat(s.x()[4]).isEqualTo(x3 == 0 ? 1 : 0);
                assertThat(s.x()[5]).isZero();
            }
        }
    }
}
