package org.mdemu.guest.bionic;

import org.mdemu.guest.kernel.GuestProcess;

/**
 * The checks behind bionic's {@code __*_chk} entry points (_FORTIFY_SOURCE): on a violation the process aborts with
 * bionic's message, "FORTIFY: &lt;function&gt;: prevented N-byte write into M-byte buffer" and the like.
 */
final class Fortify {
    private static final int SIGABRT = 6;
    private static final long SSIZE_MAX = Long.MAX_VALUE;

    private final GuestProcess process;

    Fortify(GuestProcess process) {
        this.process = process;
    }

    void fatal(String message) {
        process.control().crash(SIGABRT, "FORTIFY: " + message);
    }

    /** The buffer the compiler knows about (size actual) must hold the claim; action is "write into" or "read from". */
    void checkAccess(String function, String action, long claim, long actual) {
        if (Long.compareUnsigned(claim, actual) > 0) {
            fatal(String.format("%s: prevented %s-byte %s %s-byte buffer", function, Long.toUnsignedString(claim),
                    action, Long.toUnsignedString(actual)));
        }
    }

    /** A size_t count must fit in ssize_t. */
    void checkCount(String function, String identifier, long value) {
        if (Long.compareUnsigned(value, SSIZE_MAX) > 0) {
            fatal(String.format("%s: %s %s > SSIZE_MAX", function, identifier, Long.toUnsignedString(value)));
        }
    }
}
