package org.mdemu.guest.machine;

/**
 * A guest memory access that the hardware refused: nothing mapped there (the kernel's SEGV_MAPERR), or a page whose
 * protection does not allow the access (SEGV_ACCERR). Thrown by host accesses to guest memory exactly where the CPU
 * would fault, so a kernel call can answer EFAULT and a library function can raise the guest's SIGSEGV.
 */
public class GuestFault extends RuntimeException {
    private final long address;
    private final int access;
    private final boolean mapped;

    /**
     * @param address the first byte of the access that is refused
     * @param access {@link Prot#READ}, {@link Prot#WRITE} or {@link Prot#EXEC}
     * @param mapped whether a page is mapped there (a protection violation) or not
     */
    public GuestFault(long address, int access, boolean mapped) {
        super(String.format("%s %s memory at 0x%x", access == Prot.WRITE ? "write to" : access == Prot.EXEC
                ? "fetch from" : "read of", mapped ? "protected" : "unmapped", address), null, false, false);
        this.address = address;
        this.access = access;
        this.mapped = mapped;
    }

    /** A refused read of unmapped memory, described by what. */
    public GuestFault(long address, String what) {
        super(String.format("%s at 0x%x", what, address), null, false, false);
        this.address = address;
        this.access = Prot.READ;
        this.mapped = false;
    }

    public long address() {
        return address;
    }

    /** The access refused: {@link Prot#READ}, {@link Prot#WRITE} or {@link Prot#EXEC}. */
    public int access() {
        return access;
    }

    /** True for a protection violation on a mapped page (SEGV_ACCERR), false for an unmapped address (SEGV_MAPERR). */
    public boolean protectionViolation() {
        return mapped;
    }
}
