package org.mdemu.tests;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.mdemu.fixtures.OutputCollector;
import org.mdemu.virtualmachine.MdemuHome;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * One boot of the dice payload in a named instance of a given mdemu home, with the "label hex" and "label value"
 * lines it printed. A main method runs a boot in a JVM of its own and prints the instance secret.
 */
record DicePayloadRun(RecordingCallback callback, String console, String log, VirtualMachine vm,
                      Map<String, String> values) {

    /** Boots instance {@code name}; {@code fromConfigFile} starts it from vm_config.json (restricted DICE calls). */
    static DicePayloadRun boot(Path home, String name, boolean fromConfigFile,
                               Consumer<VirtualMachineConfig.Builder> settings) throws Exception {
        VirtualMachineManager manager = new VirtualMachineManager(home.resolve("instances"), MdemuHome.at(home));
        VirtualMachineConfig.Builder b = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk("dice-config"))
                .setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL).setVmOutputCaptured(true);
        if (fromConfigFile) b.setPayloadConfigPath("assets/vm_config.json");
        else b.setPayloadBinaryName("libdice.so");
        settings.accept(b);
        VirtualMachine vm = manager.getOrCreate(name, b.build());
        RecordingCallback callback = new RecordingCallback();
        vm.setCallback(Runnable::run, callback);
        vm.run();
        CompletableFuture<String> console = OutputCollector.collect(vm.getConsoleOutput());
        CompletableFuture<String> log = OutputCollector.collect(vm.getLogOutput());
        callback.awaitStopped();
        Map<String, String> values = new HashMap<>();
        for (String line : console.get().split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && !line.startsWith("[") && !line.startsWith("ok ")) {
                values.putIfAbsent(line.substring(0, space), line.substring(space + 1));
            }
        }
        return new DicePayloadRun(callback, console.get(), log.get(), vm, values);
    }

    byte[] bytes(String label) {
        String hex = values.get(label);
        if (hex == null) throw new AssertionError("the payload printed no '" + label + "' line:\n" + console);
        return HexFormat.of().parseHex(hex);
    }

    int status(String label) {
        return Integer.parseInt(values.get(label));
    }

    /** Boots instance args[1] of home args[0] in this JVM and prints "secret HEX". */
    public static void main(String[] args) throws Exception {
        DicePayloadRun run = boot(Path.of(args[0]), args[1], true, b -> { });
        System.out.println("secret " + run.values().get("secret"));
        System.exit(0);
    }
}
