package org.mdemu.os;

import android.os.IBinder;

/**
 * The RPC binder session a received parcel's binder addresses belong to (libbinder's Parcel holds its RpcSession
 * the same way): reading a binder object from such a parcel asks the session which object the address names.
 */
public interface ParcelSession {
    /**
     * The binder an address in a received parcel names (RpcState::onBinderEntering): a local object coming back,
     * or a proxy. A malformed or unknown address is a {@link android.os.ParcelFormatException}.
     */
    IBinder binderEntering(long address);
}
