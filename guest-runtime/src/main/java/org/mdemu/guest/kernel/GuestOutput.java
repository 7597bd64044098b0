package org.mdemu.guest.kernel;

/** Where the guest's output goes: the console (kernel/init lines, payload stdio) and the log buffer (logcat). */
public interface GuestOutput {
    /** Raw bytes written to the console device (or stdout/stderr when they are routed there). */
    void console(byte[] data, int offset, int length);

    /** One log record, as liblog would hand it to logd. priority uses android_LogPriority values. */
    void log(int priority, String tag, String message, int tid);
}
