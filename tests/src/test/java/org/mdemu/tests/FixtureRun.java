package org.mdemu.tests;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.mdemu.fixtures.OutputCollector;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/** One run of a committed fixture APK through the Java API, with everything it printed and reported. */
record FixtureRun(RecordingCallback callback, String console, String log, VirtualMachine vm) {

    /** Runs the APK's payload (or, with a null payload, the one named by assets/vm_config.json) to its end. */
    static FixtureRun run(Path instances, String apk, String payload) throws Exception {
        return run(instances, apk, payload, CpuEngine.defaultEngine());
    }

    static FixtureRun run(Path instances, String apk, String payload, CpuEngine engine) throws Exception {
        return run(instances, apk, payload, b -> b.setCpuEngine(engine));
    }

    /** As {@link #run(Path, String, String)}, with further settings applied to the config. */
    static FixtureRun run(Path instances, String apk, String payload,
                          java.util.function.Consumer<VirtualMachineConfig.Builder> settings) throws Exception {
        return run(instances, apk, payload, settings, java.time.Duration.ofSeconds(120));
    }

    /** As above, waiting up to {@code limit} for the payload's end (a hang guard, not a time assertion). */
    static FixtureRun run(Path instances, String apk, String payload,
                          java.util.function.Consumer<VirtualMachineConfig.Builder> settings,
                          java.time.Duration limit) throws Exception {
        VirtualMachineConfig.Builder b = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk(apk))
                .setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL).setVmOutputCaptured(true);
        settings.accept(b);
        if (payload != null) b.setPayloadBinaryName(payload);
        else b.setPayloadConfigPath("assets/vm_config.json");
        VirtualMachine vm = new VirtualMachineManager(instances).create(apk.replace('-', '_'), b.build());
        RecordingCallback callback = new RecordingCallback();
        vm.setCallback(Runnable::run, callback);
        vm.run();
        CompletableFuture<String> console = OutputCollector.collect(vm.getConsoleOutput());
        CompletableFuture<String> log = OutputCollector.collect(vm.getLogOutput());
        callback.awaitStopped(limit);
        return new FixtureRun(callback, console.get(), log.get(), vm);
    }
}
