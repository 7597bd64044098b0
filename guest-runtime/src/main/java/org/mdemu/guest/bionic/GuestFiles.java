package org.mdemu.guest.bionic;

import java.io.ByteArrayOutputStream;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.FileIo;
import org.mdemu.guest.kernel.GuestProcess;

/** Reading a whole guest file from libc's Java side (configuration files such as /etc/hosts or /proc/mounts). */
final class GuestFiles {
    private static final int O_RDONLY_CLOEXEC = 02000000;
    private static final int LIMIT = 1 << 20;

    private GuestFiles() {}

    /** The file's bytes (at most 1 MiB), or null if it cannot be opened or read. */
    static byte[] readAll(GuestProcess process, String path) {
        FileIo files = process.files();
        if (files == null) return null;
        long fd = files.openat(FileIo.AT_FDCWD, path, O_RDONLY_CLOEXEC, 0);
        if (Errno.isError(fd)) return null;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (out.size() < LIMIT) {
                long n = files.read((int) fd, buffer, 0, buffer.length);
                if (Errno.isError(n)) return null;
                if (n == 0) break;
                out.write(buffer, 0, (int) n);
            }
            return out.toByteArray();
        } finally {
            files.close((int) fd);
        }
    }
}
