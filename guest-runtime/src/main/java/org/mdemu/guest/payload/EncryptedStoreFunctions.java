package org.mdemu.guest.payload;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.vfs.EncryptedStore;

/** libvm_payload's view of the encrypted storage: where it is mounted, if the VM config asked for one. */
public final class EncryptedStoreFunctions implements LibrarySection {
    private final GuestStrings strings;
    private final boolean configured;

    /** configured: whether the VM has encrypted storage (VirtualMachineConfig.setEncryptedStorageBytes). */
    public EncryptedStoreFunctions(GuestProcess process, boolean configured) {
        this.strings = new GuestStrings(process);
        this.configured = configured;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("AVmPayload_getEncryptedStoragePath",
                Support.full("/mnt/encryptedstore when the config sets encrypted storage, else NULL"), f -> f.ret(configured ? strings.of(EncryptedStore.MOUNT_POINT) : 0));
    }
}
