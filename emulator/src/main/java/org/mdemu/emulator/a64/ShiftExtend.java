package org.mdemu.emulator.a64;

/** ARM's ShiftReg and ExtendReg: the second operand of the shifted- and extended-register forms. */
public final class ShiftExtend {
    public static final int LSL = 0, LSR = 1, ASR = 2, ROR = 3;

    private ShiftExtend() {}

    /** ShiftReg on a 64-bit value: type LSL/LSR/ASR/ROR, amount 0-63. */
    public static long shift64(long value, int type, int amount) {
        return switch (type) {
            case LSL -> value << amount;
            case LSR -> value >>> amount;
            case ASR -> value >> amount;
            default -> Long.rotateRight(value, amount);
        };
    }

    /** ShiftReg on a 32-bit value: amount 0-31. */
    public static int shift32(int value, int type, int amount) {
        return switch (type) {
            case LSL -> value << amount;
            case LSR -> value >>> amount;
            case ASR -> value >> amount;
            default -> Integer.rotateRight(value, amount);
        };
    }

    /**
     * ExtendReg: option 0-7 is UXTB, UXTH, UXTW, UXTX, SXTB, SXTH, SXTW, SXTX of value, shifted left by 0-4 (the
     * caller truncates to 32 bits for W operations).
     */
    public static long extend(long value, int option, int shift) {
        long v = switch (option) {
            case 0 -> value & 0xff;
            case 1 -> value & 0xffff;
            case 2 -> value & 0xffffffffL;
            case 4 -> (byte) value;
            case 5 -> (short) value;
            case 6 -> (int) value;
            default -> value;
        };
        return v << shift;
    }
}
