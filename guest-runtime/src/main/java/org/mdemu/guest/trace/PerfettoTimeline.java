package org.mdemu.guest.trace;

import com.google.protobuf.CodedOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.mdemu.guest.trace.perfetto.CounterDescriptor;
import org.mdemu.guest.trace.perfetto.DebugAnnotation;
import org.mdemu.guest.trace.perfetto.ProcessDescriptor;
import org.mdemu.guest.trace.perfetto.ThreadDescriptor;
import org.mdemu.guest.trace.perfetto.TracePacket;
import org.mdemu.guest.trace.perfetto.TrackDescriptor;
import org.mdemu.guest.trace.perfetto.TrackEvent;

/**
 * A run's timeline as a Perfetto trace (protobuf TrackEvents, as ui.perfetto.dev and trace_processor read them).
 * Tracks: the payload process, with a track per guest thread (its calls and binder transactions as slices) and
 * under it the thread's scheduler state (Running, Runnable, Blocked slices); a lifecycle track (boot,
 * verification, linking, running; ready and the end as instants); a track per vsock connection; counters of guest
 * memory in use and live threads; and the host process, whose threads' binder calls into the guest are slices
 * joined to the guest's by flows. Timestamps are host nanoseconds since the timeline began.
 *
 * <p>The trace file is a {@code Trace} message written a packet at a time (field 1, length-delimited, for each
 * packet), so it stays valid up to the last whole packet if the VM dies. Every method may be called from any
 * thread; calls are serialized here, and never block on anything but the file.
 */
public final class PerfettoTimeline implements AutoCloseable {
    /** Track uuids: fixed ones, then per-thread, per-state, per-connection and per-host-thread ranges. */
    static final long PROCESS = 1, LIFECYCLE = 2, MEMORY = 3, THREADS = 4, HOST_PROCESS = 5;
    private static final long THREAD_BASE = 1L << 20, STATE_BASE = 2L << 20, CONNECTION_BASE = 3L << 20,
            HOST_THREAD_BASE = 1L << 32;
    /** Host threads' tids in the trace: their Java thread ids moved clear of guest tids. */
    static final int HOST_TID_BASE = 1_000_000;
    private static final int SEQUENCE = 1;

    private final OutputStream out;
    private final long origin = System.nanoTime();
    private final int pid;
    private final Map<Integer, String> threadNames = new HashMap<>();
    private final Map<Integer, String> threadStates = new HashMap<>();
    private final Set<Long> hostThreads = new HashSet<>();
    private long lastMemory = -1, lastThreads = -1;
    private boolean first = true, closed;
    /** The last packet's time: packets go out in time order even when a descriptor precedes its event. */
    private long lastTimestamp;
    private IOException failure;

    private PerfettoTimeline(OutputStream out, int pid, String processName) {
        this.out = out;
        this.pid = pid;
        descriptor(TrackDescriptor.newBuilder().setUuid(PROCESS)
                .setProcess(ProcessDescriptor.newBuilder().setPid(pid).setProcessName(processName)));
        descriptor(TrackDescriptor.newBuilder().setUuid(LIFECYCLE).setParentUuid(PROCESS).setName("lifecycle"));
        descriptor(TrackDescriptor.newBuilder().setUuid(MEMORY).setParentUuid(PROCESS).setName("guest memory in use")
                .setCounter(CounterDescriptor.newBuilder().setUnit(CounterDescriptor.Unit.UNIT_SIZE_BYTES)));
        descriptor(TrackDescriptor.newBuilder().setUuid(THREADS).setParentUuid(PROCESS).setName("threads")
                .setCounter(CounterDescriptor.newBuilder().setUnit(CounterDescriptor.Unit.UNIT_COUNT)));
        long hostPid = ProcessHandle.current().pid();
        descriptor(TrackDescriptor.newBuilder().setUuid(HOST_PROCESS).setProcess(ProcessDescriptor.newBuilder()
                .setPid((int) hostPid).setProcessName("host (mdemu JVM)")));
    }

