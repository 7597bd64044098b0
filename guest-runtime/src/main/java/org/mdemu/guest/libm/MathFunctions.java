package org.mdemu.guest.libm;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;

/**
 * libm.so for arm64, symbol for symbol as bionic's libm.map.txt (version nodes LIBC and LIBC_O). The floating-point
 * environment and the functions that are one instruction run as guest code (hot-routines.so, built from
 * guest-runtime/src/main/c/hot/math.c): a trap costs more than they do, and as instructions they obey the thread's
 * real FPCR and set its real FPSR. The rest are Java: {@link RealFunctions} (double and float),
 * {@link LongDoubleFunctions} (binary128), {@link ComplexFunctions}.
 */
public final class MathFunctions implements LibrarySection {
    public static final String SONAME = "libm.so";
    private static final Support GUEST_CODE = Support.full("runs as guest code (hot-routines.so): the CPU's own instruction");

    /** libm's functions that are AArch64 instructions or FPCR/FPSR accesses in math.c. */
    static final String[] GUEST_CODE_FUNCTIONS = {
        "fegetenv", "fesetenv", "feclearexcept", "fegetexceptflag", "fesetexceptflag", "feraiseexcept", "fetestexcept",
        "fegetround", "fesetround", "feholdexcept", "feupdateenv", "feenableexcept", "fedisableexcept", "fegetexcept",
        "floor", "floorf", "ceil", "ceilf", "trunc", "truncf", "round", "roundf", "rint", "rintf", "nearbyint",
        "nearbyintf", "lrint", "lrintf", "llrint", "llrintf", "lround", "lroundf", "llround", "llroundf", "sqrt", "sqrtf",
        "fma", "fmaf", "fmin", "fminf", "fmax", "fmaxf", "fabs", "fabsf", "copysign", "copysignf", "fdim", "fdimf",
        "__signbit", "__signbitf", "finite", "finitef"};

    public static LibraryTable newTable() {
        return new LibraryTable(SONAME, "LIBC");
    }

    @Override
    public void declare(LibraryTable t) {
        for (String name : GUEST_CODE_FUNCTIONS) {
            t.guestCode(name, "LIBC", name.startsWith("fe") && !name.equals("feenableexcept")
                    ? Support.full("runs as guest code (hot-routines.so): reads and writes the CPU's FPCR/FPSR")
                    : name.equals("feenableexcept") ? Support.full("-1 as on bionic: arm64 cores do not trap FP exceptions")
                    : GUEST_CODE);
        }
        // bionic's const fenv_t __fe_dfl_env: FPCR 0 (round to nearest), FPSR 0.
        t.data("__fe_dfl_env", "LIBC", 8, 4, Support.FULL, address -> { });
        SignGam signgam = new SignGam();
        t.declare(new RealFunctions(signgam), new LongDoubleFunctions(signgam), new ComplexFunctions());
    }

    /** Where libm's {@code int signgam} lives in guest memory, which the lgamma family sets. */
    static final class SignGam {
        volatile long address;
    }
}
