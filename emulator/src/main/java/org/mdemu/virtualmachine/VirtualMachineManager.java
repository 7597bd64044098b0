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
    private static final String CONFIG_FILE = "config.properties";

    private final Path instancesDirectory;
    private final Map<String, VirtualMachine> open = new HashMap<>();

    public VirtualMachineManager(Path instancesDirectory) {
        this.instancesDirectory = instancesDirectory.toAbsolutePath().normalize();
    }

    /** {@code $MDEMU_HOME/instances}, or {@code ~/.mdemu/instances}. */
    public static Path defaultInstancesDirectory() {
        String home = System.getenv("MDEMU_HOME");
        Path root = home != null && !home.isEmpty() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".mdemu");
        return root.resolve("instances");
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
        VirtualMachine vm = new VirtualMachine(name, dir, config);
        open.put(name, vm);
        return vm;
    }

    /** The existing instance of this name, or null if there is none. */
    public synchronized VirtualMachine get(String name) throws VirtualMachineException {
        VirtualMachine vm = open.get(name);
        if (vm != null) return vm;
        Path dir = directoryOf(name);
        if (!Files.exists(dir.resolve(CONFIG_FILE))) return null;
        vm = new VirtualMachine(name, dir, VirtualMachineConfig.load(dir.resolve(CONFIG_FILE)));
        open.put(name, vm);
        return vm;
    }

    public synchronized VirtualMachine getOrCreate(String name, VirtualMachineConfig config)
            throws VirtualMachineException {
        VirtualMachine vm = get(name);
        return vm != null ? vm : create(name, config);
    }

    /** Deletes a stopped instance and everything in its directory. */
    public synchronized void delete(String name) throws VirtualMachineException {
        VirtualMachine vm = get(name);
        if (vm == null) throw new VirtualMachineException("VM '" + name + "' does not exist");
        if (vm.getStatus() == VirtualMachine.STATUS_RUNNING) {
            throw new VirtualMachineException("VM '" + name + "' is running; stop it before deleting it");
        }
        try (Stream<Path> files = Files.walk(vm.getDirectory())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new VirtualMachineException("cannot delete VM '" + name + "': " + e.getMessage(), e);
        }
        vm.markDeleted();
        open.remove(name);
    }

    /** Names of the instances in the instances directory. */
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

    private Path directoryOf(String name) throws VirtualMachineException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new VirtualMachineException("invalid VM name '" + name
                    + "': use letters, digits, '.', '_' and '-' (at most 128, not starting with '.' or '-')");
        }
        return instancesDirectory.resolve(name);
    }
}
