package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.testing.FakeMemory;

class DwarfCfiTest {
    private static final long CIE = 0x10000, STACK = 0x11000, CODE = 0x20000;

    private static byte[] entry(int id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4 + body.length).putInt(id).put(body);
        return b.array();
    }

    /** A CIE (code alignment 4, data alignment -8, return column x30, CFA = sp) and one FDE with instructions. */
    private static FakeMemory table(byte[] fdeInstructions) {
        byte[] cie = entry(0, new byte[] {1, 'z', 'R', 0, 4, 0x78, 30, 1, 0x00, 0x0c, 31, 0});
        ByteBuffer fde = ByteBuffer.allocate(21 + fdeInstructions.length).order(ByteOrder.LITTLE_ENDIAN);
        fde.putInt(cie.length + 4).putLong(CODE).putLong(0x100).put((byte) 0).put(fdeInstructions);
        byte[] body = new byte[fde.capacity() - 4];
        System.arraycopy(fde.array(), 4, body, 0, body.length);
        ByteBuffer fdeEntry = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        fdeEntry.putInt(4 + body.length).putInt(cie.length + 4).put(body);
        FakeMemory mem = new FakeMemory();
        mem.map(CIE, 0x2000, Prot.RW);
        mem.write(CIE, cie);
        mem.write(CIE + cie.length, fdeEntry.array());
        return mem;
    }

    @Test
    void expressionRulesGiveTheCfaSavedRegistersAndComputedValues() {
        ByteArrayOutputStream ops = new ByteArrayOutputStream();
        // DW_CFA_def_cfa_expression: DW_OP_breg31 +16.
        ops.writeBytes(new byte[] {0x0f, 2, (byte) 0x8f, 16});
        // DW_CFA_expression x30: CFA (pushed) - 8, by DW_OP_lit8 DW_OP_minus.
        ops.writeBytes(new byte[] {0x10, 30, 2, 0x38, 0x1c});
        // DW_CFA_val_expression x19: x0 + 5 (DW_OP_breg0 5), then a branch over a bad operation (DW_OP_skip 1, 0xff).
        ops.writeBytes(new byte[] {0x16, 19, 6, 0x70, 5, 0x2f, 1, 0, (byte) 0xff});
        FakeMemory mem = table(ops.toByteArray());
        mem.writeLong(STACK + 8, CODE + 0x40);
        DwarfCfi cfi = new DwarfCfi(mem);
        DwarfCfi.Fde fde = cfi.fde(CIE + 20);
        assertThat(fde).isNotNull();
        long[] x = new long[32];
        x[0] = 100;
        x[31] = STACK;
        DwarfCfi.Step step = cfi.step(fde, CODE + 0x10, x, null);
        assertThat(step).isNotNull();
        assertThat(step.cfa()).isEqualTo(STACK + 16);
        assertThat(step.x()[31]).isEqualTo(STACK + 16);
        assertThat(step.returnAddress()).isEqualTo(CODE + 0x40);
        assertThat(step.x()[19]).isEqualTo(105);
    }

    @Test
    void aMalformedExpressionIsAnIllegalArgumentNotAJvmError() {
        // DW_OP_plus with an empty stack, then an expression that reads past its stack bound by looping forever.
        FakeMemory mem = table(new byte[] {0x0f, 1, 0x22});
        DwarfCfi cfi = new DwarfCfi(mem);
        DwarfCfi.Fde fde = cfi.fde(CIE + 20);
        long[] x = new long[32];
        x[31] = STACK;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cfi.step(fde, CODE, x, null))
                .isInstanceOf(IllegalArgumentException.class);
        FakeMemory loop = table(new byte[] {0x0f, 3, 0x2f, (byte) 0xfd, (byte) 0xff}); // DW_OP_skip -3: itself
        DwarfCfi looping = new DwarfCfi(loop);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> looping.step(looping.fde(CIE + 20), CODE, x, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
