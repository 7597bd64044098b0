package org.mdemu.guest.bionic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.signals.SignalActions;
import org.mdemu.guest.kernel.signals.Signals;

/**
 * Timers that raise signals: alarm, setitimer/getitimer and the POSIX timer_* calls. Expiries are kept on the guest
 * clock; the thread holding the CPU turns expired ones into pending signals before it runs guest code again (every
 * run is budgeted while one is armed, so a computing thread gets there too), and a host thread wakes a blocked
 * process at the expiry. SIGEV_THREAD's function runs at that point on the thread that raises it (bionic starts a
 * thread for it). ITIMER_VIRTUAL and ITIMER_PROF count wall time, as the VM's CPU time is its run time.
 */
public final class SignalTimers extends GuestSection {
    static final int SIGALRM = 14, SIGVTALRM = 26, SIGPROF = 27;
    private static final int SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD = 2, SIGEV_THREAD_ID = 4;
    private static final int TIMER_ABSTIME = 1, CLOCK_REALTIME = 0;
    private static final long NANOS = 1_000_000_000L;

    /** One timer: how it notifies, its clock, its next expiry (GuestClock.now scale, 0 when disarmed), interval. */
    private static final class Timer {
        final int notify, signal, clock;
        final long value, function;
        final int targetTid;
        long expiry, interval;
        int overrun, lastOverrun;

        Timer(int notify, int signal, int clock, long value, long function, int targetTid) {
            this.notify = notify;
            this.signal = signal;
            this.clock = clock;
            this.value = value;
            this.function = function;
            this.targetTid = targetTid;
        }
    }

    /** The three itimers by which (ITIMER_REAL, VIRTUAL, PROF), then POSIX timers by id. */
    private final Timer[] itimers = new Timer[3];
    private final Map<Integer, Timer> posix = new HashMap<>();
    private int nextId;
    private Thread waker;
    private final Object wakerLock = new Object();

    public SignalTimers(GuestProcess process) {
        super(process);
    }

    private GuestClock clock() {
        return process.threads().clock();
    }

    private Signals signals() {
        return process.threads().signals();
    }

    @Override
    public void declare(LibraryTable t) {
        Support itimer = Support.full("ITIMER_REAL on the guest clock; ITIMER_VIRTUAL and ITIMER_PROF count wall"
                + " time (the VM's CPU time is its run time)");
        t.function("alarm", itimer, f -> {
            long seconds = f.u32(0);
            long[] old = set(0, seconds * NANOS, 0);
            f.ret(old[0] == 0 ? 0 : Math.max(1, (old[0] + NANOS - 1) / NANOS));
        });
        t.function("setitimer", itimer, f -> {
            int which = f.i32(0);
            long value = f.ptr(1), old = f.ptr(2);
            if (which < 0 || which > 2) {
                f.ret(fail(Errno.EINVAL));
                return;
            }
            long interval = timeval(value), first = timeval(value + 16);
            if (interval < 0 || first < 0) {
                f.ret(fail(Errno.EINVAL));
                return;
            }
            long[] previous = set(which, first, interval);
            if (old != 0) writeTimeval(old, previous);
            f.ret(0);
        });
        t.function("getitimer", itimer, f -> {
            int which = f.i32(0);
            if (which < 0 || which > 2) {
                f.ret(fail(Errno.EINVAL));
                return;
            }
            writeTimeval(f.ptr(1), remaining(itimers[which]));
            f.ret(0);
        });
        Support posixTimers = Support.full("SIGEV_SIGNAL, SIGEV_NONE, SIGEV_THREAD_ID; SIGEV_THREAD's function runs on"
                + " the thread that raises the expiry, not a thread of its own; si_value does not travel with the signal");
        t.function("timer_create", posixTimers, this::create);
        t.function("timer_delete", posixTimers, f -> {
            Timer timer = posix.remove(f.i32(0));
            if (timer == null) {
                f.ret(fail(Errno.EINVAL));
                return;
            }
            armedChanged();
            f.ret(0);
        });
        t.function("timer_settime", posixTimers, this::settime);
        t.function("timer_gettime", posixTimers, f -> {
            Timer timer = posix.get(f.i32(0));
            if (timer == null) {
                f.ret(fail(Errno.EINVAL));
                return;
            }
            writeTimespec(f.ptr(1), remaining(timer));
            f.ret(0);
        });
        t.function("timer_getoverrun", posixTimers, f -> {
            Timer timer = posix.get(f.i32(0));
            f.ret(timer == null ? fail(Errno.EINVAL) : timer.lastOverrun);
        });
    }

    private long timeval(long p) {
        long sec = mem().readLong(p), usec = mem().readLong(p + 8);
        if (sec < 0 || usec < 0 || usec >= 1_000_000) return -1;
        return sec * NANOS + usec * 1000;
    }

