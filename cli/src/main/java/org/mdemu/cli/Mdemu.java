package org.mdemu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mdemu} command, shaped like AVF's {@code vm} tool. */
@Command(name = "mdemu", mixinStandardHelpOptions = true, versionProvider = MdemuVersion.class,
        description = "Runs Android Microdroid VM payloads on the desktop.",
        subcommands = {RunAppCommand.class, ListCommand.class, DeleteCommand.class, InfoCommand.class,
                CompatCommand.class, EnableTestAttestationCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0-127:payload exit code (run-app)",
            "128+N:payload killed by signal N, e.g. 139 = SIGSEGV, 134 = SIGABRT",
            "2:invalid command line",
            "65:invalid input: not an APK, bad payload config, payload cannot be loaded",
            "70:internal emulator error",
            "130:VM stopped by the user"})
public final class Mdemu {
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_BAD_INPUT = 65;
    public static final int EXIT_INTERNAL = 70;
    public static final int EXIT_STOPPED = 130;
    /** The VM ran longer than run-app's --timeout (the status GNU timeout uses). */
    public static final int EXIT_TIMEOUT = 124;

    private Mdemu() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the process exit status (for tests and embedding). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Mdemu());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("mdemu: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return e instanceof BadInputException ? EXIT_BAD_INPUT : EXIT_INTERNAL;
        });
        return cli.execute(args);
    }
}
