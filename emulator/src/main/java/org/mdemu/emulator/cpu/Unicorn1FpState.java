package org.mdemu.emulator.cpu;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import unicorn.Arm64Const;

/**
 * FPCR and FPSR on Unicorn 1, whose register calls know neither (its arm64 register list ends at VBAR_EL3). QEMU 2.x
 * keeps them in the CPU state that uc_context_save copies out byte for byte (a uc_context is a size_t and then
 * CPUARMState up to its TLB): the FPSCR word (vfp.xregs[ARM_VFP_FPSCR]) and softfloat's float_status, whose rounding
 * mode, flush-to-zero and default-NaN bytes the FP instructions obey and whose exception-flag byte they set. Where
 * those bytes lie, and how softfloat numbers rounding modes and flags, is learnt once per JVM on a scratch engine:
 * msr and FP instructions with known effects run there, and the saved contexts are compared. A read saves the
 * context into a scratch buffer; a write saves, patches and restores it, as a direct write to the CPU state would.
 * The buffers are native memory, reached through sun.misc.Unsafe (the binding gives only their addresses).
 * CpuContractTest holds the result to the same behaviour as Unicorn 2's registers.
 */
final class Unicorn1FpState {
    /** FPSR bits kept in the FPSCR word: N, Z, C, V, QC and the cumulative flags IOC..IXC, IDC. */
    private static final int FPSR_BITS = 0xf800009f;
    /** FPCR bits this emulation models: AHP, DN, FZ, RMode. */
    private static final int FPCR_BITS = 0x07c00000;
    private static final long DATA = 8;

    /** Offsets into the saved CPU state, and softfloat's codes for ARM's rounding modes and for IOC..IXC. */
    private record Layout(int fpscr, int roundingMode, int[] flushToZero, int defaultNan, int flags,
                          int[] softfloatRounding, int[] softfloatFlag) {}

    private static Layout layout;
    private static final MethodHandle GET_BYTE, PUT_BYTE, GET_INT, PUT_INT;