    private void writeTimeval(long p, long[] interval) {
        mem().writeLong(p, interval[1] / NANOS);
        mem().writeLong(p + 8, interval[1] % NANOS / 1000);
        mem().writeLong(p + 16, interval[0] / NANOS);
        mem().writeLong(p + 24, interval[0] % NANOS / 1000 + (interval[0] % 1000 != 0 ? 1 : 0));
    }

    private void writeTimespec(long p, long[] interval) {
        mem().writeLong(p, interval[1] / NANOS);
        mem().writeLong(p + 8, interval[1] % NANOS);
        mem().writeLong(p + 16, interval[0] / NANOS);
        mem().writeLong(p + 24, interval[0] % NANOS);
    }

    /** {time left, interval} of a timer. */
    private long[] remaining(Timer timer) {
        if (timer == null || timer.expiry == 0) return new long[] {0, timer == null ? 0 : timer.interval};
        return new long[] {Math.max(1, timer.expiry - clock().now()), timer.interval};
    }

    /** Arms (or with first 0 disarms) an itimer; returns the previous {left, interval}. */
    private long[] set(int which, long first, long interval) {
        Timer timer = itimers[which];
        long[] old = remaining(timer);
        if (timer == null) {
            timer = new Timer(SIGEV_SIGNAL, which == 0 ? SIGALRM : which == 1 ? SIGVTALRM : SIGPROF, CLOCK_REALTIME, 0, 0, 0);
            itimers[which] = timer;
        }
        timer.interval = first == 0 ? 0 : interval;
        timer.expiry = first == 0 ? 0 : clock().now() + first;
        timer.overrun = 0;
        armedChanged();
        return old;
    }

    /** struct sigevent: sigev_value (8), sigev_signo (int @8), sigev_notify (int @12), function or tid at 16. */
    private void create(CallFrame f) {
        int clock = f.i32(0);
        long sevp = f.ptr(1), idOut = f.ptr(2);
        if (clock == 8 || clock == 9) {
            f.ret(fail(Errno.EPERM));
            return;
        }
        if (clock != 0 && clock != 1 && clock != 2 && clock != 3 && clock != 7 && clock != 11) {
            f.ret(fail(Errno.EINVAL));
            return;
        }
        int notify = SIGEV_SIGNAL, signal = SIGALRM, tid = 0;
        long value, function = 0;
        int id = nextId++;
        value = id;
        if (sevp != 0) {
            value = mem().readLong(sevp);
            signal = mem().readInt(sevp + 8);
            notify = mem().readInt(sevp + 12);
            if (notify == SIGEV_THREAD) function = mem().readLong(sevp + 16);
            if (notify == SIGEV_THREAD_ID) tid = mem().readInt(sevp + 16);
            if (notify != SIGEV_SIGNAL && notify != SIGEV_NONE && notify != SIGEV_THREAD && notify != SIGEV_THREAD_ID) {
                f.ret(fail(Errno.EINVAL));
                return;
            }
            if ((notify == SIGEV_SIGNAL || notify == SIGEV_THREAD_ID) && !SignalActions.valid(signal)) {
                f.ret(fail(Errno.EINVAL));
                return;
            }
        }
        posix.put(id, new Timer(notify, signal, clock, value, function, tid));
        mem().writeInt(idOut, id);
        f.ret(0);
    }

    /** timer_settime(id, flags, new, old): itimerspec {it_interval, it_value}. */
    private void settime(CallFrame f) {
        Timer timer = posix.get(f.i32(0));
        int flags = f.i32(1);
        long value = f.ptr(2), old = f.ptr(3);
        if (timer == null) {
            f.ret(fail(Errno.EINVAL));
            return;
        }
        long intervalSec = mem().readLong(value), intervalNsec = mem().readLong(value + 8);
        long sec = mem().readLong(value + 16), nsec = mem().readLong(value + 24);
        if (intervalNsec < 0 || intervalNsec >= NANOS || nsec < 0 || nsec >= NANOS || sec < 0 || intervalSec < 0) {
            f.ret(fail(Errno.EINVAL));
            return;
        }
        if (old != 0) writeTimespec(old, remaining(timer));
        long first = sec * NANOS + nsec;
        if (first == 0) {
            timer.expiry = 0;
        } else if ((flags & TIMER_ABSTIME) != 0) {
            long now = timer.clock == CLOCK_REALTIME ? clock().realtimeNanos() : clock().monotonicNanos();
            timer.expiry = clock().now() + Math.max(1, first - now);
        } else {
            timer.expiry = clock().now() + first;
        }
        timer.interval = first == 0 ? 0 : intervalSec * NANOS + intervalNsec;
        timer.overrun = 0;
        armedChanged();
        f.ret(0);
    }

    private List<Timer> all() {
        List<Timer> timers = new ArrayList<>(posix.values());
        for (Timer t : itimers) if (t != null) timers.add(t);
        return timers;
    }

