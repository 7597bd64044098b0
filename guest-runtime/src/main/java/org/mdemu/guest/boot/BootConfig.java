package org.mdemu.guest.boot;

import java.nio.file.Path;
import org.mdemu.guest.runtime.OutputPipe;
import org.mdemu.vsock.VsockDevice;

/**
 * What microdroid_manager is told about the payload to run (the VM config and payload metadata).
 *
 * @param apk the APK on the host
 * @param payloadBinaryName the library in lib/arm64-v8a to run, or null to use payloadConfigPath
 * @param payloadConfigPath path inside the APK of a vm_config.json, or null
 * @param debugFull whether the VM is debuggable (payload stdio reaches the console)
 * @param memoryBytes guest memory limit
 * @param cpus number of virtual CPUs the guest sees
 * @param console where console output goes, or null to drop it
 * @param log where logcat output goes, or null to drop it
 * @param instanceDirectory the instance's directory on the host: instance record, storage image, sealed state
 * @param deterministicSeed the seed of deterministic mode (virtual clock, instruction-budget scheduling, seeded
 *                          randomness), or null for the normal mode
 * @param vsock the VM's vsock device (its CID on the host's fabric), or null for a VM without vsock
 */
public record BootConfig(Path apk, String payloadBinaryName, String payloadConfigPath, boolean debugFull,
                         long memoryBytes, int cpus, boolean protectedVm, OutputPipe console, OutputPipe log,
                         Path instanceDirectory, Long deterministicSeed, VsockDevice vsock) {
    public boolean deterministic() {
        return deterministicSeed != null;
    }
}
