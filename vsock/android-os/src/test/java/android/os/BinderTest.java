package android.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdemu.os.BinderStatus;
import org.mdemu.os.HiddenApi;

/** Binder as AIDL's Stub uses it, and the calls from another process that the RPC session makes through HiddenApi. */
class BinderTest {
    interface IThing extends IInterface {
    }

    static final class Thing extends Binder implements IThing {
        RuntimeException toThrow;
        RemoteException remoteToThrow;

        Thing() {
            attachInterface(this, "org.mdemu.IThing");
        }

        @Override
        public IBinder asBinder() {
            return this;
        }

        @Override
        protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) throws RemoteException {
            if (code != FIRST_CALL_TRANSACTION) return super.onTransact(code, data, reply, flags);
            if (reply != null) reply.writeInt(99); // partly written when the exception comes: the reply must not keep it
            if (remoteToThrow != null) throw remoteToThrow;
            if (toThrow != null) throw toThrow;
            reply.setDataSize(0);
            reply.setDataPosition(0);
            reply.writeNoException();
            reply.writeInt(data.readInt() * 2);
            return true;
        }
    }

    @Test
    void attachedInterfacesAreFoundLocallyByTheirDescriptorOnly() throws Exception {
        Thing t = new Thing();
        assertThat(t.queryLocalInterface("org.mdemu.IThing")).isSameAs(t);
        assertThat(t.queryLocalInterface("org.mdemu.IOther")).isNull();
        assertThat(t.getInterfaceDescriptor()).isEqualTo("org.mdemu.IThing");
        Parcel reply = Parcel.obtain();
        assertThat(t.transact(IBinder.INTERFACE_TRANSACTION, Parcel.obtain(), reply, 0)).isTrue();
        assertThat(reply.readString()).isEqualTo("org.mdemu.IThing");
        assertThat(t.transact(0x123, Parcel.obtain(), Parcel.obtain(), 0)).isFalse();
    }

    @Test
    void callsFromAnotherProcessPutTheObjectsExceptionIntoTheReply() {
        Thing t = new Thing();
        List<String> log = new ArrayList<>();
        Parcel data = Parcel.obtain();
        data.writeInt(21);
        Parcel reply = Parcel.obtain();
        assertThat(HiddenApi.execTransact(t, IBinder.FIRST_CALL_TRANSACTION, data, reply, 0, log::add)).isZero();
        reply.readException();
        assertThat(reply.readInt()).isEqualTo(42);

        t.toThrow = new ServiceSpecificException(7, "nope");
        Parcel failed = Parcel.obtain();
        assertThat(HiddenApi.execTransact(t, IBinder.FIRST_CALL_TRANSACTION, data, failed, 0, log::add)).isZero();
        assertThatThrownBy(failed::readException).isInstanceOfSatisfying(ServiceSpecificException.class,
                e -> assertThat(e.errorCode).isEqualTo(7));

        t.toThrow = new BadParcelableException("bad");
        Parcel bad = Parcel.obtain();
        HiddenApi.execTransact(t, IBinder.FIRST_CALL_TRANSACTION, data, bad, 0, log::add);
        assertThatThrownBy(bad::readException).isInstanceOf(BadParcelableException.class).hasMessage("bad");
        assertThat(log).isEmpty();
    }

    @Test
    void exceptionsThatCannotCrossAProcessAreLoggedAsUnknownErrorAndOnewayOnesOnlyLogged() {
        Thing t = new Thing();
        List<String> log = new ArrayList<>();
        t.remoteToThrow = new RemoteException("inner call failed");
        assertThat(HiddenApi.execTransact(t, IBinder.FIRST_CALL_TRANSACTION, Parcel.obtain(), Parcel.obtain(), 0,
                log::add)).isEqualTo(BinderStatus.UNKNOWN_ERROR);
        assertThat(log).singleElement().asString().contains("org.mdemu.IThing: uncaught exception in transaction 1")
                .contains("inner call failed");
        t.remoteToThrow = null;
        t.toThrow = new IllegalStateException("late");
        assertThat(HiddenApi.execTransact(t, IBinder.FIRST_CALL_TRANSACTION, Parcel.obtain(), null,
                IBinder.FLAG_ONEWAY, log::add)).isZero();
        assertThat(log).hasSize(2).last().asString().contains("oneway transaction 1 threw").contains("late");
        assertThat(HiddenApi.execTransact(t, IBinder.PING_TRANSACTION, Parcel.obtain(), Parcel.obtain(), 0, log::add))
                .isZero();
        assertThat(HiddenApi.execTransact(t, 0x777, Parcel.obtain(), Parcel.obtain(), 0, log::add))
                .isEqualTo(BinderStatus.UNKNOWN_TRANSACTION);
    }

    @Test
    void writeExceptionRefusesExceptionsThatDoNotCrossCalls() {
        Parcel p = Parcel.obtain();
        assertThatThrownBy(() -> p.writeException(new ArithmeticException("x"))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> p.writeException(new java.io.IOException("io"))).isInstanceOf(RuntimeException.class)
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    public static final class Named implements Parcelable {
        public static final Parcelable.Creator<Named> CREATOR = new Parcelable.Creator<>() {
            @Override
            public Named createFromParcel(Parcel in) {
                return new Named(in.readString());
            }

            @Override
            public Named[] newArray(int size) {
                return new Named[size];
            }
        };
        final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public int describeContents() {
            return 0;
        }

        @Override
        public void writeToParcel(Parcel dest, int flags) {
            dest.writeString(name);
        }
    }

    @Test
    void parcelablesByClassNameOutArraysAndFileDescriptors() {
        Parcel p = Parcel.obtain();
        p.writeParcelable(new Named("n"), 0);
        p.writeParcelable(null, 0);
        p.writeString("java.lang.String");
        p.writeString("no.such.Type");
        p.writeIntArray(new int[] {1, 2, 3});
        p.setDataPosition(0);
        assertThat(p.<Named>readParcelable(null).name).isEqualTo("n");
        assertThat(p.<Named>readParcelable(null)).isNull();
        assertThatThrownBy(() -> p.readParcelable(null)).isInstanceOf(BadParcelableException.class)
                .hasMessageContaining("subclassing from Parcelable on class java.lang.String");
        assertThatThrownBy(() -> p.readParcelable(null)).isInstanceOf(BadParcelableException.class)
                .hasMessageContaining("ClassNotFoundException when unmarshalling: no.such.Type");
        int start = p.dataPosition();
        int[] three = new int[3];
        p.readIntArray(three);
        assertThat(three).containsExactly(1, 2, 3);
        p.setDataPosition(start);
        assertThatThrownBy(() -> p.readIntArray(new int[2])).hasMessageContaining("bad array lengths");
        assertThatThrownBy(() -> p.writeFileDescriptor(new java.io.FileDescriptor()))
                .hasMessageContaining("RPC binder over vsock carries no file descriptors");
        assertThat(p.hasFileDescriptors()).isFalse();
    }
}
