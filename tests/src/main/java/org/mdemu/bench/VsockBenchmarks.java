package org.mdemu.bench;

import static org.mdemu.bench.GuestRuns.median;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineCallback;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;
import org.mdemu.vsock.VsockAddress;
import org.mdemu.vsock.VsockConnection;
import org.mdemu.vsock.VsockFabric;
import org.mdemu.vsock.VsockListener;

/**
 * Vsock stream throughput from one invocation: bytes sent by a host thread, echoed by the vsock_suite payload's
 * raw echo server (guest code: read 64 KiB, write it back) and read back by another host thread, next to the same
 * exchange over loopback TCP with a Java echo thread in this JVM, and over the vsock fabric with a Java echo thread
 * on the host side (the fabric's own ceiling, no guest). Alternated rounds, medians. Prints a Markdown table.
 * Run: {@code mvn -B -q -pl tests exec:java -Dexec.mainClass=org.mdemu.bench.VsockBenchmarks -Dexec.args=$PWD}
 */
public final class VsockBenchmarks {
    /** Blocking helpers get threads of their own: in the common pool they could starve each other. */
    private static final java.util.concurrent.Executor OWN_THREAD = task -> new Thread(task).start();

    private static final int ROUNDS = 5, CHUNK = 64 * 1024, RAW_PORT = 5681;
    private static final long BYTES = 256L << 20;

    private VsockBenchmarks() {}

    /** An open byte stream pair to an echo server. */
    private interface Stream extends AutoCloseable {
        InputStream in() throws IOException;

        OutputStream out() throws IOException;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        VirtualMachineManager manager = new VirtualMachineManager(Files.createTempDirectory("mdemu-bench"));
        VirtualMachine vm = manager.create("vsock", new VirtualMachineConfig.Builder()
                .setApkPath(root.resolve("tests/fixtures/apks/vsock_suite.apk")).setPayloadBinaryName("libvsock_suite.so")
                .setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_NONE).build());
        CountDownLatch ready = new CountDownLatch(1);
        vm.setCallback(Runnable::run, new VirtualMachineCallback() {
            @Override public void onPayloadStarted(VirtualMachine v) { }
            @Override public void onPayloadReady(VirtualMachine v) { ready.countDown(); }
            @Override public void onPayloadFinished(VirtualMachine v, int code) { }
            @Override public void onError(VirtualMachine v, int code, String message) { System.err.println(message); }
            @Override public void onStopped(VirtualMachine v, int reason) { }
        });
        vm.run();
        if (!ready.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("vsock_suite did not get ready");

        ServerSocket tcpEcho = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        serveTcpEcho(tcpEcho);
        VsockListener hostEcho = VsockFabric.shared().host().listen(VsockAddress.PORT_ANY, 8);
        serveVsockEcho(hostEcho);
        var client = VsockFabric.shared().attachGuest();

        List<Double> guest = new ArrayList<>(), tcp = new ArrayList<>(), fabric = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            guest.add(throughput(vsockStream(vm.connectVsock(RAW_PORT))));
            tcp.add(throughput(tcpStream(new Socket(InetAddress.getLoopbackAddress(), tcpEcho.getLocalPort()))));
            fabric.add(throughput(vsockStream(client.connect(new VsockAddress(VsockAddress.CID_HOST, hostEcho.port())))));
        }
        vm.stop();
        double reference = median(tcp);
        System.out.printf("| exchange (%d MiB each way, 64 KiB writes; medians of %d alternated runs) | MB/s | vs loopback TCP | goal |%n",
                BYTES >> 20, ROUNDS);
        System.out.println("|---|---|---|---|");
        System.out.printf("| vsock host -> payload echo -> host | %.0f | %.2fx | >= 500 MB/s |%n", median(guest), median(guest) / reference);
        System.out.printf("| vsock fabric alone (Java echo on the host side) | %.0f | %.2fx | (report) |%n", median(fabric), median(fabric) / reference);
        System.out.printf("| loopback TCP, Java echo thread (reference) | %.0f | 1.00x | |%n", reference);
        tcpEcho.close();
        hostEcho.close();
        client.close();
        System.exit(0);
    }

    private static Stream vsockStream(VsockConnection c) {
        return new Stream() {
            @Override public InputStream in() { return c.getInputStream(); }
            @Override public OutputStream out() { return c.getOutputStream(); }
            @Override public void close() { c.close(); }
        };
    }

    private static Stream tcpStream(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return new Stream() {
            @Override public InputStream in() throws IOException { return s.getInputStream(); }
            @Override public OutputStream out() throws IOException { return s.getOutputStream(); }
            @Override public void close() throws IOException { s.close(); }
        };
    }

    /** MB/s (10^6 bytes) of BYTES sent by one thread and read back by another. */
    private static double throughput(Stream s) throws Exception {
        try (s) {
            OutputStream out = s.out();
            InputStream in = s.in();
            byte[] chunk = new byte[CHUNK];
            long start = System.nanoTime();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (long sent = 0; sent < BYTES; sent += CHUNK) out.write(chunk);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, OWN_THREAD);
            byte[] back = new byte[CHUNK];
            long received = 0;
            while (received < BYTES) {
                int n = in.read(back);
                if (n < 0) throw new IllegalStateException("echo ended after " + received + " bytes");
                received += n;
            }
            writer.get();
            return BYTES / ((System.nanoTime() - start) / 1e9) / 1e6;
        }
    }

    private static void serveTcpEcho(ServerSocket server) {
        daemon(() -> {
            while (true) {
                Socket s = server.accept();
                daemon(() -> {
                    try (s) {
                        echo(s.getInputStream(), s.getOutputStream());
                    }
                });
            }
        });
    }

    private static void serveVsockEcho(VsockListener listener) {
        daemon(() -> {
            while (true) {
                VsockConnection c = listener.accept();
                daemon(() -> {
                    try (c) {
                        echo(c.getInputStream(), c.getOutputStream());
                    }
                });
            }
        });
    }

    private static void echo(InputStream in, OutputStream out) throws IOException {
        byte[] b = new byte[CHUNK];
        int n;
        while ((n = in.read(b)) > 0) out.write(b, 0, n);
    }

    private interface Task {
        void run() throws Exception;
    }

    private static void daemon(Task task) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (Exception ended) {
                // closed at the end of the benchmark
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
