package org.mdemu.guest.kernel;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.OpenFile;
import org.mdemu.guest.vfs.io.ByteStream;
import org.mdemu.guest.vfs.io.EpollInstance;
import org.mdemu.guest.vfs.io.EventFd;
import org.mdemu.guest.vfs.io.GuestSocket;
import org.mdemu.guest.vfs.io.IoWait;
import org.mdemu.guest.vfs.io.PipeEnd;
import org.mdemu.guest.vfs.io.PollEvents;
import org.mdemu.guest.vfs.io.PollWaiters;
import org.mdemu.guest.vfs.io.Readiness;
import org.mdemu.guest.vfs.io.TimerFd;
import org.mdemu.guest.vfs.io.UnixSocket;

/**
 * Pipes, eventfds, socket pairs, timerfds and the readiness calls over them (poll, select, epoll), with guest-pointer
 * arguments and kernel-style results. Time limits are deadlines on the guest clock's scale (GuestClock.now: host
 * time, or virtual time in deterministic mode; Long.MAX_VALUE: none); a waiting thread gives the CPU to the others.
 */
public final class IoCalls {
    public static final int AF_UNIX = 1, SOCK_TYPE_MASK = 0xf, MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000;
    public static final int FD_SETSIZE = 1024;
    private static final int OPEN_MAX = 1024;
    private static final int SELECT_READ = PollEvents.READABLE | PollEvents.POLLHUP | PollEvents.POLLERR,
            SELECT_WRITE = PollEvents.WRITABLE | PollEvents.POLLERR, SELECT_EXCEPT = PollEvents.POLLPRI;
    private static final int CLOCK_BOOTTIME = 7, CLOCK_REALTIME_ALARM = 8, CLOCK_BOOTTIME_ALARM = 9;

    private final GuestProcess process;
    private final FileTable files;
    private IoWait io;

    public IoCalls(GuestProcess process, FileTable files) {
        this.process = process;
        this.files = files;
    }

    IoWait ioWait() {
        return io();
    }

    private synchronized IoWait io() {
        if (io == null) io = new IoWait(process.threads().scheduler(), clock());
        return io;
    }

    private GuestMemory mem() {
        return process.memory();
    }

    private GuestClock clock() {
        return process.threads().clock();
    }

    // ---- new descriptors

    public long pipe2(long fds, int flags) {
        if ((flags & ~(FileTable.O_NONBLOCK | FileTable.O_CLOEXEC | 040000)) != 0) return -Errno.EINVAL;
        if (fds == 0) return -Errno.EFAULT;
        ByteStream stream = new ByteStream(io());
        String name = "pipe:[" + System.identityHashCode(stream) + "]";
        return installPair(fds, new PipeEnd(stream, true, flags), FileTable.O_RDONLY | flags,
                new PipeEnd(stream, false, flags), FileTable.O_WRONLY | flags, name, name);
    }

    private long installPair(long fds, OpenFile a, int aFlags, OpenFile b, int bFlags, String aName, String bName) {
        long first = files.install(a, aName, aFlags);
        if (first < 0) {
            a.close();
            b.close();
            return first;
        }
        long second = files.install(b, bName, bFlags);
        if (second < 0) {
            files.close((int) first);
            b.close();
            return second;
        }
        // As do_pipe2: when the descriptors cannot be handed over, they are closed again and the call is EFAULT.
        byte[] both = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt((int) first).putInt((int) second).array();
        try {
            mem().write(fds, both);
        } catch (org.mdemu.guest.machine.GuestFault f) {
            files.close((int) first);
            files.close((int) second);
            return -Errno.EFAULT;
        }
        return 0;
    }

    public long eventfd2(long initial, int flags) {
        if ((flags & ~(EventFd.EFD_SEMAPHORE | EventFd.EFD_NONBLOCK | EventFd.EFD_CLOEXEC)) != 0) return -Errno.EINVAL;
        return files.install(new EventFd(io(), initial & 0xffffffffL, flags), "anon_inode:[eventfd]",
                FileTable.O_RDWR | (flags & (FileTable.O_NONBLOCK | FileTable.O_CLOEXEC)));
    }

