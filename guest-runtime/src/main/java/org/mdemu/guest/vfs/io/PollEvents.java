package org.mdemu.guest.vfs.io;

/** poll(2)/epoll(7) event bits (the same values in both on Linux). */
public final class PollEvents {
    public static final int POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10,
            POLLNVAL = 0x20, POLLRDNORM = 0x40, POLLRDBAND = 0x80, POLLWRNORM = 0x100, POLLRDHUP = 0x2000;
    /** What a file without its own poll operation reports (the kernel's DEFAULT_POLLMASK). */
    public static final int ALWAYS_READY = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
    public static final int READABLE = POLLIN | POLLRDNORM, WRITABLE = POLLOUT | POLLWRNORM;

    private PollEvents() {
    }
}
