package org.mdemu.loader.link;

import java.util.List;

/**
 * Linking failed. The message follows bionic's linker style, naming library, symbol and version, e.g.
 * {@code cannot locate symbol "foo@LIBC" referenced by "libpayload.so"}; every problem found is listed.
 */
public class LinkException extends Exception {
    private final List<String> problems;

    public LinkException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public LinkException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
