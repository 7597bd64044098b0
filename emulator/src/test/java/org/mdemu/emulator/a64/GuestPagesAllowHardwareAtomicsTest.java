package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Guest pages must allow hardware atomic accesses on every JDK the engine runs on (17 to 25), or several cores would
 * lose each other's updates: byte-array views do up to JDK 21 and refuse from JDK 22 on (JDK-8318966), direct-buffer
 * views do on every JDK. These pin what each probe must say on the running JDK, so that a JDK changing either is
 * noticed here rather than as a slower or serialised engine, and that the pages' form is the one the probes ask for.
 */
class GuestPagesAllowHardwareAtomicsTest {
    private static final int FEATURE = Runtime.version().feature();

    @Test
    void directBuffersAllowAtomicsOnEveryJdk() {
        assertThat(PagedMemory.DIRECT_ATOMICS).as("direct-buffer atomics on JDK %d", FEATURE).isTrue();
    }

    @Test
    void byteArraysAllowAtomicsUpToJdk21Only() {
        assertThat(PagedMemory.HEAP_ATOMICS).as("byte-array atomics on JDK %d", FEATURE).isEqualTo(FEATURE < 22);
    }

    @Test
    void pagesTakeTheFormWhoseAtomicsWork() {
        String asked = System.getProperty("mdemu.pages", "");
        boolean expectDirect = asked.equals("direct") || !asked.equals("heap") && !PagedMemory.HEAP_ATOMICS;
        assertThat(PagedMemory.DIRECT).as("-Dmdemu.pages=%s on JDK %d", asked, FEATURE).isEqualTo(expectDirect);
        assertThat(PagedMemory.DIRECT ? PagedMemory.DIRECT_ATOMICS : PagedMemory.HEAP_ATOMICS).isTrue();
    }
}
