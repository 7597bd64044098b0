package org.mdemu.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineCallback;

/** Records every callback as a string, in order, and lets a test wait for onStopped. */
final class RecordingCallback implements VirtualMachineCallback {
    final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);
    volatile int stopReason = Integer.MIN_VALUE;
    volatile Integer exitCode;
    volatile Integer errorCode;
    volatile String errorMessage;

    @Override public void onPayloadStarted(VirtualMachine vm) { events.add("started"); started.countDown(); }
    @Override public void onPayloadReady(VirtualMachine vm) { events.add("ready"); ready.countDown(); }

    @Override
    public void onPayloadFinished(VirtualMachine vm, int code) {
        exitCode = code;
        events.add("finished:" + code);
    }

    @Override
    public void onError(VirtualMachine vm, int code, String message) {
        errorCode = code;
        errorMessage = message;
        events.add("error:" + code);
    }

    @Override
    public void onStopped(VirtualMachine vm, int reason) {
        stopReason = reason;
        events.add("stopped:" + reason);
        stopped.countDown();
    }

    void awaitStarted() throws InterruptedException {
        if (!started.await(60, TimeUnit.SECONDS)) throw new AssertionError("payload did not start; events " + events);
    }

    void awaitReady() throws InterruptedException {
        if (!ready.await(120, TimeUnit.SECONDS)) throw new AssertionError("payload did not get ready; events " + events);
    }

    void awaitStopped() throws InterruptedException {
        awaitStopped(java.time.Duration.ofSeconds(120));
    }

    /** For payloads whose work takes minutes on a loaded machine; the limit only guards against a hang. */
    void awaitStopped(java.time.Duration limit) throws InterruptedException {
        if (!stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("VM did not stop within " + limit + "; events " + events);
        }
    }
}
