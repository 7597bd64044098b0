package org.mdemu.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mdemu.guest.identity.InstanceRecord;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineException;
import org.mdemu.virtualmachine.VirtualMachineManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code mdemu list}: the named instances, as {@code vm list} lists the VMs. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the instances of the instances directory (those `mdemu run-app APK NAME` creates): name,"
                + " APK, payload, encrypted storage and the payload each first booted.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    Mdemu mdemu;

    @Mixin
    InstancesOption instances;

    @Override
    public Integer call() throws Exception {
        PrintStream out = mdemu.out();
        Path directory = instances.resolved();
        VirtualMachineManager manager = new VirtualMachineManager(directory);
        List<String> names;
        try {
            names = manager.list();
        } catch (VirtualMachineException e) {
            throw new BadInputException(e.getMessage());
        }
        if (names.isEmpty()) {
            out.println("no instances in " + directory + " (mdemu run-app APK NAME creates one)");
            return 0;
        }
        out.println("instances in " + directory + ":");
        for (String name : names) {
            VirtualMachine vm;
            try {
                vm = manager.get(name);
            } catch (VirtualMachineException e) {
                // One damaged instance must not hide the others.
                out.println("  " + name + "\tunusable: " + e.getMessage() + " (mdemu delete can still remove it)");
                continue;
            }
            VirtualMachineConfig c = vm.getConfig();
            String payload = c.getPayloadBinaryName() != null ? c.getPayloadBinaryName() : c.getPayloadConfigPath();
            String storage = c.isEncryptedStorageEnabled() ? c.getEncryptedStorageBytes() + " bytes" : "none";
            out.println("  " + name + "\tapk=" + c.getApkPath() + "\tpayload=" + payload + "\tstorage=" + storage
                    + "\t" + firstBoot(vm));
        }
        return 0;
    }

    private static String firstBoot(VirtualMachine vm) {
        try {
            InstanceRecord record = InstanceRecord.read(vm.getDirectory());
            if (record == null) return "never booted";
            InstanceRecord.Payload p = record.payload();
            return "booted: " + p.packageName() + " version " + p.versionCode() + " signer sha256:"
                    + p.signerDigest().substring(0, 16) + "...";
        } catch (IOException e) {
            return "unreadable instance record: " + e.getMessage();
        }
    }
}
