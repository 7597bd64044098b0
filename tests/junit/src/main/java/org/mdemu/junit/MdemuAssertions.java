package org.mdemu.junit;

import android.os.ServiceSpecificException;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.mdemu.virtualmachine.VirtualMachine;

/** AssertJ entry points for payload tests; import statically beside {@code org.assertj.core.api.Assertions}. */
public final class MdemuAssertions {
    /** Signal numbers of arm64 Linux, for {@link VmStopAssert#crashedWith}. */
    public static final int SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7, SIGFPE = 8, SIGKILL = 9, SIGSEGV = 11,
            SIGPIPE = 13, SIGTERM = 15;

    private MdemuAssertions() {}

    public static PayloadVmAssert assertThat(PayloadVm vm) {
        return new PayloadVmAssert(vm);
    }

    /** A VM the extension runs (a {@link Payload @Payload} VirtualMachine). */
    public static PayloadVmAssert assertThat(VirtualMachine vm) {
        PayloadVm p = PayloadVm.of(vm);
        if (p == null) {
            throw new IllegalArgumentException("VM '" + vm.getName() + "' is not run by the mdemu extension: inject it"
                    + " with @Payload (or run it with PayloadVm.start)");
        }
        return new PayloadVmAssert(p);
    }

    public static VmStopAssert assertThat(VmStop stop) {
        return new VmStopAssert(stop);
    }

    public static TombstoneAssert assertThat(Tombstone tombstone) {
        return new TombstoneAssert(tombstone);
    }

    /** The call must throw a ServiceSpecificException (an AIDL service's own error). */
    public static ServiceSpecificExceptionAssert assertThatServiceSpecificException(ThrowingCallable call) {
        Throwable thrown = Assertions.catchThrowable(call);
        if (thrown == null) throw new AssertionError("expected a ServiceSpecificException but the call returned");
        if (!(thrown instanceof ServiceSpecificException s)) {
            AssertionError e = new AssertionError("expected a ServiceSpecificException but the call threw " + thrown);
            e.initCause(thrown);
            throw e;
        }
        return new ServiceSpecificExceptionAssert(s);
    }

    public static SecretAssert assertThatSecret(byte[] secret) {
        return new SecretAssert(secret);
    }
}
