package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * A stop of the VM (stop(), its timeout) ends a library call whose Java row works for as long as a guest value says
 * (long_rows.apk; StopPoints in the rows' loops): before, the stop waited for the row to return. The bounds are
 * generous against the rows' full cost, not timings: fnmatch here would run for hours, and the Bessel recurrence is
 * measured against its own run at 1/16 of the order in the same test. The substring searches that ran for hours
 * (strstr, wcsstr) are linear now: they finish, with their answer.
 */
class LongRowsTest {
    @TempDir
    Path instances;

    /** A running liblong_rows_KIND.so whose row has started, with its console so far. */
    private record Running(VirtualMachine vm, RecordingCallback callback, StringBuffer console, Thread reader) {
        /** The whole console once the VM stopped: the reader may still be draining it when the callback fires. */
        String finalConsole() throws InterruptedException {
            reader.join(Duration.ofSeconds(30).toMillis());
            return console.toString();
        }
    }

    private Running start(String kind, Consumer<VirtualMachineConfig.Builder> settings) throws Exception {
        VirtualMachineConfig.Builder b = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk("long_rows"))
                .setPayloadBinaryName("liblong_rows_" + kind + ".so").setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true);
        settings.accept(b);
        VirtualMachine vm = new VirtualMachineManager(instances).create(kind, b.build());
        RecordingCallback callback = new RecordingCallback();
        vm.setCallback(Runnable::run, callback);
        vm.run();
        StringBuffer console = new StringBuffer();
        InputStream in = vm.getConsoleOutput();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) console.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the VM is gone
            }
        }, "long-rows-console");
        reader.setDaemon(true);
        reader.start();
        String started = "long row: " + kind + " started";
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (console.indexOf(started) < 0) {
            assertThat(callback.stopReason).as("stopped before its row: %s", console).isEqualTo(Integer.MIN_VALUE);
            assertThat(System.nanoTime()).as("the row never started: %s", console).isLessThan(deadline);
            Thread.sleep(10);
        }
        return new Running(vm, callback, console, reader);
    }

    /**
     * 8 MiB of 'a' searched for 4 MiB of 'a' then 'b' (2 and 1 Mi wide characters for wcsstr): a naive search compared
     * for hours; the Two-Way search answers that there is no match.
     */
    @ParameterizedTest
    @ValueSource(strings = {"strstr", "wcsstr"})
    void aSearchThatWasQuadraticFinishesWithItsAnswer(String kind) throws Exception {
        Running r = start(kind, b -> { });
        r.callback().awaitStopped(Duration.ofMinutes(5));
        assertThat(r.callback().errorCode).as("emulator error: %s", r.callback().errorMessage).isNull();
        assertThat(r.finalConsole()).contains("long row: " + kind + " returned 0x0\n");
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_SHUTDOWN);
    }

    /** It would backtrack for hours (C(200, 16) splits of the text): stop() ends it at once. */
    @Test
    void stopEndsARowThatWouldRunForHours() throws Exception {
        String kind = "fnmatch";
        Running r = start(kind, b -> { });
        Thread.sleep(300); // well inside the row
        r.vm().stop();
        r.callback().awaitStopped(Duration.ofSeconds(30));
        assertThat(r.callback().errorCode).as("emulator error: %s", r.callback().errorMessage).isNull();
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_KILLED);
        assertThat(r.finalConsole()).doesNotContain("long row: " + kind + " returned");
    }

    /**
     * jn(2^31 - 1, x) runs Miller's recurrence over 2^31 orders; the VM's timeout ends it long before the 16 times
     * the reference run's time (the same recurrence over 2^27 orders, to its end) it would need.
     */
    @Test
    void theTimeoutEndsABesselRecurrenceOfOrderTwoToTheThirtyOne() throws Exception {
        Running reference = start("jn_27", b -> { });
        reference.callback().awaitStopped(Duration.ofMinutes(5));
        String referenceConsole = reference.finalConsole();
        Matcher m = Pattern.compile("long row: jn_27 returned \\S+ ms=([0-9.]+)").matcher(referenceConsole);
        assertThat(m.find()).as("reference run: %s", referenceConsole).isTrue();
        double referenceMs = Double.parseDouble(m.group(1));

        long timeoutMs = 5000; // counted from run(): well past the boot
        Running r = start("jn_31", b -> b.setTimeout(Duration.ofMillis(timeoutMs)));
        long startedAt = System.nanoTime();
        r.callback().awaitStopped(Duration.ofMinutes(10));
        double ranMs = (System.nanoTime() - startedAt) / 1e6;
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_HANGUP);
        assertThat(r.finalConsole()).contains("its timeout of").doesNotContain("long row: jn_31 returned");
        // The whole recurrence takes about 16 reference runs: the stop came before half of it could have run.
        assertThat(ranMs).as("ms from the row's start to the stop; reference %.0f ms for 1/16 of the work",
                referenceMs).isLessThan(timeoutMs + 8 * referenceMs);
    }
}
