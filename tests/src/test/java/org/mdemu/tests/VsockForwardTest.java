package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.cli.Mdemu;

/**
 * {@code run-app --forward} and {@code --forward-host}: the vsock_suite payload's echo server reached over TCP on
 * 127.0.0.1 by external tools (socat, OpenBSD netcat) and by a plain Java client, and the payload's own call to
 * the host carried on to a TCP server.
 */
class VsockForwardTest {
    /** Blocking helpers get threads of their own: in the common pool they could starve each other. */
    private static final java.util.concurrent.Executor OWN_THREAD = task -> new Thread(task).start();

    @TempDir
    Path dir;

    /** run-app in this JVM on its own thread, its console in a file; ends when the payload gets "shutdown". */
    private final class RunApp implements AutoCloseable {
        final int tcpPort = freePort();
        final Path console = dir.resolve("console.txt");
        final CompletableFuture<CommandLineTest.Result> status;

        RunApp(String... extra) throws Exception {
            List<String> args = new ArrayList<>(List.of("run-app", Fixtures.apk("vsock_suite").toString(),
                    "--console", console.toString(), "--forward", VsockPayload.ECHO_PORT + ":" + tcpPort));
            args.addAll(List.of(extra));
            status = CompletableFuture.supplyAsync(() -> CommandLineTest.mdemu(args.toArray(String[]::new)), OWN_THREAD);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!consoleText().contains("listening on")) {
                if (System.nanoTime() > deadline || status.isDone()) {
                    throw new AssertionError("the payload did not start listening; console:\n" + consoleText());
                }
                Thread.sleep(20);
            }
        }

        String consoleText() throws IOException {
            return Files.exists(console) ? Files.readString(console) : "";
        }

        /** Sends "shutdown" through the forward: the payload exits 0 and run-app with it. */
        @Override
        public void close() throws Exception {
            if (!status.isDone()) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tcpPort)) {
                    s.getOutputStream().write("shutdown\n".getBytes(StandardCharsets.UTF_8));
                    s.getInputStream().read();
                }
            }
            CommandLineTest.Result result = status.get(60, TimeUnit.SECONDS);
            assertThat(result.status()).as(result.err()).isZero();
            assertThat(result.err()).contains("mdemu: forwarding 127.0.0.1:" + tcpPort + " to the payload's vsock port "
                    + VsockPayload.ECHO_PORT);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs an external tool with the given stdin; its stdout. */
    private static String tool(String stdin, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command) + " did not end").isTrue();
        return out;
    }

    /** The tool on PATH; a clear failure when it is missing (the CI installs Debian's socat and netcat-openbsd). */
    private static String require(String tool, String debianPackage) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new AssertionError(tool + " is needed for this test and is not on PATH: install it"
                + " (Debian: apt-get install " + debianPackage + ")");
    }

    @Test
    void socatAndNetcatTalkToTheGuestEchoServerThroughForward() throws Exception {
        String socat = require("socat", "socat");
        String nc = require("nc", "netcat-openbsd");
        try (RunApp run = new RunApp()) {
            assertThat(tool("hello from socat\nsecond line\n", socat, "-t", "5", "-",
                    "TCP:127.0.0.1:" + run.tcpPort))
                    .isEqualTo("tacos morf olleh\nenil dnoces\n");
            assertThat(tool("netcat was here\n", nc, "-N", "127.0.0.1", Integer.toString(run.tcpPort)))
                    .isEqualTo("ereh saw tacten\n");
        }
    }

    @Test
    void aJavaTcpClientTalksToTheGuestEchoServerThroughForwardAndTheGuestReachesAHostTcpServer() throws Exception {
        try (ServerSocket hostService = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> heard = CompletableFuture.supplyAsync(() -> {
                try (Socket s = hostService.accept()) {
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
                    s.getOutputStream().write("tcp says hi\n".getBytes(StandardCharsets.UTF_8));
                    return line;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, OWN_THREAD);
            try (RunApp run = new RunApp("--forward-host", VsockPayload.HOST_PORT + ":" + hostService.getLocalPort())) {
                assertThat(heard.get(60, TimeUnit.SECONDS)).isEqualTo("hello from the guest");
                assertThat(run.consoleText()).contains("host said: tcp says hi").contains("host closed: EOF");
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), run.tcpPort)) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream out = s.getOutputStream();
                    for (int i = 0; i < 100; i++) {
                        out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                        assertThat(in.readLine()).isEqualTo(new StringBuilder("line " + i).reverse().toString());
                    }
                    // Half-close: the guest reads end of stream, closes, and the client reads end of stream.
                    s.shutdownOutput();
                    assertThat(in.readLine()).isNull();
                }
            }
        }
    }

    @Test
    void badForwardValuesAreAnInvalidCommandLineNamingTheOption() {
        CommandLineTest.Result port = CommandLineTest.mdemu("run-app", Fixtures.apk("vsock_suite").toString(),
                "--forward", "5678:99999");
        assertThat(port.status()).isEqualTo(Mdemu.EXIT_USAGE);
        assertThat(port.err()).contains("--forward").contains("'99999' is not a port number (0-65535)");
        CommandLineTest.Result host = CommandLineTest.mdemu("run-app", Fixtures.apk("vsock_suite").toString(),
                "--forward-host", "5679");
        assertThat(host.status()).isEqualTo(Mdemu.EXIT_USAGE);
        assertThat(host.err()).contains("--forward-host").contains("'5679' is not VSOCK_PORT:TCP_PORT");
    }
}
