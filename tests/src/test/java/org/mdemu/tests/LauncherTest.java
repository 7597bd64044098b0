package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./mdemu launcher, run by bash on a copy of the script in a scratch tree, with stand-ins for Maven (printing
 * what Maven prints, recording its arguments) and for java (printing its command line): what a newcomer sees on
 * the first run, on a rebuild, when nothing changed and when the build fails.
 */
class LauncherTest {
    @TempDir
    Path tree;

    private static final String FAKE_MVN = """
            #!/usr/bin/env bash
            echo "$@" >> "$MDEMU_TEST_LOG/mvn-args"
            echo "[INFO] Scanning for projects..."
            if [ -n "${FAKE_DOWNLOADS:-}" ]; then
              for i in $(seq 1 120); do
                echo "Downloading from central: https://repo.maven.apache.org/maven2/a/$i.jar"
                echo "Downloaded from central: https://repo.maven.apache.org/maven2/a/$i.jar (1 kB at 9 kB/s)"
              done
            fi
            echo "[INFO] Building payload-loader 0.1.0-SNAPSHOT                            [1/5]"
            echo "[INFO] --- maven-compiler-plugin:3.13.0:compile (default-compile) @ payload-loader ---"
            if [ -n "${FAKE_FAIL:-}" ]; then
              echo "[ERROR] COMPILATION ERROR : Broken.java:[3,1] class, interface, enum, or record expected"
              exit 1
            fi
            echo "[INFO] Building cli 0.1.0-SNAPSHOT                                       [5/5]"
            mkdir -p cli/target && echo jar > cli/target/mdemu.jar
            """;

    private static final String FAKE_JAVA = """
            #!/usr/bin/env bash
            if [ "$1" = "-XshowSettings:properties" ]; then echo "    java.specification.version = 17" >&2; exit 0; fi
            echo "java $*"
            """;

    private record Run(int status, String out, String err) {}

    private Path executable(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private Run launcher(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(which("bash"), tree.resolve("mdemu").toString());
        pb.command().addAll(java.util.List.of(args));
        pb.environment().put("PATH", tree.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("JAVA_HOME", tree.resolve("jdk").toString());
        pb.environment().put("MDEMU_TEST_LOG", tree.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private void scratchTree() throws Exception {
        executable(tree.resolve("mdemu"), Files.readString(Fixtures.root().resolve("mdemu")));
        Files.writeString(tree.resolve("pom.xml"), "<project/>");
        Files.createDirectories(tree.resolve("cli/src/main/java"));
        Files.writeString(tree.resolve("cli/src/main/java/Mdemu.java"), "class Mdemu {}");
        executable(tree.resolve("bin/mvn"), FAKE_MVN);
        executable(tree.resolve("jdk/bin/java"), FAKE_JAVA);
    }

    @Test
    void theFirstRunShowsBuildProgressAndSaysDependenciesAreDownloadedThenRunsTheJar() throws Exception {
        scratchTree();
        Run first = launcher(Map.of("FAKE_DOWNLOADS", "1"), "--version");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.err()).contains("mdemu: first use: building the command-line jar")
                .contains("downloads mdemu's dependencies from Maven Central")
                .contains("mdemu: downloading Maven dependencies (first use only")
                .contains("mdemu: 50 files downloaded\nmdemu: 100 files downloaded\n")
                .contains("mdemu: building payload-loader [1/5]\n").contains("mdemu: building cli [5/5]\n")
                .contains("mdemu: built " + tree.resolve("cli/target/mdemu.jar"))
                .doesNotContain("Scanning for projects").doesNotContain("maven-compiler-plugin");
        // The launcher sends a JVM crash report to the temporary directory, never into the user's working directory.
        assertThat(first.out()).matches("java -XX:ErrorFile=\\S+/mdemu-hs_err_pid%p\\.log -jar "
                + java.util.regex.Pattern.quote(tree.resolve("cli/target/mdemu.jar").toString()) + " --version\n");
        assertThat(Files.readString(tree.resolve("mvn-args")))
                .as("the launcher packages in the tree and never installs into ~/.m2")
                .contains("-pl cli -am package").doesNotContain("install");
    }

    @Test
    void anUpToDateJarRunsAtOnceAndChangedSourcesRebuild() throws Exception {
        scratchTree();
        assertThat(launcher(Map.of()).status()).isZero();
        Files.delete(tree.resolve("mvn-args"));
        Run again = launcher(Map.of(), "list");
        assertThat(again.err()).isEmpty();
        assertThat(again.out()).endsWith("mdemu.jar list\n");
        assertThat(tree.resolve("mvn-args")).as("no build").doesNotExist();
        Path source = tree.resolve("cli/src/main/java/Mdemu.java");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(60)));
        Run rebuilt = launcher(Map.of(), "list");
        assertThat(rebuilt.err()).contains("mdemu: sources changed since the last build (" + source + "): rebuilding");
        assertThat(tree.resolve("mvn-args")).exists();
    }

    @Test
    void aFailedBuildShowsMavensErrorsAndRunsNothing() throws Exception {
        scratchTree();
        Run failed = launcher(Map.of("FAKE_FAIL", "1"), "--version");
        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.err()).contains("mdemu: the build failed (mvn exit status 1)")
                .contains("[ERROR] COMPILATION ERROR : Broken.java");
        assertThat(failed.out()).isEmpty();
    }

    @Test
    void withoutMavenTheLauncherSaysWhatToInstall() throws Exception {
        scratchTree();
        // A PATH with only what the launcher needs before it looks for Maven.
        Path tools = Files.createDirectories(tree.resolve("tools"));
        Files.createSymbolicLink(tools.resolve("dirname"), Path.of(which("dirname")));
        Run run = launcher(Map.of("PATH", tools.toString()));
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("mdemu: Maven (mvn) is needed to build mdemu on first use: install it"
                + " (Debian: apt-get install maven)\n");
    }

    private static String which(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) return Path.of(d, tool).toString();
        }
        throw new AssertionError(tool + " is not on PATH");
    }
}
