package org.mdemu.os;

import android.os.Binder;
import android.os.IBinder;
import android.os.Parcel;
import java.lang.invoke.MethodHandles;
import java.util.NavigableMap;
import java.util.function.Consumer;

/**
 * What android.os keeps hidden on Android and mdemu's binder RPC (the vsock module) and libbinder_ndk (the guest)
 * need: a parcel's raw bytes and binder objects, parcels built from received bytes, and Binder's execTransact.
 * These are not public members of android.os classes, so that code compiled against mdemu's android.os also
 * compiles against Android's; android.os registers its implementation here when Parcel is initialised (the
 * JDK's SharedSecrets pattern, since Java has no friend packages outside the module system).
 */
public final class HiddenApi {
    /** Implemented inside android.os. */
    public interface Access {
        Parcel received(byte[] bytes, int offset, int length, ParcelSession session);

        void setReceived(Parcel parcel, byte[] bytes, int offset, int length, ParcelSession session);

        ParcelSession session(Parcel parcel);

        NavigableMap<Integer, IBinder> binders(Parcel parcel);

        byte[] bytes(Parcel parcel);

        byte[] readRaw(Parcel parcel, int n);

        int execTransact(Binder binder, int code, Parcel data, Parcel reply, int flags, Consumer<String> log);
    }

    private static volatile Access access;

    private HiddenApi() {}

    /** Called once, by android.os.Parcel's initialisation. */
    public static void register(Access implementation) {
        synchronized (HiddenApi.class) {
            if (access != null) throw new IllegalStateException("android.os hidden API registered twice");
            access = implementation;
        }
    }

    private static Access access() {
        Access a = access;
        if (a != null) return a;
        try {
            MethodHandles.lookup().ensureInitialized(Parcel.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot initialise android.os.Parcel", e);
        }
        a = access;
        if (a == null) throw new IllegalStateException("android.os.Parcel did not register mdemu's hidden API: is another"
                + " android.os (android.jar stubs?) ahead of mdemu's android-os on the class path?");
        return a;
    }

    /** A parcel holding a copy of received bytes, whose binder addresses are resolved through the session. */
    public static Parcel received(byte[] bytes, int offset, int length, ParcelSession session) {
        return access().received(bytes, offset, length, session);
    }

    /** Replaces a parcel's contents with received bytes whose binder addresses belong to the session. */
    public static void setReceived(Parcel parcel, byte[] bytes, int offset, int length, ParcelSession session) {
        access().setReceived(parcel, bytes, offset, length, session);
    }

    /** The session a parcel was received from, or null for one built on this side. */
    public static ParcelSession session(Parcel parcel) {
        return access().session(parcel);
    }

    /** The binder objects written into a parcel, by the data position of each object's present flag. */
    public static NavigableMap<Integer, IBinder> binders(Parcel parcel) {
        return access().binders(parcel);
    }

    /** Whether binder objects were written into the parcel (Parcel.hasBinders, hidden on Android). */
    public static boolean hasBinders(Parcel parcel) {
        return !binders(parcel).isEmpty();
    }

    /** A copy of the parcel's bytes, dataSize() of them. */
    public static byte[] bytes(Parcel parcel) {
        return access().bytes(parcel);
    }

    /** Reads n raw bytes and skips their padding to 4 (the NDK's contiguous arrays). */
    public static byte[] readRaw(Parcel parcel, int n) {
        return access().readRaw(parcel, n);
    }

    /**
     * Runs a transaction that came from another process on a Binder, as Binder.execTransact does on Android: PING
     * is answered without the object; an exception the object throws goes into the reply for the caller (or to
     * log for a oneway call), and one that cannot cross a call (a RemoteException, an unknown RuntimeException)
     * is logged and answered with UNKNOWN_ERROR. Returns libbinder's status_t.
     */
    public static int execTransact(Binder binder, int code, Parcel data, Parcel reply, int flags, Consumer<String> log) {
        return access().execTransact(binder, code, data, reply, flags, log);
    }
}
