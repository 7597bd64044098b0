package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.GuestOutput;
import org.mdemu.guest.kernel.ProcessControl;
import org.mdemu.guest.testing.FakeProcess;

class SyslogAndAbortMessageTest {
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");
    private final List<String> records = new ArrayList<>();
    private final List<String> crashes = new ArrayList<>();
    private final AbortMessage abortMessage = new AbortMessage(process);

    SyslogAndAbortMessageTest() {
        process.output = new GuestOutput() {
            @Override public void console(byte[] data, int offset, int length) { }
            @Override public void log(int priority, String tag, String message, int tid) {
                records.add(priority + " " + tag + ": " + message);
            }
        };
        process.control = new ProcessControl() {
            @Override public void exit(int status) { throw new IllegalStateException("exit " + status); }
            @Override public void crash(int signal, String reason) {
                crashes.add(signal + " " + reason);
                throw new IllegalStateException("crashed");
            }
        };
        libc.declare(new SyslogFunctions(process, new PrintfFormatter(process.memory(), () -> ""), () -> "microdroid_launcher"),
                abortMessage);
    }

    @Test
    void syslogWritesLogcatRecordsWithBionicsPriorityMappingTagAndMask() {
        process.call(libc, "syslog", 2, process.cstring("critical %d"), 7);               // LOG_CRIT
        process.call(libc, "openlog", process.cstring("libc++abi"), 0, 0);
        process.call(libc, "syslog", 4 | (1 << 3), process.cstring("warning %s"), process.cstring("w")); // LOG_WARNING|LOG_USER
        process.call(libc, "syslog", 5, process.cstring("notice"));
        process.call(libc, "syslog", 7, process.cstring("debug"));
        assertThat(process.call(libc, "setlogmask", 1 << 3)).isEqualTo(0xff);              // only LOG_ERR from now on
        assertThat(process.call(libc, "setlogmask", 0)).isEqualTo(1 << 3);                 // 0 only asks
        process.call(libc, "syslog", 6, process.cstring("filtered out"));
        process.call(libc, "syslog", 3, process.cstring("error"));
        process.call(libc, "closelog");
        process.call(libc, "setlogmask", 0xff);
        process.call(libc, "syslog", 6, process.cstring("back to the program name"));
        assertThat(records).containsExactly("6 microdroid_launcher: critical 7", "5 libc++abi: warning w",
                "4 libc++abi: notice", "3 libc++abi: debug", "6 libc++abi: error",
                "4 microdroid_launcher: back to the program name");
    }

    @Test
    void percentMIsTheCallersErrorTextAndLinesAreCutAt1023Bytes() {
        process.memory().writeInt(FakeProcess.ERRNO, 2);
        process.call(libc, "syslog", 3, process.cstring("open failed: %m (100%% sure, not %%m)"));
        process.call(libc, "syslog", 3, process.cstring("%s"), process.cstring("x".repeat(2000)));
        assertThat(records.get(0)).isEqualTo("6 microdroid_launcher: open failed: No such file or directory (100% sure, not %m)");
        assertThat(records.get(1)).isEqualTo("6 microdroid_launcher: " + "x".repeat(1023));
    }

    @Test
    void theFirstAbortMessageIsKeptAndAssertCrashesWithIt() {
        process.call(libc, "android_set_abort_message", process.cstring("first failure"));
        process.call(libc, "android_set_abort_message", process.cstring("second failure"));
        assertThat(abortMessage.get()).isEqualTo("first failure");
        assertThatThrownBy(() -> process.call(libc, "__assert", process.cstring("f.c"), 12, process.cstring("x > 0")))
                .hasMessage("crashed");
        assertThat(crashes).containsExactly("6 first failure");
    }

    @Test
    void assertAloneRecordsItsOwnMessage() {
        assertThatThrownBy(() -> process.call(libc, "__assert", process.cstring("f.c"), 12, process.cstring("x > 0")))
                .hasMessage("crashed");
        assertThat(abortMessage.get()).isEqualTo("f.c:12: x > 0");
    }
}
