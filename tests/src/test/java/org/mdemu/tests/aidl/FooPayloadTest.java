package org.mdemu.tests.aidl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.junit.MdemuAssertions.assertThat;
import static org.mdemu.junit.MdemuAssertions.assertThatServiceSpecificException;

import org.junit.jupiter.api.Test;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VsockService;
import org.mdemu.test.IFoo;

/** README.md's example, as it is shown there (DocumentationTest compares them): the C++ IFoo service from JUnit. */
@MdemuTest
class FooPayloadTest {
    @Payload(apk = "fixtures/apks/aidl_foo.apk", binary = "libaidl_foo.so", waitFor = Payload.WaitFor.READY)
    PayloadVm vm;                          // a VM per test, stopped and its instance deleted after it
    @VsockService(port = 5681)
    IFoo foo;                              // IFoo.Stub.asInterface(vm.connectToVsockServer(5681))

    @Test
    void theCppServiceAddsLogsAndFails() throws Exception {
        assertThat(foo.add(40, 2)).isEqualTo(42);
        assertThat(vm).log().withTag("aidl_foo").containsLine("served add");
        assertThatServiceSpecificException(() -> foo.fail(IFoo.ERROR_NOT_FOUND, "no such key"))
                .hasErrorCode(IFoo.ERROR_NOT_FOUND).hasMessage("no such key");
    }
}
