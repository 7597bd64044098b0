package org.mdemu.guest.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mdemu.guest.boot.BootListener.BootError;
import org.mdemu.guest.boot.BootListener.StopCause;
import org.mdemu.guest.dice.MicrodroidDice;
import org.mdemu.guest.dice.SealingSecret;
import org.mdemu.guest.identity.PayloadIdentity;
import org.mdemu.guest.payload.PayloadDice;
import org.mdemu.guest.vfs.EncryptedStore;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.runtime.PayloadRun;
import org.mdemu.guest.runtime.ProcessTermination;
import org.mdemu.guest.runtime.VmOutput;
import org.mdemu.loader.apk.Apk;
import org.mdemu.loader.apk.ApkException;
import org.mdemu.loader.apk.VmPayloadConfig;

/**
 * microdroid_manager's part of a boot: check the APK and find the payload, report to the host, run the payload
 * and report how it ended. Exactly one {@link BootListener#stopped} is reported per boot.
 */
public final class MicrodroidBoot {
    private static final int ANDROID_LOG_ERROR = 6;
    private static final int ANDROID_LOG_FATAL = 7;
    /** The storage image in the instance directory (the role of the encryptedstore disk image). */
    public static final String STORAGE_IMAGE = "storage.img";
    /** The instance directory's counterpart of a device's /data/tombstones. */
    public static final String TOMBSTONES = "tombstones";

    private final BootConfig config;
    private final BootListener listener;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean killRequested;
    private volatile String timeoutReason;
    private volatile PayloadRun payload;
    private volatile org.mdemu.guest.debug.GuestDebugger debugger;
    private volatile java.util.Set<org.mdemu.guest.trace.TraceCategory> traceCategories;
    private volatile java.util.function.Consumer<String> traceSink;
    private volatile org.mdemu.guest.trace.PerfettoTimeline timeline;
    private VmOutput output;
    private EncryptedStore store;
    /** The guest's clocks, shared by the kernel and the console and logcat timestamps. */
    private final GuestClock clock;

    public MicrodroidBoot(BootConfig config, BootListener listener) {
        this.config = config;
        this.listener = listener;
        this.clock = config.deterministic() ? GuestClock.virtual() : new GuestClock();
    }

