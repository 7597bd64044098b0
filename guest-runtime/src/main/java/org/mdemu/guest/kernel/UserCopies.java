package org.mdemu.guest.kernel;

import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.machine.GuestMemory;

/**
 * The kernel's copies between a caller's buffer and its own (copy_from_user, copy_to_user) for the data of read and
 * write: as Linux does, a buffer only partly accessible moves its accessible start, and one not accessible at its
 * first byte is EFAULT; nothing is written to a page the caller may not write, nothing read from one it may not read.
 */
final class UserCopies {
    private UserCopies() {}

    /** The readable start of [address, address + count), at most count bytes; EFAULT if its first byte is not. */
    static byte[] copyIn(GuestMemory memory, long address, int count) {
        try {
            return memory.read(address, count);
        } catch (GuestFault f) {
            long readable = f.address() - address;
            if (readable <= 0 || readable >= count) throw new ErrnoException(Errno.EFAULT);
            return memory.read(address, (int) readable);
        }
    }

    /** Copies what fits the writable start of the buffer; returns how much; EFAULT if its first byte is not writable. */
    static int copyOut(GuestMemory memory, long address, byte[] data, int count) {
        if (count == 0) return 0;
        try {
            memory.write(address, data, 0, count);
            return count;
        } catch (GuestFault f) {
            long writable = f.address() - address;
            if (writable <= 0 || writable >= count) throw new ErrnoException(Errno.EFAULT);
            memory.write(address, data, 0, (int) writable);
            return (int) writable;
        }
    }
}
