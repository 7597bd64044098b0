package org.mdemu.junit;

import org.assertj.core.api.AbstractAssert;
import org.mdemu.virtualmachine.VirtualMachineCallback;

/** Assertions on how a VM ended: stop reason, exit status, errors, crash. */
public final class VmStopAssert extends AbstractAssert<VmStopAssert, VmStop> {
    VmStopAssert(VmStop stop) {
        super(stop, VmStopAssert.class);
    }

    public VmStopAssert stoppedBecause(int stopReason) {
        isNotNull();
        if (actual.reason() != stopReason) {
            failWithMessage("expected the VM to stop with %s but it stopped with %s%s", VmStop.reasonName(stopReason),
                    actual.reasonName(), details());
        }
        return this;
    }

    /** The payload returned from AVmPayload_main or called exit() with this code, and the VM shut down. */
    public VmStopAssert exitedWith(int exitCode) {
        stoppedBecause(VirtualMachineCallback.STOP_REASON_SHUTDOWN);
        if (actual.exitCode() == null || actual.exitCode() != exitCode) {
            failWithMessage("expected exit code %d but it was %s%s", exitCode, actual.exitCode(), details());
        }
        return this;
    }

    /** Stopped by the host (VirtualMachine.stop, STOP_REASON_KILLED). */
    public VmStopAssert wasKilled() {
        return stoppedBecause(VirtualMachineCallback.STOP_REASON_KILLED);
    }

    public VmStopAssert hasError(int errorCode) {
        isNotNull();
        if (actual.errorCode() == null || actual.errorCode() != errorCode) {
            failWithMessage("expected onError(%d) but it was %s%s", errorCode,
                    actual.errorCode() == null ? "none" : actual.errorCode() + ": " + actual.errorMessage(), details());
        }
        return this;
    }

    /**
     * The payload was ended by a signal that is not a crash (SIGTERM, SIGKILL, ...): STOP_REASON_CRASH with no
     * tombstone, as debuggerd writes none for such signals on a device, and the console's "killed by signal N" line.
     */
    public VmStopAssert killedBySignal(int signal) {
        stoppedBecause(VirtualMachineCallback.STOP_REASON_CRASH);
        if (actual.tombstone() != null) failWithMessage("expected no tombstone for signal %d%s", signal, details());
        if (!actual.console().contains("killed by signal " + signal + " ")) {
            failWithMessage("expected the console to say the payload was killed by signal %d%s", signal, details());
        }
        return this;
    }

    /** The payload crashed (STOP_REASON_CRASH) with this signal; the tombstone's assertions follow. */
    public TombstoneAssert crashedWith(int signal) {
        stoppedBecause(VirtualMachineCallback.STOP_REASON_CRASH);
        if (actual.tombstone() == null) failWithMessage("the VM crashed but left no tombstone%s", details());
        return new TombstoneAssert(actual.tombstone()).hasSignal(signal);
    }

    /** The stop's console lines. */
    public LinesAssert console() {
        isNotNull();
        return new LinesAssert(java.util.List.of(actual.console().split("\n")), "the console");
    }

    /** The stop's log lines. */
    public LogAssert log() {
        isNotNull();
        java.util.List<LogLine> lines = new java.util.ArrayList<>();
        for (String l : actual.log().split("\n")) {
            LogLine parsed = LogLine.parse(l);
            if (parsed != null) lines.add(parsed);
        }
        return new LogAssert(lines, "the log");
    }

    private String details() {
        StringBuilder s = new StringBuilder("\n").append(actual);
        if (actual.tombstone() != null) s.append('\n').append(actual.tombstone().text());
        String[] console = actual.console().split("\n");
        s.append("\nlast console lines:");
        for (int i = Math.max(0, console.length - 15); i < console.length; i++) s.append("\n  ").append(console[i]);
        return s.toString();
    }
}