    /** Boots on the given machine and returns when the VM has stopped. */
    public void run(Machine machine) {
        org.mdemu.guest.trace.PerfettoTimeline timeline = this.timeline;
        if (timeline != null) timeline.phaseBegin("boot");
        output = new VmOutput(config.console(), config.log(), PayloadRunPid.PID, clock);
        output.kernelLine("Booting Linux on physical CPU 0x0 (mdemu: emulated AArch64)");
        int parallel = machine.cpu() instanceof org.mdemu.guest.machine.MultiCoreCpu m ? m.cores() : 1;
        output.kernelLine("Machine model: mdemu microdroid, " + (config.memoryBytes() >> 20) + " MiB, "
                + config.cpus() + " CPU(s)" + (config.protectedVm() ? ", protected" : "")
                + (config.cpus() > 1 ? (parallel > 1 ? ", guest threads in parallel on " + parallel
                : ", guest threads one at a time") : ""));
        if (killRequested) {
            stop(timeoutReason != null ? StopCause.TIMEOUT : StopCause.KILLED);
            return;
        }
        try (Apk apk = openApk()) {
            if (apk == null) return;
            PayloadVerification.Verified verified;
            if (timeline != null) timeline.phaseBegin("verification");
            try {
                // A new instance's id: from the seed in deterministic mode, so a run from a fresh instance repeats.
                verified = PayloadVerification.verify(config.apk(), config.instanceDirectory(),
                        config.deterministic() ? new org.mdemu.guest.kernel.SeededRandom(config.deterministicSeed())
                                : null);
            } catch (PayloadVerification.Refused refused) {
                fail(refused.error, refused.getMessage(), refused.cause);
                return;
            } finally {
                if (timeline != null) timeline.phaseEnd();
            }
            PayloadIdentity identity = verified.identity();
            output.kernelLine("microdroid_manager: verified " + identity.packageName() + " version "
                    + identity.versionCode() + (identity.newInstance() ? " (new instance)" : ""));
            String payloadName = payloadName(apk);
            if (payloadName == null) return;
            MicrodroidDice.Artifacts dice = MicrodroidDice.derive(config.device().deviceSecret(),
                    new MicrodroidDice.Payload(identity, apkRootHash(), config.payloadConfigPath(), payloadName),
                    config.debugFull(), config.protectedVm());
            PayloadDice payloadDice = new PayloadDice(dice, config.payloadBinaryName() == null, config.protectedVm(),
                    config.device().attestation(), config.device().testAttestation());
            SealingSecret secret = new SealingSecret(dice.cdiSeal());
            if (!openEncryptedStore(secret)) return;
            output.kernelLine("microdroid_manager: starting payload " + payloadName);
            listener.payloadStarted();
            Runnable ready = listener::payloadReady;
            if (timeline != null) {
                timeline.phaseEnd();
                timeline.moment("started");
                timeline.phaseBegin("running " + payloadName);
                ready = () -> {
                    timeline.moment("ready");
                    listener.payloadReady();
                };
            }
            PayloadRun run = new PayloadRun(machine, apk, payloadName, config, output, clock, ready,
                    identity, secret, verified.record(), store, payloadDice);
            run.setTimeline(timeline);
            payload = run;
            run.setDebugger(debugger);
            if (traceSink != null) run.setTrace(traceCategories, traceSink);
            if (timeoutReason != null) run.timeout();
            else if (killRequested) run.kill();
            int status;
            try {
                status = run.start();
            } catch (PayloadRun.LoadFailure e) {
                String message = "dlopen failed: " + e.getMessage();
                output.log(ANDROID_LOG_ERROR, "microdroid_launcher", "Unable to load " + payloadName + ": " + message, 1);
                output.kernelLine("microdroid_launcher: unable to load " + payloadName);
                String detail = e.getMessage().startsWith(payloadName) ? e.getMessage() : payloadName + ": " + e.getMessage();
                fail(BootError.PAYLOAD_INVALID_CONFIG, detail,
                        StopCause.MICRODROID_INVALID_PAYLOAD_CONFIG);
                return;
            }
            output.kernelLine("microdroid_manager: payload exited with status " + status);
            ended("finished: exit status " + status);
            syncEncryptedStore();
            listener.payloadFinished(status);
            stop(StopCause.SHUTDOWN);
        } catch (ProcessTermination.Crashed crash) {
            java.nio.file.Path file = null;
            if (crash.report() == null) {
                output.kernelLine("microdroid_manager: payload " + crash.getMessage());
            } else {
                for (String line : crash.logged().split("\n")) output.log(ANDROID_LOG_FATAL, "DEBUG", line, 1);
                byte[] b = crash.logged().getBytes(StandardCharsets.UTF_8);
                output.console(b, 0, b.length);
                file = writeTombstone(crash.report());
                output.kernelLine("microdroid_manager: payload crashed: " + crash.getMessage());
            }
            ended("crashed: signal " + crash.signal());
            listener.crashed(crash.signal(), crash.report(), file);
            stop(StopCause.CRASH);
        } catch (ProcessTermination.Killed killed) {
            PayloadRun run = payload;
            if (run != null && run.timedOut()) {
                output.kernelLine("microdroid_manager: payload stopped: " + timeoutReason);
                ended("timed out");
                stop(StopCause.TIMEOUT);
            } else {
                output.kernelLine("microdroid_manager: payload killed by the host");
                ended("killed");
                stop(StopCause.KILLED);
            }
        } catch (ProcessTermination.Exited exited) {
            ended("finished: exit status " + exited.status());
            syncEncryptedStore();
            listener.payloadFinished(exited.status());
            stop(StopCause.SHUTDOWN);
        }
    }

    /**
     * tombstoned's part: the tombstone in the instance's tombstones directory (its /data/tombstones), named in the
     * log as debuggerd names it; null if it could not be written (the log and the host API still have it).
     */
    private java.nio.file.Path writeTombstone(String report) {
        if (config.instanceDirectory() == null) return null;
        try {
            java.nio.file.Path file = new org.mdemu.guest.debuggerd.TombstoneFiles(
                    config.instanceDirectory().resolve(TOMBSTONES)).write(report);
            output.log(ANDROID_LOG_ERROR, "tombstoned", "Tombstone written to: /data/tombstones/" + file.getFileName(), 1);
            output.kernelLine("microdroid_manager: tombstone written to " + file);
            return file;
        } catch (java.io.IOException e) {
            output.kernelLine("microdroid_manager: cannot write the tombstone: " + e.getMessage());
            return null;
        }
    }

    /**
     * encryptedstore's part: the storage image in the instance directory, opened with the key microdroid_manager
     * derives from the VM secret. False after reporting why it cannot be used.
     */
    private boolean openEncryptedStore(SealingSecret secret) {
        if (config.encryptedStorageBytes() <= 0) return true;
        try {
            store = EncryptedStore.open(config.instanceDirectory().resolve(STORAGE_IMAGE),
                    secret.encryptedStoreKey(32), config.encryptedStorageBytes());
            return true;
        } catch (IOException e) {
            fail(BootError.UNKNOWN, "encryptedstore: " + e.getMessage(), StopCause.MICRODROID_UNKNOWN_RUNTIME_ERROR);
            return false;
        }
    }

    /** After the payload, as microdroid_manager's post-payload work: syncfs on the store. */
    private void syncEncryptedStore() {
        if (store == null) return;
        try {
            store.persist();
        } catch (IOException e) {
            output.log(ANDROID_LOG_ERROR, "microdroid_manager", "failed to sync encrypted storage: " + e.getMessage(), 1);
        }
    }

