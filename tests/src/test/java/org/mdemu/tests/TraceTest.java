package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/** run-app --trace through the API: one strace-style line per call of the chosen categories, arguments decoded. */
class TraceTest {
    @TempDir
    Path dir;

    private List<String> trace(String fixture, String categories, CpuEngine engine) throws Exception {
        Path file = dir.resolve(fixture + "-" + categories.replace(',', '-') + ".trace");
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk(fixture))
                .setPayloadBinaryName("lib" + fixture + ".so").setCpuEngine(engine).setTrace(categories, file).build();
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = new VirtualMachineManager(dir.resolve("i")).create(fixture + categories.length(), config)) {
            vm.setCallback(Runnable::run, callback);
            vm.run();
            callback.awaitStopped();
        }
        assertThat(callback.exitCode).isZero();
        return Files.readAllLines(file);
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void libraryCallsOfEveryThreadAreTracedWithDecodedArgumentsAndResults(CpuEngine engine) throws Exception {
        List<String> lines = trace("gdb_suite", "libc", engine);
        assertThat(lines).allMatch(l -> l.matches("1042/10\\d\\d \\d+\\.\\d{6} [A-Za-z_0-9]+\\(.*\\) = .*"), "strace form");
        assertThat(lines).anyMatch(l -> l.matches("1042/1043 .* pthread_setname_np\\(0x[0-9a-f]+, \"worker-1\"\\) = 0"))
                .anyMatch(l -> l.matches("1042/1044 .* pthread_setname_np\\(0x[0-9a-f]+, \"worker-2\"\\) = 0"))
                .anyMatch(l -> l.matches("1042/1042 .* pthread_join\\(0x[0-9a-f]+, NULL\\) = 0"))
                .anyMatch(l -> l.matches("1042/1042 .* printf\\(\"gdb_suite total %d counter %d\\\\n\"\\) = 31"));
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void systemCallsAloneShowRawSyscallsWithErrnoNames(CpuEngine engine) throws Exception {
        List<String> lines = trace("threads", "syscalls", engine);
        assertThat(lines).isNotEmpty().allMatch(l -> !l.contains("pthread_"), "no library rows")
                .anyMatch(l -> l.matches("1042/\\d+ .* futex\\(0x[0-9a-f]+, .*\\) = .*"))
                .anyMatch(l -> l.matches("1042/1042 .* clone\\(0x3d0f00, .*\\) = \\d+"))
                .anyMatch(l -> l.matches("1042/1042 .* futex\\(0x[0-9a-f]+, 0, 4, NULL, NULL, 0\\) = -1 EAGAIN"));
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void binderTransactionsShowOneLineEachWayWithInterfaceCodeSizeAndStatus(CpuEngine engine) throws Exception {
        Path file = dir.resolve("binder.trace");
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk("binder_service"))
                .setPayloadBinaryName("libbinder_service.so").setCpuEngine(engine).setTrace("binder,vsock", file).build();
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = new VirtualMachineManager(dir.resolve("i")).create("binder", config)) {
            vm.setCallback(Runnable::run, callback);
            vm.run();
            callback.awaitReady();
            android.os.IBinder calc = vm.connectToVsockServer(BinderServicePayload.PORT);
            assertThat(BinderServicePayload.add(calc, 20, 22)).isEqualTo(42);
            android.os.Binder callbackBinder = new android.os.Binder(BinderServicePayload.CALLBACK) {
                @Override
                protected boolean onTransact(int code, android.os.Parcel data,
                                             android.os.Parcel reply, int flags) throws android.os.RemoteException {
                    // libbinder_ndk asks for the descriptor (AIBinder_associateClass): Binder.onTransact answers it.
                    if (code == INTERFACE_TRANSACTION) return super.onTransact(code, data, reply, flags);
                    data.enforceInterface(BinderServicePayload.CALLBACK);
                    reply.writeNoException();
                    reply.writeInt(data.readInt() + 1);
                    return true;
                }
            };
            android.os.Parcel data = BinderServicePayload.request();
            data.writeStrongBinder(callbackBinder);
            data.writeInt(10);
            assertThat(BinderServicePayload.call(calc, BinderServicePayload.CALL_BACK, data).readInt()).isEqualTo(21);
        }
        callback.awaitStopped();
        List<String> lines = Files.readAllLines(file);
        String t = "1042/\\d+ \\d+\\.\\d{6} ";
        assertThat(lines).allMatch(l -> l.matches(t + "(binder|vsock|AIBinder_|AParcel_|ABinder|AServiceManager_|AStatus_).*"),
                        "binder and vsock lines, and libbinder_ndk rows")
                .anyMatch(l -> l.matches(t + "vsock accept \\d+:5680 <- 2:\\d+ \\(connection \\d+\\)"))
                .anyMatch(l -> l.matches(t + "binder <- transaction rpc-session GET_MAX_THREADS size=0"))
                .anyMatch(l -> l.matches(t + "binder -> reply rpc-session GET_ROOT status=OK size=\\d+"))
                .anyMatch(l -> l.matches(t + "binder <- transaction org.mdemu.test.ICalc code=1 size=\\d+"))
                .anyMatch(l -> l.matches(t + "binder -> reply org.mdemu.test.ICalc code=1 status=OK size=8"))
                .anyMatch(l -> l.matches(t + "binder -> transaction org.mdemu.test.ICallback code=\\d+ size=\\d+"))
                .anyMatch(l -> l.matches(t + "binder <- reply org.mdemu.test.ICallback code=\\d+ status=OK size=8"))
                .anyMatch(l -> l.matches(t + "vsock (reset|close) \\d+:5680 <-> 2:\\d+ \\(connection \\d+\\)"));
        // The guest's socket system calls are not binder's: without the syscalls category only vsock events show.
        assertThat(lines).noneMatch(l -> l.contains(" accept4("));
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void vsockConnectionsShowConnectAcceptAndCloseWithAddresses(CpuEngine engine) throws Exception {
        Path file = dir.resolve("vsock.trace");
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk("vsock_suite"))
                .setPayloadBinaryName("libvsock_suite.so").setCpuEngine(engine).setTrace("vsock", file).build();
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = new VirtualMachineManager(dir.resolve("i")).create("vsock", config)) {
            vm.setCallback(Runnable::run, callback);
            vm.run();
            callback.awaitReady();
            try (org.mdemu.vsock.VsockConnection c = vm.connectVsock(VsockPayload.ECHO_PORT)) {
                java.io.BufferedReader in = VsockPayload.reader(c);
                assertThat(VsockPayload.exchange(c, in, "abc")).isEqualTo("cba");
                assertThat(VsockPayload.exchange(c, in, "shutdown")).isNull();
            }
            callback.awaitStopped();
        }
        List<String> lines = Files.readAllLines(file);
        String t = "1042/\\d+ \\d+\\.\\d{6} ";
        assertThat(lines).anyMatch(l -> l.matches(t + "vsock accept \\d+:5678 <- 2:\\d+ \\(connection \\d+\\)"))
                .anyMatch(l -> l.matches(t + "vsock connect \\d+:\\d+ -> \\d+:\\d+ \\(connection \\d+\\)"))
                .anyMatch(l -> l.matches(t + "vsock close \\d+:5678 <-> 2:\\d+ \\(connection \\d+\\)"))
                .anyMatch(l -> l.matches(t + "socket\\(AF_VSOCK, SOCK_STREAM.*\\) = \\d+"))
                .anyMatch(l -> l.matches(t + "connect\\(\\d+, 0x[0-9a-f]+, 16\\) = -1 ECONNRESET"));
    }

    @org.junit.jupiter.api.Test
    void unknownCategoriesAreRefusedByName() {
        assertThatThrownBy(() -> new VirtualMachineConfig.Builder().setTrace("syscalls,files", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'files'");
    }
}
