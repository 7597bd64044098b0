package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * The floating-point classification functions bionic's libc.so (not libm) exports for math.h's macros and for old
 * binaries (__fpclassify, __isinf, isnan...), and ldexp, which bionic also keeps in libc. float in s0, double in d0,
 * long double (IEEE binary128) in q0.
 */
public final class FloatClassification extends GuestSection {
    static final int FP_INFINITE = 0x01, FP_NAN = 0x02, FP_NORMAL = 0x04, FP_SUBNORMAL = 0x08, FP_ZERO = 0x10;

    public FloatClassification(GuestProcess process) {
        super(process);
    }

    @Override
    public void declare(LibraryTable t) {
        for (String name : new String[] {"__fpclassify", "__fpclassifyd"}) t.function(name, f -> f.ret(classify(f.registers().d64(0))));
        t.function("__fpclassifyf", f -> f.ret(classify(f.registers().d64(0) & 0xffffffffL, 8, 23)));
        t.function("__fpclassifyl", f -> f.ret(classifyQuad(f.registers().q(0))));
        declare(t, "isinf", c -> c == FP_INFINITE);
        declare(t, "isnan", c -> c == FP_NAN);
        declare(t, "isfinite", c -> c != FP_INFINITE && c != FP_NAN);
        declare(t, "isnormal", c -> c == FP_NORMAL);
        t.function("ldexp", f -> f.retDouble(StrictMath.scalb(f.f64(0), f.i32(0))));
    }

    private interface Test {
        boolean of(int classification);
    }

    /** __name, __namef, __namel and name, namef, namel: whichever of them bionic's libc exports. */
    private void declare(LibraryTable t, String name, Test test) {
        t.function("__" + name, f -> f.ret(test.of(classify(f.registers().d64(0)))));
        t.function("__" + name + "f", f -> f.ret(test.of(classify(f.registers().d64(0) & 0xffffffffL, 8, 23))));
        t.function("__" + name + "l", f -> f.ret(test.of(classifyQuad(f.registers().q(0)))));
        t.function(name, f -> f.ret(test.of(classify(f.registers().d64(0)))));
        t.function(name + "f", f -> f.ret(test.of(classify(f.registers().d64(0) & 0xffffffffL, 8, 23))));
        t.function(name + "l", f -> f.ret(test.of(classifyQuad(f.registers().q(0)))));
    }

    static int classify(long doubleBits) {
        return classify(doubleBits, 11, 52);
    }

    /** FP_* of an IEEE value with the given exponent and mantissa widths. */
    static int classify(long bits, int exponentBits, int mantissaBits) {
        long exponent = (bits >>> mantissaBits) & ((1L << exponentBits) - 1);
        long mantissa = bits & ((1L << mantissaBits) - 1);
        if (exponent == (1L << exponentBits) - 1) return mantissa == 0 ? FP_INFINITE : FP_NAN;
        if (exponent == 0) return mantissa == 0 ? FP_ZERO : FP_SUBNORMAL;
        return FP_NORMAL;
    }

    /** binary128 in q0: q[0] the low 64 bits, q[1] the high (sign, 15-bit exponent, 48 mantissa bits). */
    static int classifyQuad(long[] q) {
        long high = q[1], low = q[0];
        long exponent = (high >>> 48) & 0x7fff;
        boolean mantissaZero = (high & 0xffffffffffffL) == 0 && low == 0;
        if (exponent == 0x7fff) return mantissaZero ? FP_INFINITE : FP_NAN;
        if (exponent == 0) return mantissaZero ? FP_ZERO : FP_SUBNORMAL;
        return FP_NORMAL;
    }
}
