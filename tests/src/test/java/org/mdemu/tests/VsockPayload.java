package org.mdemu.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mdemu.fixtures.OutputCollector;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;
import org.mdemu.vsock.VsockConnection;

/**
 * The vsock_suite payload running until closed: its in-guest checks done, its servers listening (ports below).
 * Closing stops the VM.
 */
final class VsockPayload implements AutoCloseable {
    static final int ECHO_PORT = 5678, HOST_PORT = 5679, SINK_PORT = 5680, RAW_PORT = 5681;

    final VirtualMachine vm;
    final RecordingCallback callback = new RecordingCallback();
    private final CompletableFuture<String> console;

    private VsockPayload(Path instances, String name) throws Exception {
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk("vsock_suite"))
                .setPayloadBinaryName("libvsock_suite.so").setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true).build();
        vm = new VirtualMachineManager(instances).create(name, config);
        vm.setCallback(Runnable::run, callback);
        vm.run();
        console = OutputCollector.collect(vm.getConsoleOutput());
        OutputCollector.collect(vm.getLogOutput());
        callback.awaitReady();
    }

    static VsockPayload start(Path instances) throws Exception {
        return new VsockPayload(instances, "vsock");
    }

    static VsockPayload start(Path instances, String name) throws Exception {
        return new VsockPayload(instances, name);
    }

    /** The console once the VM stopped. */
    String consoleAfterStop() throws Exception {
        return console.get(60, TimeUnit.SECONDS);
    }

    /** One line sent to the echo server over an open connection, and its answer. */
    static String exchange(VsockConnection c, BufferedReader in, String line) throws IOException {
        OutputStream out = c.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return in.readLine();
    }

    static BufferedReader reader(VsockConnection c) {
        return new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        vm.close();
    }
}
