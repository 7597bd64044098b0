package org.mdemu.guest.vfs.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.vfs.OpenFile;

/**
 * An epoll instance: the interest list (descriptor, the open file it named, events, user data). Entries are level
 * triggered unless EPOLLET: then an entry reports again only after its file changed since its last report.
 * EPOLLONESHOT disables an entry after it is reported. An entry whose descriptor was closed or now names another file
 * is skipped, as Linux drops it when the file is closed.
 */
public final class EpollInstance implements OpenFile, Readiness {
    public static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    public static final int EPOLLEXCLUSIVE = 1 << 28, EPOLLWAKEUP = 1 << 29, EPOLLONESHOT = 1 << 30, EPOLLET = 1 << 31;
    private static final int ALWAYS = PollEvents.POLLERR | PollEvents.POLLHUP;

    /** One reported event: the events that are ready and the entry's user data. */
    public record Event(int events, long data) {}

    private static final class Interest {
        final OpenFile file;
        int events;
        long data;
        boolean disabled;
        /** For EPOLLET: the file's change count when the entry last reported; -1 before the first report. */
        long reportedGeneration = -1;

        Interest(OpenFile file, int events, long data) {
            this.file = file;
            this.events = events;
            this.data = data;
        }
    }

    private final Map<Integer, Interest> interests = new LinkedHashMap<>();
    private final PollWaiters waiters;

    public EpollInstance(IoWait io) {
        this.waiters = new PollWaiters(io.scheduler(), "epoll", false);
    }

    public synchronized long control(int op, int fd, OpenFile file, int events, long data) {
        if (file == this) return -Errno.EINVAL;
        if (op == EPOLL_CTL_ADD && file instanceof EpollInstance nested && nested.reaches(this)) return -Errno.ELOOP;
        Interest existing = interests.get(fd);
        if (existing != null && existing.file != file) {
            interests.remove(fd);
            existing = null;
        }
        switch (op) {
            case EPOLL_CTL_ADD -> {
                if (existing != null) return -Errno.EEXIST;
                interests.put(fd, new Interest(file, events, data));
            }
            case EPOLL_CTL_MOD -> {
                if (existing == null) return -Errno.ENOENT;
                existing.events = events;
                existing.data = data;
                existing.disabled = false;
                existing.reportedGeneration = -1;
            }
            case EPOLL_CTL_DEL -> {
                if (existing == null) return -Errno.ENOENT;
                interests.remove(fd);
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
        waiters.changed();
        return 0;
    }

    /**
     * The ready entries, at most max; stillOpen tells whether a descriptor still names the file registered with it.
     */
    public synchronized List<Event> collect(int max, java.util.function.BiPredicate<Integer, OpenFile> stillOpen) {
        List<Event> ready = new ArrayList<>();
        for (Map.Entry<Integer, Interest> e : interests.entrySet()) {
            if (ready.size() >= max) break;
            Interest i = e.getValue();
            if (i.disabled || !stillOpen.test(e.getKey(), i.file)) continue;
            int revents = Readiness.of(i.file) & (i.events | ALWAYS);
            if (revents == 0) continue;
            if ((i.events & EPOLLET) != 0) {
                long generation = i.file instanceof Readiness r ? r.waiters().generation() : 0;
                if (generation == i.reportedGeneration) continue;
                i.reportedGeneration = generation;
            }
            ready.add(new Event(revents, i.data));
            if ((i.events & EPOLLONESHOT) != 0) i.disabled = true;
        }
        return ready;
    }

    /** Whether target is this instance or watched by it, directly or through nested instances. */
    private boolean reaches(EpollInstance target) {
        if (this == target) return true;
        for (OpenFile f : watched()) if (f instanceof EpollInstance e && e.reaches(target)) return true;
        return false;
    }

    /** The files whose changes may make an entry ready. */
    public synchronized List<OpenFile> watched() {
        List<OpenFile> files = new ArrayList<>();
        for (Interest i : interests.values()) if (!i.disabled) files.add(i.file);
        return files;
    }

    /** Its own changes (the interest list) and those of every watched file: epoll sets can be polled and nested. */
    @Override
    public List<PollWaiters> changeSources() {
        List<PollWaiters> sources = new ArrayList<>(List.of(waiters));
        for (OpenFile f : watched()) {
            if (f instanceof Readiness r && f != this) {
                for (PollWaiters w : r.changeSources()) if (!sources.contains(w)) sources.add(w);
            }
        }
        return sources;
    }

    @Override
    public long selfChangeDeadline() {
        long earliest = Long.MAX_VALUE;
        for (OpenFile f : watched()) {
            if (f instanceof Readiness r && f != this && r.selfChangeDeadline() - earliest < 0) {
                earliest = r.selfChangeDeadline();
            }
        }
        return earliest;
    }

    @Override
    public long read(byte[] buffer, int offset, int length) {
        return -Errno.EINVAL;
    }

    @Override
    public long write(byte[] buffer, int offset, int length) {
        return -Errno.EINVAL;
    }

    @Override
    public synchronized int readyEvents() {
        for (Interest i : interests.values()) {
            if (!i.disabled && (Readiness.of(i.file) & (i.events | ALWAYS)) != 0) return PollEvents.READABLE;
        }
        return 0;
    }

    @Override
    public PollWaiters waiters() {
        return waiters;
    }

    @Override
    public int mode() {
        return 0;
    }
}
