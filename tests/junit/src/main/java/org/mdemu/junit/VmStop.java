package org.mdemu.junit;

import org.mdemu.virtualmachine.VirtualMachineCallback;

/**
 * How a VM ended: the onStopped reason, the payload's exit code (onPayloadFinished, null if it did not finish), an
 * onError code and message if there was one, the tombstone of a crash, and everything it printed.
 */
public record VmStop(int reason, Integer exitCode, Integer errorCode, String errorMessage, Tombstone tombstone,
                     String console, String log) {
    /** The STOP_REASON_* constant's name (SHUTDOWN, CRASH, KILLED, ...). */
    public String reasonName() {
        return reasonName(reason);
    }

    static String reasonName(int reason) {
        for (var f : VirtualMachineCallback.class.getFields()) {
            try {
                if (f.getName().startsWith("STOP_REASON_") && f.getInt(null) == reason) {
                    return f.getName().substring("STOP_REASON_".length());
                }
            } catch (IllegalAccessException e) {
                break;
            }
        }
        return Integer.toString(reason);
    }

    @Override
    public String toString() {
        return "VM stopped: " + reasonName() + (exitCode == null ? "" : ", exit code " + exitCode)
                + (errorCode == null ? "" : ", error " + errorCode + ": " + errorMessage)
                + (tombstone == null ? "" : ", signal " + tombstone.signal() + " (" + tombstone.signalName() + ")");
    }
}
