package org.mdemu.tests;

import static org.mdemu.junit.MdemuAssertions.assertThat;
import static org.mdemu.tests.Apks.RUN;

import org.junit.jupiter.api.Test;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VmStop;



/** ELF TLS (static and dlopen'ed modules) and emulated TLS, checked from inside the guest. */
@MdemuTest
class ThreadLocalStorageTest {
    @Test
    void threadLocalVariablesOfThePayloadItsLibraryAndADlopenedLibraryArePerThread(
            @Payload(apk = Apks.DIR + "tls_suite.apk", binary = "libtls_suite.so") PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r).console().doesNotContainLineContaining("FAIL")
                .containsLineContaining("ok initialised __thread variable has its initial value in the main thread")
                .containsLineContaining("ok _Thread_local array starts zeroed")
                .containsLineContaining("ok a TLS block larger than a page is zeroed in the main thread")
                .containsLineContaining("ok 64-byte aligned TLS variable is aligned and initialised")
                .containsLineContaining("ok TLS variable of a DT_NEEDED library seen through TLSDESC")
                .containsLineContaining("ok initial-exec access reaches the library's variable")
                .containsLineContaining("ok dlopen of a library with TLS")
                .containsLineContaining("ok dlsym of a TLS variable gives the calling thread's copy")
                .containsLineContaining("ok dlopened library's TLS variable has its initial value in the main thread")
                .containsLineContaining("ok every thread starts with the initial values")
                .containsLineContaining("ok every thread starts with zeroed .tbss")
                .containsLineContaining("ok every thread keeps its own copy")
                .containsLineContaining("ok a needed library's TLS is per thread")
                .containsLineContaining("ok dlopened TLS is per thread, also for threads created before the dlopen")
                .containsLineContaining("ok the main thread's copies are untouched by the workers")
                .containsLineContaining("tls failures=0");
        assertThat(r).exitedWith(0);
    }

    @Test
    void emulatedTlsWorksOnPthreadKeys(
            @Payload(apk = Apks.DIR + "tls_emulated.apk", binary = "libtls_emulated.so") PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r).console().doesNotContainLineContaining("FAIL")
                .containsLineContaining("ok emulated TLS variable starts with its initial value")
                .containsLineContaining("ok each thread has its own emulated copy")
                .containsLineContaining("ok the main thread's emulated copy is untouched")
                .containsLineContaining("ok per-thread emulated storage is freed by the key destructor")
                .containsLineContaining("emutls failures=0");
        assertThat(r).exitedWith(0);
    }
}
