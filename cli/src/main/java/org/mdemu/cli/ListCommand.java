package org.mdemu.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.mdemu.guest.identity.InstanceRecord;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineException;
import org.mdemu.virtualmachine.VirtualMachineManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mdemu list}: the named instances, as {@code vm list} lists the VMs. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the instances: name, APK, payload, encrypted storage and the payload each first booted.")
final class ListCommand implements Callable<Integer> {
    @Mixin
    InstancesOption instances;

    @Override
    public Integer call() throws Exception {
        VirtualMachineManager manager = instances.manager();
        for (String name : manager.list()) {
            VirtualMachine vm;
            try {
                vm = manager.get(name);
            } catch (VirtualMachineException e) {
                // One damaged instance must not hide the others.
                System.out.println(name + "\tunusable: " + e.getMessage());
                continue;
            }
            VirtualMachineConfig c = vm.getConfig();
            String payload = c.getPayloadBinaryName() != null ? c.getPayloadBinaryName() : c.getPayloadConfigPath();
            String storage = c.isEncryptedStorageEnabled() ? c.getEncryptedStorageBytes() + " bytes" : "none";
            System.out.println(name + "\tapk=" + c.getApkPath() + "\tpayload=" + payload + "\tstorage=" + storage
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
