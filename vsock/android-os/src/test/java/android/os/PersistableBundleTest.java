package android.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PersistableBundleTest {
    private static byte[] ints(int... values) {
        byte[] b = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) Parcel.putInt(b, 4 * i, values[i]);
        return b;
    }

    private static Parcel parcelOf(int... values) {
        Parcel p = Parcel.obtain();
        byte[] b = ints(values);
        p.unmarshall(b, 0, b.length);
        p.setDataPosition(0);
        return p;
    }

    @Test
    void smallBundleHasTheLibbinderEncodingGroupedByTypeWithTheLengthAfterTheMagic() {
        PersistableBundle b = new PersistableBundle();
        b.putInt("b", 7);
        b.putBoolean("a", true);
        Parcel p = Parcel.obtain();
        p.writeTypedObject(b, 0);
        assertThat(p.marshall()).containsExactly(ints(
                1,                  // present (AIDL's typed object)
                36,                 // bytes after the magic
                0x4C444E44,         // "DNDL", libbinder's magic
                2,                  // entries
                1, 'a',             // key "a": length 1, 'a' + NUL
                9, 1,               // VAL_BOOLEAN true (booleans come first)
                1, 'b',
                1, 7));             // VAL_INTEGER 7
        p.setDataPosition(0);
        assertThat(p.readTypedObject(PersistableBundle.CREATOR)).isEqualTo(b);
    }

    @Test
    void emptyBundleIsALengthOfZeroAndNullIsAnAbsentFlagOrALengthOfMinusOne() {
        Parcel p = Parcel.obtain();
        p.writeTypedObject(new PersistableBundle(), 0);
        p.writeTypedObject((PersistableBundle) null, 0);
        p.writePersistableBundle(new PersistableBundle());
        p.writePersistableBundle(null);
        assertThat(p.marshall()).containsExactly(ints(1, 0, 0, 0, -1));
        p.setDataPosition(0);
        assertThat(p.readTypedObject(PersistableBundle.CREATOR).isEmpty()).isTrue();
        assertThat(p.readTypedObject(PersistableBundle.CREATOR)).isNull();
        assertThat(p.readPersistableBundle().isEmpty()).isTrue();
        assertThat(p.readPersistableBundle()).isNull();
    }

    @Test
    void everyTypeAndANestedBundleRoundTrip() {
        PersistableBundle inner = new PersistableBundle();
        inner.putString("s", "inner");
        PersistableBundle b = new PersistableBundle();
        b.putBoolean("bool", true);
        b.putInt("int", -5);
        b.putLong("long", 1L << 40);
        b.putDouble("double", 2.5);
        b.putString("string", "héllo");
        b.putBooleanArray("bools", new boolean[] {true, false});
        b.putIntArray("ints", new int[] {1, 2, 3});
        b.putLongArray("longs", new long[] {-1L});
        b.putDoubleArray("doubles", new double[] {0.5, -0.25});
        b.putStringArray("strings", new String[] {"x", ""});
        b.putPersistableBundle("inner", inner);
        Parcel p = Parcel.obtain();
        p.writePersistableBundle(b);
        p.setDataPosition(0);
        PersistableBundle back = p.readPersistableBundle();
        assertThat(back).isEqualTo(b);
        assertThat(back.getLong("long")).isEqualTo(1L << 40);
        assertThat(back.getStringArray("strings")).containsExactly("x", "");
        assertThat(back.getPersistableBundle("inner").getString("s")).isEqualTo("inner");
        assertThat(back.keySet()).containsExactly("bool", "bools", "double", "doubles", "inner", "int", "ints", "long",
                "longs", "string", "strings");
        assertThat(back.deepCopy()).isEqualTo(b).isNotSameAs(b);
        assertThat(p.dataAvail()).isZero();
    }

    @Test
    void javaMagicIsAcceptedOnReading() {
        PersistableBundle b = PersistableBundle.CREATOR.createFromParcel(parcelOf(20, 0x4C444E42, 1, 1, 'k', 1, 42));
        assertThat(b.getInt("k")).isEqualTo(42);
    }

    @Test
    void putReplacesAnEntryOfAnotherTypeAndRemoveErasesIt() {
        PersistableBundle b = new PersistableBundle();
        b.putInt("k", 1);
        b.putString("k", "v");
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.getInt("k", -1)).isEqualTo(-1);
        b.remove("k");
        assertThat(b.containsKey("k")).isFalse();
        assertThat(b.isEmpty()).isTrue();
    }

    @Test
    void malformedBundlesFailWithParcelFormatException() {
        assertThatThrownBy(() -> PersistableBundle.CREATOR.createFromParcel(parcelOf(-1)))
                .isInstanceOf(ParcelFormatException.class);
        assertThatThrownBy(() -> PersistableBundle.CREATOR.createFromParcel(parcelOf(-2)))
                .isInstanceOf(ParcelFormatException.class);
        assertThatThrownBy(() -> PersistableBundle.CREATOR.createFromParcel(parcelOf(20, 0x12345678, 1, 1, 'k', 1, 42)))
                .isInstanceOf(ParcelFormatException.class).hasMessageContaining("magic");
        assertThatThrownBy(() -> PersistableBundle.CREATOR.createFromParcel(parcelOf(20, 0x4C444E44, 1, 1, 'k', 99, 42)))
                .isInstanceOf(ParcelFormatException.class).hasMessageContaining("type 99");
        assertThatThrownBy(() -> PersistableBundle.CREATOR.createFromParcel(parcelOf(400, 0x4C444E44, 1, 1, 'k', 1, 42)))
                .isInstanceOf(ParcelFormatException.class).hasMessageContaining("overruns");
        assertThatThrownBy(() -> PersistableBundle.CREATOR.createFromParcel(parcelOf(24, 0x4C444E44, 1, 1, 'k', 1, 42, 0)))
                .isInstanceOf(ParcelFormatException.class).hasMessageContaining("holds 20");
        assertThatThrownBy(() -> PersistableBundle.CREATOR.createFromParcel(parcelOf(20, 0x4C444E44, 1, 1, 'k', 0, -1)))
                .isInstanceOf(ParcelFormatException.class).hasMessageContaining("null value");
    }
}
