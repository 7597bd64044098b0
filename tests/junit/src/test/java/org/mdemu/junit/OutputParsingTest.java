package org.mdemu.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputParsingTest {
    static final String TOMBSTONE = """
            *** *** *** *** *** *** *** *** *** *** *** *** *** *** *** ***
            Build fingerprint: 'mdemu/microdroid/arm64:14/mdemu/1:user/release-keys'
            ABI: 'arm64'
            pid: 1042, tid: 1042, name: main  >>> /mnt/apk/lib/arm64-v8a/libsegv.so <<<
            signal 11 (SIGSEGV), code 1 (SEGV_MAPERR), fault addr 0x10
                x0  0000000000000010  x1  0000000000000000  x2  0000000000000000  x3  0000000000000000
                x29 0000007ffffff000  lr  0000000000401234  sp  0000007fffffef00  pc  0000000000401000

            backtrace:
                  #00 pc 0000000000001000  /mnt/apk/lib/arm64-v8a/libsegv.so (write_to_bad_pointer)
                  #01 pc 0000000000001034  /mnt/apk/lib/arm64-v8a/libsegv.so (AVmPayload_main+20)
                  #02 pc 0000000000000500  <unknown>
            """;

    @Test
    void tombstonesGiveSignalFaultAddressAndFrames() {
        Tombstone t = Tombstone.parse(TOMBSTONE);
        assertThat(t.signal()).isEqualTo(11);
        assertThat(t.signalName()).isEqualTo("SIGSEGV");
        assertThat(t.faultAddress()).isEqualTo(0x10L);
        assertThat(t.abortMessage()).isNull();
        assertThat(t.frames()).extracting(Tombstone.Frame::symbol).containsExactly("write_to_bad_pointer",
                "AVmPayload_main", null);
        assertThat(t.frames().get(1).symbolOffset()).isEqualTo(20);
        assertThat(t.frames().get(1).pc()).isEqualTo(0x1034);
        assertThat(t.frames().get(0).module()).isEqualTo("/mnt/apk/lib/arm64-v8a/libsegv.so");
    }

    @Test
    void abortsHaveNoFaultAddressButTheirMessage() {
        Tombstone t = Tombstone.parse("signal 6 (SIGABRT), code -1 (SI_QUEUE), fault addr --------\n"
                + "Abort message: 'FORTIFY: strcpy: prevented write past end of 4-byte buffer'\n");
        assertThat(t.signal()).isEqualTo(6);
        assertThat(t.faultAddress()).isNull();
        assertThat(t.abortMessage()).isEqualTo("FORTIFY: strcpy: prevented write past end of 4-byte buffer");
        assertThatThrownBy(() -> Tombstone.parse("no crash here")).hasMessageContaining("not a tombstone");
        assertThat(Tombstone.parse("signal 15 (signal 15), code -6 (SI_TKILL), fault addr 0x0\n").signalName())
                .isEqualTo("signal 15");
    }

    @Test
    void threadtimeLinesGiveTimePidTidPriorityTagAndMessage() {
        LogLine l = LogLine.parse("11-24 03:01:05.553  1042  1043 I mdemu-demo: first primes: 2 3 5");
        assertThat(l.pid()).isEqualTo(1042);
        assertThat(l.tid()).isEqualTo(1043);
        assertThat(l.priority()).isEqualTo('I');
        assertThat(l.tag()).isEqualTo("mdemu-demo");
        assertThat(l.message()).isEqualTo("first primes: 2 3 5");
        LogLine padded = LogLine.parse("01-01 00:00:00.001  1042  1042 F DEBUG   : signal 11 (SIGSEGV)");
        assertThat(padded.tag()).isEqualTo("DEBUG");
        assertThat(padded.message()).isEqualTo("signal 11 (SIGSEGV)");
        assertThat(LogLine.parse("    a continuation")).isNull();
        assertThat(LogLine.priorityLetter(6)).isEqualTo('E');
    }

    @Test
    void logAssertionsFailNamingWhatIsMissingAndQuotingTheLog() {
        List<LogLine> lines = List.of(LogLine.parse("01-01 00:00:00.001  1  1 I calc    : served add"),
                LogLine.parse("01-01 00:00:00.002  1  1 W calc    : slow"),
                LogLine.parse("01-01 00:00:00.003  1  1 E other   : broken pipe 32"));
        LogAssert log = new LogAssert(lines, "the log");
        log.containsLine("served add").hasLine('W', "calc", "slow").containsMessageMatching("broken pipe \\d+")
                .containsMessagesInOrder("served", "broken").withTag("calc").doesNotContainMessageContaining("broken");
        log.withPriorityAtLeast('W').hasTag("other").doesNotContainMessageContaining("served");
        assertThatThrownBy(() -> log.containsMessagesInOrder("broken", "served")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("\"served\" is missing after the ones before it")
                .hasMessageContaining("E other   : broken pipe 32");
        assertThatThrownBy(() -> log.hasLine('E', "calc", "slow")).hasMessageContaining("the log has no line E calc");
    }

    @Test
    void tombstoneAndStopAssertionsCheckWhatTheyName() {
        Tombstone t = Tombstone.parse(TOMBSTONE);
        VmStop crash = new VmStop(6, null, null, null, t, "console line\n", "");
        MdemuAssertions.assertThat(crash).crashedWith(11).hasFaultAddress(0x10).hasFrame("write_to_bad_pointer")
                .hasFrameIn("libsegv.so").hasFramesInOrder("write_to_bad_pointer", "AVmPayload_main");
        assertThatThrownBy(() -> MdemuAssertions.assertThat(crash).exitedWith(0))
                .hasMessageContaining("expected the VM to stop with SHUTDOWN but it stopped with CRASH");
        assertThatThrownBy(() -> MdemuAssertions.assertThat(t).hasFrame("main"))
                .hasMessageContaining("no backtrace frame in main");
        VmStop exit = new VmStop(3, 4, null, null, null, "a\nb\n", "");
        MdemuAssertions.assertThat(exit).exitedWith(4).console().containsLinesInOrder("a", "b");
        assertThatThrownBy(() -> MdemuAssertions.assertThat(exit).exitedWith(0)).hasMessageContaining("expected exit code 0 but it was 4");
    }

    @Test
    void secretAndServiceSpecificAssertions() {
        byte[] a = new byte[32], b = new byte[32];
        a[0] = 1;
        b[0] = 2;
        MdemuAssertions.assertThatSecret(a).isASecretOf(32).differsFrom(b).isSameSecretAs(a.clone());
        assertThatThrownBy(() -> MdemuAssertions.assertThatSecret(new byte[32]).isASecretOf(32)).hasMessageContaining("all zeros");
        assertThatThrownBy(() -> MdemuAssertions.assertThatSecret(a).differsFrom(a.clone())).hasMessageContaining("both are");
        MdemuAssertions.assertThatServiceSpecificException(() -> {
            throw new android.os.ServiceSpecificException(7, "no");
        }).hasErrorCode(7).hasMessage("no");
        assertThatThrownBy(() -> MdemuAssertions.assertThatServiceSpecificException(() -> { }))
                .hasMessageContaining("but the call returned");
        assertThatThrownBy(() -> MdemuAssertions.assertThatServiceSpecificException(() -> {
            throw new IllegalStateException("other");
        })).hasMessageContaining("but the call threw java.lang.IllegalStateException: other");
    }
}
