package org.mdemu.virtualmachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instances as AVF keeps them: create, get, getOrCreate, delete, and which config changes an instance accepts. */
class VirtualMachineInstancesTest {
    @TempDir
    Path dir;

    private static VirtualMachineConfig config(Consumer<VirtualMachineConfig.Builder> settings) {
        VirtualMachineConfig.Builder b = new VirtualMachineConfig.Builder().setApkPath(Path.of("/apps/app.apk"))
                .setPayloadBinaryName("libpayload.so").setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL);
        settings.accept(b);
        return b.build();
    }

    @Test
    void compatibleConfigsDifferOnlyInWhatLeavesTheIdentityAlone() {
        VirtualMachineConfig base = config(b -> b.setEncryptedStorageBytes(1 << 20));
        assertThat(base.isCompatibleWith(config(b -> b.setEncryptedStorageBytes(1 << 20).setMemoryBytes(512L << 20)
                .setCpuTopology(VirtualMachineConfig.CPU_TOPOLOGY_MATCH_HOST).setCpuEngine(CpuEngine.UNICORN1)
                .setDeterministic(3)))).isTrue();
        assertThat(base.isCompatibleWith(config(b -> b.setEncryptedStorageBytes(1 << 20)
                .setApkPath(Path.of("/downloads/app-v2.apk")))))
                .as("AVF compares no APK path: an updated APK elsewhere boots, and payload verification decides").isTrue();
        for (VirtualMachineConfig other : new VirtualMachineConfig[] {
                config(b -> { }),
                config(b -> b.setEncryptedStorageBytes(2 << 20)),
                config(b -> b.setEncryptedStorageBytes(1 << 20).setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_NONE)),
                config(b -> b.setEncryptedStorageBytes(1 << 20).setProtectedVm(true)),
                config(b -> b.setEncryptedStorageBytes(1 << 20).setVmOutputCaptured(true)),
                config(b -> b.setEncryptedStorageBytes(1 << 20).setPayloadBinaryName("libother.so"))}) {
            assertThat(base.isCompatibleWith(other)).as(other.toString()).isFalse();
        }
        assertThatThrownBy(() -> config(b -> b.setEncryptedStorageBytes(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encrypted storage size");
    }

    @Test
    void memoryAndStorageSizesHaveBounds() {
        assertThat(config(b -> b.setMemoryBytes(VirtualMachineConfig.MAX_MEMORY_BYTES)).getMemoryBytes()).isEqualTo(16L << 30);
        assertThatThrownBy(() -> config(b -> b.setMemoryBytes(VirtualMachineConfig.MAX_MEMORY_BYTES + 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside 16 MiB to 16384 MiB");
        assertThatThrownBy(() -> config(b -> b.setMemoryBytes(15L << 20)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside 16 MiB to 16384 MiB");
        assertThatThrownBy(() -> config(b -> b.setEncryptedStorageBytes((1L << 30) + 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("above the 1024 MiB maximum");
    }

    @Test
    void instancesPersistAndDeleteRemovesEverything() throws Exception {
        VirtualMachineManager manager = new VirtualMachineManager(dir);
        VirtualMachineConfig config = config(b -> b.setEncryptedStorageBytes(4096));
        VirtualMachine vm = manager.create("vm", config);
        assertThatThrownBy(() -> manager.create("vm", config)).isInstanceOf(VirtualMachineException.class)
                .hasMessageContaining("already exists");
        assertThat(manager.getOrCreate("vm", config(b -> { }))).as("AVF: the config is used only to create").isSameAs(vm);
        VirtualMachine reloaded = new VirtualMachineManager(dir).get("vm");
        assertThat(reloaded.getConfig()).isEqualTo(config);
        assertThat(reloaded.getConfig().getEncryptedStorageBytes()).isEqualTo(4096);
        assertThat(new VirtualMachineManager(dir).list()).containsExactly("vm");
        Files.writeString(vm.getDirectory().resolve("storage.img"), "anything the VM wrote");
        manager.delete("vm");
        assertThat(vm.getStatus()).isEqualTo(VirtualMachine.STATUS_DELETED);
        assertThat(dir.resolve("vm")).doesNotExist();
        assertThat(manager.get("vm")).isNull();
        assertThatThrownBy(() -> manager.delete("vm")).isInstanceOf(VirtualMachineException.class)
                .hasMessageContaining("does not exist");
        Files.createDirectories(dir.resolve("damaged"));
        Files.writeString(dir.resolve("damaged/config.properties"), "not a config\n");
        assertThatThrownBy(() -> manager.get("damaged")).isInstanceOf(VirtualMachineException.class);
        manager.delete("damaged");
        assertThat(dir.resolve("damaged")).as("a damaged instance can still be deleted").doesNotExist();
    }

    @Test
    void setConfigAcceptsOnlyCompatibleConfigsAndStoresThem() throws Exception {
        VirtualMachineManager manager = new VirtualMachineManager(dir);
        VirtualMachine vm = manager.create("vm", config(b -> { }));
        VirtualMachineConfig bigger = config(b -> b.setMemoryBytes(1L << 30));
        vm.setConfig(bigger);
        assertThat(new VirtualMachineManager(dir).get("vm").getConfig().getMemoryBytes()).isEqualTo(1L << 30);
        assertThatThrownBy(() -> vm.setConfig(config(b -> b.setProtectedVm(true))))
                .isInstanceOf(VirtualMachineException.class).hasMessageContaining("incompatible");
        assertThat(vm.getConfig()).isEqualTo(bigger);
    }
}
