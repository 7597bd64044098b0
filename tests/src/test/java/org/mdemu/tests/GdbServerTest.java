package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineCallback;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * The GDB remote server against gdb-multiarch (Debian's package; .ci/run installs it), in batch mode, on the
 * gdb_suite fixture built with -g: gdb is given the payload as its file and the fixtures' library directory as
 * solib-search-path, as a developer would point it at the APK's extracted libraries. Then the wire itself: malformed
 * packets, a second client, Ctrl-C, and a client that vanishes.
 */
class GdbServerTest {
    private static final Path LIBS = Fixtures.root().resolve("tests/fixtures/lib/arm64-v8a");

    @TempDir
    Path dir;

    private VirtualMachine start(String fixture, CpuEngine engine, RecordingCallback callback) throws Exception {
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk(fixture))
                .setPayloadBinaryName("lib" + fixture + ".so").setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true).setCpuEngine(engine).setGdbPort(0).build();
        VirtualMachine vm = new VirtualMachineManager(dir.resolve("instances")).create(fixture, config);
        vm.setCallback(Runnable::run, callback);
        vm.run();
        assertThat(vm.getGdbPort()).isPositive();
        return vm;
    }

    /** Runs gdb-multiarch -batch with the commands after connecting to the VM; returns what it printed. */
    private String gdb(VirtualMachine vm, String... commands) throws Exception {
        return gdbOn(vm, "libgdb_suite.so", commands);
    }

    /** As {@link #gdb}, with another payload library as gdb's file. */
    private String gdbOn(VirtualMachine vm, String payload, String... commands) throws Exception {
        Path script = dir.resolve("session.gdb");
        StringBuilder s = new StringBuilder("set pagination off\nset confirm off\nset sysroot " + dir.resolve("no-sysroot")
                + "\nset solib-search-path " + LIBS + "\nfile " + LIBS.resolve(payload)
                + "\ntarget remote :" + vm.getGdbPort() + "\n");
        for (String c : commands) s.append(c).append('\n');
        Files.writeString(script, s);
        Process gdb = new ProcessBuilder("gdb-multiarch", "-nx", "-batch", "-x", script.toString())
                .redirectErrorStream(true).start();
        return finish(gdb);
    }

    /** gdb's output once it exits; a session that does not end within two minutes fails the test instead of hanging it. */
    private static String finish(Process gdb) throws Exception {
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(gdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        boolean ended = gdb.waitFor(120, TimeUnit.SECONDS);
        if (!ended) gdb.destroyForcibly();
        assertThat(ended).as("gdb-multiarch finished: %s", out.getNow("")).isTrue();
        return out.get();
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void breakpointInADependencyBacktracePrintAndStepOverACall(CpuEngine engine) throws Exception {
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = start("gdb_suite", engine, callback)) {
            String out = gdb(vm,
                    "info sharedlibrary",
                    "break dep_scale", "continue", "continue", "continue", "bt",
                    "print value", "print gdb_counter", "print dep_calls",
                    "delete", "break gdb_suite.c:31", "continue", "next", "print scaled", "print i",
                    "info registers pc", "p/x $cpsr", "detach");
            assertThat(out).contains("libgdb_dep.so").contains("Breakpoint 1, dep_scale (value=0) at ./src/gdb_dep.c:5")
                    .contains("Breakpoint 1, dep_scale (value=2)")
                    .containsPattern("#0 +dep_scale \\(value=2\\) at ./src/gdb_dep.c:5")
                    .containsPattern("#1 +0x[0-9a-f]+ in run_work \\(rounds=4\\) at ./src/gdb_suite.c:31")
                    .containsPattern("#2 +0x[0-9a-f]+ in AVmPayload_main \\(\\) at ./src/gdb_suite.c:46")
                    .contains("$1 = 2").contains("$2 = 5").contains("$3 = 2")
                    // the breakpoint at line 31 before the fourth call; next runs dep_scale(3) to completion
                    .contains("Breakpoint 2, run_work (rounds=4) at ./src/gdb_suite.c:31")
                    .contains("$4 = 10").contains("$5 = 3").containsPattern("pc +0x[0-9a-f]+ +0x[0-9a-f]+ <run_work\\+");
            callback.awaitStopped();
            assertThat(callback.exitCode).isZero();
        }
    }

    /**
     * gdb given nothing but the port: it reads the payload (qXfer:exec-file) and its libraries through host I/O
     * (vFile) with its default sysroot "target:", as from a device, so no extracted APK is needed.
     */
    @Test
    void gdbWithoutLocalFilesReadsThePayloadAndItsLibrariesFromTheTarget() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = start("gdb_suite", CpuEngine.UNICORN2, callback)) {
            Path script = dir.resolve("bare.gdb");
            Files.writeString(script, "set pagination off\nset confirm off\ntarget remote :" + vm.getGdbPort()
                    + "\nbreak dep_scale\ncontinue\nbt\ninfo sharedlibrary\nremote get /no/such/file "
                    + dir.resolve("copy") + "\ndetach\n");
            Process gdb = new ProcessBuilder("gdb-multiarch", "-nx", "-batch", "-x", script.toString())
                    .redirectErrorStream(true).start();
            String out = finish(gdb);
            assertThat(out).contains("Breakpoint 1, dep_scale (value=0) at ./src/gdb_dep.c:5")
                    .containsPattern("#2 +0x[0-9a-f]+ in AVmPayload_main \\(\\) at ./src/gdb_suite.c:46")
                    .containsPattern("0x[0-9a-f]+ +0x[0-9a-f]+ +Yes +target:\\S*libgdb_dep\\.so")
                    .containsIgnoringCase("no such file");
            callback.awaitStopped();
            assertThat(callback.exitCode).isZero();
        }
    }

    /**
     * fork under gdb: the children run undebugged (gdb's default detach-on-fork) while the parent stays under
     * control, so a forking payload behaves as it does without a debugger; a breakpoint in the parent still hits and
     * one in code only the child runs does not stop anything.
     */
    @Test
    void aDebuggedPayloadForksAndItsChildrenRunUndebugged() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = start("fork_suite", CpuEngine.UNICORN2, callback)) {
            var console = org.mdemu.fixtures.OutputCollector.collect(vm.getConsoleOutput());
            // chi1 is an atfork handler that runs in the child only, par1 its twin in the parent
            String out = gdbOn(vm, "libfork_suite.so", "break chi1", "break par1", "continue", "delete", "continue");
            assertThat(out).containsPattern("Breakpoint 2, 0x[0-9a-f]+ in par1 \\(\\)").doesNotContain("Breakpoint 1,")
                    .doesNotContain("SIGTRAP").contains("exited normally");
            callback.awaitStopped();
            assertThat(console.get(60, TimeUnit.SECONDS)).contains("ok child exit status 7")
                    .contains("ok atfork order in the child").contains("ok 200 fork/wait cycles exact")
                    .contains("fork_suite failures=0");
            assertThat(callback.exitCode).isZero();
        }
    }

    /**
     * A library dlopen'd after gdb attached: gdb learns of it from a library event (as from linker64's r_brk), so
     * pending breakpoints there resolve before its constructor runs, info sharedlibrary lists it, and the backtrace
     * reaches the payload.
     */
    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void pendingBreakpointInALibraryDlopenedAfterAttachHits(CpuEngine engine) throws Exception {
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = start("gdb_dlopen", engine, callback)) {
            String out = gdbOn(vm, "libgdb_dlopen.so", "set breakpoint pending on", "break plugin_init",
                    "break plugin_work", "info sharedlibrary", "continue", "print plugin_loads", "continue",
                    "info sharedlibrary", "bt", "print n", "print plugin_loads", "detach");
            int loaded = out.indexOf("Breakpoint 1, plugin_init () at ./src/gdb_plugin.c:");
            assertThat(loaded).as(out).isPositive();
            assertThat(out.substring(0, loaded)).doesNotContain("libgdb_plugin.so");
            assertThat(out.substring(loaded)).contains("$1 = 0")
                    .contains("Breakpoint 2, plugin_work (n=5) at ./src/gdb_plugin.c:").contains("libgdb_plugin.so")
                    .containsPattern("#1 +0x[0-9a-f]+ in AVmPayload_main \\(\\) at ./src/gdb_dlopen.c:1[0-9]")
                    .contains("$2 = 5").contains("$3 = 1");
            callback.awaitStopped();
            assertThat(callback.exitCode).isZero();
        }
    }

    @Test
    void watchpointStopsAtTheWritingLineWithOldAndNewValue() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = start("gdb_suite", CpuEngine.UNICORN2, callback)) {
            String out = gdb(vm, "watch gdb_counter", "continue", "bt 1", "continue", "delete", "rwatch dep_calls",
                    "continue", "delete", "detach");
            assertThat(out).contains("Hardware watchpoint 1: gdb_counter").contains("Old value = 0")
                    .contains("New value = 1").contains("Old value = 1").contains("New value = 5")
                    .containsPattern("#0 +run_work \\(rounds=4\\) at ./src/gdb_suite.c:3[0-4]")
                    .contains("Hardware read watchpoint 2: dep_calls").contains("Value = 2")
                    .containsPattern("dep_scale \\(value=2\\) at ./src/gdb_dep.c:6");
            callback.awaitStopped();
            assertThat(callback.exitCode).isZero();
        }
    }

    @Test
    void infoThreadsNamesEveryGuestThreadAndAllOfThemStop() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = start("gdb_suite", CpuEngine.UNICORN2, callback)) {
            String out = gdb(vm, "break threads_ready", "continue", "info threads", "thread 2", "p $pc != 0",
                    "thread 1", "p gdb_counter", "detach");
            assertThat(out).containsPattern("\\* 1 +Thread 1042 \"microdroid_laun\" threads_ready \\(\\)")
                    .containsPattern("2 +Thread 1043 \"worker-1\"").containsPattern("3 +Thread 1044 \"worker-2\"")
                    .contains("[Switching to thread 2 (Thread 1043)]").contains("$1 = 1").contains("$2 = 22");
            callback.awaitStopped();
            assertThat(callback.exitCode).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void aSegfaultStopsAtTheFaultingLineBeforeTheTombstoneAndContinuingDeliversIt(CpuEngine engine) throws Exception {
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = start("gdb_suite", engine, callback)) {
            String out = gdb(vm, "set var crash_requested = 1", "continue", "bt 2", "p nowhere", "continue");
            assertThat(out).contains("Program received signal SIGSEGV, Segmentation fault.")
                    .containsPattern("crash_if_requested \\(\\) at ./src/gdb_suite.c:41")
                    .containsPattern("#1 +0x[0-9a-f]+ in AVmPayload_main \\(\\)").contains("$1 = (volatile int *) 0x0")
                    .contains("Program terminated with signal SIGSEGV, Segmentation fault.");
            callback.awaitStopped();
            assertThat(callback.stopReason).isEqualTo(VirtualMachineCallback.STOP_REASON_CRASH);
            assertThat(vm.getCrashReport().signal()).isEqualTo(11);
            // a static function named from the unstripped library's .symtab, as debuggerd names it
            assertThat(vm.getCrashReport().tombstone())
                    .containsPattern("#00 pc [0-9a-f]+ +\\S*libgdb_suite\\.so \\(crash_if_requested\\+\\d+\\)")
                    .contains("AVmPayload_main");
        }
    }

    // ---- the wire, with a hand-written client ----

    private static String hex(String text) {
        StringBuilder s = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) s.append(String.format("%02x", b & 0xff));
        return s.toString();
    }

    /** A minimal remote-protocol client: sends packets, reads replies (acks skipped). */
    private static final class Client implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(60_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void raw(String bytes) throws IOException {
            out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void send(String payload) throws IOException {
            int sum = 0;
            for (byte b : payload.getBytes(StandardCharsets.ISO_8859_1)) sum += b & 0xff;
            raw("$" + payload + String.format("#%02x", sum & 0xff));
        }

        /** The next reply packet's payload, or null at the end of the stream; acks are returned as "+"/"-". */
        String next() throws IOException {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '+' || b == '-') return String.valueOf((char) b);
                if (b != '$') continue;
                StringBuilder s = new StringBuilder();
                while ((b = in.read()) >= 0 && b != '#') s.append((char) b);
                in.read();
                in.read();
                return s.toString();
            }
            return null;
        }

        String reply() throws IOException {
            String r;
            while ((r = next()) != null && (r.equals("+") || r.equals("-"))) { }
            return r;
        }

        String exchange(String payload) throws IOException {
            send(payload);
            return reply();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void malformedPacketsGetErrorsASecondClientIsRefusedAndAVanishingClientLeavesThePayloadRunning() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = start("gdb_suite", CpuEngine.UNICORN2, callback)) {
            Client c = new Client(vm.getGdbPort());
            assertThat(c.exchange("?")).startsWith("T05").contains("library:;").contains("thread:412;");
            c.raw("$g#00");
            assertThat(c.next()).isEqualTo("-"); // bad checksum: NAK
            assertThat(c.exchange("mzz,4")).isEqualTo("E01");
            assertThat(c.exchange("m0,4")).isEqualTo("E14");
            assertThat(c.exchange("p999")).isEqualTo("E01");
            assertThat(c.exchange("Z0,1,4")).isEqualTo("E14");
            assertThat(c.exchange("Z9,0,0")).isEmpty();
            assertThat(c.exchange("vCont;x")).isEqualTo("E01");
            assertThat(c.exchange("Hgp1.1")).isEqualTo("E01");
            assertThat(c.exchange("X10,4:ab")).isEqualTo("E01");
            assertThat(c.exchange("qXfer:features:read:target.xml:zz")).isEqualTo("E01");
            assertThat(c.exchange("vMustReplyEmpty")).isEmpty();
            // host I/O: only the loaded libraries, read-only; gdb's errno values
            String payload = hex("/mnt/apk/lib/arm64-v8a/libgdb_suite.so");
            assertThat(c.exchange("vFile:open:" + hex("/etc/passwd") + ",0,0")).isEqualTo("F-1,2");
            assertThat(c.exchange("vFile:open:" + payload + ",1,0")).isEqualTo("F-1,d");
            assertThat(c.exchange("vFile:open:zz,0,0")).isEqualTo("E01");
            assertThat(c.exchange("vFile:pread:63,10,0")).isEqualTo("F-1,9");
            assertThat(c.exchange("vFile:open:" + payload + ",0,0")).isEqualTo("F3");
            assertThat(c.exchange("vFile:pread:3,4,0")).isEqualTo("F4;\u007fELF");
            assertThat(c.exchange("vFile:pread:3,4,ffffffff")).isEqualTo("F0;");
            assertThat(c.exchange("vFile:close:3")).isEqualTo("F0");
            assertThat(c.exchange("vFile:close:3")).isEqualTo("F-1,9");
            assertThat(c.exchange("bogus")).isEmpty();
            c.send("x".repeat(40_000));
            assertThat(c.reply()).isEqualTo("E.packet too long");
            assertThat(c.exchange("qSupported:swbreak+")).contains("PacketSize=4000").contains("qXfer:libraries-svr4:read+");
            assertThat(c.exchange("g")).hasSize(8 * 2 * 33 + 4 * 2 + 16 * 2 * 32 + 8 * 2);
            try (Client second = new Client(vm.getGdbPort())) {
                second.send("qSupported");
                assertThat(second.reply()).isEqualTo("E.another debugger is attached to this VM");
                assertThat(second.next()).isNull();
            }
            assertThat(c.exchange("Z0," + Long.toHexString(symbol(c)) + ",4")).isEqualTo("OK");
            c.send("c");
            assertThat(c.reply()).startsWith("T05").contains("swbreak:;");
            // The client vanishes with a breakpoint inserted and the process stopped: the payload runs on to its end.
            c.close();
            callback.awaitStopped();
            assertThat(callback.exitCode).isZero();
        }
    }

    /** The address of dep_scale, from the library list and the fixture's symbol table (readelf would say the same). */
    private static long symbol(Client c) throws IOException {
        String list = c.exchange("qXfer:libraries-svr4:read::0,fff");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("libgdb_dep.so\" lm=\"0x([0-9a-f]+)\"").matcher(list);
        assertThat(m.find()).as(list).isTrue();
        long base = Long.parseLong(m.group(1), 16);
        return base + depScaleOffset();
    }

    private static long depScaleOffset() throws IOException {
        byte[] elf = Files.readAllBytes(LIBS.resolve("libgdb_dep.so"));
        try {
            org.mdemu.loader.elf.Elf64Image image = org.mdemu.loader.elf.Elf64Image.parse("libgdb_dep.so", elf);
            return image.exported("dep_scale").value();
        } catch (org.mdemu.loader.elf.ElfException e) {
            throw new IOException(e);
        }
    }

    @Test
    void ctrlCStopsASpinningPayloadAndAnIdleOneAndKillEndsTheVm() throws Exception {
        RecordingCallback spinning = new RecordingCallback();
        try (VirtualMachine vm = start("spin", CpuEngine.UNICORN2, spinning); Client c = new Client(vm.getGdbPort())) {
            assertThat(c.exchange("?")).startsWith("T05");
            c.send("vCont;c");
            Thread.sleep(300);
            c.raw("\u0003");
            assertThat(c.reply()).startsWith("T02").contains("thread:412;");
            assertThat(c.exchange("qfThreadInfo")).isEqualTo("m412");
            c.send("k");
            spinning.awaitStopped();
            assertThat(spinning.stopReason).isEqualTo(VirtualMachineCallback.STOP_REASON_KILLED);
        }
        RecordingCallback idle = new RecordingCallback();
        try (VirtualMachine vm = start("vsock_suite", CpuEngine.UNICORN2, idle); Client c = new Client(vm.getGdbPort())) {
            assertThat(c.exchange("?")).startsWith("T05");
            c.send("c");
            idle.awaitReady(); // the payload now waits in accept: no thread holds the CPU
            Thread.sleep(200);
            c.raw("\u0003");
            assertThat(c.reply()).startsWith("T02");
            String threads = c.exchange("qXfer:threads:read::0,fff");
            assertThat(threads).contains("name=\"microdroid_laun\"");
            assertThat(c.exchange("g")).hasSize(8 * 2 * 33 + 4 * 2 + 16 * 2 * 32 + 8 * 2);
            c.send("D");
            assertThat(c.reply()).isEqualTo("OK");
            // Detached: the payload serves vsock again.
            try (var conn = vm.connectVsock(5678)) {
                conn.getOutputStream().write("shutdown\n".getBytes(StandardCharsets.UTF_8));
                conn.getOutputStream().flush();
            }
            idle.awaitStopped();
            String console = new String(vm.getConsoleOutput().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(console).doesNotContain("FAIL");
            assertThat(idle.exitCode).isZero();
        }
    }

    @Test
    void theDefaultIsNoServer() throws Exception {
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk("hello"))
                .setPayloadBinaryName("libhello.so").build();
        assertThat(config.getGdbPort()).isEqualTo(-1);
        assertThat(List.of(-2, 65536)).allSatisfy(port -> org.assertj.core.api.Assertions
                .assertThatThrownBy(() -> new VirtualMachineConfig.Builder().setGdbPort(port))
                .isInstanceOf(IllegalArgumentException.class));
    }
}