    public long socketpair(int domain, int type, int protocol, long sv) {
        if (domain != AF_UNIX) return -Errno.EAFNOSUPPORT;
        int kind = type & SOCK_TYPE_MASK, flags = type & ~SOCK_TYPE_MASK;
        if ((flags & ~(FileTable.O_NONBLOCK | FileTable.O_CLOEXEC)) != 0) return -Errno.EINVAL;
        if (kind != UnixSocket.SOCK_STREAM && kind != UnixSocket.SOCK_DGRAM && kind != UnixSocket.SOCK_SEQPACKET) {
            return -Errno.ESOCKTNOSUPPORT;
        }
        if (protocol != 0 && protocol != AF_UNIX) return -Errno.EPROTONOSUPPORT;
        if (sv == 0) return -Errno.EFAULT;
        UnixSocket[] pair = UnixSocket.pair(kind, flags, io());
        String a = "socket:[" + System.identityHashCode(pair[0]) + "]", b = "socket:[" + System.identityHashCode(pair[1]) + "]";
        return installPair(sv, pair[0], FileTable.O_RDWR | flags, pair[1], FileTable.O_RDWR | flags, a, b);
    }

    private GuestSocket socket(int fd) {
        OpenFile f = files.get(fd);
        if (f == null) throw new ErrnoException(Errno.EBADF);
        if (!(f instanceof GuestSocket s)) throw new ErrnoException(Errno.ENOTSOCK);
        return s;
    }

    public long shutdown(int fd, int how) {
        return ErrnoException.resultOf(() -> {
            return socket(fd).shutdown(how);
        });
    }

    /** EPIPE from a send raises SIGPIPE unless MSG_NOSIGNAL asks not to. */
    private long noSignal(int flags, long result) {
        if (result == -Errno.EPIPE && (flags & MSG_NOSIGNAL) == 0 && process.threads().signals() != null) {
            process.threads().signals().sendToSelf(13);
        }
        return result;
    }

    public long sendto(int fd, long buffer, long length, int flags, long address) {
        return ErrnoException.resultOf(() -> {
            GuestSocket s = socket(fd);
            if (address != 0) return -Errno.EISCONN;
            if (length < 0) return -Errno.EINVAL;
            byte[] b = mem().read(buffer, (int) Math.min(length, 1 << 24));
            return noSignal(flags, s.send(b, 0, b.length, (flags & MSG_DONTWAIT) != 0));
        });
    }

    /**
     * recvfrom: the peer of a socket pair is unnamed, so the address is just the AF_UNIX family; a stream socket of
     * another family reports no address (length 0), as Linux's vsock does.
     */
    public long recvfrom(int fd, long buffer, long length, int flags, long address, long addressLength) {
        return ErrnoException.resultOf(() -> {
            GuestSocket s = socket(fd);
            if (length < 0) return -Errno.EINVAL;
            byte[] b = new byte[(int) Math.min(length, 1 << 24)];
            long n = s.receive(b, 0, b.length, (flags & MSG_DONTWAIT) != 0);
            if (n < 0) return n;
            mem().write(buffer, b, 0, (int) n);
            if (address != 0 && addressLength != 0) {
                boolean unix = s.family() == AF_UNIX;
                if (unix && mem().readInt(addressLength) >= 2) mem().writeShort(address, (short) AF_UNIX);
                mem().writeInt(addressLength, unix ? 2 : 0);
            }
            return n;
        });
    }

    /**
     * sendmsg: struct msghdr is {name@0, namelen@8, iov@16, iovlen@24, control@32, controllen@40, flags@48}; the
     * iovecs go out as one message. Ancillary data (SCM_RIGHTS) is not carried.
     */
    public long sendmsg(int fd, long msghdr, int flags) {
        return ErrnoException.resultOf(() -> {
            GuestSocket s = socket(fd);
            if (mem().readLong(msghdr) != 0) return -Errno.EISCONN;
            if (mem().readLong(msghdr + 40) != 0) return -Errno.EOPNOTSUPP;
            byte[] b = IoVectors.gather(mem(), mem().readLong(msghdr + 16), mem().readLong(msghdr + 24));
            return noSignal(flags, s.send(b, 0, b.length, (flags & MSG_DONTWAIT) != 0));
        });
    }

    /** recvmsg: one receive spread over the iovecs; no ancillary data, no address (the peer is unnamed). */
    public long recvmsg(int fd, long msghdr, int flags) {
        return ErrnoException.resultOf(() -> {
            GuestSocket s = socket(fd);
            long iov = mem().readLong(msghdr + 16), count = mem().readLong(msghdr + 24);
            byte[] b = IoVectors.buffer(mem(), iov, count);
            long n = s.receive(b, 0, b.length, (flags & MSG_DONTWAIT) != 0);
            if (n < 0) return n;
            IoVectors.scatter(mem(), iov, count, b, n);
            if (mem().readLong(msghdr) != 0) mem().writeInt(msghdr + 8, 0);
            mem().writeLong(msghdr + 40, 0);
            mem().writeInt(msghdr + 48, 0);
            return n;
        });
    }