    /** The APK's digest, standing for the root hash of its verity tree that the payload's code hash covers. */
    private byte[] apkRootHash() {
        try (InputStream in = Files.newInputStream(config.apk())) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) sha.update(buffer, 0, n);
            return sha.digest();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config.apk(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private Apk openApk() {
        try {
            Apk apk = Apk.open(config.apk());
            for (String unsafe : apk.unsafeEntries()) {
                output.kernelLine("microdroid_manager: ignoring unsafe APK entry name '" + unsafe + "'");
            }
            return apk;
        } catch (ApkException e) {
            fail(BootError.PAYLOAD_VERIFICATION_FAILED, e.getMessage(), StopCause.MICRODROID_PAYLOAD_VERIFICATION_FAILED);
            return null;
        }
    }

    /** The payload library's file name, or null after reporting why the config is invalid. */
    private String payloadName(Apk apk) {
        String name = config.payloadBinaryName();
        if (name == null) {
            String where = config.apk() + "!/" + config.payloadConfigPath();
            try {
                if (!apk.contains(config.payloadConfigPath())) {
                    throw new ApkException(where + ": no such entry in the APK");
                }
                String json = new String(apk.read(config.payloadConfigPath()), StandardCharsets.UTF_8);
                name = VmPayloadConfig.parse(where, json).command();
            } catch (ApkException e) {
                fail(BootError.PAYLOAD_INVALID_CONFIG, e.getMessage(), StopCause.MICRODROID_INVALID_PAYLOAD_CONFIG);
                return null;
            }
        }
        List<String> libs = apk.arm64Libraries();
        if (libs.isEmpty()) {
            List<String> abis = apk.abis();
            fail(BootError.PAYLOAD_INVALID_CONFIG, config.apk() + ": no lib/arm64-v8a in the APK (ABIs present: "
                    + (abis.isEmpty() ? "none" : String.join(", ", abis)) + ")", StopCause.MICRODROID_INVALID_PAYLOAD_CONFIG);
            return null;
        }
        if (!libs.contains(name)) {
            fail(BootError.PAYLOAD_INVALID_CONFIG, config.apk() + ": payload " + name + " not found in lib/arm64-v8a"
                    + " (present: " + String.join(", ", libs) + ")", StopCause.MICRODROID_INVALID_PAYLOAD_CONFIG);
            return null;
        }
        return name;
    }

    private void fail(BootError error, String message, StopCause cause) {
        if (output != null) {
            output.log(ANDROID_LOG_ERROR, "microdroid_manager", message, 1);
            output.kernelLine("microdroid_manager: " + message);
        }
        listener.error(error, message);
        stop(cause);
    }

    private void stop(StopCause cause) {
        if (stopped.compareAndSet(false, true)) listener.stopped(cause);
    }

    /** A debugger for the payload's process (set before {@link #run}): it stops before the first instruction. */
    public void setDebugger(org.mdemu.guest.debug.GuestDebugger debugger) {
        this.debugger = debugger;
    }

    /** Traces the payload's calls of the given categories, one strace-style line each to sink (set before run). */
    public void setTrace(java.util.Set<org.mdemu.guest.trace.TraceCategory> categories, java.util.function.Consumer<String> sink) {
        this.traceCategories = categories;
        this.traceSink = sink;
    }

    /** Draws the run on a Perfetto timeline (set before run); the caller closes it after the run. */
    public void setTimeline(org.mdemu.guest.trace.PerfettoTimeline timeline) {
        this.timeline = timeline;
    }

    /** The payload's end on the timeline: the running phase closes with a moment naming how it ended. */
    private void ended(String how) {
        org.mdemu.guest.trace.PerfettoTimeline t = timeline;
        if (t == null) return;
        t.phaseEnd();
        t.moment(how);
    }

    /** Stops the payload from any thread; the VM reports STOP_REASON_KILLED. */
    public void kill() {
        killRequested = true;
        PayloadRun run = payload;
        if (run != null) run.kill();
    }

    /**
     * Stops the payload because its time is up (the VM's timeout): every thread's state and backtrace go to the
     * console and the log, then the VM stops with {@link StopCause#TIMEOUT}.
     */
    public void timeout(String reason) {
        timeoutReason = reason;
        killRequested = true;
        PayloadRun run = payload;
        if (run != null) run.timeout();
    }

    /** The VM thread failed outside the guest's control (an emulator bug or a native error). */
    public void failed(Throwable error) {
        String message = "internal error: " + error;
        if (output != null) {
            // An emulator bug: its Java stack goes to the log, for the report.
            java.io.StringWriter trace = new java.io.StringWriter();
            error.printStackTrace(new java.io.PrintWriter(trace));
            for (String line : trace.toString().split("\n")) output.log(ANDROID_LOG_FATAL, "mdemu", line, 1);
        }
        if (!stopped.get()) {
            listener.error(BootError.UNKNOWN, message);
            stop(StopCause.MICRODROID_UNKNOWN_RUNTIME_ERROR);
        }
    }

    /** The pid the payload process has, shown in logcat lines. */
    private static final class PayloadRunPid {
        static final int PID = PayloadRun.PID;
    }

}
