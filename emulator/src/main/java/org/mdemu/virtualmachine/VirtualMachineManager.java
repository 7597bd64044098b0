package org.mdemu.virtualmachine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mdemu.vsock.VsockException;
import org.mdemu.vsock.VsockFabric;
import org.mdemu.vsock.VsockListener;

/**
 * Creates, finds and deletes named VM instances, as {@code android.system.virtualmachine.VirtualMachineManager}.
 * Each instance lives in its own directory under the instances directory (the role of the app's data directory);
 * everything the VM writes on the host stays inside it.
 */
public final class VirtualMachineManager {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** What {@link #isValidName} accepts, in words. */
    public static final String NAME_RULE = "use letters, digits, '.', '_' and '-' (at most 128, not starting with '.'"
            + " or '-')";
    static final String CONFIG_FILE = "config.properties";

    private final Path instancesDirectory;
    private final MdemuHome home;
    private final Map<String, VirtualMachine> open = new HashMap<>();

    /** Instances in this directory, on the device of the default {@link MdemuHome}. */
    public VirtualMachineManager(Path instancesDirectory) {
        this(instancesDirectory, MdemuHome.defaultHome());
    }

    /** Instances in this directory, on the device (device secret, attestation roots) of this home. */
    public VirtualMachineManager(Path instancesDirectory, MdemuHome home) {
        this.instancesDirectory = instancesDirectory.toAbsolutePath().normalize();
        this.home = home;
    }

    /** {@code $MDEMU_HOME/instances}, or {@code ~/.mdemu/instances}. */
    public static Path defaultInstancesDirectory() {
        return MdemuHome.defaultHome().instancesDirectory();
    }

    /** The installation whose device secret and attestation roots this manager's VMs use. */
    public MdemuHome getHome() {
        return home;
    }

    /**
     * Lets {@code AVmPayload_requestAttestationForTesting} succeed on this installation, as AVF's
     * {@code vm enable-test-attestation} does on a device; it stays enabled (the test root is kept in the home).
     */
    public void enableTestAttestation() throws VirtualMachineException {
        home.enableTestAttestation();
    }

    public Path getInstancesDirectory() {
        return instancesDirectory;
    }

    public synchronized VirtualMachine create(String name, VirtualMachineConfig config) throws VirtualMachineException {
        Path dir = directoryOf(name);
        if (Files.exists(dir.resolve(CONFIG_FILE))) {
            throw new VirtualMachineException("VM '" + name + "' already exists in " + dir);
        }
        try {
            Files.createDirectories(dir);
            config.store(dir.resolve(CONFIG_FILE));
        } catch (IOException e) {
            throw new VirtualMachineException("cannot create VM '" + name + "' in " + dir + ": " + e.getMessage(), e);
        }
        VirtualMachine vm = new VirtualMachine(name, dir, config, home);
        open.put(name, vm);
        return vm;
    }

    /** The existing instance of this name, or null if there is none. */
    public synchronized VirtualMachine get(String name) throws VirtualMachineException {
        VirtualMachine vm = open.get(name);
        if (vm != null) return vm;
        Path dir = directoryOf(name);
        if (!Files.exists(dir.resolve(CONFIG_FILE))) return null;
        vm = new VirtualMachine(name, dir, VirtualMachineConfig.load(dir.resolve(CONFIG_FILE)), home);
        open.put(name, vm);
        return vm;
    }

    public synchronized VirtualMachine getOrCreate(String name, VirtualMachineConfig config)
            throws VirtualMachineException {
        VirtualMachine vm = get(name);
        return vm != null ? vm : create(name, config);
    }

    /** Deletes a stopped instance and everything in its directory, a damaged one (unreadable config) included. */
    public synchronized void delete(String name) throws VirtualMachineException {
        Path dir = directoryOf(name);
        if (!Files.exists(dir.resolve(CONFIG_FILE))) throw new VirtualMachineException("VM '" + name + "' does not exist");
        VirtualMachine vm = open.get(name);
        if (vm != null && vm.getStatus() == VirtualMachine.STATUS_RUNNING) {
            throw new VirtualMachineException("VM '" + name + "' is running; stop it before deleting it");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new VirtualMachineException("cannot delete VM '" + name + "': " + e.getMessage(), e);
        }
        if (vm != null) vm.markDeleted();
        open.remove(name);
    }

    /**
     * Listens on a vsock port of the host (CID 2), which the payloads of every VM in this JVM can connect to
     * (AF_VSOCK connect to VMADDR_CID_HOST). An mdemu addition: on a device the host side of such a connection
     * belongs to the VMM. Close the listener to free the port.
     */
    public static VsockListener listenVsock(int port) throws VirtualMachineException {
        try {
            return VsockFabric.shared().host().listen(port, 128);
        } catch (VsockException e) {
            throw new VirtualMachineException("cannot listen on host vsock port " + Integer.toUnsignedString(port)
                    + ": " + e.getMessage(), e);
        }
    }

    /** Names of the instances in the instances directory. */
    public synchronized List<String> list() throws VirtualMachineException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(instancesDirectory)) return names;
        try (Stream<Path> dirs = Files.list(instancesDirectory)) {
            for (Path d : dirs.sorted().toList()) {
                if (Files.exists(d.resolve(CONFIG_FILE))) names.add(d.getFileName().toString());
            }
        } catch (IOException e) {
            throw new VirtualMachineException("cannot list " + instancesDirectory + ": " + e.getMessage(), e);
        }
        return names;
    }

    /** Whether an instance can have this name (it is also its directory's name). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private Path directoryOf(String name) throws VirtualMachineException {
        if (!isValidName(name)) {
            throw new VirtualMachineException("invalid VM name '" + name + "': " + NAME_RULE);
        }
        return instancesDirectory.resolve(name);
    }
}