    private long nextExpiry() {
        long next = Long.MAX_VALUE;
        for (Timer t : all()) if (t.expiry != 0 && t.notify != SIGEV_NONE) next = Math.min(next, t.expiry);
        return next;
    }
    /**
     * fork's child: Linux gives it none of the parent's timers (alarm, setitimer, timer_create), armed or not. The
     * copied state is dropped, and the host waker (the parent's thread) is left to the parent.
     */
    public void clearAfterFork() {
        synchronized (wakerLock) {
            waker = null;
            plan = new WakerPlan(Long.MAX_VALUE, 0);
        }
        java.util.Arrays.fill(itimers, null);
        posix.clear();
        armedChanged();
    }

    /** What the host waker needs, copied from the timers by the CPU holder: the next expiry and its signal. */
    private record WakerPlan(long deadline, int signal) {}

    /** Keeps the scheduler's budgets and the host waker in step with whether any timer will fire. */
    private void armedChanged() {
        long next = Long.MAX_VALUE;
        int signal = 0;
        for (Timer t : all()) {
            if (t.expiry != 0 && t.notify != SIGEV_NONE && t.expiry < next) {
                next = t.expiry;
                signal = t.notify == SIGEV_THREAD ? 0 : t.signal;
            }
        }
        signals().setTimerPoll(this::poll);
        process.threads().scheduler().setTimersArmed(next != Long.MAX_VALUE);
        synchronized (wakerLock) {
            plan = new WakerPlan(next, signal);
            wakerLock.notifyAll();
            if (next != Long.MAX_VALUE && waker == null && !clock().isVirtual()) {
                waker = new Thread(this::wake, "mdemu-timers");
                waker.setDaemon(true);
                waker.start();
            }
        }
    }

    private WakerPlan plan = new WakerPlan(Long.MAX_VALUE, 0);

    /**
     * The host thread: sleeps until the next expiry, then wakes a blocked thread that would take the signal, so that
     * it raises it (the CPU holder raises it anyway at its next run). Ends with the process.
     */
    private void wake() {
        while (true) {
            WakerPlan due;
            synchronized (wakerLock) {
                if (process.threads().scheduler().termination() != null || plan.deadline() == Long.MAX_VALUE) {
                    waker = null;
                    return;
                }
                long wait = plan.deadline() - clock().now();
                if (wait > 0) {
                    try {
                        // Bounded, so that the thread notices the end of the process soon after it.
                        wakerLock.wait(Math.max(1, Math.min(200, wait / 1_000_000)));
                    } catch (InterruptedException e) {
                        waker = null;
                        return;
                    }
                    continue;
                }
                due = plan;
                plan = new WakerPlan(Long.MAX_VALUE, 0);
            }
            // Only a thread that will act on the signal is woken: any other would see a spurious EINTR.
            if (due.signal() == 0) continue;
            SignalActions.Action action = signals().actions().get(due.signal());
            boolean acts = action.handler() != SignalActions.SIG_IGN && (action.handler() != SignalActions.SIG_DFL
                    || SignalActions.terminatesByDefault(due.signal()));
            if (!acts) continue;
            for (GuestThread t : process.threads().scheduler().threads()) {
                if ((t.signalMask & SignalActions.bit(due.signal())) == 0) {
                    process.threads().scheduler().interrupt(t);
                    break;
                }
            }
        }
    }

    /** On the CPU holder: raises the signals of expired timers and re-arms periodic ones. */
    void poll() {
        long now = clock().now();
        boolean changed = false;
        for (Timer timer : all()) {
            if (timer.expiry == 0 || timer.expiry > now) continue;
            if (timer.interval > 0) {
                long missed = (now - timer.expiry) / timer.interval;
                timer.overrun = (int) Math.min(Integer.MAX_VALUE, missed);
                timer.expiry += (missed + 1) * timer.interval;
            } else {
                timer.expiry = 0;
            }
            timer.lastOverrun = timer.overrun;
            changed = true;
            fire(timer);
        }
        if (changed) armedChanged();
    }

    private void fire(Timer timer) {
        switch (timer.notify) {
            case SIGEV_NONE -> { }
            case SIGEV_THREAD -> {
                if (!process.threads().scheduler().inTrap()) process.calls().call(timer.function, timer.value);
            }
            case SIGEV_THREAD_ID -> {
                GuestThread target = process.threads().scheduler().thread(timer.targetTid);
                if (target != null) signals().send(target, timer.signal);
            }
            default -> signals().send(target(timer.signal), timer.signal);
        }
    }

    /** A process-directed signal goes to a thread that does not block it, the current one first. */
    private GuestThread target(int signal) {
        GuestThread current = process.currentThread();
        if ((current.signalMask & SignalActions.bit(signal)) == 0) return current;
        for (GuestThread t : process.threads().scheduler().threads()) {
            if ((t.signalMask & SignalActions.bit(signal)) == 0 && !t.exited()) return t;
        }
        return current;
    }

    /** The next expiry on the guest clock (for waits that must end when a timer fires), or Long.MAX_VALUE. */
    long nextExpiryForWaits() {
        return nextExpiry();
    }
}
