package org.mdemu.tests;

import static org.mdemu.junit.MdemuAssertions.assertThat;
import static org.mdemu.tests.Apks.RUN;

import org.junit.jupiter.api.Test;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VmStop;

/**
 * The C library checked from inside the guest: libstdio_suite.so (scanf, streams, stdlib, string, ctype, locale,
 * wchar) and libfortify.so (a buffer overflow caught by a FORTIFY check).
 */
@MdemuTest
class StdioSuiteTest {
    @Test
    void cLibraryChecksPassInsideTheGuest(
            @Payload(apk = Apks.DIR + "stdio_suite.apk", binary = "libstdio_suite.so") PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r).console().doesNotContainLineContaining("FAIL")
                .containsLineContaining("ok sscanf width+set")
                .containsLineContaining("ok fscanf from a stream")
                .containsLineContaining("ok scanf after freopen")
                .containsLineContaining("ok getdelim")
                .containsLineContaining("ok tmpfile round trip")
                .containsLineContaining("ok open_memstream grows")
                .containsLineContaining("ok bsearch finds")
                .containsLineContaining("ok srand48(0) lrand48")
                .containsLineContaining("ok strtold is binary128 in q0")
                .containsLineContaining("ok printf %Lf expands binary128")
                .containsLineContaining("ok environ sees setenv")
                .containsLineContaining("ok strtok")
                .containsLineContaining("ok __strncat_chk")
                .containsLineContaining("ok _ctype_ table")
                .containsLineContaining("ok newlocale/uselocale")
                .containsLineContaining("ok mbrtowc partial")
                .containsLineContaining("ok isw classes")
                .containsLineContaining("ok fgetwc/ungetwc")
                .containsLineContaining("dprintf works")
                .containsLineContaining("chk write")
                .containsLineContaining("stdio_suite failures=0");
        assertThat(r).exitedWith(0);
    }

    @Test
    void fortifiedOverflowAbortsWithBionicsMessage(
            @Payload(apk = Apks.DIR + "fortify.apk", binary = "libfortify.so") PayloadVm vm) throws Exception {
        assertThat(vm.awaitStop(RUN)).crashedWith(6)
                .hasAbortMessage("FORTIFY: strcpy: prevented write past end of 4-byte buffer")
                .hasFrame("AVmPayload_main").hasFrameIn("libfortify.so");
    }
}
