package org.mdemu.guest.kernel.process;

import java.nio.charset.StandardCharsets;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.ErrnoException;
import org.mdemu.guest.vfs.FileStatus;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.GuestFileSystem;

/**
 * execve's view of a file: what Linux answers for the path and what is there. Nothing in a Microdroid payload's tree
 * is a program it can run (no shell, no /system/bin tools for it), and mdemu does not replace a process's image, so
 * every execve fails; the errno is the one Linux gives for what the path names:
 * ENOENT/ENOTDIR/ELOOP/ENAMETOOLONG from the lookup, EACCES for something that is not a regular file or has no execute
 * bit, ENOEXEC for contents no binary format accepts (or an ELF for another machine), a script's interpreter checked
 * in turn (ELOOP beyond four levels), and EACCES for an arm64 ELF executable, a program image mdemu does not start.
 */
public final class ProgramImages {
    private static final int S_IFMT = 0170000, S_IFREG = 0100000;
    private static final int EM_AARCH64 = 183, MAX_INTERPRETER_DEPTH = 4, HEADER = 256;
    private final FileTable files;

    public ProgramImages(FileTable files) {
        this.files = files;
    }

    /** The negative errno execve answers for path (it never succeeds). */
    public long execve(String path) {
        return ErrnoException.resultOf(() -> -check(path, 0));
    }

    private int check(String path, int depth) {
        if (path.isEmpty()) return Errno.ENOENT;
        FileStatus st = files.stat(FileTable.AT_FDCWD, path, 0);
        if ((st.mode() & S_IFMT) != S_IFREG || (st.mode() & 0111) == 0) return Errno.EACCES;
        GuestFileSystem.Node node = files.fileSystem().lookup(files.canonicalize(path));
        byte[] head = new byte[HEADER];
        int n = node instanceof GuestFileSystem.RegularFile file ? file.read(0, head, 0, HEADER) : 0;
        head = java.util.Arrays.copyOf(head, n);
        if (head.length >= 2 && head[0] == '#' && head[1] == '!') {
            if (depth >= MAX_INTERPRETER_DEPTH) return Errno.ELOOP;
            String line = new String(head, 2, head.length - 2, StandardCharsets.ISO_8859_1);
            int end = line.indexOf('\n');
            String interpreter = (end < 0 ? line : line.substring(0, end)).trim().split("[ \t]", 2)[0];
            if (interpreter.isEmpty()) return Errno.ENOEXEC;
            return check(interpreter, depth + 1);
        }
        boolean elf = head.length >= 20 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
        if (!elf) return Errno.ENOEXEC;
        int machine = (head[18] & 0xff) | (head[19] & 0xff) << 8;
        if (head[4] != 2 || machine != EM_AARCH64) return Errno.ENOEXEC;
        return Errno.EACCES;
    }
}
