package org.mdemu.guest.payload;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * The DICE calls of libvm_payload (vm_payload_restricted.h): the VM's DICE chain and CDI_Attest. As on a device,
 * they are restricted to VMs started from a config file (vm_config.json); other VMs are aborted.
 */
public final class DiceFunctions implements LibrarySection {
    private static final int SIGABRT = 6;
    private static final int ANDROID_LOG_ERROR = 6;

    private final GuestProcess process;
    private final PayloadDice dice;

    public DiceFunctions(GuestProcess process, PayloadDice dice) {
        this.process = process;
        this.dice = dice;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("AVmPayload_getDiceAttestationChain", Support.full("the DiceCertChain: UDS public key, then"
                        + " pvmfw, vm_entry and Microdroid payload COSE_Sign1 (Ed25519) certificates, rooted in mdemu's"
                        + " per-installation device secret; pvmfw and kernel code hashes stand for images mdemu does not"
                        + " load, the APK's is its SHA-256 (a device uses its verity root hash); aborts VMs not started"
                        + " from a config file, as on a device"),
                f -> copyOut(f, "AVmPayload_getDiceAttestationChain", dice.artifacts().chain()));
        t.function("AVmPayload_getDiceAttestationCdi", Support.full("the payload's CDI_Attest (32 bytes); aborts VMs"
                        + " not started from a config file, as on a device"),
                f -> copyOut(f, "AVmPayload_getDiceAttestationCdi", dice.artifacts().cdiAttest()));
    }

    /** size_t f(void* data, size_t size): copies what fits and returns the full size. */
    private void copyOut(CallFrame f, String function, byte[] value) {
        if (!dice.restrictedApisAllowed()) {
            String message = function + ": Use of restricted APIs is not allowed (the VM was not started from a"
                    + " config file)";
            process.output().log(ANDROID_LOG_ERROR, "vm_payload", message, process.currentThread().tid());
            process.control().crash(SIGABRT, message);
            return;
        }
        f.ret(SizedCopy.to(process.memory(), f.ptr(0), f.i64(1), value));
    }
}
