package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.virtualmachine.VirtualMachineCallback;

/**
 * The libc conformance run inside the guest (issue 12): libconformance.so is the portable suite that also runs
 * against glibc under qemu-aarch64 (tests/payloads/reference.sh), libbionic_suite.so checks bionic's own behaviour,
 * and libcrash_detail.so aborts with crash details that the tombstone must show.
 */
class LibcConformanceTest {
    @TempDir
    Path instances;

    @Test
    void portableLibcChecksPassInsideTheGuest() throws Exception {
        FixtureRun r = FixtureRun.run(instances, "libc_conformance", "libconformance.so");
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok regex leftmost-longest").contains("ok iconv UTF-8 to UTF-16LE").contains("ok dn_expand the root")
                .contains("ok fts order with a comparator and FTS_SKIP").contains("ok dlsym(RTLD_DEFAULT) does not see RTLD_LOCAL")
                .contains("ok ERRORCHECK relock is EDEADLK").contains("ok RECURSIVE relock succeeds")
                .contains("ok _Unwind_RaiseException runs the cleanups in order to the handler")
                .contains("ok statvfs(\"/\") reports blocks").contains("ok rewind clears the error indicator")
                .contains("libc_conformance failures=0");
        assertThat(r.callback().exitCode).isZero();
    }

    @Test
    void bionicsOwnBehaviourMatchesInsideTheGuest() throws Exception {
        FixtureRun r = FixtureRun.run(instances, "libc_conformance", "libbionic_suite.so");
        assertThat(r.console()).doesNotContain("FAIL").contains("ok fdsan owner tags").contains("ok msgget is ENOSYS")
                .contains("ok getpwnam(shell)").contains("ok malloc_iterate finds the block")
                .contains("ok printf %n aborts as bionic's")
                .contains("libc_bionic_suite failures=0");
        assertThat(r.log()).contains("attempted to close file descriptor")
                .contains("Abort message: 'FORTIFY: %n not allowed on Android'");
        assertThat(r.callback().exitCode).isZero();
    }

    @Test
    void crashDetailsAppearInTheTombstone() throws Exception {
        FixtureRun r = FixtureRun.run(instances, "crash_detail", "libcrash_detail.so");
        assertThat(r.callback().stopReason).isEqualTo(VirtualMachineCallback.STOP_REASON_CRASH);
        assertThat(r.vm().getCrashReport().tombstone())
                .contains("Extra crash detail: stage: 'garbage_collection'")
                .contains("Extra crash detail: count\\001: '7'")
                .doesNotContain("never shown");
    }
}
