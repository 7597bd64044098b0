package org.mdemu.vsock;

/**
 * A vsock address: context id (which machine) and port, as in {@code struct sockaddr_vm}. Both are unsigned 32-bit
 * values on the wire; here they are ints holding those bits (so {@link #CID_ANY} and {@link #PORT_ANY} are -1).
 */
public record VsockAddress(int cid, int port) {
    /** VMADDR_CID_ANY and VMADDR_PORT_ANY: -1U, "any" when binding. */
    public static final int CID_ANY = -1, PORT_ANY = -1;
    /** VMADDR_CID_HYPERVISOR (0), VMADDR_CID_LOCAL (1, loopback inside one machine), VMADDR_CID_HOST (2). */
    public static final int CID_HYPERVISOR = 0, CID_LOCAL = 1, CID_HOST = 2;
    /** The first context id given to a guest: guests get 3, 4, ... in the order they attach. */
    public static final int FIRST_GUEST_CID = 3;

    @Override
    public String toString() {
        return "vsock:" + Integer.toUnsignedString(cid) + ":" + Integer.toUnsignedString(port);
    }
}
