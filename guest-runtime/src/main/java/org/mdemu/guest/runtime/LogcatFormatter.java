package org.mdemu.guest.runtime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Formats log records as {@code logcat -v threadtime} prints them:
 * {@code MM-DD HH:MM:SS.mmm  PID  TID L TAG     : message}, one line per line of the message.
 */
public final class LogcatFormatter {
    private static final char[] LEVELS = {'?', '?', 'V', 'D', 'I', 'W', 'E', 'F', 'S'};
    private final ZoneId zone;

    public LogcatFormatter(ZoneId zone) {
        this.zone = zone;
    }

    public static char level(int priority) {
        return priority >= 0 && priority < LEVELS.length ? LEVELS[priority] : '?';
    }

    public String format(Instant when, int pid, int tid, int priority, String tag, String message) {
        LocalDateTime t = LocalDateTime.ofInstant(when, zone);
        String header = String.format("%02d-%02d %02d:%02d:%02d.%03d %5d %5d %c %-8s: ",
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(),
                t.getNano() / 1_000_000, pid, tid, level(priority), tag);
        StringBuilder out = new StringBuilder();
        String body = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        for (String line : body.split("\n", -1)) out.append(header).append(line).append('\n');
        return out.toString();
    }
}
