package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_SHUTDOWN;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ELF TLS (static and dlopen'ed modules) and emulated TLS, checked from inside the guest. */
class ThreadLocalStorageTest {
    @TempDir
    Path instances;

    @Test
    void threadLocalVariablesOfThePayloadItsLibraryAndADlopenedLibraryArePerThread() throws Exception {
        FixtureRun r = FixtureRun.run(instances, "tls_suite", "libtls_suite.so");
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok initialised __thread variable has its initial value in the main thread")
                .contains("ok _Thread_local array starts zeroed")
                .contains("ok a TLS block larger than a page is zeroed in the main thread")
                .contains("ok 64-byte aligned TLS variable is aligned and initialised")
                .contains("ok TLS variable of a DT_NEEDED library seen through TLSDESC")
                .contains("ok initial-exec access reaches the library's variable")
                .contains("ok dlopen of a library with TLS")
                .contains("ok dlsym of a TLS variable gives the calling thread's copy")
                .contains("ok dlopened library's TLS variable has its initial value in the main thread")
                .contains("ok every thread starts with the initial values")
                .contains("ok every thread starts with zeroed .tbss")
                .contains("ok every thread keeps its own copy")
                .contains("ok a needed library's TLS is per thread")
                .contains("ok dlopened TLS is per thread, also for threads created before the dlopen")
                .contains("ok the main thread's copies are untouched by the workers")
                .contains("tls failures=0");
        assertThat(r.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
    }

    @Test
    void emulatedTlsWorksOnPthreadKeys() throws Exception {
        FixtureRun r = FixtureRun.run(instances, "tls_emulated", "libtls_emulated.so");
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok emulated TLS variable starts with its initial value")
                .contains("ok each thread has its own emulated copy")
                .contains("ok the main thread's emulated copy is untouched")
                .contains("ok per-thread emulated storage is freed by the key destructor")
                .contains("emutls failures=0");
        assertThat(r.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
    }
}
