package org.mdemu.cli;

import java.util.concurrent.Callable;
import org.mdemu.guest.runtime.CompatibilityReport;
import picocli.CommandLine.Command;

/** {@code mdemu compat}: prints docs/COMPATIBILITY.md, generated from the binding and syscall tables. */
@Command(name = "compat", mixinStandardHelpOptions = true,
        description = "Print the compatibility tables (the source of docs/COMPATIBILITY.md).")
final class CompatCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(CompatibilityReport.current());
        return 0;
    }
}
