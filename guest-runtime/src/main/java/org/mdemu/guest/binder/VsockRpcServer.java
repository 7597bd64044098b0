package org.mdemu.guest.binder;

import java.util.function.ToLongFunction;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.sched.Scheduler;
import org.mdemu.guest.kernel.sched.Waiter;
import org.mdemu.guest.payload.VmPayloadLibrary;
import org.mdemu.vsock.VsockAddress;
import org.mdemu.vsock.VsockConnection;
import org.mdemu.vsock.VsockDevice;
import org.mdemu.vsock.VsockException;
import org.mdemu.vsock.VsockListener;
import android.os.IBinder;
import org.mdemu.vsock.binder.RpcServer;

/**
 * libvm_payload's AVmPayload_runVsockRpcServer: serves a root binder with libbinder's RPC protocol on a vsock port,
 * as libvm_payload does with an RpcServer (which announces one thread per session and gives every accepted
 * connection a thread of its own). The calling thread accepts connections forever; each is served by a binder
 * thread of the guest (a pthread running ABinderProcess_joinThreadPool), so onTransact runs as guest code on guest
 * threads. A misbehaving client loses its own session, with a log line.
 */
public final class VsockRpcServer implements LibrarySection {
    private static final int SIGABRT = 6;
    /** How long a guest thread waits before looking again for a free connection to call the host on. */
    private static final long CONNECTION_PAUSE_NANOS = 200_000;
    /** libbinder's RpcServer default: GET_MAX_THREADS answers 1, so a client opens one connection per session. */
    private static final int MAX_THREADS_PER_SESSION = 1;
    private static final int BACKLOG = 64;
    private static final int ANDROID_LOG_WARN = 5;

    private final GuestProcess process;
    private final BinderNdkLibrary ndk;
    private final BinderThreadPool pool;
    private final java.util.function.Supplier<VsockDevice> device;
    private final ToLongFunction<String> symbols;

    /**
     * @param device  the VM's vsock device (null when the VM has none)
     * @param symbols resolves a system library function to its guest address (for pthread_create)
     */
    public VsockRpcServer(GuestProcess process, BinderNdkLibrary ndk, BinderThreadPool pool,
                          java.util.function.Supplier<VsockDevice> device, ToLongFunction<String> symbols) {
        this.process = process;
        this.ndk = ndk;
        this.pool = pool;
        this.device = device;
        this.symbols = symbols;
    }

    @Override
    public void declare(LibraryTable t) {
        t.functionCallingGuest("AVmPayload_runVsockRpcServer", VmPayloadLibrary.VERSION,
                Support.full("RPC binder protocol version 1 (0 accepted); one connection per session announced, any"
                        + " number served, each on a binder thread; no file descriptors in parcels"), this::run);
    }

    private void run(CallFrame f) {
        IBinder root = ndk.binderAt(f.ptr(0));
        int port = f.i32(1);
        long onReady = f.ptr(2), param = f.ptr(3);
        if (root == null) {
            abort("the service is not a binder object (NULL or freed)");
            return;
        }
        VsockDevice vsock = device.get();
        if (vsock == null) {
            abort("this VM has no vsock device");
            return;
        }
        VsockListener listener;
        try {
            listener = vsock.listen(port, BACKLOG);
        } catch (VsockException e) {
            abort("failed to listen on vsock port " + Integer.toUnsignedString(port) + ": " + e.getMessage());
            return;
        }
        String where = "vsock port " + Integer.toUnsignedString(port);
        RpcServer server = new RpcServer(root, MAX_THREADS_PER_SESSION,
                line -> log(where + ": " + line), this::pauseForConnection);
        if (vsock.observer() != null) server.setObserver(vsock.observer().binderSessions());
        if (onReady != 0) process.calls().call(onReady, param);
        Scheduler scheduler = process.threads().scheduler();
        Waiter[] waiter = new Waiter[1];
        listener.setListener(() -> {
            Waiter w = waiter[0];
            if (w != null) scheduler.wake(w);
        });
        while (true) {
            GuestThread self = scheduler.current();
            waiter[0] = new Waiter(self, 0).on("binder vsock accept").external();
            VsockConnection c = listener.poll();
            if (c == null) {
                scheduler.block(waiter[0], Long.MAX_VALUE);
                continue;
            }
            if (c.peerAddress().cid() != VsockAddress.CID_HOST) {
                // libvm_payload's server filters on VMADDR_CID_HOST: only the VM's own app may connect.
                log(where + ": refusing a connection from " + c.peerAddress() + " (only the host may connect)");
                c.close();
                continue;
            }
            GuestVsockTransport transport = new GuestVsockTransport(c, scheduler);
            boolean spareThread = pool.idleThreads() > pool.pendingWork();
            pool.submit(() -> server.serveConnection(transport));
            if (!spareThread) startThread();
        }
    }

    /**
     * A guest thread calling the host outside a transaction while every connection the host offered is busy: it
     * sleeps briefly in guest terms, so that the thread waiting for its reply on that connection can run.
     */
    private void pauseForConnection() {
        Scheduler scheduler = process.threads().scheduler();
        scheduler.sleepUntil(scheduler.current(), process.threads().clock().deadlineAfter(0, CONNECTION_PAUSE_NANOS));
    }

    /** Starts a binder thread: pthread_create on ABinderProcess_joinThreadPool. */
    private void startThread() {
        long create = symbols.applyAsLong("pthread_create");
        long join = symbols.applyAsLong("ABinderProcess_joinThreadPool");
        long out = process.heap().malloc(8);
        try {
            int err = (int) process.calls().call(create, out, 0, join, 0);
            if (err != 0) log("cannot start a binder thread: error " + err);
        } finally {
            process.heap().free(out);
        }
    }

    /** A warning on the log, under the tag libbinder's RPC server logs with. */
    private void log(String line) {
        process.output().log(ANDROID_LOG_WARN, "RpcServer", line, process.pid());
    }

    private void abort(String why) {
        process.control().crash(SIGABRT, "AVmPayload_runVsockRpcServer: " + why);
    }
}
