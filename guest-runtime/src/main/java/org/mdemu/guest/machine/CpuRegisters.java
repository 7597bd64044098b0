package org.mdemu.guest.machine;

/** The AArch64 register file of the guest thread that is on the CPU, as a trap handler sees it. */
public interface CpuRegisters {
    /** General register xN, 0..30. */
    long x(int n);

    void setX(int n, long value);

    long sp();

    void setSp(long value);

    long pc();

    void setPc(long value);

    default long lr() {
        return x(30);
    }

    long tpidr();

    void setTpidr(long value);

    /** Low 64 bits of SIMD/FP register vN (the dN view). */
    long d64(int n);

    void setD64(int n, long bits);

    default double d(int n) {
        return Double.longBitsToDouble(d64(n));
    }

    default void setD(int n, double v) {
        setD64(n, Double.doubleToRawLongBits(v));
    }

    default float s(int n) {
        return Float.intBitsToFloat((int) d64(n));
    }

    default void setS(int n, float v) {
        setD64(n, Float.floatToRawIntBits(v) & 0xffffffffL);
    }

    /** All 128 bits of vN, little-endian: [0] = low 64 bits, [1] = high 64 bits. */
    long[] q(int n);

    void setQ(int n, long low, long high);

    long nzcv();

    /** Sets the condition flags (N, Z, C, V in bits 31..28), as a signal return restores them. */
    void setNzcv(long value);

    /**
     * FPCR, the floating-point control register the guest's own FP instructions obey: RMode (bits 23:22, 0 nearest,
     * 1 towards +inf, 2 towards -inf, 3 towards zero), FZ (24), DN (25), AHP (26).
     */
    long fpcr();

    void setFpcr(long value);

    /**
     * FPSR, the floating-point status register: the cumulative exception flags IOC, DZC, OFC, UFC, IXC (bits 0-4)
     * and IDC (7) that the guest's FP instructions set and fetestexcept reads, and QC (27).
     */
    long fpsr();

    void setFpsr(long value);
}
