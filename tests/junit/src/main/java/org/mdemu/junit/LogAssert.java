package org.mdemu.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractAssert;

/** Assertions on logcat lines: messages, tags, priorities, regular expressions, order. */
public final class LogAssert extends AbstractAssert<LogAssert, List<LogLine>> {
    private final String what;

    LogAssert(List<LogLine> lines, String what) {
        super(lines, LogAssert.class);
        this.what = what;
    }

    /** The lines of one tag only, for the assertions that follow. */
    public LogAssert withTag(String tag) {
        return new LogAssert(filter(l -> l.tag().equals(tag)), what + " with tag " + tag);
    }

    /** The lines of this priority (V, D, I, W, E, F) or above only. */
    public LogAssert withPriorityAtLeast(char priority) {
        String order = "VDIWEF";
        int min = order.indexOf(priority);
        if (min < 0) throw new IllegalArgumentException("priority is one of V D I W E F, not " + priority);
        return new LogAssert(filter(l -> order.indexOf(l.priority()) >= min), what + " at " + priority + " or above");
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
        if (actual.stream().noneMatch(test)) failWithMessage("%s has no %s%n%s", what, expected, quote());
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
        List<LogLine> shown = actual.subList(Math.max(0, actual.size() - 40), actual.size());
        StringBuilder s = new StringBuilder(what).append(" (").append(actual.size()).append(" lines")
                .append(actual.size() > shown.size() ? ", the last " + shown.size() : "").append("):\n");
        for (LogLine l : shown) s.append("  ").append(l.text()).append('\n');
        return s.toString();
    }
}
