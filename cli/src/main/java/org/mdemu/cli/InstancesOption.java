package org.mdemu.cli;

import java.nio.file.Path;
import org.mdemu.virtualmachine.VirtualMachineManager;
import picocli.CommandLine.Option;

/** {@code --instances DIR}: where named instances live (default: $MDEMU_HOME/instances or ~/.mdemu/instances). */
final class InstancesOption {
    @Option(names = "--instances", paramLabel = "DIR",
            description = "Directory of named instances (default: $MDEMU_HOME/instances, else ~/.mdemu/instances).")
    Path directory;

    Path resolved() {
        return directory != null ? directory.toAbsolutePath().normalize() : VirtualMachineManager.defaultInstancesDirectory();
    }
}
