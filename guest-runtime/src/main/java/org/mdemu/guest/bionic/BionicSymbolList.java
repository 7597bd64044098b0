package org.mdemu.guest.bionic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What bionic's arm64 libc.so, libm.so and libdl.so export: every symbol with its version node, whether it is a
 * variable, and the public header declaring it. Read from {@code bionic-arm64-symbols.tsv}, which
 * BionicSymbolListGenerator (test sources) writes from bionic's map files and headers, so builds need no network.
 */
public final class BionicSymbolList {
    private static final String RESOURCE = "bionic-arm64-symbols.tsv";

    /** One exported symbol. header is null when no public header declares it (private and legacy symbols). */
    public record Entry(String library, String name, String version, boolean variable, String introduced,
                        String tags, String header) {}

    private static volatile List<Entry> entries;

    private BionicSymbolList() {}

    /** Every symbol of the three libraries, in map-file order. */
    public static List<Entry> entries() {
        List<Entry> e = entries;
        if (e == null) {
            try (InputStream in = BionicSymbolList.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
                e = Collections.unmodifiableList(parse(in));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            entries = e;
        }
        return e;
    }

    /** The symbols of one library (libc.so, libm.so or libdl.so). */
    public static List<Entry> of(String library) {
        return entries().stream().filter(x -> x.library().equals(library)).toList();
    }

    private static List<Entry> parse(InputStream in) throws IOException {
        List<Entry> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 7) throw new IllegalStateException(RESOURCE + ": bad line: " + line);
            out.add(new Entry(f[0], f[1], f[2], f[3].equals("variable"), dash(f[4]), dash(f[5]) == null ? "" : f[5],
                    dash(f[6])));
        }
        return out;
    }

    private static String dash(String s) {
        return s.equals("-") ? null : s;
    }
}
