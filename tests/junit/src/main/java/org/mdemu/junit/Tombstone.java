package org.mdemu.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A crash report as the VM writes it (debuggerd's tombstone layout): the signal, the fault address, the cause, the
 * abort message, the crashing thread's backtrace, and every other thread of the process with its backtrace.
 */
public record Tombstone(int signal, String signalName, Long faultAddress, String cause, String abortMessage,
                        List<Frame> frames, List<OtherThread> otherThreads, String text) {
    /**
     * One backtrace frame: its pc (an offset in the module), the module's path, the symbol (null if unknown) and the
     * module's build id (null if it has none).
     */
    public record Frame(int index, long pc, String module, String symbol, long symbolOffset, String buildId) {
        @Override
        public String toString() {
            return String.format("#%02d pc %016x  %s%s%s", index, pc, module,
                    symbol == null ? "" : " (" + symbol + (symbolOffset == 0 ? "" : "+" + symbolOffset) + ")",
                    buildId == null ? "" : " (BuildId: " + buildId + ")");
        }
    }

    /** A thread other than the crashing one: its id, name and backtrace. */
    public record OtherThread(int tid, String name, List<Frame> frames) {}

    private static final Pattern SIGNAL =
            Pattern.compile("signal (\\d+) \\(([^)]*)\\), code [-\\d]+ \\([^)]*\\), fault addr (0x[0-9a-f]+|-+)");
    private static final Pattern ABORT = Pattern.compile("Abort message: '(.*)'");
    private static final Pattern CAUSE = Pattern.compile("(?m)^Cause: (.*)$");
    private static final Pattern FRAME = Pattern.compile(
            "#(\\d+) pc ([0-9a-f]+)\\s+(\\S+)(?: \\((?!BuildId: )([^+)]+)(?:\\+(\\d+))?\\))?(?: \\(BuildId: ([0-9a-f]+)\\))?");
    private static final Pattern THREAD = Pattern.compile("(?m)^pid: \\d+, tid: (\\d+), name: (.*?)  >>> ");
    private static final String SEPARATOR = "--- --- --- --- --- --- --- --- --- --- --- --- --- --- --- ---";

    /** Parses a tombstone; the signal line must be there. */
    public static Tombstone parse(String text) {
        Matcher s = SIGNAL.matcher(text);
        if (!s.find()) throw new IllegalArgumentException("not a tombstone (no signal line):\n" + text);
        String fault = s.group(3);
        Long address = fault.startsWith("0x") ? Long.parseUnsignedLong(fault.substring(2), 16) : null;
        Matcher a = ABORT.matcher(text);
        String abort = a.find() ? a.group(1) : null;
        Matcher c = CAUSE.matcher(text);
        String cause = c.find() ? c.group(1) : null;
        String[] sections = text.split(Pattern.quote(SEPARATOR));
        List<OtherThread> others = new ArrayList<>();
        for (int i = 1; i < sections.length; i++) {
            Matcher t = THREAD.matcher(sections[i]);
            if (t.find()) others.add(new OtherThread(Integer.parseInt(t.group(1)), t.group(2), frames(sections[i])));
        }
        return new Tombstone(Integer.parseInt(s.group(1)), s.group(2), address, cause, abort, frames(sections[0]),
                List.copyOf(others), text);
    }

    /** The frames after the section's "backtrace:" line, up to the first line that is not one. */
    private static List<Frame> frames(String section) {
        List<Frame> frames = new ArrayList<>();
        int backtrace = section.indexOf("backtrace:\n");
        if (backtrace < 0) return List.of();
        for (String line : section.substring(backtrace + "backtrace:\n".length()).split("\n")) {
            Matcher f = FRAME.matcher(line);
            if (!f.find()) break;
            frames.add(new Frame(Integer.parseInt(f.group(1)), Long.parseUnsignedLong(f.group(2), 16), f.group(3),
                    f.group(4), f.group(5) == null ? 0 : Long.parseLong(f.group(5)), f.group(6)));
        }
        return List.copyOf(frames);
    }

    @Override
    public String toString() {
        return text;
    }
}
