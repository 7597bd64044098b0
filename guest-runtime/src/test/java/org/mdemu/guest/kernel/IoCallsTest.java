package org.mdemu.guest.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.sched.Scheduler;
import org.mdemu.guest.testing.FakeProcess;
import org.mdemu.guest.testing.FakeThreads;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.GuestFileSystem;
import org.mdemu.guest.vfs.OpenFile;
import org.mdemu.guest.vfs.io.EpollInstance;
import org.mdemu.guest.vfs.io.PollEvents;

class IoCallsTest {
    /** Blocking helpers get threads of their own: in the common pool they could starve each other. */
    private static final java.util.concurrent.Executor OWN_THREAD = task -> new Thread(task).start();

    private final FakeProcess process = new FakeProcess();
    private final FakeThreads threads = new FakeThreads();
    private FileTable files;
    private IoCalls io;
    private GuestThread main;

    @BeforeEach
    void setUp() {
        OpenFile console = new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return l; }
        };
        files = new FileTable(new GuestFileSystem(100), console, console, console);
        process.threads = threads;
        io = new IoCalls(process, files);
        main = threads.join();
    }

    @AfterEach
    void tearDown() {
        threads.leave(main);
    }

    private int[] pipe(int flags) {
        long fds = process.alloc(8);
        assertThat(io.pipe2(fds, flags)).isZero();
        return new int[] {process.memory.readInt(fds), process.memory.readInt(fds + 4)};
    }

    private long write(int fd, String s) {
        return files.write(fd, s.getBytes(), 0, s.length());
    }

    private String read(int fd, int max) {
        byte[] b = new byte[max];
        long n = files.read(fd, b, 0, max);
        assertThat(n).isGreaterThanOrEqualTo(0);
        return new String(b, 0, (int) n);
    }

    @Test
    void emptyNonBlockingPipeSaysEagainThenDeliversWhatWasWrittenThenEofOnceTheWriterCloses() {
        int[] p = pipe(FileTable.O_NONBLOCK);
        assertThat(files.read(p[0], new byte[4], 0, 4)).isEqualTo(-Errno.EAGAIN);
        assertThat(write(p[1], "hello")).isEqualTo(5);
        assertThat(files.read(p[1], new byte[4], 0, 4)).isEqualTo(-Errno.EBADF);
        assertThat(read(p[0], 3)).isEqualTo("hel");
        assertThat(read(p[0], 10)).isEqualTo("lo");
        assertThat(files.close(p[1])).isZero();
        assertThat(read(p[0], 10)).isEmpty();
        assertThat(files.fcntl(p[0], FileTable.F_GETPIPE_SZ, 0)).isEqualTo(65536);
        assertThat(files.fcntl(0, FileTable.F_GETPIPE_SZ, 0)).isEqualTo(-Errno.EBADF);
    }

    @Test
    void writingWithNoReaderLeftIsEpipeAndAFullPipeRefusesAnAtomicWriteWhole() {
        int[] p = pipe(FileTable.O_NONBLOCK);
        byte[] big = new byte[65536 - 100];
        assertThat(files.write(p[1], big, 0, big.length)).isEqualTo(big.length);
        assertThat(files.write(p[1], new byte[200], 0, 200)).isEqualTo(-Errno.EAGAIN);
        assertThat(files.write(p[1], new byte[8000], 0, 8000)).isEqualTo(100);
        files.close(p[0]);
        assertThat(write(p[1], "x")).isEqualTo(-Errno.EPIPE);
    }

    @Test
    void blockingReadWaitsForAnotherThreadsWriteWithoutHoldingTheCpu() throws Exception {
        int[] p = pipe(0);
        Scheduler scheduler = threads.scheduler();
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            GuestThread t = threads.join();
            try {
                return read(p[0], 16);
            } finally {
                threads.leave(t);
            }
        }, OWN_THREAD);
        // Let the reader take the CPU, find the pipe empty and block.
        for (int i = 0; i < 50; i++) {
            scheduler.yield(main);
            Thread.sleep(2);
        }
        assertThat(reader).isNotDone();
        assertThat(write(p[1], "wake")).isEqualTo(4);
        scheduler.yield(main);
        while (!reader.isDone()) {
            scheduler.yield(main);
            Thread.sleep(1);
        }
        assertThat(reader.get(5, TimeUnit.SECONDS)).isEqualTo("wake");
    }

    @Test
    void eventfdAddsUpWritesAndSemaphoreModeCountsDownByOne() {
        int fd = (int) io.eventfd2(3, EventFdFlags.NONBLOCK);
        byte[] v = new byte[8];
        v[0] = 4;
        assertThat(files.write(fd, v, 0, 8)).isEqualTo(8);
        byte[] out = new byte[8];
        assertThat(files.read(fd, out, 0, 8)).isEqualTo(8);
        assertThat(out[0]).isEqualTo((byte) 7);
        assertThat(files.read(fd, out, 0, 8)).isEqualTo(-Errno.EAGAIN);
        assertThat(files.read(fd, out, 0, 4)).isEqualTo(-Errno.EINVAL);
        int sem = (int) io.eventfd2(2, EventFdFlags.NONBLOCK | 1);
        assertThat(files.read(sem, out, 0, 8)).isEqualTo(8);
        assertThat(out[0]).isEqualTo((byte) 1);
        assertThat(files.read(sem, out, 0, 8)).isEqualTo(8);
        assertThat(files.read(sem, out, 0, 8)).isEqualTo(-Errno.EAGAIN);
    }

    private static final class EventFdFlags {
        static final int NONBLOCK = FileTable.O_NONBLOCK;
    }

    private long pollfd(int fd, int events) {
        long a = process.alloc(8);
        process.memory.writeInt(a, fd);
        process.memory.writeShort(a + 4, (short) events);
        return a;
    }

    @Test
    void pollReportsAPipeReadableOnlyOnceDataIsThereAndTimesOutMeanwhile() {
        int[] p = pipe(0);
        long fds = pollfd(p[0], PollEvents.POLLIN);
        long start = System.nanoTime();
        assertThat(io.poll(fds, 1, io.deadlineFromMillis(30))).isZero();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(25_000_000L);
        write(p[1], "x");
        assertThat(io.poll(fds, 1, io.deadlineFromMillis(0))).isEqualTo(1);
        assertThat(process.memory.readShort(fds + 6)).isEqualTo((short) PollEvents.POLLIN);
        files.close(p[1]);
        read(p[0], 1);
        assertThat(io.poll(fds, 1, io.deadlineFromMillis(0))).isEqualTo(1);
        assertThat(process.memory.readShort(fds + 6)).isEqualTo((short) PollEvents.POLLHUP);
    }

    @Test
    void selectSetsOnlyTheBitsOfReadyDescriptors() {
        int[] p = pipe(0);
        long rd = process.alloc(128), wr = process.alloc(128);
        process.memory.writeLong(rd, 1L << p[0]);
        process.memory.writeLong(wr, 1L << p[1]);
        assertThat(io.select(p[1] + 1, rd, wr, 0, io.deadlineFromMillis(0))).isEqualTo(1);
        assertThat(process.memory.readLong(rd)).isZero();
        assertThat(process.memory.readLong(wr)).isEqualTo(1L << p[1]);
        process.memory.writeLong(rd, 1L << 40);
        assertThat(io.select(41, rd, 0, 0, io.deadlineFromMillis(0))).isEqualTo(-Errno.EBADF);
    }

    @Test
    void epollReportsReadyEntriesWithTheirDataAndOneShotEntriesOnlyOnce() {
        int ep = (int) io.epollCreate1(0);
        int[] p = pipe(0);
        int efd = (int) io.eventfd2(0, 0);
        long ev = process.alloc(16);
        process.memory.writeInt(ev, PollEvents.POLLIN);
        process.memory.writeLong(ev + 8, 0x1111);
        assertThat(io.epollCtl(ep, EpollInstance.EPOLL_CTL_ADD, p[0], ev)).isZero();
        assertThat(io.epollCtl(ep, EpollInstance.EPOLL_CTL_ADD, p[0], ev)).isEqualTo(-Errno.EEXIST);
        process.memory.writeInt(ev, PollEvents.POLLIN | EpollInstance.EPOLLONESHOT);
        process.memory.writeLong(ev + 8, 0x2222);
        assertThat(io.epollCtl(ep, EpollInstance.EPOLL_CTL_ADD, efd, ev)).isZero();
        long out = process.alloc(64);
        assertThat(io.epollWait(ep, out, 4, io.deadlineFromMillis(10))).isZero();
        write(p[1], "a");
        files.write(efd, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, 0, 8);
        assertThat(io.epollWait(ep, out, 4, io.deadlineFromMillis(0))).isEqualTo(2);
        assertThat(process.memory.readLong(out + 8)).isEqualTo(0x1111);
        assertThat(process.memory.readLong(out + 24)).isEqualTo(0x2222);
        assertThat(io.epollWait(ep, out, 4, io.deadlineFromMillis(0))).isEqualTo(1);
        assertThat(io.epollCtl(ep, EpollInstance.EPOLL_CTL_DEL, p[0], 0)).isZero();
        assertThat(io.epollWait(ep, out, 4, io.deadlineFromMillis(0))).isZero();
        assertThat(io.epollWait(ep, out, 0, 0)).isEqualTo(-Errno.EINVAL);
    }

    @Test
    void timerfdCountsEveryIntervalThatPassedAndAWaitEndsAtTheNextExpiry() {
        int fd = (int) io.timerfdCreate(GuestClock.MONOTONIC, 0);
        long spec = process.alloc(32);
        process.memory.writeLong(spec + 8, 20_000_000L);
        process.memory.writeLong(spec + 24, 20_000_000L);
        long fds = pollfd(fd, PollEvents.POLLIN);
        // Timed from before arming: a test thread descheduled after arming may find the first expiry already due.
        long start = System.nanoTime();
        assertThat(io.timerfdSettime(fd, 0, spec, 0)).isZero();
        assertThat(io.poll(fds, 1, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(15_000_000L);
        byte[] count = new byte[8];
        assertThat(files.read(fd, count, 0, 8)).isEqualTo(8);
        assertThat(count[0]).isGreaterThanOrEqualTo((byte) 1);
        assertThat(files.read(fd, count, 0, 8)).isEqualTo(8);
        assertThat(count[0]).isGreaterThanOrEqualTo((byte) 1);
        long cur = process.alloc(32);
        assertThat(io.timerfdGettime(fd, cur)).isZero();
        assertThat(process.memory.readLong(cur + 8)).isEqualTo(20_000_000L);
        assertThat(process.memory.readLong(cur + 24)).isBetween(1L, 20_000_000L);
    }

    @Test
    void socketPairsCarryBytesBothWaysKeepDatagramsWholeAndShutdownGivesEof() {
        long sv = process.alloc(8);
        assertThat(io.socketpair(IoCalls.AF_UNIX, 1, 0, sv)).isZero();
        int a = process.memory.readInt(sv), b = process.memory.readInt(sv + 4);
        write(a, "ping");
        assertThat(read(b, 10)).isEqualTo("ping");
        write(b, "pong");
        assertThat(read(a, 10)).isEqualTo("pong");
        assertThat(io.shutdown(a, 1)).isZero();
        assertThat(read(b, 10)).isEmpty();
        assertThat(write(a, "late")).isEqualTo(-Errno.EPIPE);
        assertThat(io.socketpair(IoCalls.AF_UNIX, 2 | FileTable.O_NONBLOCK, 0, sv)).isZero();
        int c = process.memory.readInt(sv), d = process.memory.readInt(sv + 4);
        write(c, "one");
        write(c, "three");
        assertThat(read(d, 2)).isEqualTo("on");
        assertThat(read(d, 10)).isEqualTo("three");
        assertThat(files.read(d, new byte[4], 0, 4)).isEqualTo(-Errno.EAGAIN);
        assertThat(io.socketpair(2, 1, 0, sv)).isEqualTo(-Errno.EAFNOSUPPORT);
        assertThat(io.shutdown(0, 0)).isEqualTo(-Errno.ENOTSOCK);
    }

    private long epollEvent(int events, long data) {
        long ev = process.alloc(16);
        process.memory.writeInt(ev, events);
        process.memory.writeLong(ev + 8, data);
        return ev;
    }

    @Test
    void edgeTriggeredEntriesReportOnlyAfterANewChange() {
        int ep = (int) io.epollCreate1(0);
        int[] p = pipe(0);
        io.epollCtl(ep, EpollInstance.EPOLL_CTL_ADD, p[0], epollEvent(PollEvents.POLLIN | EpollInstance.EPOLLET, 7));
        long out = process.alloc(64);
        write(p[1], "a");
        assertThat(io.epollWait(ep, out, 4, io.deadlineFromMillis(0))).isEqualTo(1);
        assertThat(io.epollWait(ep, out, 4, io.deadlineFromMillis(0))).as("still readable, but no new edge").isZero();
        write(p[1], "b");
        assertThat(io.epollWait(ep, out, 4, io.deadlineFromMillis(0))).isEqualTo(1);
    }

    @Test
    void anEpollSetInsideAnotherWakesItAndCyclesAreRefused() {
        int outer = (int) io.epollCreate1(0), inner = (int) io.epollCreate1(0);
        int efd = (int) io.eventfd2(0, 0);
        assertThat(io.epollCtl(inner, EpollInstance.EPOLL_CTL_ADD, efd, epollEvent(PollEvents.POLLIN, 1))).isZero();
        assertThat(io.epollCtl(outer, EpollInstance.EPOLL_CTL_ADD, inner, epollEvent(PollEvents.POLLIN, 2))).isZero();
        assertThat(io.epollCtl(inner, EpollInstance.EPOLL_CTL_ADD, outer, epollEvent(PollEvents.POLLIN, 3)))
                .isEqualTo(-Errno.ELOOP);
        long out = process.alloc(32);
        assertThat(io.epollWait(outer, out, 2, io.deadlineFromMillis(0))).isZero();
        files.write(efd, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, 0, 8);
        assertThat(io.epollWait(outer, out, 2, io.deadlineFromMillis(0))).isEqualTo(1);
        assertThat(process.memory.readLong(out + 8)).isEqualTo(2);
    }

    @Test
    void sendmsgGathersItsVectorsIntoOneDatagramAndRecvmsgSpreadsIt() {
        long sv = process.alloc(8);
        io.socketpair(IoCalls.AF_UNIX, 2, 0, sv);
        int a = process.memory.readInt(sv), b = process.memory.readInt(sv + 4);
        long iov = process.alloc(32), one = process.cstring("abc"), two = process.cstring("defg");
        process.memory.writeLong(iov, one);
        process.memory.writeLong(iov + 8, 3);
        process.memory.writeLong(iov + 16, two);
        process.memory.writeLong(iov + 24, 4);
        long msg = process.alloc(56);
        process.memory.writeLong(msg + 16, iov);
        process.memory.writeLong(msg + 24, 2);
        assertThat(io.sendmsg(a, msg, 0)).isEqualTo(7);
        long x = process.alloc(5), y = process.alloc(8);
        process.memory.writeLong(iov, x);
        process.memory.writeLong(iov + 8, 5);
        process.memory.writeLong(iov + 16, y);
        process.memory.writeLong(iov + 24, 8);
        assertThat(io.recvmsg(b, msg, 0)).isEqualTo(7);
        assertThat(new String(process.memory.read(x, 5))).isEqualTo("abcde");
        assertThat(new String(process.memory.read(y, 2))).isEqualTo("fg");
        assertThat(io.sendmsg(0, msg, 0)).isEqualTo(-Errno.ENOTSOCK);
    }

    @Test
    void selectLeavesTheTimeNotSleptInItsTimeval() {
        int[] p = pipe(0);
        write(p[1], "r");
        long rd = process.alloc(128), tv = process.alloc(16);
        process.memory.writeLong(rd, 1L << p[0]);
        process.memory.writeLong(tv, 5);
        assertThat(io.selectWithTimeval(p[0] + 1, rd, 0, 0, tv)).isEqualTo(1);
        assertThat(process.memory.readLong(tv)).isBetween(4L, 5L);
    }

    @Test
    void aThreadWaitingInPollSleepsInsteadOfSpinning() {
        int[] p = pipe(0);
        long fds = pollfd(p[0], PollEvents.POLLIN);
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuBefore = mx.getCurrentThreadCpuTime(), start = System.nanoTime();
        assertThat(io.poll(fds, 1, io.deadlineFromMillis(200))).isZero();
        long wall = System.nanoTime() - start, cpu = mx.getCurrentThreadCpuTime() - cpuBefore;
        assertThat(wall).isGreaterThanOrEqualTo(190_000_000L);
        assertThat(cpu).as("host CPU time spent waiting").isLessThan(wall / 4);
    }
}
