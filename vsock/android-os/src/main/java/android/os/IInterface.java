package android.os;

/** Base of binder interfaces: the binder object behind an interface (the Stub itself, or a proxy's remote). */
public interface IInterface {
    IBinder asBinder();
}
