package org.mdemu.emulator.gdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The remote protocol's host I/O ({@code vFile:}) over the libraries the payload's process has loaded, read-only: gdb
 * with its default sysroot ("target:") reads the payload and its libraries through these packets, as it reads them
 * from a device through gdbserver, so no extracted copy of the APK is needed. Any other path is ENOENT; a request to
 * write is EACCES. Errors use gdb's File-I/O errno values.
 */
final class TargetFiles {
    private static final int ENOENT = 2, EBADF = 9, EACCES = 13, EINVAL = 22, EMFILE = 24;
    /** gdb's File-I/O open flags other than O_RDONLY (0): any of these asks to write or create. */
    private static final int WRITE_FLAGS = 0x1 | 0x2 | 0x8 | 0x200 | 0x400 | 0x800;
    private static final int MAX_OPEN = 16;
    /** At most this much per pread: every byte may need escaping and the reply must fit in a packet. */
    private static final int MAX_READ = (GdbSession.PACKET_SIZE - 32) / 2;

    private final Function<String, byte[]> loadedFile;
    private final Map<Integer, byte[]> open = new HashMap<>();
    private int nextFd = 3;

    /** loadedFile: a loaded library's bytes by its guest path, or null. */
    TargetFiles(Function<String, byte[]> loadedFile) {
        this.loadedFile = loadedFile;
    }

    /** One packet after "vFile:"; the empty reply for operations not offered (gdb then does without). */
    String handle(String request) {
        int colon = request.indexOf(':');
        String op = colon < 0 ? request : request.substring(0, colon);
        String[] args = colon < 0 ? new String[0] : request.substring(colon + 1).split(",", -1);
        return switch (op) {
            case "setfs" -> "F0";
            case "open" -> open(args);
            case "pread" -> pread(args);
            case "fstat" -> fstat(args);
            case "close" -> open.remove(fd(args)) != null ? "F0" : error(EBADF);
            default -> "";
        };
    }

    private String open(String[] args) {
        if (args.length != 3) return error(EINVAL);
        int flags = Integer.parseInt(args[1], 16);
        if ((flags & WRITE_FLAGS) != 0) return error(EACCES);
        if (open.size() >= MAX_OPEN) return error(EMFILE);
        byte[] file = loadedFile.apply(new String(unhex(args[0]), StandardCharsets.UTF_8));
        if (file == null) return error(ENOENT);
        int fd = nextFd++;
        open.put(fd, file);
        return "F" + Integer.toHexString(fd);
    }

    private String pread(String[] args) {
        if (args.length != 3) return error(EINVAL);
        byte[] file = open.get(fd(args));
        if (file == null) return error(EBADF);
        long count = Long.parseLong(args[1], 16), offset = Long.parseLong(args[2], 16);
        if (count < 0 || offset < 0) return error(EINVAL);
        int n = (int) Math.max(0, Math.min(Math.min(count, MAX_READ), file.length - Math.min(offset, file.length)));
        return "F" + Integer.toHexString(n) + ";" + GdbSession.escapeBinary(file, (int) Math.min(offset, file.length), n);
    }

    /** gdb's File-I/O struct stat: big-endian, 32-bit fields but for size, blksize and blocks. */
    private String fstat(String[] args) {
        byte[] file = open.get(fd(args));
        if (file == null) return error(EBADF);
        ByteBuffer st = ByteBuffer.allocate(64);
        st.putInt(0).putInt(0).putInt(0100444).putInt(1).putInt(0).putInt(0).putInt(0)
                .putLong(file.length).putLong(4096).putLong((file.length + 511) / 512).putInt(0).putInt(0).putInt(0);
        return "F" + Integer.toHexString(st.capacity()) + ";" + GdbSession.escapeBinary(st.array(), 0, st.capacity());
    }

    private static int fd(String[] args) {
        if (args.length < 1) throw new IllegalArgumentException("no file descriptor");
        return Integer.parseInt(args[0], 16);
    }

    private static String error(int errno) {
        return "F-1," + Integer.toHexString(errno);
    }

    private static byte[] unhex(String s) {
        if (s.length() % 2 != 0) throw new IllegalArgumentException("odd hex length");
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return b;
    }
}
