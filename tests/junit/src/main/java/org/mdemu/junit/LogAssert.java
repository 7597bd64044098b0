package org.mdemu.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractAssert;

/** Assertions on logcat lines: messages, tags, priorities, regular expressions, order. */
public final class LogAssert extends AbstractAssert<LogAssert, List<LogLine>> {
    /**
     * How long a line of a running payload may take to reach the host: the log is read from the guest by another
     * thread, so a line the payload wrote before answering a call can arrive just after the answer.
     */
    private static final long ARRIVAL_MILLIS = 5_000;

    private final String what;
    /** The log so far, read again while a running payload's line is awaited; null once the payload stopped. */
    private final Supplier<List<LogLine>> live;
    private final Predicate<LogLine> scope;

    LogAssert(List<LogLine> lines, String what) {
        this(lines, what, null, l -> true);
    }

    /** The log of a running payload: positive assertions wait briefly for lines still on their way. */
    static LogAssert live(Supplier<List<LogLine>> lines, String what) {
        return new LogAssert(lines.get(), what, lines, l -> true);
    }

    private LogAssert(List<LogLine> lines, String what, Supplier<List<LogLine>> live, Predicate<LogLine> scope) {
        super(lines, LogAssert.class);
        this.what = what;
        this.live = live;
        this.scope = scope;
    }

    /** The lines of one tag only, for the assertions that follow. */
    public LogAssert withTag(String tag) {
        Predicate<LogLine> p = l -> l.tag().equals(tag);
        return new LogAssert(filter(p), what + " with tag " + tag, live, scope.and(p));
    }

    /** The lines of this priority (V, D, I, W, E, F) or above only. */
    public LogAssert withPriorityAtLeast(char priority) {
        String order = "VDIWEF";
        int min = order.indexOf(priority);
        if (min < 0) throw new IllegalArgumentException("priority is one of V D I W E F, not " + priority);
        Predicate<LogLine> p = l -> order.indexOf(l.priority()) >= min;
        return new LogAssert(filter(p), what + " at " + priority + " or above", live, scope.and(p));
    }

    /** A line whose message equals message, or whose whole text does. */
    public LogAssert containsLine(String message) {
        return has(l -> l.message().equals(message) || l.text().equals(message), "line \"" + message + "\"");
    }

    public LogAssert containsMessageContaining(String text) {
        return has(l -> l.message().contains(text), "message containing \"" + text + "\"");
    }

    /** A line whose message matches the regular expression as a whole. */
    public LogAssert containsMessageMatching(String regex) {
        Pattern p = Pattern.compile(regex);
        return has(l -> p.matcher(l.message()).matches(), "message matching /" + regex + "/");
    }

    /** A line of that priority and tag whose message contains text. */
    public LogAssert hasLine(char priority, String tag, String text) {
        return has(l -> l.priority() == priority && l.tag().equals(tag) && l.message().contains(text),
                "line " + priority + " " + tag + ": ...\"" + text + "\"...");
    }

    public LogAssert hasTag(String tag) {
        return has(l -> l.tag().equals(tag), "line with tag " + tag);
    }

    public LogAssert doesNotContainMessageContaining(String text) {
        for (LogLine l : actual) {
            if (l.message().contains(text)) failWithMessage("%s has a message containing \"%s\":%n  %s", what, text, l);
        }
        return this;
    }

    /** Messages containing each text, in this order (other lines may come between). */
    public LogAssert containsMessagesInOrder(String... texts) {
        int at = 0;
        for (String t : texts) {
            while (at < actual.size() && !actual.get(at).message().contains(t)) at++;
            if (at == actual.size()) {
                failWithMessage("%s does not have messages containing %s in this order: \"%s\" is missing after the"
                        + " ones before it%n%s", what, List.of(texts), t, quote());
            }
            at++;
        }
        return this;
    }

    private LogAssert has(Predicate<LogLine> test, String expected) {
        List<LogLine> lines = actual;
        long deadline = System.nanoTime() + ARRIVAL_MILLIS * 1_000_000;
        while (lines.stream().noneMatch(test) && live != null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            lines = live.get().stream().filter(scope).toList();
        }
        if (lines.stream().noneMatch(test)) failWithMessage("%s has no %s%n%s", what, expected, quote(lines));
        return this;
    }

    private List<LogLine> filter(Predicate<LogLine> test) {
        List<LogLine> out = new ArrayList<>();
        for (LogLine l : actual) {
            if (test.test(l)) out.add(l);
        }
        return out;
    }

    private String quote() {
        return quote(actual);
    }

    private String quote(List<LogLine> actual) {
        List<LogLine> shown = actual.subList(Math.max(0, actual.size() - 40), actual.size());
        StringBuilder s = new StringBuilder(what).append(" (").append(actual.size()).append(" lines")
                .append(actual.size() > shown.size() ? ", the last " + shown.size() : "").append("):\n");
        for (LogLine l : shown) s.append("  ").append(l.text()).append('\n');
        return s.toString();
    }
}
