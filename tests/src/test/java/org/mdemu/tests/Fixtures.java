package org.mdemu.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the committed fixtures, whichever directory the tests run from. */
final class Fixtures {
    private Fixtures() {}

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("tests/fixtures/apks"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("tests/fixtures not found above " + Path.of("").toAbsolutePath());
        return dir;
    }

    static Path apk(String name) {
        return root().resolve("tests/fixtures/apks/" + name + ".apk");
    }
}
