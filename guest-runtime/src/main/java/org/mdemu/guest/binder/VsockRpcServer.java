package org.mdemu.guest.binder;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.payload.VmPayloadLibrary;

/**
 * libvm_payload's AVmPayload_runVsockRpcServer: serves a root binder with the RPC binder protocol on a vsock port.
 * Its own section of libvm_payload because it belongs with the binder machinery.
 */
public final class VsockRpcServer implements LibrarySection {
    private static final int SIGABRT = 6;

    private final GuestProcess process;
    private final BinderNdkLibrary ndk;
    private final BinderThreadPool pool;

    public VsockRpcServer(GuestProcess process, BinderNdkLibrary ndk, BinderThreadPool pool) {
        this.process = process;
        this.ndk = ndk;
        this.pool = pool;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("AVmPayload_runVsockRpcServer", VmPayloadLibrary.VERSION,
                Support.unsupported("no guest vsock yet: aborts the payload"),
                f -> process.control().crash(SIGABRT, "AVmPayload_runVsockRpcServer: vsock binder RPC is not available"
                        + " in this mdemu version"));
    }
}
