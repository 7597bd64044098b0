package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.ProcessControl;
import org.mdemu.guest.testing.FakeProcess;

class DefaultSignalActionsTest {
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");

    /** Stands for the process ending: crash never returns to the guest. */
    private static final class Crash extends RuntimeException {
        final int signal;

        Crash(int signal) {
            this.signal = signal;
        }
    }

    DefaultSignalActionsTest() {
        process.control = new ProcessControl() {
            @Override public void exit(int status) { throw new AssertionError("exit " + status); }
            @Override public void crash(int signal, String reason) { throw new Crash(signal); }
        };
        libc.declare(new DefaultSignalActions(process));
    }

    @Test
    void terminatingSignalsEndTheProcessBySignal() {
        for (int signal : new int[] {6, 10, 15, 9, 35, 64}) {
            assertThatThrownBy(() -> process.call(libc, "raise", signal)).isInstanceOfSatisfying(Crash.class,
                    c -> assertThat(c.signal).isEqualTo(signal));
        }
    }

    @Test
    void ignoredAndStopSignalsAndSignalZeroReturnZero() {
        for (int signal : new int[] {0, 17, 18, 23, 28, 19, 20}) {
            assertThat(process.call(libc, "raise", signal)).as("signal %d", signal).isZero();
        }
        assertThat(DefaultSignalActions.defaultAction(19)).isEqualTo(DefaultSignalActions.Action.STOP);
    }

    @Test
    void numbersOutsideOneToSixtyFourAreInvalid() {
        for (int signal : new int[] {-1, 65}) {
            process.memory.writeInt(FakeProcess.ERRNO, 0);
            assertThat(process.call(libc, "raise", signal)).isEqualTo(-1);
            assertThat(process.errno()).isEqualTo(Errno.EINVAL);
        }
    }
}
