package org.mdemu.guest.trace;

import java.util.function.IntSupplier;
import org.mdemu.vsock.binder.RpcObserver;

/**
 * Binder transactions as timeline slices, on one side of a session: the guest's (slices on the guest thread
 * serving or sending each) or the host's (tid 0: slices on the calling host thread). Both sides name a
 * transaction's flow alike, so the caller's slice and the callee's are joined (and the reply's flow runs back).
 */
public final class TimelineBinder implements RpcObserver {
    private final PerfettoTimeline timeline;
    private final IntSupplier tid;

    /** tid: the guest thread the calling host thread runs, or 0 on the host's side. */
    public TimelineBinder(PerfettoTimeline timeline, IntSupplier tid) {
        this.timeline = timeline;
        this.tid = tid;
    }

    @Override
    public void transactionSent(long flow, long address, int code, int flags, int size, String descriptor) {
        timeline.binderBegin(tid.getAsInt(), "binder transaction " + BinderTraceLines.what(address, code, descriptor)
                + ((flags & 1) != 0 ? " oneway" : ""), flow, true, descriptor, code, size);
    }

    @Override
    public void transactionReturned(long flow, long address, int code, int status, int replySize, String descriptor) {
        timeline.binderEnd(tid.getAsInt(), flow, true, replySize >= 0, BinderTraceLines.statusName(status));
    }

    @Override
    public void transactionReceived(long flow, long address, int code, int flags, int size, String descriptor) {
        timeline.binderBegin(tid.getAsInt(), "binder reply " + BinderTraceLines.what(address, code, descriptor)
                + ((flags & 1) != 0 ? " oneway" : ""), flow, false, descriptor, code, size);
    }

    @Override
    public void transactionHandled(long flow, long address, int code, int status, int replySize, String descriptor) {
        timeline.binderEnd(tid.getAsInt(), flow, false, replySize >= 0, BinderTraceLines.statusName(status));
    }
}
