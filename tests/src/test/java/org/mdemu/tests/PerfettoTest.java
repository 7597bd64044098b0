package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.guest.trace.perfetto.Trace;
import org.mdemu.guest.trace.perfetto.TracePacket;
import org.mdemu.guest.trace.perfetto.TrackDescriptor;
import org.mdemu.guest.trace.perfetto.TrackEvent;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;
import android.os.Binder;
import android.os.IBinder;
import android.os.Parcel;

/**
 * run-app --perfetto through the API: the written file parsed back as Perfetto's Trace message, its tracks, slices
 * (begin and end paired per track), counters and flows checked for threaded, binder and vsock fixture runs.
 */
class PerfettoTest {
    @TempDir
    Path dir;

    /** A slice as the trace processor would rebuild it: its track, name, and the flows at its two ends. */
    record Slice(long track, String name, List<Long> flowsOut, List<Long> flowsIn, List<Long> endFlowsOut,
                 List<Long> endFlowsIn) {}

    /** A parsed timeline: descriptors by uuid, slices rebuilt from begin/end pairs, counter values, instants. */
    static final class Timeline {
        final Map<Long, TrackDescriptor> tracks = new HashMap<>();
        final List<Slice> slices = new ArrayList<>();
        final Map<Long, List<Long>> counters = new HashMap<>();
        final List<String> instants = new ArrayList<>();
        final Map<Long, Integer> unbalanced = new HashMap<>();

        static Timeline parse(Path file) throws Exception {
            Trace trace;
            try (InputStream in = Files.newInputStream(file)) {
                trace = Trace.parseFrom(in);
            }
            Timeline t = new Timeline();
            Map<Long, Deque<TrackEvent>> open = new HashMap<>();
            long last = -1;
            for (TracePacket p : trace.getPacketList()) {
                assertThat(p.getTrustedPacketSequenceId()).isEqualTo(1);
                assertThat(p.getTimestamp()).as("timestamps in order").isGreaterThanOrEqualTo(last);
                last = p.getTimestamp();
                if (p.hasTrackDescriptor()) t.tracks.put(p.getTrackDescriptor().getUuid(), p.getTrackDescriptor());
                if (!p.hasTrackEvent()) continue;
                TrackEvent e = p.getTrackEvent();
                assertThat(t.tracks).as("events come after their track's descriptor").containsKey(e.getTrackUuid());
                switch (e.getType()) {
                    case TYPE_SLICE_BEGIN -> open.computeIfAbsent(e.getTrackUuid(), k -> new ArrayDeque<>()).push(e);
                    case TYPE_SLICE_END -> {
                        Deque<TrackEvent> stack = open.get(e.getTrackUuid());
                        if (stack == null || stack.isEmpty()) {
                            t.unbalanced.merge(e.getTrackUuid(), 1, Integer::sum);
                            continue;
                        }
                        TrackEvent b = stack.pop();
                        t.slices.add(new Slice(e.getTrackUuid(), b.getName(), b.getFlowIdsList(),
                                b.getTerminatingFlowIdsList(), e.getFlowIdsList(), e.getTerminatingFlowIdsList()));
                    }
                    case TYPE_COUNTER -> t.counters.computeIfAbsent(e.getTrackUuid(), k -> new ArrayList<>())
                            .add(e.getCounterValue());
                    case TYPE_INSTANT -> t.instants.add(e.getName());
                    default -> throw new AssertionError("event without a type: " + e);
                }
            }
            open.forEach((track, stack) -> {
                if (!stack.isEmpty()) t.unbalanced.merge(track, stack.size(), Integer::sum);
            });
            return t;
        }

        TrackDescriptor trackNamed(String name) {
            return tracks.values().stream().filter(d -> d.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no track " + name + " in " + tracks.values()));
        }

        /** The guest thread's track uuid, by tid. */
        long threadTrack(int tid) {
            return tracks.values().stream().filter(d -> d.hasThread() && d.getThread().getTid() == tid
                    && d.getThread().getPid() == 1042).findFirst().orElseThrow().getUuid();
        }

        List<Slice> on(long track) {
            return slices.stream().filter(s -> s.track() == track).toList();
        }

        List<Slice> named(Predicate<String> name) {
            return slices.stream().filter(s -> name.test(s.name())).toList();
        }

        /** The slices under the thread's "scheduler state" track. */
        List<String> states(int tid) {
            long thread = threadTrack(tid);
            long state = tracks.values().stream().filter(d -> d.getParentUuid() == thread
                    && d.getName().equals("scheduler state")).findFirst().orElseThrow().getUuid();
            return on(state).stream().map(Slice::name).toList();
        }
    }

