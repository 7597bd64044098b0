package org.mdemu.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A crash report as the VM writes it (debuggerd's tombstone layout): the signal, the fault address, the abort
 * message and the backtrace's frames.
 */
public record Tombstone(int signal, String signalName, Long faultAddress, String abortMessage, List<Frame> frames,
                        String text) {
    /** One backtrace frame: its pc (an offset in the module), the module's path and the symbol (null if unknown). */
    public record Frame(int index, long pc, String module, String symbol, long symbolOffset) {
        @Override
        public String toString() {
            return String.format("#%02d pc %016x  %s%s", index, pc, module,
                    symbol == null ? "" : " (" + symbol + (symbolOffset == 0 ? "" : "+" + symbolOffset) + ")");
        }
    }

    private static final Pattern SIGNAL =
            Pattern.compile("signal (\\d+) \\(([^)]*)\\), code [-\\d]+ \\([^)]*\\), fault addr (0x[0-9a-f]+|-+)");
    private static final Pattern ABORT = Pattern.compile("Abort message: '(.*)'");
    private static final Pattern FRAME =
            Pattern.compile("#(\\d+) pc ([0-9a-f]+)\\s+(\\S+)(?: \\(([^+)]+)(?:\\+(\\d+))?\\))?");

    /** Parses a tombstone; the signal line must be there. */
    public static Tombstone parse(String text) {
        Matcher s = SIGNAL.matcher(text);
        if (!s.find()) throw new IllegalArgumentException("not a tombstone (no signal line):\n" + text);
        String fault = s.group(3);
        Long address = fault.startsWith("0x") ? Long.parseUnsignedLong(fault.substring(2), 16) : null;
        Matcher a = ABORT.matcher(text);
        String abort = a.find() ? a.group(1) : null;
        List<Frame> frames = new ArrayList<>();
        int backtrace = text.indexOf("backtrace:");
        if (backtrace >= 0) {
            Matcher f = FRAME.matcher(text.substring(backtrace));
            while (f.find()) {
                frames.add(new Frame(Integer.parseInt(f.group(1)), Long.parseUnsignedLong(f.group(2), 16), f.group(3),
                        f.group(4), f.group(5) == null ? 0 : Long.parseLong(f.group(5))));
            }
        }
        return new Tombstone(Integer.parseInt(s.group(1)), s.group(2), address, abort, List.copyOf(frames), text);
    }

    @Override
    public String toString() {
        return text;
    }
}
