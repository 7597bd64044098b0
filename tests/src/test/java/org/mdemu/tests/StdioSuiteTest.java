package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.virtualmachine.VirtualMachineCallback;

/**
 * The C library checked from inside the guest: libstdio_suite.so (scanf, streams, stdlib, string, ctype, locale,
 * wchar) and libfortify.so (a buffer overflow caught by a FORTIFY check).
 */
class StdioSuiteTest {
    @TempDir
    Path instances;

    private FixtureRun run(String name) throws Exception {
        return FixtureRun.run(instances, name, "lib" + name + ".so");
    }

    @Test
    void cLibraryChecksPassInsideTheGuest() throws Exception {
        FixtureRun r = run("stdio_suite");
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok sscanf width+set").contains("ok fscanf from a stream").contains("ok scanf after freopen")
                .contains("ok getdelim").contains("ok tmpfile round trip").contains("ok open_memstream grows")
                .contains("ok bsearch finds").contains("ok srand48(0) lrand48").contains("ok strtold is binary128 in q0")
                .contains("ok printf %Lf expands binary128").contains("ok environ sees setenv").contains("ok strtok")
                .contains("ok __strncat_chk").contains("ok _ctype_ table").contains("ok newlocale/uselocale")
                .contains("ok mbrtowc partial").contains("ok isw classes").contains("ok fgetwc/ungetwc")
                .contains("dprintf works").contains("chk write").contains("stdio_suite failures=0");
        assertThat(r.callback().exitCode).isZero();
    }

    @Test
    void fortifiedOverflowAbortsWithBionicsMessage() throws Exception {
        FixtureRun r = run("fortify");
        assertThat(r.callback().stopReason).isEqualTo(VirtualMachineCallback.STOP_REASON_CRASH);
        assertThat(r.vm().getCrashReport().signal()).isEqualTo(6);
        assertThat(r.vm().getCrashReport().tombstone())
                .contains("FORTIFY: strcpy: prevented write past end of 4-byte buffer")
                .contains("libfortify.so (AVmPayload_main+");
    }
}
