package org.mdemu.tests;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mdemu.fixtures.OutputCollector;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;
import android.os.IBinder;
import android.os.Parcel;
import android.os.RemoteException;

/**
 * The binder_service payload (the ICalc service of tests/payloads/src/binder_calc.h) serving on its vsock port
 * until closed, and the host side of ICalc as AIDL-generated Java would write it.
 */
final class BinderServicePayload implements AutoCloseable {
    static final int PORT = 5680;
    static final String DESCRIPTOR = "org.mdemu.test.ICalc";
    static final String CALLBACK = "org.mdemu.test.ICallback";
    static final int ADD = 1, ECHO = 2, SECRET = 3, CALL_BACK = 4, FAIL = 5, MIX = 6, RECORD = 7, RECORDED = 8, WATCH = 9,
            DEATHS = 10, CHILD = 11, LATER = 12, LATER_OUTCOME = 13, DESTROYED = 14,
            BUNDLE_ECHO = 15;

    final VirtualMachine vm;
    final RecordingCallback callback = new RecordingCallback();
    private final CompletableFuture<String> console;
    private final CompletableFuture<String> log;

    BinderServicePayload(Path instances, String name) throws Exception {
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk("binder_service"))
                .setPayloadBinaryName("libbinder_service.so").setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true).build();
        vm = new VirtualMachineManager(instances).create(name, config);
        vm.setCallback(Runnable::run, callback);
        vm.run();
        console = OutputCollector.collect(vm.getConsoleOutput());
        log = OutputCollector.collect(vm.getLogOutput());
        callback.awaitReady();
    }

    String consoleAfterStop() throws Exception {
        return console.get(60, TimeUnit.SECONDS);
    }

    String logAfterStop() throws Exception {
        return log.get(60, TimeUnit.SECONDS);
    }

    static Parcel request() {
        Parcel p = Parcel.obtain();
        p.writeInterfaceToken(DESCRIPTOR);
        return p;
    }

    /** Runs a call and returns the reply after its status header (rethrowing the service's exception). */
    static Parcel call(IBinder calc, int code, Parcel data) throws RemoteException {
        Parcel reply = Parcel.obtain();
        if (!calc.transact(code, data, reply, 0)) throw new IllegalStateException("unknown transaction " + code);
        reply.readException();
        return reply;
    }

    static int add(IBinder calc, int a, int b) throws RemoteException {
        Parcel data = request();
        data.writeInt(a);
        data.writeInt(b);
        return call(calc, ADD, data).readInt();
    }

    static String echo(IBinder calc, String s) throws RemoteException {
        Parcel data = request();
        data.writeString(s);
        return call(calc, ECHO, data).readString();
    }

    @Override
    public void close() {
        vm.close();
    }
}
