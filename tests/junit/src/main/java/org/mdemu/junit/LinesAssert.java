package org.mdemu.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractAssert;

/** Assertions on the console's lines (the payload's stdout and stderr, and the boot lines). */
public final class LinesAssert extends AbstractAssert<LinesAssert, List<String>> {
    private final String what;

    LinesAssert(List<String> lines, String what) {
        super(lines, LinesAssert.class);
        this.what = what;
    }

    /** A line equal to text. */
    public LinesAssert containsLine(String text) {
        if (!actual.contains(text)) failWithMessage("%s has no line%n  \"%s\"%n%s", what, text, quote());
        return this;
    }

    /** A line containing text. */
    public LinesAssert containsLineContaining(String text) {
        if (actual.stream().noneMatch(l -> l.contains(text))) {
            failWithMessage("%s has no line containing%n  \"%s\"%n%s", what, text, quote());
        }
        return this;
    }

    /** A line matching the regular expression as a whole. */
    public LinesAssert containsLineMatching(String regex) {
        Pattern p = Pattern.compile(regex);
        if (actual.stream().noneMatch(l -> p.matcher(l).matches())) {
            failWithMessage("%s has no line matching%n  /%s/%n%s", what, regex, quote());
        }
        return this;
    }

    public LinesAssert doesNotContainLineContaining(String text) {
        for (String l : actual) {
            if (l.contains(text)) failWithMessage("%s has a line containing \"%s\":%n  %s", what, text, l);
        }
        return this;
    }

    /** Lines containing each text, in this order (other lines may come between). */
    public LinesAssert containsLinesInOrder(String... texts) {
        int at = 0;
        for (String t : texts) {
            while (at < actual.size() && !actual.get(at).contains(t)) at++;
            if (at == actual.size()) {
                failWithMessage("%s does not have lines containing %s in this order: \"%s\" is missing after the ones"
                        + " before it%n%s", what, List.of(texts), t, quote());
            }
            at++;
        }
        return this;
    }

    private String quote() {
        List<String> shown = new ArrayList<>(actual.subList(Math.max(0, actual.size() - 40), actual.size()));
        StringBuilder s = new StringBuilder(what).append(" (").append(actual.size()).append(" lines")
                .append(actual.size() > shown.size() ? ", the last " + shown.size() : "").append("):\n");
        for (String l : shown) s.append("  ").append(l).append('\n');
        return s.toString();
    }
}