    /** A timeline written to file (created or truncated) for the payload process pid. */
    public static PerfettoTimeline create(Path file, int pid, String processName) throws IOException {
        return new PerfettoTimeline(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), pid, processName);
    }

    // ---- guest threads -------------------------------------------------------------------------------------------

    /** A guest thread's scheduler state changed: "Running", "Runnable", "Blocked", or null when it exited. */
    public synchronized void threadState(int tid, String name, String state) {
        nameThread(tid, name);
        long now = now();
        String previous = threadStates.get(tid);
        if (previous != null && previous.equals(state)) return;
        if (previous != null) event(now, TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_SLICE_END)
                .setTrackUuid(STATE_BASE + tid));
        if (state == null) {
            threadStates.remove(tid);
            return;
        }
        threadStates.put(tid, state);
        event(now, TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_SLICE_BEGIN).setTrackUuid(STATE_BASE + tid)
                .setName(state));
    }

    /** The number of live guest threads changed. */
    public synchronized void threadCount(int count) {
        if (count == lastThreads) return;
        lastThreads = count;
        event(now(), TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_COUNTER).setTrackUuid(THREADS)
                .setCounterValue(count));
    }

    /** Guest memory in use (bytes mapped in the payload's address space), recorded when it changed. */
    public synchronized void memory(long bytes) {
        if (bytes == lastMemory) return;
        lastMemory = bytes;
        event(now(), TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_COUNTER).setTrackUuid(MEMORY)
                .setCounterValue(bytes));
    }

    private void nameThread(int tid, String name) {
        String known = threadNames.get(tid);
        if (name == null || name.equals(known)) return;
        threadNames.put(tid, name);
        descriptor(TrackDescriptor.newBuilder().setUuid(THREAD_BASE + tid).setParentUuid(PROCESS)
                .setThread(ThreadDescriptor.newBuilder().setPid(pid).setTid(tid).setThreadName(name)));
        if (known == null) {
            descriptor(TrackDescriptor.newBuilder().setUuid(STATE_BASE + tid).setParentUuid(THREAD_BASE + tid)
                    .setName("scheduler state"));
        }
    }

    /**
     * A system call or library row began on a guest thread (category: "syscall" or the row's library); threadName
     * names the thread's track if this is its first event.
     */
    public synchronized void callBegin(int tid, String threadName, String name, String category) {
        if (!threadNames.containsKey(tid)) nameThread(tid, threadName == null ? "thread " + tid : threadName);
        event(now(), TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_SLICE_BEGIN).setTrackUuid(THREAD_BASE + tid)
                .setName(name).addCategories(category));
    }

    /** The call that began last on the thread and has not ended, ended. */
    public synchronized void callEnd(int tid) {
        event(now(), TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_SLICE_END).setTrackUuid(THREAD_BASE + tid));
    }

    // ---- binder --------------------------------------------------------------------------------------------------

    /**
     * A binder transaction's slice begins on a guest thread (tid > 0) or, tid 0, on the calling host thread. The
     * request's flow starts at the sender's slice and ends at the receiver's; the reply's flow runs back.
     */
    public synchronized void binderBegin(int tid, String name, long flow, boolean sender, String descriptor, int code,
                                         int size) {
        long track = track(tid);
        TrackEvent.Builder e = TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_SLICE_BEGIN).setTrackUuid(track)
                .setName(name).addCategories("binder")
                .addDebugAnnotations(DebugAnnotation.newBuilder().setName("code").setIntValue(code))
                .addDebugAnnotations(DebugAnnotation.newBuilder().setName("size").setIntValue(size));
        if (descriptor != null) {
            e.addDebugAnnotations(DebugAnnotation.newBuilder().setName("interface").setStringValue(descriptor));
        }
        if (sender) e.addFlowIds(flow);
        else e.addTerminatingFlowIds(flow);
        event(now(), e);
    }

    /** The transaction's slice ends; replied: a reply went (receiver) or came back (sender) with this status. */
    public synchronized void binderEnd(int tid, long flow, boolean sender, boolean replied, String status) {
        TrackEvent.Builder e = TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_SLICE_END).setTrackUuid(track(tid));
        if (replied) {
            long reply = replyFlow(flow);
            if (sender) e.addTerminatingFlowIds(reply);
            else e.addFlowIds(reply);
            e.addDebugAnnotations(DebugAnnotation.newBuilder().setName("status").setStringValue(status));
        }
        event(now(), e);
    }

    /** The flow id of a transaction's reply, given its request's. */
    public static long replyFlow(long flow) {
        return flow ^ (1L << 63);
    }

    private long track(int guestTid) {
        if (guestTid > 0) {
            if (!threadNames.containsKey(guestTid)) nameThread(guestTid, "thread " + guestTid);
            return THREAD_BASE + guestTid;
        }
        Thread self = Thread.currentThread();
        long id = self.getId();
        if (hostThreads.add(id)) {
            descriptor(TrackDescriptor.newBuilder().setUuid(HOST_THREAD_BASE + id).setParentUuid(HOST_PROCESS)
                    .setThread(ThreadDescriptor.newBuilder().setPid((int) ProcessHandle.current().pid())
                            .setTid(HOST_TID_BASE + (int) id).setThreadName(self.getName())));
        }
        return HOST_THREAD_BASE + id;
    }

    // ---- vsock and lifecycle -------------------------------------------------------------------------------------

    /** A guest vsock connection began (its track appears) or ended. */
    public synchronized void connection(long id, String name, boolean begins) {
        long track = CONNECTION_BASE + id;
        if (begins) {
            descriptor(TrackDescriptor.newBuilder().setUuid(track).setParentUuid(PROCESS).setName(name));
            event(now(), TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_SLICE_BEGIN).setTrackUuid(track)
                    .setName(name).addCategories("vsock"));
        } else {
            event(now(), TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_SLICE_END).setTrackUuid(track));
        }
    }

    /** A lifecycle phase (boot, verification, linking, running) began. */
    public synchronized void phaseBegin(String name) {
        event(now(), TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_SLICE_BEGIN).setTrackUuid(LIFECYCLE)
                .setName(name).addCategories("lifecycle"));
    }

    /** The lifecycle phase that began last ended. */
    public synchronized void phaseEnd() {
        event(now(), TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_SLICE_END).setTrackUuid(LIFECYCLE));
    }

    /** A lifecycle moment: started, ready, finished, crashed, killed. */
    public synchronized void moment(String name) {
        event(now(), TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_INSTANT).setTrackUuid(LIFECYCLE)
                .setName(name).addCategories("lifecycle"));
    }

    // ---- writing -------------------------------------------------------------------------------------------------

    private long now() {
        return System.nanoTime() - origin;
    }

    private void descriptor(TrackDescriptor.Builder d) {
        write(TracePacket.newBuilder().setTimestamp(now()).setTrackDescriptor(d));
    }

    private void event(long timestamp, TrackEvent.Builder e) {
        write(TracePacket.newBuilder().setTimestamp(timestamp).setTrackEvent(e));
    }

    private void write(TracePacket.Builder p) {
        if (closed || failure != null) return;
        lastTimestamp = Math.max(lastTimestamp, p.getTimestamp());
        p.setTimestamp(lastTimestamp).setTrustedPacketSequenceId(SEQUENCE);
        if (first) {
            p.setSequenceFlags(TracePacket.SequenceFlags.SEQ_INCREMENTAL_STATE_CLEARED_VALUE);
            first = false;
        }
        TracePacket packet = p.build();
        try {
            // Trace.packet (field 1, length-delimited): the file is a Trace message, one packet at a time.
            byte[] bytes = packet.toByteArray();
            CodedOutputStream header = CodedOutputStream.newInstance(out, 16);
            header.writeTag(1, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
            header.writeUInt32NoTag(bytes.length);
            header.flush();
            out.write(bytes);
        } catch (IOException e) {
            failure = e;
        }
    }

    /** The first write error, if any (the timeline stops writing at it). */
    public synchronized IOException failure() {
        return failure;
    }

    /** Ends the slices still open (threads still alive, connections still open) and closes the file. */
    @Override
    public synchronized void close() {
        if (closed) return;
        for (Integer tid : Set.copyOf(threadStates.keySet())) threadState(tid, null, null);
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) failure = e;
        }
    }
}
