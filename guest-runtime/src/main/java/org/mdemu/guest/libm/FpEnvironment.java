package org.mdemu.guest.libm;

import java.math.RoundingMode;
import org.mdemu.guest.machine.CpuRegisters;

/**
 * The calling thread's floating-point environment as Java-served functions see it: the rounding mode from the
 * CPU's FPCR, and the FPSR flags a function raises, the same register the guest's fetestexcept reads.
 */
final class FpEnvironment {
    static final int INVALID = 0x01, DIVBYZERO = 0x02, OVERFLOW = 0x04, UNDERFLOW = 0x08, INEXACT = 0x10;

    private FpEnvironment() {}

    /** FPCR.RMode as a Java rounding mode for signed values: nearest even, +inf, -inf, zero. */
    static RoundingMode rounding(CpuRegisters regs) {
        return switch ((int) (regs.fpcr() >>> 22) & 3) {
            case 1 -> RoundingMode.CEILING;
            case 2 -> RoundingMode.FLOOR;
            case 3 -> RoundingMode.DOWN;
            default -> RoundingMode.HALF_EVEN;
        };
    }

    /** Sets exception flags in FPSR; they stay set until the guest clears them, as an FP instruction leaves them. */
    static void raise(CpuRegisters regs, int flags) {
        if (flags == 0) return;
        long fpsr = regs.fpsr();
        if ((fpsr | flags) != fpsr) regs.setFpsr(fpsr | flags);
    }
}
