package org.mdemu.junit;

import org.assertj.core.api.AbstractAssert;

/** Assertions on a crash's tombstone: signal, fault address, abort message, backtrace frames. */
public final class TombstoneAssert extends AbstractAssert<TombstoneAssert, Tombstone> {
    TombstoneAssert(Tombstone tombstone) {
        super(tombstone, TombstoneAssert.class);
    }

    public TombstoneAssert hasSignal(int signal) {
        isNotNull();
        if (actual.signal() != signal) failWithMessage("expected signal %d but the crash was signal %d (%s)%n%s", signal,
                actual.signal(), actual.signalName(), actual.text());
        return this;
    }

    public TombstoneAssert hasFaultAddress(long address) {
        isNotNull();
        if (actual.faultAddress() == null || actual.faultAddress() != address) {
            failWithMessage("expected fault address 0x%x but it was %s%n%s", address,
                    actual.faultAddress() == null ? "none" : "0x" + Long.toHexString(actual.faultAddress()), actual.text());
        }
        return this;
    }

    public TombstoneAssert hasAbortMessage(String message) {
        isNotNull();
        if (!message.equals(actual.abortMessage())) {
            failWithMessage("expected abort message '%s' but it was %s", message,
                    actual.abortMessage() == null ? "none" : "'" + actual.abortMessage() + "'");
        }
        return this;
    }

    /** A backtrace frame in that function. */
    public TombstoneAssert hasFrame(String symbol) {
        isNotNull();
        if (actual.frames().stream().noneMatch(f -> symbol.equals(f.symbol()))) {
            failWithMessage("no backtrace frame in %s%n%s", symbol, actual.text());
        }
        return this;
    }

    /** A backtrace frame in a module whose path ends with that name (e.g. "libc.so"). */
    public TombstoneAssert hasFrameIn(String module) {
        isNotNull();
        if (actual.frames().stream().noneMatch(f -> f.module().endsWith(module))) {
            failWithMessage("no backtrace frame in module %s%n%s", module, actual.text());
        }
        return this;
    }

    /** The functions appear in the backtrace in this order, innermost first (other frames may come between). */
    public TombstoneAssert hasFramesInOrder(String... symbols) {
        isNotNull();
        int at = 0;
        for (String s : symbols) {
            while (at < actual.frames().size() && !s.equals(actual.frames().get(at).symbol())) at++;
            if (at == actual.frames().size()) failWithMessage("no frame %s after the ones before it%n%s", s, actual.text());
            at++;
        }
        return this;
    }
}
