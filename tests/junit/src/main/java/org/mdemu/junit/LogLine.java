package org.mdemu.junit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One logcat line in the threadtime format the VM's log output uses: {@code MM-DD HH:MM:SS.mmm  PID  TID P TAG: message}
 * with the tag padded to 8 columns.
 */
public record LogLine(String time, int pid, int tid, char priority, String tag, String message, String text) {
    private static final Pattern THREADTIME =
            Pattern.compile("^(\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3})\\s+(\\d+)\\s+(\\d+) ([VDIWEFS]) (.*?)\\s*: (.*)$");

    /** Parses a line; null when it is not in threadtime format (a continuation or something else). */
    public static LogLine parse(String line) {
        Matcher m = THREADTIME.matcher(line);
        if (!m.matches()) return null;
        return new LogLine(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4).charAt(0),
                m.group(5), m.group(6), line);
    }

    /** The priority letter of an android_LogPriority value (2 = V ... 7 = F). */
    public static char priorityLetter(int androidLogPriority) {
        return switch (androidLogPriority) {
            case 2 -> 'V';
            case 3 -> 'D';
            case 4 -> 'I';
            case 5 -> 'W';
            case 6 -> 'E';
            case 7 -> 'F';
            default -> throw new IllegalArgumentException("not a log priority: " + androidLogPriority);
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
