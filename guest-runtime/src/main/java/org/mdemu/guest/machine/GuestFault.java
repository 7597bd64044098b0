package org.mdemu.guest.machine;

/** A guest memory access that the hardware refused (unmapped or protection violation). */
public class GuestFault extends RuntimeException {
    private final long address;

    public GuestFault(long address, String what) {
        super(String.format("%s at 0x%x", what, address));
        this.address = address;
    }

    public long address() {
        return address;
    }
}
