package org.mdemu.guest.trace;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What {@code run-app --trace} can show: Linux system calls, and library calls served by Java rows, by library. */
public enum TraceCategory {
    /** Raw {@code svc} system calls, from the SyscallTable. */
    SYSCALLS,
    /** libc, libm, libdl, liblog and libvm_payload rows. */
    LIBC,
    /** libbinder_ndk rows (AIBinder_*, AParcel_*, ...). */
    BINDER,
    /** The socket system calls and libc socket rows, whatever else is traced. */
    VSOCK;

    /** Parses a comma-separated list of category names, or {@code all}; throws IllegalArgumentException naming a bad one. */
    public static Set<TraceCategory> parse(String spec) {
        Set<TraceCategory> result = EnumSet.noneOf(TraceCategory.class);
        for (String part : spec.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                result.addAll(EnumSet.allOf(TraceCategory.class));
                continue;
            }
            try {
                result.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown trace category '" + part.trim()
                        + "' (syscalls, libc, binder, vsock or all)");
            }
        }
        if (result.isEmpty()) throw new IllegalArgumentException("no trace category given");
        return result;
    }
}
