package org.mdemu.guest.bionic;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes {@code bionic-arm64-symbols.tsv} (read by {@link BionicSymbolList}) from a bionic checkout: the symbols
 * bionic's arm64 libc.so, libm.so and libdl.so export, with their version nodes, kinds and introduced= levels, read
 * from libc/libc.map.txt, libm/libm.map.txt and libdl/libdl.map.txt with the filtering rule of bionic's
 * generate-version-script (a line tagged for other architectures only is dropped), and the public header under
 * libc/include that declares each one. Only these facts are extracted; no AOSP text is copied.
 *
 * <p>It also writes {@code bionic-services.tsv}, the services database bionic compiles into libc
 * (libc/dns/net/services.h: name, port, protocol, aliases), which getservbyname and friends read.
 *
 * <p>Run it with the JDK alone (no Maven):
 * {@code java guest-runtime/src/test/java/org/mdemu/guest/bionic/BionicSymbolListGenerator.java BIONIC_DIR LABEL
 * guest-runtime/src/main/resources/org/mdemu/guest/bionic}, where LABEL names the bionic revision (it is written
 * into the files' headers).
 */
public final class BionicSymbolListGenerator {
    static final List<String> ARCHES = List.of("arm", "arm64", "riscv64", "x86", "x86_64");
    static final String ARCH = "arm64";

    /** One exported symbol as the map file declares it for arm64. */
    record MapSymbol(String library, String name, String version, boolean variable, String introduced, String tags) {}

    private static final Pattern BLOCK_START = Pattern.compile("^\\s*([A-Za-z0-9_]+)\\s*\\{");
    private static final Pattern SYMBOL = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*;");

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: BionicSymbolListGenerator BIONIC_DIR LABEL OUTPUT_DIR");
            System.exit(2);
        }
        Path bionic = Path.of(args[0]);
        List<MapSymbol> symbols = new ArrayList<>();
        symbols.addAll(parseMap("libc.so", Files.readString(bionic.resolve("libc/libc.map.txt"))));
        symbols.addAll(parseMap("libm.so", Files.readString(bionic.resolve("libm/libm.map.txt"))));
        symbols.addAll(parseMap("libdl.so", Files.readString(bionic.resolve("libdl/libdl.map.txt"))));
        HeaderFacts facts = scanHeaders(bionic.resolve("libc/include"),
                symbols.stream().map(MapSymbol::name).collect(java.util.stream.Collectors.toSet()));
        // The map tags most variables "var"; a few (malloc.h's hooks) are variables only its headers reveal.
        symbols.replaceAll(s -> facts.variables().contains(s.name()) && !s.variable()
                ? new MapSymbol(s.library(), s.name(), s.version(), true, s.introduced(), s.tags()) : s);
        Map<String, String> headers = facts.headers();
        Path output = Path.of(args[2]);
        try (PrintStream out = new PrintStream(Files.newOutputStream(output.resolve("bionic-arm64-symbols.tsv")), true,
                StandardCharsets.UTF_8)) {
            write(symbols, headers, args[1], out);
        }
        try (PrintStream out = new PrintStream(Files.newOutputStream(output.resolve("bionic-services.tsv")), true,
                StandardCharsets.UTF_8)) {
            out.println("# The services database bionic compiles into libc: facts read from bionic " + args[1]);
            out.println("# (libc/dns/net/services.h) by BionicSymbolListGenerator. Do not edit: regenerate.");
            out.println("# Columns: name, port, protocol, aliases (space-separated, - for none).");
            for (String[] service : parseServices(Files.readString(bionic.resolve("libc/dns/net/services.h"),
                    StandardCharsets.ISO_8859_1))) {
                out.println(String.join("\t", service));
            }
        }
    }

    /**
     * The entries of services.h's packed string: each is a length-prefixed name, a big-endian port, 't' or 'u', an
     * alias count and length-prefixed aliases.
     */
    static List<String[]> parseServices(String header) {
        int open = header.indexOf('"');
        int close = header.lastIndexOf('"');
        byte[] b = unescape(header.substring(open + 1, close));
        List<String[]> out = new ArrayList<>();
        int i = 0;
        while (i < b.length) {
            int n = b[i++] & 0xff;
            if (n == 0) break;
            String name = new String(b, i, n, StandardCharsets.ISO_8859_1);
            i += n;
            int port = (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
            i += 2;
            String proto = b[i++] == 't' ? "tcp" : "udp";
            int aliases = b[i++] & 0xff;
            List<String> names = new ArrayList<>();
            for (int k = 0; k < aliases; k++) {
                int m = b[i++] & 0xff;
                names.add(new String(b, i, m, StandardCharsets.ISO_8859_1));
                i += m;
            }
            out.add(new String[] {name, Integer.toString(port), proto, names.isEmpty() ? "-" : String.join(" ", names)});
        }
        return out;
    }

    /** A C string literal's bytes: octal escapes, simple escapes, and backslash-newline continuations dropped. */
    static byte[] unescape(String literal) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char e = literal.charAt(++i);
            if (e == '\n') continue;
            if (e >= '0' && e <= '7') {
                int v = 0, k = 0;
                while (k < 3 && i < literal.length() && literal.charAt(i) >= '0' && literal.charAt(i) <= '7') {
                    v = v * 8 + (literal.charAt(i++) - '0');
                    k++;
                }
                i--;
                out.write(v);
                continue;
            }
            out.write(switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                default -> e;
            });
        }
        return out.toByteArray();
    }

    static void write(List<MapSymbol> symbols, Map<String, String> headers, String label, PrintStream out) {
        out.println("# The symbols bionic's arm64 libc.so, libm.so and libdl.so export: facts read from bionic " + label);
        out.println("# (libc/libc.map.txt, libm/libm.map.txt, libdl/libdl.map.txt, libc/include) by");
        out.println("# BionicSymbolListGenerator. Do not edit: regenerate. Columns: library, symbol, version node, kind");
        out.println("# (function or variable), introduced= API level for arm64 (- when the map gives none), other map");
        out.println("# tags (- for none), the public header declaring the symbol (- for none).");
        for (MapSymbol s : symbols) {
            out.println(String.join("\t", s.library(), s.name(), s.version(), s.variable() ? "variable" : "function",
                    s.introduced() == null ? "-" : s.introduced(), s.tags().isEmpty() ? "-" : s.tags(),
                    headers.getOrDefault(s.name(), "-")));
        }
    }

    /** The arm64 symbols of one map file, in file order. */
    static List<MapSymbol> parseMap(String library, String text) {
        List<MapSymbol> out = new ArrayList<>();
        String version = null;
        String blockIntroduced = null;
        boolean local = false;
        for (String line : text.split("\n", -1)) {
            int hash = line.indexOf('#');
            List<String> tags = hash < 0 ? List.of() : List.of(line.substring(hash + 1).trim().split("\\s+"));
            String code = hash < 0 ? line : line.substring(0, hash);
            if (code.isBlank()) continue;
            if (tags.stream().anyMatch(ARCHES::contains) && !tags.contains(ARCH)) continue;
            Matcher block = BLOCK_START.matcher(code);
            if (block.find()) {
                version = block.group(1);
                blockIntroduced = introduced(tags);
                local = false;
                continue;
            }
            String trimmed = code.trim();
            if (trimmed.startsWith("}")) {
                version = null;
                continue;
            }
            if (trimmed.equals("global:")) {
                local = false;
                continue;
            }
            if (trimmed.equals("local:")) {
                local = true;
                continue;
            }
            Matcher symbol = SYMBOL.matcher(code);
            if (!symbol.find()) {
                if (local && trimmed.equals("*;")) continue;
                throw new IllegalArgumentException(library + ": unexpected map line: " + line);
            }
            if (version == null || local) {
                throw new IllegalArgumentException(library + ": symbol outside a global section: " + line);
            }
            String own = introduced(tags);
            List<String> other = tags.stream().filter(t -> !ARCHES.contains(t) && !t.equals("var")
                    && !t.startsWith("introduced")).toList();
            out.add(new MapSymbol(library, symbol.group(1), version, tags.contains("var"),
                    own != null ? own : blockIntroduced, String.join(" ", other)));
        }
        return out;
    }

    /** The arm64 introduced level among the tags: introduced-arm64=N wins over introduced=N. */
    private static String introduced(List<String> tags) {
        String general = null;
        for (String t : tags) {
            if (t.startsWith("introduced-" + ARCH + "=")) return t.substring(t.indexOf('=') + 1);
            if (t.startsWith("introduced=")) general = t.substring(t.indexOf('=') + 1);
        }
        return general;
    }

    /**
     * For each name, the header (relative to the include directory) that declares it: a top-level function
     * declaration, an {@code extern} variable, or a {@code __RENAME(name)} target. When several headers do, a header
     * outside {@code bits/} wins, then the alphabetically first.
     */
    static Map<String, String> declaringHeaders(Path include, Set<String> names) throws IOException {
        return scanHeaders(include, names).headers();
    }

    /** What the headers say: the declaring header of each name, and the names declared as variables. */
    record HeaderFacts(Map<String, String> headers, Set<String> variables) {}

    static HeaderFacts scanHeaders(Path include, Set<String> names) throws IOException {
        Map<String, List<String>> found = new HashMap<>();
        Set<String> variables = new java.util.TreeSet<>();
        List<Path> headers;
        try (Stream<Path> walk = Files.walk(include)) {
            headers = walk.filter(p -> p.toString().endsWith(".h")).sorted().toList();
        }
        for (Path h : headers) {
            String relative = include.relativize(h).toString().replace('\\', '/');
            for (Map.Entry<String, Boolean> d : declarations(Files.readString(h), names).entrySet()) {
                found.computeIfAbsent(d.getKey(), k -> new ArrayList<>()).add(relative);
                if (d.getValue()) variables.add(d.getKey());
            }
        }
        Map<String, String> best = new TreeMap<>();
        Comparator<String> preference = Comparator.comparing((String p) -> p.startsWith("bits/") || p.contains("/bits/"))
                .thenComparing(Comparator.naturalOrder());
        found.forEach((name, paths) -> best.put(name, paths.stream().min(preference).orElseThrow()));
        return new HeaderFacts(best, variables);
    }

    private static final Pattern EXTERN = Pattern.compile("\\bextern\\b");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The names among {@code wanted} that one header's text declares at top level. */
    static Set<String> declaredNames(String source, Set<String> wanted) {
        return declarations(source, wanted).keySet();
    }

    /**
     * The names among {@code wanted} that one header's text declares at top level, each mapped to whether it is a
     * variable: an {@code extern} object, including a function pointer such as
     * {@code extern void (*volatile __free_hook)(void*, const void*)}, whose name is followed by ')'.
     */
    static Map<String, Boolean> declarations(String source, Set<String> wanted) {
        Map<String, Boolean> out = new TreeMap<>();
        for (String statement : topLevelStatements(withoutCommentsAndDirectives(source))) {
            boolean external = EXTERN.matcher(statement).find();
            Matcher m = IDENTIFIER.matcher(statement);
            String previous = null;
            while (m.find()) {
                String name = m.group();
                if (wanted.contains(name)) {
                    int next = skipSpace(statement, m.end());
                    char c = next < statement.length() ? statement.charAt(next) : ';';
                    boolean pointerToFunction = c == ')' && statement.substring(0, m.start()).contains("(*");
                    if (c == '(' || "__RENAME".equals(previous)) {
                        out.putIfAbsent(name, false);
                    } else if (external && (c == ';' || c == '[' || c == ',' || c == '_' || c == '='
                            || pointerToFunction)) {
                        // c == '_' admits "extern FILE* stdin __INTRODUCED_IN(23);"
                        out.put(name, true);
                    }
                }
                previous = name;
            }
        }
        return out;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    /** Statements at brace depth 0, split at ';' and at a '}' that closes a top-level body. */
    static List<String> topLevelStatements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
                continue;
            }
            if (c == '}') {
                depth = Math.max(0, depth - 1);
                if (depth == 0) {
                    out.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            if (depth > 0) continue;
            if (c == ';') {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) out.add(current.toString());
        return out;
    }

    /** The text with comments, string literals' contents and preprocessor lines (with continuations) blanked. */
    static String withoutCommentsAndDirectives(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        boolean lineStart = true;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                out.append(' ');
                continue;
            }
            if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                while (i < source.length() && source.charAt(i) != '\n') i++;
                continue;
            }
            if (c == '"') {
                i++;
                while (i < source.length() && source.charAt(i) != '"') i += source.charAt(i) == '\\' ? 2 : 1;
                i++;
                out.append("\"\"");
                lineStart = false;
                continue;
            }
            if (lineStart && c == '#') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    if (source.charAt(i) == '\\' && i + 1 < source.length() && source.charAt(i + 1) == '\n') i++;
                    else if (source.startsWith("/*", i)) {
                        int end = source.indexOf("*/", i + 2);
                        i = end < 0 ? source.length() - 1 : end + 1;
                    }
                    i++;
                }
                continue;
            }
            if (c == '\n') lineStart = true;
            else if (!Character.isWhitespace(c)) lineStart = false;
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private BionicSymbolListGenerator() {}
}