    static {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            MethodHandles.Lookup l = MethodHandles.lookup();
            GET_BYTE = l.findVirtual(unsafeClass, "getByte", MethodType.methodType(byte.class, long.class)).bindTo(unsafe);
            PUT_BYTE = l.findVirtual(unsafeClass, "putByte", MethodType.methodType(void.class, long.class, byte.class))
                    .bindTo(unsafe);
            GET_INT = l.findVirtual(unsafeClass, "getInt", MethodType.methodType(int.class, long.class)).bindTo(unsafe);
            PUT_INT = l.findVirtual(unsafeClass, "putInt", MethodType.methodType(void.class, long.class, int.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Aarch64Engine uc;
    private long scratch;

    Unicorn1FpState(Aarch64Engine uc) {
        this.uc = uc;
    }

    long fpcr() {
        Layout l = layout();
        long base = save();
        return getInt(base + l.fpscr) & 0x07f79f00L;
    }

    void setFpcr(long value) {
        Layout l = layout();
        long base = save();
        int v = (int) value;
        putInt(base + l.fpscr, getInt(base + l.fpscr) & ~FPCR_BITS | v & FPCR_BITS);
        putByte(base + l.roundingMode, l.softfloatRounding[v >>> 22 & 3]);
        for (int o : l.flushToZero) putByte(base + o, v >>> 24 & 1);
        putByte(base + l.defaultNan, v >>> 25 & 1);
        uc.contextRestore(scratch);
    }

    long fpsr() {
        Layout l = layout();
        long base = save();
        int host = getByte(base + l.flags) & 0xff;
        int bits = getInt(base + l.fpscr) & FPSR_BITS;
        for (int i = 0; i < 5; i++) if ((host & l.softfloatFlag[i]) != 0) bits |= 1 << i;
        return bits & 0xffffffffL;
    }

    void setFpsr(long value) {
        Layout l = layout();
        long base = save();
        int v = (int) value;
        putInt(base + l.fpscr, getInt(base + l.fpscr) & ~FPSR_BITS | v & FPSR_BITS);
        int host = 0;
        for (int i = 0; i < 5; i++) if ((v & 1 << i) != 0) host |= l.softfloatFlag[i];
        putByte(base + l.flags, host);
        uc.contextRestore(scratch);
    }

    private long save() {
        if (scratch == 0) scratch = uc.contextAlloc();
        uc.contextSave(scratch);
        return scratch + DATA;
    }

    private static synchronized Layout layout() {
        if (layout == null) layout = learn();
        return layout;
    }

    // msr fpcr,x0; msr fpsr,x1; fdiv d2,d0,d1; movi d0,#0; movi d1,#0; movi d2,#0; mov x0,#0; mov x1,#0
    private static final int[] PROBE = {0xd51b4400, 0xd51b4421, 0x1e611802, 0x2f00e400, 0x2f00e401, 0x2f00e402,
        0xd2800000, 0xd2800001};
    private static final long CODE = 0x10000;

    private static Layout learn() {
        Unicorn1Engine probe = new Unicorn1Engine();
        try {
            // The probe runs at EL1 without UnicornCpu's EL0 setup, so it enables FP/SIMD itself (CPACR_EL1.FPEN).
            probe.regWrite(Arm64Const.UC_ARM64_REG_CPACR_EL1, 3L << 20);
            probe.memMap(CODE, 0x1000, 7);
            byte[] code = new byte[PROBE.length * 4];
            for (int i = 0; i < PROBE.length; i++) for (int j = 0; j < 4; j++) code[4 * i + j] = (byte) (PROBE[i] >>> 8 * j);
            probe.memWrite(CODE, code);
            long context = probe.contextAlloc();
            byte[] base = run(probe, context, 0, 0, 1, 1);
            int[] rounding = new int[4];
            int roundingAt = -1, fpscr = -1;
            for (int r = 1; r < 4; r++) {
                byte[] b = run(probe, context, (long) r << 22, 0, 1, 1);
                for (int o : differences(base, b)) {
                    int v = b[o] & 0xff;
                    if (v == r << 6) {
                        fpscr = o - 2;
                    } else {
                        roundingAt = o;
                        rounding[r] = v;
                    }
                }
            }
            rounding[0] = base[roundingAt] & 0xff;
            List<Integer> ftz = outside(differences(base, run(probe, context, 1L << 24, 0, 1, 1)), fpscr);
            List<Integer> dn = outside(differences(base, run(probe, context, 1L << 25, 0, 1, 1)), fpscr);
            // 0/0 invalid, 1/0 divide by zero, MAX/0.5 overflow, MIN_NORMAL/3 underflow, 1/3 inexact.
            double[][] operands = {{0, 0}, {1, 0}, {Double.MAX_VALUE, 0.5}, {Double.MIN_NORMAL, 3}, {1, 3}};
            int flagsAt = -1;
            int[] hostFlags = new int[5];
            for (int i = 0; i < 5; i++) {
                byte[] b = run(probe, context, 0, 0, operands[i][0], operands[i][1]);
                List<Integer> d = differences(base, b);
                if (d.size() != 1) throw unrecognised("an FP exception changed " + d.size() + " bytes");
                flagsAt = d.get(0);
                hostFlags[i] = b[flagsAt] & 0xff;
            }
            hostFlags[2] &= ~hostFlags[4];
            hostFlags[3] &= ~hostFlags[4];
            if (fpscr < 0 || fpscr % 4 != 0 || roundingAt < 0 || ftz.isEmpty() || dn.size() != 1) {
                throw unrecognised("FPCR writes changed no recognisable bytes");
            }
            return new Layout(fpscr, roundingAt, ftz.stream().mapToInt(Integer::intValue).toArray(), dn.get(0), flagsAt,
                    rounding, hostFlags);
        } finally {
            probe.close();
        }
    }

    private static IllegalStateException unrecognised(String why) {
        return new IllegalStateException("Unicorn 1's FP state layout is not the QEMU 2.x one mdemu knows: " + why);
    }

    private static byte[] run(Unicorn1Engine probe, long context, long x0, long x1, double d0, double d1) {
        probe.regWrite(Arm64Const.UC_ARM64_REG_X0, x0);
        probe.regWrite(Arm64Const.UC_ARM64_REG_X1, x1);
        probe.regWrite(Arm64Const.UC_ARM64_REG_D0, Double.doubleToRawLongBits(d0));
        probe.regWrite(Arm64Const.UC_ARM64_REG_D1, Double.doubleToRawLongBits(d1));
        probe.emuStart(CODE, CODE + 4L * PROBE.length, 0);
        probe.contextSave(context);
        int size = (int) getLong(context);
        byte[] state = new byte[size];
        for (int i = 0; i < size; i++) state[i] = (byte) getByte(context + DATA + i);
        // Back to FPCR = FPSR = 0 for the next probe.
        probe.regWrite(Arm64Const.UC_ARM64_REG_X0, 0);
        probe.regWrite(Arm64Const.UC_ARM64_REG_X1, 0);
        probe.regWrite(Arm64Const.UC_ARM64_REG_D0, Double.doubleToRawLongBits(1));
        probe.regWrite(Arm64Const.UC_ARM64_REG_D1, Double.doubleToRawLongBits(1));
        probe.emuStart(CODE, CODE + 4L * PROBE.length, 0);
        return state;
    }

    private static List<Integer> differences(byte[] a, byte[] b) {
        List<Integer> d = new ArrayList<>();
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) d.add(i);
        return d;
    }

    private static List<Integer> outside(List<Integer> offsets, int word) {
        List<Integer> d = new ArrayList<>();
        for (int o : offsets) if (o < word || o >= word + 4) d.add(o);
        return d;
    }

    private static long getLong(long address) {
        return (getInt(address) & 0xffffffffL) | (long) getInt(address + 4) << 32;
    }

    private static int getByte(long address) {
        try {
            return (byte) GET_BYTE.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void putByte(long address, int value) {
        try {
            PUT_BYTE.invokeExact(address, (byte) value);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static int getInt(long address) {
        try {
            return (int) GET_INT.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void putInt(long address, int value) {
        try {
            PUT_INT.invokeExact(address, value);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
