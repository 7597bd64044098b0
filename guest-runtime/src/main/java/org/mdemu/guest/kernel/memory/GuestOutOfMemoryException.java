package org.mdemu.guest.kernel.memory;

/** A mapping would exceed the VM's memory size (the configured guest RAM). */
public final class GuestOutOfMemoryException extends RuntimeException {
    public GuestOutOfMemoryException(String message) {
        super(message);
    }
}