    public long timerfdCreate(int clockId, int flags) {
        if (clockId != GuestClock.REALTIME && clockId != GuestClock.MONOTONIC && clockId != CLOCK_BOOTTIME
                && clockId != CLOCK_REALTIME_ALARM && clockId != CLOCK_BOOTTIME_ALARM) {
            return -Errno.EINVAL;
        }
        if ((flags & ~(TimerFd.TFD_NONBLOCK | TimerFd.TFD_CLOEXEC)) != 0) return -Errno.EINVAL;
        int clock = clockId == CLOCK_REALTIME_ALARM ? GuestClock.REALTIME : clockId;
        return files.install(new TimerFd(io(), clock(), clock, flags), "anon_inode:[timerfd]", FileTable.O_RDWR | flags);
    }

    private TimerFd timer(int fd) {
        OpenFile f = files.get(fd);
        if (f == null) throw new ErrnoException(Errno.EBADF);
        if (!(f instanceof TimerFd t)) throw new ErrnoException(Errno.EINVAL);
        return t;
    }

    /** timerfd_settime: struct itimerspec is {it_interval, it_value}, two timespecs. */
    public long timerfdSettime(int fd, int flags, long value, long old) {
        return ErrnoException.resultOf(() -> {
            TimerFd t = timer(fd);
            if ((flags & ~(TimerFd.TFD_TIMER_ABSTIME | 2)) != 0) return -Errno.EINVAL;
            if (value == 0) return -Errno.EFAULT;
            long interval = timespecNanos(value), first = timespecNanos(value + 16);
            if (interval < 0 || first < 0) return -Errno.EINVAL;
            long[] previous = t.set(flags, first, interval);
            if (old != 0) writeItimerspec(old, previous);
            return 0;
        });
    }

    public long timerfdGettime(int fd, long current) {
        return ErrnoException.resultOf(() -> {
            TimerFd t = timer(fd);
            if (current == 0) return -Errno.EFAULT;
            writeItimerspec(current, t.get());
            return 0;
        });
    }

    private void writeItimerspec(long address, long[] remainingAndInterval) {
        writeTimespec(address, remainingAndInterval[1]);
        writeTimespec(address + 16, remainingAndInterval[0]);
    }

    private void writeTimespec(long address, long nanos) {
        mem().writeLong(address, nanos / 1_000_000_000L);
        mem().writeLong(address + 8, nanos % 1_000_000_000L);
    }

    /** A timespec's value in ns, or -1 if it is invalid. */
    private long timespecNanos(long address) {
        long sec = mem().readLong(address), nsec = mem().readLong(address + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) return -1;
        return sec > 9_000_000_000L ? Long.MAX_VALUE / 4 : sec * 1_000_000_000L + nsec;
    }

    // ---- time limits

    /** The host deadline of a relative timespec (NULL: none); -1 if it is invalid. */
    public long deadlineFromTimespec(long ts) {
        if (ts == 0) return Long.MAX_VALUE;
        long nanos = timespecNanos(ts);
        return nanos < 0 ? -1 : clock().deadlineAfter(0, nanos);
    }

    /** The host deadline of a poll-style millisecond timeout (negative: none). */
    public long deadlineFromMillis(int timeoutMs) {
        return timeoutMs < 0 ? Long.MAX_VALUE : clock().deadlineAfter(0, timeoutMs * 1_000_000L);
    }

    /** The host deadline of a struct timeval (NULL: none); -1 if it is invalid. */
    public long deadlineFromTimeval(long tv) {
        if (tv == 0) return Long.MAX_VALUE;
        long sec = mem().readLong(tv), usec = mem().readLong(tv + 8);
        if (sec < 0 || usec < 0 || usec >= 1_000_000L) return -1;
        return clock().deadlineAfter(sec, usec * 1000);
    }

    /** select(2) leaves the time not slept in its timeval, as Linux does. */
    public long selectWithTimeval(int nfds, long readSet, long writeSet, long exceptSet, long tv) {
        return ErrnoException.resultOf(() -> {
            long deadline = deadlineFromTimeval(tv);
            long r = select(nfds, readSet, writeSet, exceptSet, deadline);
            if (tv != 0 && deadline != -1) {
                long left = Math.max(0, deadline - clock().now());
                mem().writeLong(tv, left / 1_000_000_000L);
                mem().writeLong(tv + 8, left % 1_000_000_000L / 1000);
            }
            return r;
        });
    }

