package org.mdemu.guest.binder;

import android.os.Parcel;

/** An AParcel: a Parcel, the AIBinder it was prepared for (if any), and whether the guest may write it. */
final class NdkParcel {
    final Parcel parcel;
    final NdkBinder binder;
    final boolean readOnly;

    NdkParcel(Parcel parcel, NdkBinder binder, boolean readOnly) {
        this.parcel = parcel;
        this.binder = binder;
        this.readOnly = readOnly;
    }
}
