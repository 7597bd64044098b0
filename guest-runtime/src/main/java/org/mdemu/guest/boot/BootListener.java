package org.mdemu.guest.boot;

/** What the guest reports to the host while it runs, as microdroid_manager does over its host connection. */
public interface BootListener {
    void payloadStarted();

    void payloadReady();

    void payloadFinished(int exitCode);

    void error(BootError error, String message);

    /**
     * The payload died of a fatal signal; report is the tombstone (null for a signal that leaves none) and file where
     * it was written (null if it was not). Followed by stopped(CRASH).
     */
    void crashed(int signal, String report, java.nio.file.Path file);

    void stopped(StopCause cause);

    enum BootError { UNKNOWN, PAYLOAD_VERIFICATION_FAILED, PAYLOAD_CHANGED, PAYLOAD_INVALID_CONFIG }

    enum StopCause {
        SHUTDOWN, CRASH, KILLED, TIMEOUT, START_FAILED, MICRODROID_PAYLOAD_VERIFICATION_FAILED,
        MICRODROID_PAYLOAD_HAS_CHANGED, MICRODROID_INVALID_PAYLOAD_CONFIG, MICRODROID_UNKNOWN_RUNTIME_ERROR
    }
}
