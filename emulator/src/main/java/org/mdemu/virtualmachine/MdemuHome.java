package org.mdemu.virtualmachine;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.mdemu.guest.attestation.AttestationAuthority;
import org.mdemu.guest.boot.HostDevice;
import org.mdemu.guest.dice.OpenDice;

/**
 * The per-installation state of mdemu, the role a device's hardware and its remote attestation service play on
 * Android: {@code $MDEMU_HOME}, else {@code ~/.mdemu}. It holds the DICE device secret (UDS) every VM's DICE chain
 * is rooted in, the attestation root CA and, once enabled, the test attestation root. Each file is created on first
 * use, readable by the owner only (mode 0600 where POSIX permissions exist); deleting them makes a "new device":
 * new VM secrets and a new attestation root.
 */
public final class MdemuHome {
    static final String DEVICE_SECRET = "device/uds.bin";
    static final String ATTESTATION_ROOT = "device/attestation-root.der";
    static final String TEST_ATTESTATION_ROOT = "device/test-attestation-root.der";

    private final Path root;

    private MdemuHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static MdemuHome at(Path root) {
        return new MdemuHome(root);
    }

    /** {@code $MDEMU_HOME}, or {@code ~/.mdemu}. */
    public static MdemuHome defaultHome() {
        String home = System.getenv("MDEMU_HOME");
        return new MdemuHome(home != null && !home.isEmpty() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".mdemu"));
    }

    public Path root() {
        return root;
    }

    public Path instancesDirectory() {
        return root.resolve("instances");
    }

    /** The device as this installation's VMs see it; creates the secret and the attestation root on first use. */
    public synchronized HostDevice device() throws VirtualMachineException {
        Path secretFile = root.resolve(DEVICE_SECRET);
        if (!Files.exists(secretFile)) {
            byte[] secret = new byte[OpenDice.CDI_SIZE];
            new SecureRandom().nextBytes(secret);
            writeOwnerOnly(secretFile, secret);
        }
        byte[] secret = read(secretFile);
        if (secret.length != OpenDice.CDI_SIZE) {
            throw new VirtualMachineException(secretFile + " holds " + secret.length + " bytes instead of "
                    + OpenDice.CDI_SIZE + ": it is damaged (deleting it gives every VM instance new secrets)");
        }
        return new HostDevice(secret, authority(ATTESTATION_ROOT, "mdemu attestation root"),
                isTestAttestationEnabled() ? authority(TEST_ATTESTATION_ROOT, null) : null);
    }

    /** Enables test attestation (AVF's {@code vm enable-test-attestation}): creates the test root once. */
    public synchronized void enableTestAttestation() throws VirtualMachineException {
        authority(TEST_ATTESTATION_ROOT, "mdemu test attestation root");
    }

    public synchronized boolean isTestAttestationEnabled() {
        return Files.exists(root.resolve(TEST_ATTESTATION_ROOT));
    }

    private AttestationAuthority authority(String name, String commonName) throws VirtualMachineException {
        Path file = root.resolve(name);
        if (!Files.exists(file)) writeOwnerOnly(file, AttestationAuthority.create(commonName).encoded());
        try {
            return AttestationAuthority.decode(read(file));
        } catch (GeneralSecurityException e) {
            throw new VirtualMachineException(file + " is damaged (" + e.getMessage() + "); delete it to make a new"
                    + " attestation root", e);
        }
    }

    private static byte[] read(Path file) throws VirtualMachineException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new VirtualMachineException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates an owner-only file atomically; when another process created it first, theirs is kept. */
    private static void writeOwnerOnly(Path file, byte[] value) throws VirtualMachineException {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".new-", ".tmp");
            try {
                if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                }
                Files.write(temp, value, StandardOpenOption.TRUNCATE_EXISTING);
                Files.move(temp, file);
            } catch (FileAlreadyExistsException raced) {
                // another mdemu process made it meanwhile
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new VirtualMachineException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }
}
