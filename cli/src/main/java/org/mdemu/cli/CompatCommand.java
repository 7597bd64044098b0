package org.mdemu.cli;

import java.util.concurrent.Callable;
import org.mdemu.guest.runtime.CompatibilityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code mdemu compat}: prints docs/COMPATIBILITY.md, generated from the binding and syscall tables. */
@Command(name = "compat", mixinStandardHelpOptions = true,
        description = "Print the compatibility tables (the source of docs/COMPATIBILITY.md).")
final class CompatCommand implements Callable<Integer> {
    @ParentCommand
    Mdemu mdemu;

    @Override
    public Integer call() {
        mdemu.out().print(CompatibilityReport.current());
        return 0;
    }
}
