package org.mdemu.bench;

import static org.mdemu.bench.GuestRuns.median;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineCallback;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;
import android.os.Binder;
import android.os.IBinder;
import android.os.Parcel;
import android.os.RemoteException;
import org.mdemu.vsock.binder.RpcClient;
import org.mdemu.vsock.binder.RpcServer;
import org.mdemu.vsock.binder.RpcTransport;

/**
 * Binder round trips from one invocation: ICalc.add called from the host on the binder_service payload (RPC binder
 * over vsock; the service is guest code using libbinder_ndk), next to the same call on a Java service over loopback
 * TCP in this JVM, with the same Parcel and RPC engine on both sides. One calling thread; per round 20 000 timed
 * calls after a warm-up; alternated rounds, medians. Prints a Markdown table.
 * Run: {@code mvn -B -q -pl tests exec:java -Dexec.mainClass=org.mdemu.bench.BinderBenchmarks -Dexec.args=$PWD}
 */
public final class BinderBenchmarks {
    private static final int ROUNDS = 5, CALLS = 20_000, WARMUP = 5_000, PORT = 5680, ADD = 1;
    private static final String DESCRIPTOR = "org.mdemu.test.ICalc";

    private BinderBenchmarks() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        VirtualMachineManager manager = new VirtualMachineManager(Files.createTempDirectory("mdemu-bench"));
        VirtualMachine vm = manager.create("binder", new VirtualMachineConfig.Builder()
                .setApkPath(root.resolve("tests/fixtures/apks/binder_service.apk"))
                .setPayloadBinaryName("libbinder_service.so")
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
        if (!ready.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("binder_service did not get ready");
        IBinder guest = vm.connectToVsockServer(PORT);
        IBinder tcp = tcpService();

        List<Double> guestMedian = new ArrayList<>(), guestRate = new ArrayList<>();
        List<Double> tcpMedian = new ArrayList<>(), tcpRate = new ArrayList<>();
        measure(guest, WARMUP);
        measure(tcp, WARMUP);
        for (int i = 0; i < ROUNDS; i++) {
            double[] g = measure(guest, CALLS);
            guestMedian.add(g[0]);
            guestRate.add(g[1]);
            double[] t = measure(tcp, CALLS);
            tcpMedian.add(t[0]);
            tcpRate.add(t[1]);
        }
        vm.stop();
        System.out.printf("| ICalc.add round trip (one thread, %d calls per round, medians of %d alternated rounds)"
                + " | median µs | calls/s | vs loopback TCP (calls/s) | goal |%n", CALLS, ROUNDS);
        System.out.println("|---|---|---|---|---|");
        double reference = median(tcpRate);
        System.out.printf("| host -> payload (guest NDK service) over vsock -> host | %.1f | %.0f | %.2fx | <= 30 µs, >= 30 k/s |%n",
                median(guestMedian), median(guestRate), median(guestRate) / reference);
        System.out.printf("| host -> Java service over loopback TCP -> host (reference) | %.1f | %.0f | 1.00x | |%n",
                median(tcpMedian), reference);
        System.exit(0);
    }

    /** Times calls; returns {median µs, calls per second}. */
    private static double[] measure(IBinder calc, int calls) throws RemoteException {
        long[] times = new long[calls];
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            Parcel data = Parcel.obtain(), reply = Parcel.obtain();
            data.writeInterfaceToken(DESCRIPTOR);
            data.writeInt(i);
            data.writeInt(1);
            calc.transact(ADD, data, reply, 0);
            reply.readException();
            if (reply.readInt() != i + 1) throw new IllegalStateException("wrong sum");
            times[i] = System.nanoTime() - t0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(times);
        return new double[] {times[calls / 2] / 1e3, calls / seconds};
    }

    /** The same add service in Java, served over loopback TCP by the same RPC engine. */
    private static IBinder tcpService() throws IOException, RemoteException {
        Binder service = new Binder(DESCRIPTOR) {
            @Override
            protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) {
                if (code != ADD) return false;
                data.enforceInterface(DESCRIPTOR);
                int a = data.readInt(), b = data.readInt();
                reply.writeNoException();
                reply.writeInt(a + b);
                return true;
            }
        };
        RpcServer server = new RpcServer(service, 1, System.err::println);
        ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            try {
                while (true) {
                    Socket s = listener.accept();
                    Thread t = new Thread(() -> {
                        try {
                            server.serveConnection(RpcTransport.of(s));
                        } catch (IOException e) {
                            System.err.println(e);
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException e) {
                // closed
            }
        });
        accept.setDaemon(true);
        accept.start();
        return RpcClient.connect(() -> RpcTransport.of(new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())),
                1, 0, System.err::println).getRootObject();
    }
}
