package org.mdemu.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mdemu.virtualmachine.VirtualMachineException;
import org.mdemu.virtualmachine.VirtualMachineManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code mdemu delete NAME}: removes an instance with everything it holds (record, secrets, encrypted storage),
 * as deleting an AVF VM does. NAME is an instance of the instances directory, or the path of an instance
 * directory (as run-app's INSTANCE_DIR).
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete an instance: its identity, secrets and encrypted storage are gone for good.")
final class DeleteCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "Instance name, or the path of an instance directory.")
    String name;

    @Mixin
    InstancesOption instances;

    @Override
    public Integer call() throws Exception {
        VirtualMachineManager manager;
        String instance;
        if (name.contains("/") || name.contains(java.io.File.separator)) {
            Path dir = Path.of(name).toAbsolutePath().normalize();
            manager = new VirtualMachineManager(dir.getParent());
            instance = dir.getFileName().toString();
        } else {
            manager = instances.manager();
            instance = name;
        }
        try {
            manager.delete(instance);
        } catch (VirtualMachineException e) {
            throw new BadInputException(e.getMessage());
        }
        System.out.println("deleted " + manager.getInstancesDirectory().resolve(instance));
        return 0;
    }
}