    private Timeline run(String fixture, CpuEngine engine) throws Exception {
        Path file = dir.resolve(fixture + ".perfetto-trace");
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk(fixture))
                .setPayloadBinaryName("lib" + fixture + ".so").setCpuEngine(engine).setPerfetto(file).build();
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = new VirtualMachineManager(dir.resolve("i")).create(fixture, config)) {
            vm.setCallback(Runnable::run, callback);
            vm.run();
            callback.awaitStopped();
        }
        assertThat(callback.exitCode).isZero();
        return Timeline.parse(file);
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void aThreadedRunHasATrackPerThreadWithStatesCallSlicesCountersAndTheLifecycle(CpuEngine engine) throws Exception {
        Timeline t = run("gdb_suite", engine);
        assertThat(t.unbalanced).as("every slice that begins ends, on its own track").isEmpty();
        assertThat(t.tracks.values()).anyMatch(d -> d.hasProcess() && d.getProcess().getPid() == 1042)
                .anyMatch(d -> d.hasThread() && d.getThread().getTid() == 1043
                        && d.getThread().getThreadName().equals("worker-1"))
                .anyMatch(d -> d.hasThread() && d.getThread().getTid() == 1044
                        && d.getThread().getThreadName().equals("worker-2"));
        for (int tid : new int[] {1042, 1043, 1044}) {
            assertThat(t.states(tid)).as("thread " + tid).contains("Running").allMatch(
                    s -> s.equals("Running") || s.equals("Runnable") || s.equals("Blocked"));
        }
        // Someone waits: the main thread for the workers to start, or the workers for their release.
        assertThat(java.util.stream.Stream.of(1042, 1043, 1044).flatMap(tid -> t.states(tid).stream())).contains("Blocked");
        assertThat(t.on(t.threadTrack(1042)).stream().map(Slice::name)).contains("sem_init", "pthread_create",
                "sem_wait", "sem_post", "pthread_join", "printf");
        assertThat(t.on(t.threadTrack(1043)).stream().map(Slice::name)).contains("pthread_setname_np", "sem_wait");
        assertThat(t.counters.get(t.trackNamed("threads").getUuid())).contains(1L, 3L);
        assertThat(t.counters.get(t.trackNamed("guest memory in use").getUuid())).allMatch(v -> v > 0).hasSizeGreaterThan(1);
        List<String> lifecycle = t.on(t.trackNamed("lifecycle").getUuid()).stream().map(Slice::name).toList();
        assertThat(lifecycle).containsExactly("verification", "boot", "linking libgdb_suite.so", "running libgdb_suite.so");
        assertThat(t.instants).containsSubsequence("started", "finished: exit status 0");
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void binderTransactionsAreSlicesOnBothSidesJoinedByFlowsThereAndBack(CpuEngine engine) throws Exception {
        Path file = dir.resolve("binder.perfetto-trace");
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk("binder_service"))
                .setPayloadBinaryName("libbinder_service.so").setCpuEngine(engine).setPerfetto(file).build();
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = new VirtualMachineManager(dir.resolve("i")).create("binder", config)) {
            vm.setCallback(Runnable::run, callback);
            vm.run();
            callback.awaitReady();
            IBinder calc = vm.connectToVsockServer(BinderServicePayload.PORT);
            assertThat(BinderServicePayload.add(calc, 1, 2)).isEqualTo(3);
            Binder host = new Binder(BinderServicePayload.CALLBACK) {
                @Override
                protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) throws android.os.RemoteException {
                    // libbinder_ndk asks for the descriptor (AIBinder_associateClass): Binder.onTransact answers it.
                    if (code == INTERFACE_TRANSACTION) return super.onTransact(code, data, reply, flags);
                    data.enforceInterface(BinderServicePayload.CALLBACK);
                    reply.writeNoException();
                    reply.writeInt(data.readInt() + 1);
                    return true;
                }
            };
            Parcel data = BinderServicePayload.request();
            data.writeStrongBinder(host);
            data.writeInt(5);
            assertThat(BinderServicePayload.call(calc, BinderServicePayload.CALL_BACK, data).readInt()).isEqualTo(11);
        }
        callback.awaitStopped();
        Timeline t = Timeline.parse(file);
        long hostProcess = t.tracks.values().stream().filter(d -> d.hasProcess() && d.getProcess().getPid() != 1042)
                .findFirst().orElseThrow().getUuid();
        Predicate<Slice> onHost = s -> t.tracks.get(s.track()).getParentUuid() == hostProcess;
        Predicate<Slice> onGuest = s -> t.tracks.get(s.track()).hasThread()
                && t.tracks.get(s.track()).getThread().getPid() == 1042;
        // ICalc.add: the host thread's transaction flows to the guest binder thread's reply slice, and back.
        joined(t, "org.mdemu.test.ICalc code=1", onHost, onGuest);
        // The guest's call back to the host's binder during CALL_BACK: the other way round.
        joined(t, "org.mdemu.test.ICallback code=1", onGuest, onHost);
        // The session's own transactions (GET_MAX_THREADS, ...) are joined too.
        joined(t, "rpc-session GET_MAX_THREADS", onHost, onGuest);
        assertThat(t.tracks.values()).anyMatch(d -> d.getName().matches("vsock \\d+:5680 <- 2:\\d+"));
        assertThat(t.named(n -> n.matches("vsock \\d+:5680 <- 2:\\d+"))).isNotEmpty();
        assertThat(t.instants).containsSubsequence("started", "ready");
        assertThat(t.states(1043)).contains("Running", "Blocked");
    }

    /** One transaction named what: the caller's slice starts a flow the callee's slice ends, and the reply returns. */
    private static void joined(Timeline t, String what, Predicate<Slice> callerSide, Predicate<Slice> calleeSide) {
        Slice caller = t.named(n -> n.equals("binder transaction " + what)).stream().filter(callerSide).findFirst()
                .orElseThrow(() -> new AssertionError("no caller slice for " + what));
        assertThat(caller.flowsOut()).hasSize(1);
        long flow = caller.flowsOut().get(0);
        Slice callee = t.named(n -> n.equals("binder reply " + what)).stream()
                .filter(s -> s.flowsIn().contains(flow)).findFirst()
                .orElseThrow(() -> new AssertionError("no callee slice ends flow " + flow + " of " + what));
        assertThat(calleeSide).accepts(callee);
        long reply = org.mdemu.guest.trace.PerfettoTimeline.replyFlow(flow);
        assertThat(callee.endFlowsOut()).containsExactly(reply);
        assertThat(caller.endFlowsIn()).containsExactly(reply);
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void vsockConnectionsAreTracksFromConnectOrAcceptToClose(CpuEngine engine) throws Exception {
        Path file = dir.resolve("vsock.perfetto-trace");
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk("vsock_suite"))
                .setPayloadBinaryName("libvsock_suite.so").setCpuEngine(engine).setPerfetto(file).build();
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = new VirtualMachineManager(dir.resolve("i")).create("vsock", config)) {
            vm.setCallback(Runnable::run, callback);
            vm.run();
            callback.awaitReady();
            try (org.mdemu.vsock.VsockConnection c = vm.connectVsock(VsockPayload.ECHO_PORT)) {
                java.io.BufferedReader in = VsockPayload.reader(c);
                assertThat(VsockPayload.exchange(c, in, "shutdown")).isNull();
            }
            callback.awaitStopped();
        }
        Timeline t = Timeline.parse(file);
        assertThat(t.unbalanced).isEmpty();
        assertThat(t.named(n -> n.matches("vsock \\d+:5678 <- 2:\\d+"))).hasSize(1);
        assertThat(t.named(n -> n.matches("vsock \\d+:\\d+ -> \\d+:\\d+"))).isNotEmpty();
        assertThat(t.on(t.threadTrack(1042)).stream().map(Slice::name)).contains("socket", "accept4", "connect");
    }
}
