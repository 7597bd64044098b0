package android.os;

import org.mdemu.os.BinderStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParcelTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    @Test
    void primitivesAreLittleEndianAndPaddedToFourBytes() {
        Parcel p = Parcel.obtain();
        p.writeInt(0x01020304);
        p.writeLong(0x1122334455667788L);
        p.writeBoolean(true);
        p.writeByte((byte) -1);
        p.writeInt('A');
        p.writeFloat(1.0f);
        assertThat(p.marshall()).containsExactly(bytes(
                4, 3, 2, 1,
                0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
                1, 0, 0, 0,
                0xff, 0xff, 0xff, 0xff,
                'A', 0, 0, 0,
                0, 0, 0x80, 0x3f));
        p.setDataPosition(0);
        assertThat(p.readInt()).isEqualTo(0x01020304);
        assertThat(p.readLong()).isEqualTo(0x1122334455667788L);
        assertThat(p.readBoolean()).isTrue();
        assertThat(p.readByte()).isEqualTo((byte) -1);
        assertThat((char) p.readInt()).isEqualTo('A');
        assertThat(p.readFloat()).isEqualTo(1.0f);
    }

    @Test
    void string16HasLengthUnitsNulAndPadding() {
        Parcel p = Parcel.obtain();
        p.writeString("hi");
        p.writeString("abc");
        p.writeString(null);
        assertThat(p.marshall()).containsExactly(bytes(
                2, 0, 0, 0, 'h', 0, 'i', 0, 0, 0, 0, 0,
                3, 0, 0, 0, 'a', 0, 'b', 0, 'c', 0, 0, 0,
                0xff, 0xff, 0xff, 0xff));
        p.setDataPosition(0);
        assertThat(p.readString()).isEqualTo("hi");
        assertThat(p.readString()).isEqualTo("abc");
        assertThat(p.readString()).isNull();
    }

    @Test
    void nonAsciiStringsRoundTripAsUtf16() {
        Parcel p = Parcel.obtain();
        p.writeString("h\u00e9llo \ud83d\ude00");
        p.setDataPosition(0);
        assertThat(p.readInt()).isEqualTo(8);
        p.setDataPosition(0);
        assertThat(p.readString()).isEqualTo("h\u00e9llo \ud83d\ude00");
    }

    @Test
    void byteArraysArePackedAndNullIsMinusOne() {
        Parcel p = Parcel.obtain();
        p.writeByteArray(new byte[] {1, 2, 3, 4, 5});
        p.writeByteArray(null);
        assertThat(p.marshall()).containsExactly(bytes(5, 0, 0, 0, 1, 2, 3, 4, 5, 0, 0, 0, 0xff, 0xff, 0xff, 0xff));
        p.setDataPosition(0);
        assertThat(p.createByteArray()).containsExactly(1, 2, 3, 4, 5);
        assertThat(p.createByteArray()).isNull();
    }

    @Test
    void typedArraysCarryLengthThenElements() {
        Parcel p = Parcel.obtain();
        p.writeIntArray(new int[] {7, -7});
        p.writeLongArray(new long[] {1L << 40});
        p.writeBooleanArray(new boolean[] {true, false});
        p.writeCharArray(new char[] {'x'});
        p.writeDoubleArray(new double[] {2.5});
        p.writeFloatArray(null);
        p.writeStringArray(new String[] {"a", null});
        p.setDataPosition(0);
        assertThat(p.createIntArray()).containsExactly(7, -7);
        assertThat(p.createLongArray()).containsExactly(1L << 40);
        assertThat(p.createBooleanArray()).containsExactly(true, false);
        assertThat(p.createCharArray()).containsExactly('x');
        assertThat(p.createDoubleArray()).containsExactly(2.5);
        assertThat(p.createFloatArray()).isNull();
        assertThat(p.createStringArray()).containsExactly("a", null);
        p.setDataPosition(0);
        assertThat(p.readInt()).isEqualTo(2);
        assertThat(p.readInt()).isEqualTo(7);
    }

    @Test
    void rpcInterfaceTokenIsTheDescriptorAlone() {
        Parcel p = Parcel.obtain();
        p.writeInterfaceToken("a.B");
        assertThat(p.marshall()).containsExactly(bytes(3, 0, 0, 0, 'a', 0, '.', 0, 'B', 0, 0, 0));
        p.setDataPosition(0);
        p.enforceInterface("a.B");
        p.setDataPosition(0);
        assertThatThrownBy(() -> p.enforceInterface("a.C")).isInstanceOf(SecurityException.class);
    }

    @Test
    void serviceSpecificExceptionHeaderMatchesStatusWriteToParcel() {
        Parcel p = Parcel.obtain();
        p.writeException(new ServiceSpecificException(42, "no"));
        assertThat(p.marshall()).containsExactly(bytes(
                0xf8, 0xff, 0xff, 0xff,
                2, 0, 0, 0, 'n', 0, 'o', 0, 0, 0, 0, 0,
                0, 0, 0, 0,
                42, 0, 0, 0));
        p.setDataPosition(0);
        assertThatThrownBy(p::readException).isInstanceOfSatisfying(ServiceSpecificException.class, e -> {
            assertThat(e.errorCode).isEqualTo(42);
            assertThat(e.getMessage()).isEqualTo("no");
        });
    }

    @Test
    void readExceptionMapsCodesToJavaExceptionsAndSkipsReplyHeaders() {
        Parcel p = Parcel.obtain();
        p.writeException(new IllegalArgumentException("bad arg"));
        p.setDataPosition(0);
        assertThatThrownBy(p::readException).isInstanceOf(IllegalArgumentException.class).hasMessage("bad arg");

        Parcel fat = Parcel.obtain();
        fat.writeInt(BinderStatus.EX_HAS_REPLY_HEADER);
        fat.writeInt(8);
        fat.writeInt(99);
        fat.writeInt(5);
        fat.setDataPosition(0);
        fat.readException();
        assertThat(fat.readInt()).isEqualTo(5);

        Parcel ok = Parcel.obtain();
        ok.writeNoException();
        ok.setDataPosition(0);
        ok.readException();
        assertThat(ok.dataAvail()).isZero();
    }

    @Test
    void lengthsPastTheEndAreRefusedWithoutAllocating() {
        Parcel p = Parcel.obtain();
        p.writeInt(0x7fffffff);
        p.setDataPosition(0);
        assertThatThrownBy(p::readString).isInstanceOf(ParcelFormatException.class).hasMessageContaining("overruns");
        p.setDataPosition(0);
        assertThatThrownBy(p::createIntArray).isInstanceOf(ParcelFormatException.class);
        p.setDataPosition(0);
        assertThatThrownBy(p::readLong).isInstanceOf(ParcelFormatException.class);
    }

    @Test
    void binderObjectsTakeRpcLayoutAndLocalParcelsKeepTheObject() {
        Binder b = new Binder("x") {
            @Override
            protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) {
                return false;
            }
        };
        Parcel p = Parcel.obtain();
        p.writeStrongBinder(b);
        p.writeStrongBinder(null);
        assertThat(p.dataSize()).isEqualTo(16 + 8);
        p.setDataPosition(0);
        assertThat(p.readInt()).isEqualTo(1);
        assertThat(p.readLong()).isZero();
        assertThat(p.readInt()).as("libbinder's Stability::SYSTEM").isEqualTo(0b001100);
        assertThat(p.readInt()).isZero();
        p.setDataPosition(0);
        assertThat(p.readStrongBinder()).isSameAs(b);
        assertThat(p.readStrongBinder()).isNull();
    }
}
