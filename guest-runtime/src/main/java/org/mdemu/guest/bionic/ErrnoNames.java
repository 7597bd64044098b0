package org.mdemu.guest.bionic;

import java.util.Map;

/** strerror texts for the errno values a payload is likely to see; others read "Unknown error N" as in bionic. */
public final class ErrnoNames {
    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(0, "Success"), Map.entry(1, "Operation not permitted"), Map.entry(2, "No such file or directory"),
            Map.entry(3, "No such process"), Map.entry(4, "Interrupted system call"), Map.entry(5, "I/O error"),
            Map.entry(9, "Bad file descriptor"), Map.entry(11, "Try again"), Map.entry(12, "Out of memory"),
            Map.entry(13, "Permission denied"), Map.entry(14, "Bad address"), Map.entry(17, "File exists"),
            Map.entry(20, "Not a directory"), Map.entry(21, "Is a directory"), Map.entry(22, "Invalid argument"),
            Map.entry(24, "Too many open files"), Map.entry(25, "Not a typewriter"), Map.entry(28, "No space left on device"),
            Map.entry(29, "Illegal seek"), Map.entry(30, "Read-only file system"), Map.entry(32, "Broken pipe"),
            Map.entry(33, "Argument out of domain"), Map.entry(34, "Result not representable"),
            Map.entry(36, "File name too long"), Map.entry(38, "Function not implemented"),
            Map.entry(39, "Directory not empty"), Map.entry(40, "Too many symbolic links encountered"),
            Map.entry(110, "Connection timed out"), Map.entry(111, "Connection refused"));

    private ErrnoNames() {}

    public static String describe(int errno) {
        return TEXT.getOrDefault(errno, "Unknown error " + errno);
    }
}
