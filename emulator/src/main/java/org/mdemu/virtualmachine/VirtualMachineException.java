package org.mdemu.virtualmachine;

/** A VM operation failed; the message names the instance, file or setting concerned. */
public class VirtualMachineException extends Exception {
    public VirtualMachineException(String message) {
        super(message);
    }

    public VirtualMachineException(String message, Throwable cause) {
        super(message, cause);
    }
}
