package org.mdemu.guest.libm;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;

/**
 * libm.so in Java: StrictMath gives the same results on every host, which C programs comparing against a device's
 * libm get within an ulp. Float variants compute in double and round once.
 */
public final class MathFunctions implements LibrarySection {
    public static final String SONAME = "libm.so";

    public static LibraryTable newTable() {
        return new LibraryTable(SONAME, "LIBC");
    }

    @Override
    public void declare(LibraryTable t) {
        unary(t, "sin", StrictMath::sin);
        unary(t, "cos", StrictMath::cos);
        unary(t, "tan", StrictMath::tan);
        unary(t, "asin", StrictMath::asin);
        unary(t, "acos", StrictMath::acos);
        unary(t, "atan", StrictMath::atan);
        unary(t, "sinh", StrictMath::sinh);
        unary(t, "cosh", StrictMath::cosh);
        unary(t, "tanh", StrictMath::tanh);
        unary(t, "exp", StrictMath::exp);
        unary(t, "expm1", StrictMath::expm1);
        unary(t, "log", StrictMath::log);
        unary(t, "log10", StrictMath::log10);
        unary(t, "log1p", StrictMath::log1p);
        unary(t, "log2", x -> StrictMath.log(x) / StrictMath.log(2));
        unary(t, "sqrt", StrictMath::sqrt);
        unary(t, "cbrt", StrictMath::cbrt);
        unary(t, "floor", StrictMath::floor);
        unary(t, "ceil", StrictMath::ceil);
        unary(t, "trunc", x -> x < 0 ? StrictMath.ceil(x) : StrictMath.floor(x));
        unary(t, "round", x -> Double.isNaN(x) || Double.isInfinite(x) ? x
                : StrictMath.copySign(StrictMath.floor(StrictMath.abs(x) + 0.5), x));
        unary(t, "rint", StrictMath::rint);
        unary(t, "fabs", StrictMath::abs);
        binary(t, "pow", StrictMath::pow);
        binary(t, "atan2", StrictMath::atan2);
        binary(t, "hypot", StrictMath::hypot);
        binary(t, "fmod", (x, y) -> x % y);
        binary(t, "fmin", Math::min);
        binary(t, "fmax", Math::max);
        binary(t, "copysign", StrictMath::copySign);
        t.function("lround", f -> f.ret(StrictMath.round(f.f64(0))));
    }

    private static void unary(LibraryTable t, String name, DoubleUnaryOperator op) {
        t.function(name, f -> f.retDouble(op.applyAsDouble(f.f64(0))));
        t.function(name + "f", f -> f.retFloat((float) op.applyAsDouble(f.f32(0))));
    }

    private static void binary(LibraryTable t, String name, DoubleBinaryOperator op) {
        t.function(name, f -> f.retDouble(op.applyAsDouble(f.f64(0), f.f64(1))));
        t.function(name + "f", f -> f.retFloat((float) op.applyAsDouble(f.f32(0), f.f32(1))));
    }
}
