package org.mdemu.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mdemu.virtualmachine.VirtualMachineManager;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Where run-app, list and delete find an instance. A bare NAME is an instance of the instances directory
 * ({@code --instances DIR}, else {@code $MDEMU_HOME/instances}, else {@code ~/.mdemu/instances}), the one
 * {@code mdemu list} shows; an argument with a '/' ({@code ./myvm}, {@code /tmp/vm}) is that directory, as AVF's
 * {@code vm run-app} takes an instance image path.
 */
record InstanceLocation(Path instancesDirectory, String name) {
    static InstanceLocation of(CommandSpec command, String argument, InstancesOption instances) {
        InstanceLocation location;
        if (isPath(argument)) {
            Path dir = Path.of(argument).toAbsolutePath().normalize();
            if (dir.getParent() == null) {
                throw new ParameterException(command.commandLine(), "'" + argument + "' cannot be an instance directory");
            }
            location = new InstanceLocation(dir.getParent(), dir.getFileName().toString());
        } else {
            location = new InstanceLocation(instances.resolved(), argument);
        }
        if (!VirtualMachineManager.isValidName(location.name)) {
            throw new ParameterException(command.commandLine(), "invalid instance name '" + location.name + "': "
                    + VirtualMachineManager.NAME_RULE);
        }
        return location;
    }

    private static boolean isPath(String argument) {
        return argument.contains("/") || argument.contains(File.separator) || argument.equals(".") || argument.equals("..");
    }

    Path directory() {
        return instancesDirectory.resolve(name);
    }

    VirtualMachineManager manager() {
        return new VirtualMachineManager(instancesDirectory);
    }

    /** A hint when a bare NAME is not an instance but ./NAME is an instance directory (made by older mdemu). */
    static String localDirectoryHint(String argument) {
        if (isPath(argument) || !Files.exists(Path.of(argument, "config.properties"))) return "";
        return "; ./" + argument + " is an instance directory: name it with a path (./" + argument + ")";
    }
}
