package org.mdemu.guest.libm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.GuestSymbol;
import org.mdemu.guest.abi.LibraryTable;

/** libm.so exports exactly bionic's arm64 libm: every symbol of libm.map.txt with its version node, nothing else. */
class LibmSymbolSetTest {
    @Test
    void libmRowsAreBionicsArm64MapWithTheirVersionNodes() throws Exception {
        TreeSet<String> expected = new TreeSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("libm.arm64.symbols"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) if (!line.startsWith("#") && !line.isBlank()) expected.add(line);
        }
        LibraryTable t = MathFunctions.newTable();
        t.declare(new MathFunctions());
        TreeSet<String> actual = new TreeSet<>();
        for (GuestSymbol s : t.symbols()) actual.add(s.name() + " " + s.version());
        assertThat(expected).hasSize(286);
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
