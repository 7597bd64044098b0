package org.mdemu.cli;

import java.util.concurrent.Callable;
import org.mdemu.virtualmachine.VirtualMachineException;
import org.mdemu.virtualmachine.VirtualMachineManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mdemu delete INSTANCE}: removes an instance with everything it holds (record, secrets, encrypted storage),
 * as deleting an AVF VM does. INSTANCE is what run-app was given: a NAME in the instances directory or a path.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete an instance: its identity, secrets and encrypted storage are gone for good.")
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand
    Mdemu mdemu;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INSTANCE",
            description = "A NAME in the instances directory (see `mdemu list`), or an instance directory's path (./myvm).")
    String instance;

    @Mixin
    InstancesOption instances;

    @Override
    public Integer call() throws Exception {
        InstanceLocation location = InstanceLocation.of(spec, instance, instances);
        VirtualMachineManager manager = location.manager();
        try {
            // Not get(): a damaged instance, whose config cannot be read, must still be deletable.
            if (!manager.list().contains(location.name())) {
                throw new BadInputException("no instance " + location.name() + " in " + location.instancesDirectory()
                        + InstanceLocation.localDirectoryHint(instance));
            }
            manager.delete(location.name());
        } catch (VirtualMachineException e) {
            throw new BadInputException(e.getMessage());
        }
        mdemu.out().println("deleted " + location.directory());
        return 0;
    }
}
