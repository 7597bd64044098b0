package org.mdemu.guest.bionic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.signals.SignalActions;
import org.mdemu.guest.kernel.signals.Signals;

/**
 * The rest of signal.h: waiting for signals (pause, sigsuspend, sigwait, sigwaitinfo, sigtimedwait and their 64
 * forms), sending them (sigqueue, pthread_sigqueue, killpg), the System V and BSD signal calls (sighold, sigrelse,
 * sigignore, sigpause, sigset, siginterrupt, sigblock, sigsetmask), the real-time signal range, pthread cleanup
 * handlers and the fork handler registry (__register_atfork) that fork runs.
 */
public final class SignalWaits extends GuestSection {
    private static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    private static final long SA_RESTART = 0x10000000L, SIG_HOLD = 2;
    private static final int SI_USER = 0, SI_QUEUE = -1, SI_TKILL = -6;
    private final SignalTimers timers;
    private final ForkHandlers forkHandlers;
    private final Map<Integer, Long> cleanupHeads = new HashMap<>();
    private Rows rows;

    public SignalWaits(GuestProcess process, SignalTimers timers, ForkHandlers forkHandlers) {
        super(process);
        this.timers = timers;
        this.forkHandlers = forkHandlers;
    }

    private Signals signals() {
        return process.threads().signals();
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        Support waits = Support.full("ends when a signal's handler has run (EINTR) or a timer fires");
        t.function("pause", waits, f -> f.ret(suspend(process.currentThread().signalMask)));
        for (String suffix : new String[] {"", "64"}) {
            String version = suffix.isEmpty() ? "LIBC" : "LIBC_P";
            t.function("sigsuspend" + suffix, version, waits, f -> f.ret(suspend(mem().readLong(f.ptr(0)))));
            Support sigwait = Support.full("waits for a signal of the set (blocked by the caller, as POSIX asks);"
                    + " a signal whose default action is to ignore it is seen only if already pending");
            t.function("sigwaitinfo" + suffix, version, sigwait, f -> f.ret(sigwait(f.ptr(0), f.ptr(1), Long.MAX_VALUE)));
            t.function("sigtimedwait" + suffix, version, sigwait, f -> {
                long ts = f.ptr(2);
                long deadline = Long.MAX_VALUE;
                if (ts != 0) {
                    long sec = mem().readLong(ts), nsec = mem().readLong(ts + 8);
                    if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
                        f.ret(fail(Errno.EINVAL));
                        return;
                    }
                    deadline = process.threads().clock().deadlineAfter(sec, nsec);
                }
                f.ret(sigwait(f.ptr(0), f.ptr(1), deadline));
            });
            t.function("sigwait" + suffix, version, sigwait, f -> {
                long r = sigwait(f.ptr(0), 0, Long.MAX_VALUE);
                if (r < 0) {
                    f.ret(errno());
                    return;
                }
                mem().writeInt(f.ptr(1), (int) r);
                f.ret(0);
            });
        }
        Support queue = Support.partial("delivered as kill/tgkill: the value does not travel with the signal");
        t.function("sigqueue", queue, f -> f.ret(rows.call(f, "kill", f.i32(0), f.i32(1))));
        t.function("pthread_sigqueue", "LIBC_Q", queue, f -> {
            long tid = rows.call(f, "pthread_gettid_np", f.ptr(0));
            long r = rows.call(f, "tgkill", process.pid(), tid, f.i32(1));
            f.ret(r == 0 ? 0 : errno());
        });
        t.function("killpg", f -> {
            int pgrp = f.i32(0);
            if (pgrp < 0 || pgrp == 1) f.ret(fail(Errno.EINVAL));
            else if (pgrp != 0 && pgrp != process.pid()) f.ret(fail(Errno.ESRCH));
            else f.ret(rows.call(f, "kill", process.pid(), f.i32(1)));
        });
        t.function("siginterrupt", f -> f.ret(siginterrupt(f.i32(0), f.i32(1) != 0)));
        t.function("sighold", "LIBC_O", Support.FULL, f -> f.ret(mask(f, SIG_BLOCK, f.i32(0))));
        t.function("sigrelse", "LIBC_O", Support.FULL, f -> f.ret(mask(f, SIG_UNBLOCK, f.i32(0))));
        t.function("sigignore", "LIBC_O", Support.FULL, f -> f.ret(disposition(f.i32(0), SignalActions.SIG_IGN)));
        t.function("sigpause", "LIBC_O", waits, f -> {
            int sig = f.i32(0);
            if (!SignalActions.valid(sig)) {
                f.ret(fail(Errno.EINVAL));
                return;
            }
            f.ret(suspend(process.currentThread().signalMask & ~SignalActions.bit(sig)));
        });
        t.function("sigset", "LIBC_O", Support.FULL, this::sigset);
        t.function("sigblock", f -> f.ret(bsdMask(f, SIG_BLOCK, f.u32(0))));
        t.function("sigsetmask", f -> f.ret(bsdMask(f, SIG_SETMASK, f.u32(0))));
        t.function("__libc_current_sigrtmin", f -> f.ret(Messages.SIGRTMIN));
        t.function("__libc_current_sigrtmax", f -> f.ret(Messages.SIGRTMAX));
        Support cleanup = Support.partial("push and pop run the handlers; pthread_exit does not run the ones still"
                + " pushed");
        t.function("__pthread_cleanup_push", cleanup, f -> {
            long c = f.ptr(0);
            int tid = process.currentThread().tid();
            mem().writeLong(c, cleanupHeads.getOrDefault(tid, 0L));
            mem().writeLong(c + 8, f.ptr(1));
            mem().writeLong(c + 16, f.ptr(2));
            cleanupHeads.put(tid, c);
        });
        t.functionCallingGuest("__pthread_cleanup_pop", cleanup, f -> {
            long c = f.ptr(0);
            cleanupHeads.put(process.currentThread().tid(), mem().readLong(c));
            if (f.i32(1) != 0) process.calls().call(mem().readLong(c + 8), mem().readLong(c + 16));
        });
        t.function("__register_atfork", Support.full("the handlers are kept for fork, in order, with the library"
                + " that registered them"), f -> {
                    forkHandlers.register(f.ptr(0), f.ptr(1), f.ptr(2), f.ptr(3));
                    f.ret(0);
                });
    }

    /**
     * pause/sigsuspend: waits under mask until a signal that acts is delivered; its handler runs before the call
     * returns -1 with EINTR (the thread's own mask comes back when the handler returns).
     */
    private long suspend(long mask) {
        process.threads().scheduler().requireOutsideTrap();
        long temp = heap().malloc(8);
        mem().writeLong(temp, mask);
        try {
            signals().withWaitMask(temp, () -> {
                GuestThread self = process.currentThread();
                while (true) {
                    timers.poll();
                    if ((self.pendingSignals & ~self.signalMask) != 0) return -Errno.EINTR;
                    process.threads().scheduler().sleepUntil(self, timers.nextExpiryForWaits());
                }
            });
            return fail(Errno.EINTR);
        } finally {
            heap().free(temp);
        }
    }

    /**
     * sigwaitinfo/sigtimedwait: takes the lowest pending signal of the set (filling siginfo), waiting for one until
     * the deadline (EAGAIN); a signal outside the set that has a handler ends the wait with EINTR.
     */
    private long sigwait(long setAddress, long info, long deadline) {
        process.threads().scheduler().requireOutsideTrap();
        long set = mem().readLong(setAddress) & ~SignalActions.UNBLOCKABLE;
        GuestThread self = process.currentThread();
        while (true) {
            timers.poll();
            long ready = self.pendingSignals & set;
            if (ready != 0) {
                int sig = Long.numberOfTrailingZeros(ready) + 1;
                self.clearPending(SignalActions.bit(sig));
                if (info != 0) {
                    mem().write(info, new byte[128]);
                    mem().writeInt(info, sig);
                    mem().writeInt(info + 8, SI_TKILL);
                    mem().writeInt(info + 16, process.pid());
                }
                return sig;
            }
            if ((self.pendingSignals & ~self.signalMask) != 0) return fail(Errno.EINTR);
            long now = process.threads().clock().now();
            if (deadline != Long.MAX_VALUE && now >= deadline) return fail(Errno.EAGAIN);
            // The set is unblocked while waiting so that sending one wakes the thread; it is taken above before any
            // handler could run, and the mask is back before the call returns.
            long own = self.signalMask;
            self.signalMask = own & ~set;
            try {
                process.threads().scheduler().sleepUntil(self, Math.min(deadline, timers.nextExpiryForWaits()));
            } finally {
                self.signalMask = own;
            }
        }
    }

    private long siginterrupt(int sig, boolean interrupt) {
        if (!SignalActions.valid(sig)) return fail(Errno.EINVAL);
        SignalActions.Action a = signals().actions().get(sig);
        long flags = interrupt ? a.flags() & ~SA_RESTART : a.flags() | SA_RESTART;
        signals().actions().set(sig, new SignalActions.Action(a.handler(), flags, a.restorer(), a.mask()));
        return 0;
    }

    private long mask(CallFrame f, int how, int sig) {
        if (!SignalActions.valid(sig)) return fail(Errno.EINVAL);
        long set = heap().calloc(1, 8);
        try {
            mem().writeLong(set, SignalActions.bit(sig));
            return rows.call(f, "sigprocmask", how, set, 0);
        } finally {
            heap().free(set);
        }
    }

    private long disposition(int sig, long handler) {
        if (!SignalActions.valid(sig) || sig == SignalActions.SIGKILL || sig == SignalActions.SIGSTOP) {
            return fail(Errno.EINVAL);
        }
        signals().actions().set(sig, new SignalActions.Action(handler, 0, 0, 0));
        return 0;
    }

    /** sigset(sig, disposition): SIG_HOLD blocks; anything else installs it and unblocks; returns the previous. */
    private void sigset(CallFrame f) {
        int sig = f.i32(0);
        long handler = f.ptr(1);
        if (!SignalActions.valid(sig) || sig == SignalActions.SIGKILL || sig == SignalActions.SIGSTOP) {
            f.ret(fail(Errno.EINVAL));
            return;
        }
        boolean wasBlocked = (process.currentThread().signalMask & SignalActions.bit(sig)) != 0;
        long previous = signals().actions().get(sig).handler();
        if (handler == SIG_HOLD) {
            mask(f, SIG_BLOCK, sig);
            f.ret(wasBlocked ? SIG_HOLD : previous);
            return;
        }
        signals().actions().set(sig, new SignalActions.Action(handler, 0, 0, 0));
        mask(f, SIG_UNBLOCK, sig);
        f.ret(wasBlocked ? SIG_HOLD : previous);
    }

    /** sigblock/sigsetmask: BSD's int masks of the first 32 signals; return the previous one. */
    private long bsdMask(CallFrame f, int how, long bits) {
        long set = heap().calloc(2, 8);
        try {
            mem().writeLong(set, bits);
            rows.call(f, "sigprocmask", how, set, set + 8);
            return mem().readLong(set + 8) & 0xffffffffL;
        } finally {
            heap().free(set);
        }
    }

    /** The handlers __register_atfork (and the crtbegin pthread_atfork over it) keep for fork. */
    public static final class ForkHandlers {
        /** One registration: prepare, parent, child (each may be 0) and the registering library's __dso_handle. */
        public record Handlers(long prepare, long parent, long child, long dso) {}

        private final List<Handlers> registered = new ArrayList<>();

        synchronized void register(long prepare, long parent, long child, long dso) {
            registered.add(new Handlers(prepare, parent, child, dso));
        }

        /** In registration order; fork runs prepare handlers in reverse, parent and child ones in order. */
        public synchronized List<Handlers> handlers() {
            return List.copyOf(registered);
        }

        /** __cxa_finalize of a library drops its handlers (bionic's __unregister_atfork). */
        public synchronized void unregister(long dso) {
            registered.removeIf(h -> h.dso() == dso);
        }
    }
}
