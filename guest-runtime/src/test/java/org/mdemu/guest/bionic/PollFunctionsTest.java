package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.testing.FakeProcess;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.GuestFileSystem;
import org.mdemu.guest.vfs.OpenFile;
import org.mdemu.guest.vfs.io.PollEvents;

class PollFunctionsTest {
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");

    PollFunctionsTest() {
        OpenFile console = new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return l; }
        };
        FileTable files = new FileTable(new GuestFileSystem(100), console, console, console);
        process.threads = new org.mdemu.guest.testing.FakeThreads();
        libc.declare(new PollFunctions(process, new org.mdemu.guest.kernel.LinuxKernel(process, files, null, null)));
    }

    /** Writes struct pollfd entries {fd, events} and returns the array's address. */
    private long pollfds(int... fdAndEvents) {
        long a = process.alloc(4 * fdAndEvents.length);
        for (int i = 0; i < fdAndEvents.length; i += 2) {
            process.memory.writeInt(a + 4L * i, fdAndEvents[i]);
            process.memory.writeShort(a + 4L * i + 4, (short) fdAndEvents[i + 1]);
            process.memory.writeShort(a + 4L * i + 6, (short) 0x7777);
        }
        return a;
    }

    private List<Integer> revents(long a, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> process.memory.readShort(a + 8L * i + 6) & 0xffff).toList();
    }

    @Test
    void openDescriptorsAreReadyForWhatTheyAskBadOnesReportNvalNegativeOnesAreSkipped() {
        int in = PollEvents.POLLIN, out = PollEvents.POLLOUT;
        long fds = pollfds(0, in, 1, out | PollEvents.POLLPRI, 7, in, -1, in, 2, 0);
        assertThat(process.call(libc, "poll", fds, 5, 0)).isEqualTo(3);
        assertThat(revents(fds, 5)).containsExactly(in, out, PollEvents.POLLNVAL, 0, 0);
    }

    @Test
    void readNormalAndWriteNormalAreReportedTooAndNothingReadyTimesOutWithZero() {
        long fds = pollfds(1, PollEvents.POLLRDNORM | PollEvents.POLLWRNORM);
        assertThat(process.call(libc, "poll", fds, 1, 0)).isEqualTo(1);
        assertThat(revents(fds, 1)).containsExactly(PollEvents.POLLRDNORM | PollEvents.POLLWRNORM);
        long none = pollfds(1, PollEvents.POLLPRI);
        assertThat(process.call(libc, "poll", none, 1, 0)).isZero();
        long ts = process.alloc(16);
        assertThat(process.call(libc, "ppoll", none, 1, ts, 0)).isZero();
    }

    @Test
    void tooManyDescriptorsOrABadTimespecAreInvalid() {
        long fds = pollfds(1, PollEvents.POLLOUT);
        assertThat(process.call(libc, "poll", fds, 1025, 0)).isEqualTo(-1);
        assertThat(process.errno()).isEqualTo(Errno.EINVAL);
        long ts = process.alloc(16);
        process.memory.writeLong(ts + 8, 1_000_000_000L);
        process.memory.writeInt(FakeProcess.ERRNO, 0);
        assertThat(process.call(libc, "ppoll", fds, 1, ts, 0)).isEqualTo(-1);
        assertThat(process.errno()).isEqualTo(Errno.EINVAL);
    }
}
