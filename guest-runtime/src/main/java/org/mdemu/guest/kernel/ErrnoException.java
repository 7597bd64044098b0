package org.mdemu.guest.kernel;

/**
 * A kernel operation failed with an errno. Thrown inside the file system and memory code and turned into a
 * {@code -errno} result where the syscall returns, so path walks and checks read straight through.
 */
public final class ErrnoException extends RuntimeException {
    private final int errno;

    public ErrnoException(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /**
     * Runs an operation that may throw this, giving its value or the -errno result; a bad guest pointer is EFAULT,
     * as the kernel answers when copying from or to user memory fails.
     */
    public static long resultOf(java.util.function.LongSupplier operation) {
        try {
            return operation.getAsLong();
        } catch (ErrnoException e) {
            return e.result();
        } catch (org.mdemu.guest.machine.GuestFault e) {
            return -Errno.EFAULT;
        }
    }

    /** -errno, the kernel-style result. */
    public long result() {
        return -errno;
    }
}
