package org.mdemu.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which instruction of a translation block made a protection fault, from the code alone (encodings: ARM ARM). */
class FaultingInstructionTest {
    private static final int ADD_X1 = 0x91000421;      // add x1, x1, #1
    private static final int STR_X1 = 0xf9000001;      // str x1, [x0]
    private static final int LDR_X2 = 0xf9400002;      // ldr x2, [x0]
    private static final int STP = 0xa9000401;         // stp x1, x1, [x0]
    private static final int LDADD = 0xf8210002;       // ldadd x1, x2, [x0]
    private static final int DC_ZVA = 0xd50b7420;      // dc zva, x0
    private static final int RET = 0xd65f03c0;
    private static final int SVC = 0xd4000001;
    private static final int STR_Q = 0x3d800000;       // str q0, [x0]
    private static final int LDR_Q = 0x3dc00000;       // ldr q0, [x0]

    private static long locate(boolean write, int... code) {
        Map<Long, Integer> words = new java.util.HashMap<>();
        for (int i = 0; i < code.length; i++) words.put(0x1000L + 4 * i, code[i]);
        return FaultingInstruction.locate(0x1000, write, a -> {
            Integer w = words.get(a);
            if (w == null) throw new IllegalStateException("unmapped");
            return w;
        });
    }

    @Test
    void theOnlyStoreOfTheBlockMadeAWriteFault() {
        assertThat(locate(true, ADD_X1, STR_X1, RET)).isEqualTo(0x1004);
        assertThat(locate(true, ADD_X1, ADD_X1, LDR_X2, STP, RET)).isEqualTo(0x100c);
        assertThat(locate(true, ADD_X1, STR_Q, RET)).isEqualTo(0x1004);
    }

    @Test
    void theOnlyLoadOfTheBlockMadeAReadFault() {
        assertThat(locate(false, ADD_X1, STR_X1, LDR_X2, RET)).isEqualTo(0x1008);
        assertThat(locate(false, ADD_X1, LDR_Q, STR_Q, RET)).isEqualTo(0x1004);
    }

    @Test
    void atomicsAndCacheZeroingCountAsBothAccesses() {
        assertThat(locate(true, ADD_X1, LDADD, RET)).isEqualTo(0x1004);
        assertThat(locate(false, ADD_X1, LDADD, RET)).isEqualTo(0x1004);
        assertThat(locate(true, ADD_X1, DC_ZVA, RET)).isEqualTo(0x1004);
        assertThat(locate(true, STR_X1, LDADD, RET)).isEqualTo(0x1000);
    }

    @Test
    void twoCandidatesLeaveTheBlockStartBecauseWhichOneFaultedCannotBeTold() {
        assertThat(locate(true, ADD_X1, STR_X1, ADD_X1, STR_X1, RET)).isEqualTo(0x1000);
    }

    @Test
    void theSearchStopsAtTheFirstBranchOrTrapAndAtUnreadableCode() {
        assertThat(locate(true, ADD_X1, STR_X1, RET, STR_X1)).isEqualTo(0x1004);
        assertThat(locate(true, ADD_X1, STR_X1, SVC, STR_X1)).isEqualTo(0x1004);
        assertThat(locate(true, ADD_X1, ADD_X1)).isEqualTo(0x1000);
    }
}
