package org.mdemu.guest.bionic;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.OpenFile;

/**
 * fcntl(2)'s file-descriptor flags: F_GETFD and F_SETFD with FD_CLOEXEC. The flag belongs to the descriptor, not
 * the open file description, so it is kept here per descriptor number together with the description it was set
 * on: once the descriptor is closed and its number reused, the old flag no longer applies.
 */
public final class FileControl implements LibrarySection {
    public static final int F_GETFD = 1, F_SETFD = 2, FD_CLOEXEC = 1;

    private record DescriptorFlags(OpenFile description, int flags) {}

    private final GuestProcess process;
    private final FileTable files;
    private final Map<Integer, DescriptorFlags> flags = new HashMap<>();

    public FileControl(GuestProcess process, FileTable files) {
        this.process = process;
        this.files = files;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("fcntl", Support.partial("F_GETFD and F_SETFD only (O_CLOEXEC given to open is not seen); other "
                + "commands fail with EINVAL"), this::fcntl);
    }

    private void fcntl(CallFrame f) {
        f.ret(process.libcResult(fcntl(f.i32(0), f.i32(1), f.i64(2))));
    }

    synchronized long fcntl(int fd, int command, long argument) {
        OpenFile description = files.get(fd);
        if (description == null) return -Errno.EBADF;
        switch (command) {
            case F_GETFD -> {
                DescriptorFlags d = flags.get(fd);
                return d != null && d.description() == description ? d.flags() : 0;
            }
            case F_SETFD -> {
                flags.put(fd, new DescriptorFlags(description, (int) argument & FD_CLOEXEC));
                return 0;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }
}
