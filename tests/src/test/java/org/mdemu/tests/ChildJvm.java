package org.mdemu.tests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM a test starts (the CLI or a test main): this JVM's java and class path, and the engine
 * choices it was given ({@code -Dmdemu.cpu.engine}, {@code -Dmdemu.unicorn2.mmu}), so that a run in a child JVM uses
 * the same CPU engine and mode as the tests run in this one.
 */
final class ChildJvm {
    private static final String[] ENGINE_PROPERTIES = {"mdemu.cpu.engine", "mdemu.unicorn2.mmu"};

    private ChildJvm() {
    }

    /** java [the engine properties] [jvmOptions] -cp (this class path) mainClass args. */
    static List<String> command(List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String p : ENGINE_PROPERTIES) {
            String value = System.getProperty(p);
            if (value != null) command.add("-D" + p + "=" + value);
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    static List<String> command(String mainClass, String... args) {
        return command(List.of(), mainClass, args);
    }
}