    /** Deadlines are on the guest clock's scale: host time, or virtual time in deterministic mode. */
    private boolean passed(long deadline) {
        return deadline != Long.MAX_VALUE && deadline - clock().now() <= 0;
    }

    /**
     * What a readiness wait watches: the files' change sources with their change counts, read before the files'
     * events are (so a change in between ends the wait at once), and the earliest self-change deadline.
     */
    private record Watch(List<PollWaiters> sources, long[] seen, long until) {}

    private static Watch watch(List<OpenFile> watched, long deadline) {
        List<PollWaiters> sources = new ArrayList<>();
        long until = deadline;
        for (OpenFile f : watched) {
            if (!(f instanceof Readiness r)) continue;
            for (PollWaiters w : r.changeSources()) if (!sources.contains(w)) sources.add(w);
            long own = r.selfChangeDeadline();
            if (own - until < 0) until = own;
        }
        return new Watch(sources, IoWait.generations(sources), until);
    }

    /**
     * Blocks until one of the watched files' readiness changes, one of them changes by itself, or the deadline;
     * false if a signal ended the wait (poll, select and epoll_wait then fail with EINTR, never restarted).
     */
    private boolean await(Watch w) {
        try {
            io().awaitChange(w.sources(), w.seen(), w.until());
            return true;
        } catch (IoWait.Interrupted signal) {
            return false;
        }
    }

    // ---- poll, select, epoll

    /**
     * ppoll, epoll_pwait: the wait under the signal mask at maskAddress (0: the thread's own), which must be a
     * sigset_t of sigsetSize 8 bytes.
     */
    public long withSignalMask(long maskAddress, long sigsetSize, java.util.function.LongSupplier wait) {
        if (maskAddress == 0) return wait.getAsLong();
        if (sigsetSize != 8) return -Errno.EINVAL;
        return process.threads().signals().withWaitMask(maskAddress, wait);
    }

    /** pselect6's last argument: a {const sigset_t* ss; size_t ss_len} pair, or NULL. */
    public long withPselectMask(long maskPair, java.util.function.LongSupplier wait) {
        if (maskPair == 0) return wait.getAsLong();
        return withSignalMask(mem().readLong(maskPair), mem().readLong(maskPair + 8), wait);
    }

    /** ppoll/poll over struct pollfd {int fd; short events; short revents} entries. */
    public long poll(long fds, long count, long deadline) {
        return ErrnoException.resultOf(() -> {
            if (count < 0 || count > OPEN_MAX) return -Errno.EINVAL;
            if (deadline == -1) return -Errno.EINVAL;
            int n = (int) count;
            while (true) {
                List<OpenFile> watched = new ArrayList<>();
                OpenFile[] open = new OpenFile[n];
                for (int i = 0; i < n; i++) {
                    int fd = mem().readInt(fds + 8L * i);
                    open[i] = fd < 0 ? null : files.get(fd);
                    if (open[i] != null) watched.add(open[i]);
                }
                Watch watch = watch(watched, deadline);
                int[] revents = new int[n];
                int ready = 0;
                for (int i = 0; i < n; i++) {
                    long entry = fds + 8L * i;
                    int fd = mem().readInt(entry);
                    int events = mem().readShort(entry + 4) & 0xffff;
                    if (fd < 0) continue;
                    OpenFile f = open[i];
                    revents[i] = f == null ? PollEvents.POLLNVAL
                            : Readiness.of(f) & (events | PollEvents.POLLERR | PollEvents.POLLHUP);
                    if (revents[i] != 0) ready++;
                }
                if (ready > 0 || passed(deadline)) {
                    for (int i = 0; i < n; i++) mem().writeShort(fds + 8L * i + 6, (short) revents[i]);
                    return ready;
                }
                if (!await(watch)) return -Errno.EINTR;
            }
        });
    }

