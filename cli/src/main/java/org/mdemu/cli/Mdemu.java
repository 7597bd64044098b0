package org.mdemu.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code mdemu} command, shaped like AVF's {@code vm} tool. */
@Command(name = "mdemu", mixinStandardHelpOptions = true, versionProvider = MdemuVersion.class,
        description = "Runs Android Microdroid VM payloads on the desktop.",
        subcommands = {RunAppCommand.class, ListCommand.class, DeleteCommand.class, InfoCommand.class,
                CompatCommand.class, EnableTestAttestationCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0-127:payload exit code (run-app)",
            "128+N:payload killed by signal N, e.g. 139 = SIGSEGV, 134 = SIGABRT",
            "2:invalid command line: unknown command or option, missing or bad value",
            "65:unusable input: not an APK, bad signature, no arm64 payload, payload changed, payload cannot be"
                    + " loaded, incompatible instance",
            "70:internal emulator error",
            "130:VM stopped by the user"})
public final class Mdemu {
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;
    public static final int EXIT_BAD_INPUT = 65;
    public static final int EXIT_INTERNAL = 70;
    public static final int EXIT_STOPPED = 130;
    /** The VM ran longer than run-app's --timeout (the status GNU timeout uses). */
    public static final int EXIT_TIMEOUT = 124;

    private final PrintStream out;
    private final PrintStream err;

    private Mdemu(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line on the process's stdout and stderr and returns the exit status. */
    public static int execute(String... args) {
        return execute(System.out, System.err, args);
    }

    /** Runs the command line with its output (the VM's console and log included) on out and err. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new Mdemu(out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler(Mdemu::invalidCommandLine);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof BadInputException) {
                cmd.getErr().println("mdemu: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            cmd.getErr().println("mdemu: internal error: " + e);
            return EXIT_INTERNAL;
        });
        return cli.execute(args);
    }

    /** One line naming what is wrong and where help is, instead of the whole usage text. */
    private static int invalidCommandLine(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("mdemu: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        return EXIT_USAGE;
    }

    /** Where commands print their results (and run-app the VM's output). */
    PrintStream out() {
        return out;
    }

    /** Where commands print messages about the run. */
    PrintStream err() {
        return err;
    }
}
