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
 * @param encryptedStorageBytes capacity of the encrypted storage at /mnt/encryptedstore, 0 for none
 * @param deterministicSeed the seed of deterministic mode (virtual clock, instruction-budget scheduling, seeded
 *                          randomness), or null for the normal mode
 * @param device the device secret and attestation authorities the host provides
 * @param vsock the VM's vsock device (its CID on the host's fabric), or null for a VM without vsock
 * @param watchdogNanos how long every thread must have been blocked for good before the console says so
 */
public record BootConfig(Path apk, String payloadBinaryName, String payloadConfigPath, boolean debugFull,
                         long memoryBytes, int cpus, boolean protectedVm, OutputPipe console, OutputPipe log,
                         Path instanceDirectory, long encryptedStorageBytes, Long deterministicSeed,
                         HostDevice device, VsockDevice vsock, long watchdogNanos) {
    /** The watchdog's delay when none is chosen. */
    public static final long DEFAULT_WATCHDOG_NANOS = 10_000_000_000L;

    public BootConfig(Path apk, String payloadBinaryName, String payloadConfigPath, boolean debugFull,
                      long memoryBytes, int cpus, boolean protectedVm, OutputPipe console, OutputPipe log,
                      Path instanceDirectory, long encryptedStorageBytes, Long deterministicSeed,
                      HostDevice device, VsockDevice vsock) {
        this(apk, payloadBinaryName, payloadConfigPath, debugFull, memoryBytes, cpus, protectedVm, console, log,
                instanceDirectory, encryptedStorageBytes, deterministicSeed, device, vsock, DEFAULT_WATCHDOG_NANOS);
    }

    public boolean deterministic() {
        return deterministicSeed != null;
    }
}
