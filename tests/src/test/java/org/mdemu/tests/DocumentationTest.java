package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README.md and docs/*.md tell the truth: the classes they cite exist, the demo prints what the README shows. */
class DocumentationTest {
    @TempDir
    Path dir;

    /** A Java type cited in backticks, maybe package-qualified, maybe followed by a nested type or member. */
    private static final Pattern JAVA_NAME = Pattern.compile(
            "((?:[a-z][a-z0-9_]*\\.)*)([A-Z][A-Za-z0-9]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(?:\\([^()]*\\))?");
    private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z][A-Za-z0-9]*)");

    /** Names the docs cite that are not mdemu's: the JDK's, Android's, and the C side of test payloads. */
    private static final Map<String, String> NOT_MDEMU = Map.of(
            "Cleaner", "java.lang.ref.Cleaner",
            "InputStream", "java.io.InputStream",
            "SecureRandom", "java.security.SecureRandom",
            "APersistableBundle", "libbinder_ndk's C type",
            "ICalc", "the AIDL interface of the binder_service test payload (tests/payloads/src/binder_calc.h)",
            "TfLiteModelCreate", "TensorFlow Lite's C API",
            "BnFoo", "the C++ service class aidl --lang=ndk generates (tests/payloads/aidl-ndk)");

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Fixtures.root().resolve("README.md")));
        try (Stream<Path> files = Files.list(Fixtures.root().resolve("docs"))) {
            docs.addAll(files.filter(p -> p.toString().endsWith(".md")).sorted().toList());
        }
        return docs;
    }

    /** Every Java source of every module, main and test: type name -> the files declaring a type of that name. */
    private static Map<String, List<Path>> declaredTypes() throws IOException {
        Map<String, List<Path>> types = new HashMap<>();
        try (Stream<Path> files = Files.walk(Fixtures.root())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/") || p.toString().contains("/src/test/java/")
                            || p.toString().contains("/src/aidl/java/"))
                    .filter(p -> !p.toString().contains("/target/")).toList()) {
                Matcher m = DECLARATION.matcher(Files.readString(f));
                while (m.find()) types.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(f);
            }
        }
        return types;
    }

    @Test
    void everyClassTheDocsCiteInBackticksExistsInTheSources() throws IOException {
        Map<String, List<Path>> types = declaredTypes();
        TreeSet<String> wrong = new TreeSet<>();
        int checked = 0;
        for (Path doc : documents()) {
            Matcher span = Pattern.compile("`([^`\\n]+)`").matcher(Files.readString(doc));
            while (span.find()) {
                Matcher name = JAVA_NAME.matcher(span.group(1));
                if (!name.matches()) continue;
                String packagePrefix = name.group(1), type = name.group(2), rest = name.group(3);
                if (type.chars().noneMatch(Character::isLowerCase)) continue; // a constant such as UNICORN2
                if (packagePrefix.startsWith("android.") || packagePrefix.startsWith("java.") || NOT_MDEMU.containsKey(type)) {
                    continue;
                }
                checked++;
                String problem = problem(types, packagePrefix, type, rest);
                if (problem != null) wrong.add(Fixtures.root().relativize(doc) + ": `" + span.group(1) + "`: " + problem);
            }
        }
        assertThat(checked).as("names checked").isGreaterThan(100);
        assertThat(wrong).as("names cited in the docs that the sources do not have").isEmpty();
    }

    private static String problem(Map<String, List<Path>> types, String packagePrefix, String type, String rest)
            throws IOException {
        List<Path> files = types.getOrDefault(type, List.of());
        if (!packagePrefix.isEmpty()) {
            String path = "/" + packagePrefix.replace('.', '/') + type + ".java";
            files = files.stream().filter(f -> f.toString().endsWith(path)).toList();
        }
        if (files.isEmpty()) return "no class " + packagePrefix + type;
        for (String part : rest.isEmpty() ? new String[0] : rest.substring(1).split("\\.")) {
            if (Character.isUpperCase(part.charAt(0)) && types.containsKey(part)) {
                files = types.get(part);
                continue;
            }
            for (Path f : files) if (declaresMember(Files.readString(f), part)) return null;
            return type + " has no member " + part;
        }
        return null;
    }

    /** A method (with a body), a field with a modifier, an enum constant or a record component of that name. */
    private static boolean declaresMember(String source, String name) {
        String n = Pattern.quote(name);
        if (Pattern.compile("\\b" + n + "\\s*\\([^;{]*\\)\\s*(?:throws[^;{]*)?\\{").matcher(source).find()) return true;
        // An abstract or interface method; "return f(x);" and the like are calls.
        if (Pattern.compile("\\b(?!return\\b|new\\b|throw\\b|else\\b)[A-Za-z_][\\w<>\\[\\],.?]*\\s+" + n
                + "\\s*\\([^;{]*\\)\\s*;").matcher(source).find()) {
            return true;
        }
        if (Pattern.compile("\\b(?:public|protected|private|static|final)\\b[^;(){}]*\\b" + n + "\\s*[;=]")
                .matcher(source).find()) {
            return true;
        }
        if (source.contains("enum ")
                && Pattern.compile("^\\s*" + n + "\\s*[,;(]", Pattern.MULTILINE).matcher(source).find()) {
            return true;
        }
        Matcher record = Pattern.compile("\\brecord\\s+\\w+\\s*\\(([^)]*)\\)").matcher(source);
        while (record.find()) {
            if (Pattern.compile("\\b" + n + "\\s*(?:,|$)").matcher(record.group(1).strip()).find()) return true;
        }
        return false;
    }

    /** Kernel timestamps and logcat dates differ from run to run; the rest of every line is the same. */
    private static String normalised(String line) {
        return line.replaceFirst("^\\[ *\\d+\\.\\d{6}\\]", "[TIME]")
                .replaceFirst("^\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}", "DATE");
    }

    private static boolean isLogcat(String normalisedLine) {
        return normalisedLine.startsWith("DATE ");
    }

    @Test
    void theReadmesDemoOutputIsWhatTheDemoPrints() throws Exception {
        String readme = Files.readString(Fixtures.root().resolve("README.md"));
        String marker = "<!-- the demo's output: DocumentationTest compares it with a run -->\n```\n";
        int start = readme.indexOf(marker);
        assertThat(start).as("README.md marks the demo's output").isNotNegative();
        String block = readme.substring(start + marker.length(), readme.indexOf("```", start + marker.length()));
        List<String> shown = block.lines().map(DocumentationTest::normalised).toList();

        Path console = dir.resolve("console.txt"), log = dir.resolve("log.txt");
        CommandLineTest.Result run = CommandLineTest.mdemu("run-app", Fixtures.root().resolve("demo/hello.apk").toString(),
                "--console", console.toString(), "--log", log.toString());
        assertThat(run.status()).as(run.err()).isZero();
        // Console and log are two streams copied to stdout side by side: each keeps its order, their interleaving varies.
        assertThat(shown.stream().filter(l -> !isLogcat(l)).toList()).as("console lines")
                .isEqualTo(Files.readAllLines(console).stream().map(DocumentationTest::normalised).toList());
        assertThat(shown.stream().filter(DocumentationTest::isLogcat).toList()).as("logcat lines")
                .isEqualTo(Files.readAllLines(log).stream().map(DocumentationTest::normalised).toList());
    }

    /** README.md's JUnit example of the C++ AIDL payload is FooPayloadTest from its annotation on, as it runs. */
    @Test
    void theReadmesAidlJunitExampleIsATestThatRuns() throws Exception {
        String readme = Files.readString(Fixtures.root().resolve("README.md"));
        String marker = "<!-- FooPayloadTest: DocumentationTest compares this block with the test -->\n```java\n";
        int start = readme.indexOf(marker);
        assertThat(start).as("README.md marks the AIDL JUnit example").isNotNegative();
        String shown = readme.substring(start + marker.length(), readme.indexOf("```", start + marker.length()));
        String test = Files.readString(Fixtures.root().resolve("tests/src/test/java/org/mdemu/tests/aidl/FooPayloadTest.java"));
        assertThat(test.substring(test.indexOf("@MdemuTest"))).isEqualTo(shown);
    }
}
