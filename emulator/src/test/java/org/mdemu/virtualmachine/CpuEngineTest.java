package org.mdemu.virtualmachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mdemu.emulator.a64.JavaMachine;
import org.mdemu.emulator.cpu.UnicornMachine;
import org.mdemu.guest.machine.Machine;

/** The engine choice: names, the default, and the machine each makes. */
class CpuEngineTest {
    @Test
    void javaIsChosenByNameAndMakesAJavaMachine() {
        assertThat(CpuEngine.parse("java")).isEqualTo(CpuEngine.JAVA);
        assertThat(CpuEngine.parse(" Java ")).isEqualTo(CpuEngine.JAVA);
        assertThat(CpuEngine.JAVA.cliName()).isEqualTo("java");
        try (Machine m = CpuEngine.JAVA.newMachine(1)) {
            assertThat(m).isInstanceOf(JavaMachine.class);
            assertThat(m.cpu().pausableFromAnotherThread()).isTrue();
            assertThat(m.cpu().hwcap()).isEqualTo(0x1fbL); // FP ASIMD AES PMULL SHA1 SHA2 CRC32 ATOMICS
        }
        try (Machine m = CpuEngine.UNICORN2.newMachine(1)) {
            assertThat(m).isInstanceOf(UnicornMachine.class);
            assertThat(m.cpu().hwcap()).as("the same features as Unicorn 2").isEqualTo(0x1fbL);
        }
        assertThatThrownBy(() -> CpuEngine.parse("qemu")).hasMessageContaining("unicorn1, unicorn2 or java");
    }

    /** On every JDK (JDK 22 and later included: pages are direct buffers there), each vCPU asked for is a core. */
    @Test
    void javaRunsEveryVcpuInParallel() {
        try (Machine m = CpuEngine.JAVA.newMachine(2)) {
            assertThat(m.cpu()).as("JDK %d", Runtime.version().feature())
                    .isInstanceOfSatisfying(org.mdemu.guest.machine.MultiCoreCpu.class, c -> assertThat(c.cores()).isEqualTo(2));
        }
    }

    @Test
    void javaIsTheDefaultAndThePropertyCanChooseUnicorn2() {
        String before = System.getProperty(CpuEngine.PROPERTY);
        try {
            System.clearProperty(CpuEngine.PROPERTY);
            assertThat(CpuEngine.defaultEngine()).isEqualTo(CpuEngine.JAVA);
            assertThat(new VirtualMachineConfig.Builder().setApkPath(java.nio.file.Path.of("app.apk")).setPayloadBinaryName("libp.so")
                    .build().getCpuEngine()).isEqualTo(CpuEngine.JAVA);
            System.setProperty(CpuEngine.PROPERTY, "unicorn2");
            assertThat(CpuEngine.defaultEngine()).isEqualTo(CpuEngine.UNICORN2);
            assertThat(new VirtualMachineConfig.Builder().setApkPath(java.nio.file.Path.of("app.apk")).setPayloadBinaryName("libp.so")
                    .build().getCpuEngine()).isEqualTo(CpuEngine.UNICORN2);
        } finally {
            if (before == null) System.clearProperty(CpuEngine.PROPERTY);
            else System.setProperty(CpuEngine.PROPERTY, before);
        }
    }
}
