package org.mdemu.guest.payload;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.identity.PayloadIdentity;
import org.mdemu.guest.kernel.GuestProcess;

/** AVmPayload_isNewInstanceStatus (API 36): whether this boot created the instance (its record and secrets). */
public final class InstanceStatus implements LibrarySection {
    private final GuestProcess process;
    private final PayloadIdentity identity;

    public InstanceStatus(GuestProcess process, PayloadIdentity identity) {
        this.process = process;
        this.identity = identity;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("AVmPayload_isNewInstanceStatus", f -> {
            long out = f.ptr(0);
            if (out == 0) {
                f.ret(-1);
                return;
            }
            process.memory().write(out, new byte[] {(byte) (identity.newInstance() ? 1 : 0)});
            f.ret(0);
        });
    }
}
