package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.virtualmachine.CpuEngine;

/**
 * run-app in a JVM of its own, with a temporary directory of the test's: what a run leaves there when it ends by
 * SIGTERM or SIGKILL. The only thing that may stay is the per-user cache of the Unicorn 2 native library, one file
 * however many JVMs load it; on the Java engine (no native code) not even that.
 */
class NothingLeftBehindTest {
    @TempDir
    Path tmp;

    private Process runApp(String apk) throws Exception {
        return new ProcessBuilder(ChildJvm.command(java.util.List.of("-Djava.io.tmpdir=" + tmp), "org.mdemu.cli.Mdemu",
                "run-app", Fixtures.apk(apk).toString())).redirectErrorStream(true).start();
    }

    /** Reads the run's output until the payload has started (or the output ends). */
    private static String untilStarted(Process p) throws Exception {
        StringBuilder out = new StringBuilder();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            out.append(line).append('\n');
            if (line.contains("starting payload")) break;
        }
        return out.toString();
    }

    private List<String> left() throws Exception {
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.filter(f -> !f.equals(tmp)).map(f -> tmp.relativize(f).toString()).sorted().toList();
        }
    }

    /** What every run may leave: the Unicorn 2 library's cache, unless the runs are on the Java engine. */
    private static List<String> cache() {
        String user = System.getProperty("user.name");
        return CpuEngine.defaultEngine() == CpuEngine.JAVA ? List.of()
                : List.of("mdemu-natives-" + user, "mdemu-natives-" + user + "/unicorn2-[0-9a-f]{24}\\.so");
    }

    private void assertOnlyTheCacheLeft() throws Exception {
        List<String> left = left(), cache = cache();
        assertThat(left).hasSameSizeAs(cache);
        for (int i = 0; i < cache.size(); i++) assertThat(left.get(i)).matches(cache.get(i));
    }

    @Test
    void sigtermDeletesTheTemporaryInstanceAndOnlyTheNativeCacheStays() throws Exception {
        Process p = runApp("spin");
        assertThat(untilStarted(p)).contains("starting payload libspin.so");
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertOnlyTheCacheLeft();

        Process again = runApp("spin");
        untilStarted(again);
        again.destroyForcibly(); // SIGKILL: its temporary instance stays, until the next run sees its JVM gone
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(left()).anyMatch(f -> f.startsWith("mdemu-run-" + again.pid() + "-"));

        Process next = runApp("hello");
        next.getInputStream().readAllBytes();
        assertThat(next.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(next.exitValue()).isZero();
        assertOnlyTheCacheLeft();
    }
}
