package org.mdemu.guest.abi;

/** How completely a guest-visible function or syscall is implemented, in the manner of gVisor's tables. */
public record Support(Level level, String note) {
    public enum Level { SUPPORTED, PARTIAL, UNSUPPORTED }

    public static final Support FULL = new Support(Level.SUPPORTED, "");

    public static Support full() {
        return FULL;
    }

    public static Support full(String note) {
        return new Support(Level.SUPPORTED, note);
    }

    public static Support partial(String note) {
        return new Support(Level.PARTIAL, note);
    }

    public static Support unsupported(String note) {
        return new Support(Level.UNSUPPORTED, note);
    }
}