    /** pselect6/select over fd_set bitmaps (1024 bits, as unsigned longs); rewrites them to the ready sets. */
    public long select(int nfds, long readSet, long writeSet, long exceptSet, long deadline) {
        return ErrnoException.resultOf(() -> {
            if (nfds < 0 || nfds > FD_SETSIZE) return -Errno.EINVAL;
            if (deadline == -1) return -Errno.EINVAL;
            long[] sets = {readSet, writeSet, exceptSet};
            int[] masks = {SELECT_READ, SELECT_WRITE, SELECT_EXCEPT};
            int words = (nfds + 63) / 64;
            long[][] in = new long[3][words];
            for (int s = 0; s < 3; s++) {
                if (sets[s] != 0) for (int w = 0; w < words; w++) in[s][w] = mem().readLong(sets[s] + 8L * w);
            }
            for (int fd = 0; fd < nfds; fd++) {
                boolean asked = false;
                for (int s = 0; s < 3; s++) asked |= (in[s][fd / 64] & (1L << (fd % 64))) != 0;
                if (asked && files.get(fd) == null) return -Errno.EBADF;
            }
            while (true) {
                long[][] out = new long[3][words];
                OpenFile[] open = new OpenFile[nfds];
                List<OpenFile> watched = new ArrayList<>();
                for (int fd = 0; fd < nfds; fd++) {
                    for (int s = 0; s < 3; s++) {
                        if ((in[s][fd / 64] & (1L << (fd % 64))) == 0) continue;
                        open[fd] = files.get(fd);
                        if (open[fd] == null) return -Errno.EBADF;
                        watched.add(open[fd]);
                        break;
                    }
                }
                Watch watch = watch(watched, deadline);
                int ready = 0;
                for (int fd = 0; fd < nfds; fd++) {
                    OpenFile f = open[fd];
                    if (f == null) continue;
                    int events = Readiness.of(f);
                    for (int s = 0; s < 3; s++) {
                        if ((in[s][fd / 64] & (1L << (fd % 64))) != 0 && (events & masks[s]) != 0) {
                            out[s][fd / 64] |= 1L << (fd % 64);
                            ready++;
                        }
                    }
                }
                if (ready > 0 || passed(deadline)) {
                    for (int s = 0; s < 3; s++) {
                        if (sets[s] != 0) for (int w = 0; w < words; w++) mem().writeLong(sets[s] + 8L * w, out[s][w]);
                    }
                    return ready;
                }
                if (!await(watch)) return -Errno.EINTR;
            }
        });
    }

    public long epollCreate1(int flags) {
        if ((flags & ~FileTable.O_CLOEXEC) != 0) return -Errno.EINVAL;
        return files.install(new EpollInstance(io()), "anon_inode:[eventpoll]", FileTable.O_RDWR | flags);
    }

    private EpollInstance epoll(int epfd) {
        OpenFile f = files.get(epfd);
        if (f == null) throw new ErrnoException(Errno.EBADF);
        if (!(f instanceof EpollInstance e)) throw new ErrnoException(Errno.EINVAL);
        return e;
    }

    /** epoll_ctl: struct epoll_event is {uint32_t events; (4 bytes padding); uint64_t data} on arm64, 16 bytes. */
    public long epollCtl(int epfd, int op, int fd, long event) {
        return ErrnoException.resultOf(() -> {
            EpollInstance e = epoll(epfd);
            OpenFile f = files.get(fd);
            if (f == null) return -Errno.EBADF;
            // Regular files and directories have no poll operation; Linux refuses to watch them.
            int type = f.mode() & 0170000;
            if (type == 0100000 || type == 0040000) {
                return -Errno.EPERM;
            }
            if (op != EpollInstance.EPOLL_CTL_DEL && event == 0) return -Errno.EFAULT;
            int events = op == EpollInstance.EPOLL_CTL_DEL ? 0 : mem().readInt(event);
            long data = op == EpollInstance.EPOLL_CTL_DEL ? 0 : mem().readLong(event + 8);
            return e.control(op, fd, f, events, data);
        });
    }

    public long epollWait(int epfd, long events, int max, long deadline) {
        return ErrnoException.resultOf(() -> {
            EpollInstance e = epoll(epfd);
            if (max <= 0 || max > Integer.MAX_VALUE / 16) return -Errno.EINVAL;
            if (deadline == -1) return -Errno.EINVAL;
            while (true) {
                List<OpenFile> watched = new ArrayList<>(e.watched());
                watched.add(e);
                Watch watch = watch(watched, deadline);
                List<EpollInstance.Event> ready = e.collect(max, (fd, f) -> files.get(fd) == f);
                if (!ready.isEmpty() || passed(deadline)) {
                    for (int i = 0; i < ready.size(); i++) {
                        mem().writeInt(events + 16L * i, ready.get(i).events());
                        mem().writeLong(events + 16L * i + 8, ready.get(i).data());
                    }
                    return ready.size();
                }
                if (!await(watch)) return -Errno.EINTR;
            }
        });
    }
}
