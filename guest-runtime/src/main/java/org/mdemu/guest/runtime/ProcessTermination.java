package org.mdemu.guest.runtime;

/**
 * Thrown to unwind Java out of guest execution when the guest process ends, however deep the nesting of guest
 * calls and traps. The boot sequence catches it and reports the outcome to the host.
 */
public abstract sealed class ProcessTermination extends RuntimeException
        permits ProcessTermination.Exited, ProcessTermination.Crashed, ProcessTermination.Killed {

    ProcessTermination(String message) {
        super(message, null, false, false);
    }

    /** exit_group / exit / return from AVmPayload_main. */
    public static final class Exited extends ProcessTermination {
        private final int status;

        public Exited(int status) {
            super("exit status " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * A fatal signal; report is the tombstone text, null for a signal that leaves none (SIGKILL, SIGTERM, ...), and
     * logged the part of it debuggerd writes to the log (the header and the crashing thread).
     */
    public static final class Crashed extends ProcessTermination {
        private final int signal;
        private final String report;
        private final String logged;

        public Crashed(int signal, String summary, String report) {
            this(signal, summary, report, report);
        }

        public Crashed(int signal, String summary, String report, String logged) {
            super(summary);
            this.signal = signal;
            this.report = report;
            this.logged = logged;
        }

        /** The lines of the tombstone that go to the log and the console. */
        public String logged() {
            return logged;
        }

        public int signal() {
            return signal;
        }

        public String report() {
            return report;
        }
    }

    /** The host stopped the VM. */
    public static final class Killed extends ProcessTermination {
        public Killed() {
            super("killed by the host");
        }
    }
}
