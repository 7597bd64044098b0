package org.mdemu.junit;

import org.assertj.core.api.AbstractAssert;

/** Assertions on a running (or stopped) payload's output so far. */
public final class PayloadVmAssert extends AbstractAssert<PayloadVmAssert, PayloadVm> {
    PayloadVmAssert(PayloadVm vm) {
        super(vm, PayloadVmAssert.class);
    }

    public LogAssert log() {
        isNotNull();
        String what = "the log of " + actual.description();
        return actual.isRunning() ? LogAssert.live(actual::logLines, what) : new LogAssert(actual.logLines(), what);
    }

    public LinesAssert console() {
        isNotNull();
        return new LinesAssert(actual.consoleLines(), "the console of " + actual.description());
    }

    public PayloadVmAssert isRunning() {
        isNotNull();
        if (!actual.isRunning()) failWithMessage("expected %s to run but it stopped: %s", actual.description(),
                actual.stopResult());
        return this;
    }
}
