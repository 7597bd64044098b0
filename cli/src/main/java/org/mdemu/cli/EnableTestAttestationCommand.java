package org.mdemu.cli;

import java.util.concurrent.Callable;
import org.mdemu.virtualmachine.MdemuHome;
import org.mdemu.virtualmachine.VirtualMachineException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mdemu enable-test-attestation}, as AVF's {@code vm enable-test-attestation}: from now on
 * {@code AVmPayload_requestAttestationForTesting} succeeds for protected VMs of this installation.
 */
@Command(name = "enable-test-attestation", mixinStandardHelpOptions = true,
        description = "Let AVmPayload_requestAttestationForTesting succeed in protected VMs (creates a test"
                + " attestation root in $MDEMU_HOME or ~/.mdemu; it stays enabled).")
final class EnableTestAttestationCommand implements Callable<Integer> {
    @ParentCommand
    Mdemu mdemu;

    @Override
    public Integer call() throws VirtualMachineException {
        MdemuHome home = MdemuHome.defaultHome();
        home.enableTestAttestation();
        mdemu.out().println("test attestation enabled (root kept in " + home.root().resolve("device") + ")");
        return 0;
    }
}
