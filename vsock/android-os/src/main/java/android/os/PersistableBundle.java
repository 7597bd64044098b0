package android.os;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A map from string keys to booleans, ints, longs, doubles, strings, arrays of those, and nested bundles, with
 * Android's parcel encoding (BaseBundle's, which libbinder's PersistableBundle
 * shares): an int32 length, then for a non-empty bundle the magic, the entry count and per entry a String16 key,
 * a VAL_* tag and the value. The length counts the bytes after the magic; an empty bundle is a bare length 0.
 * Entries are written as libbinder writes them: grouped by type in {@link Type} order, keys sorted in each group.
 * Unlike Android's (which compares identity), two bundles are equal when they hold equal entries.
 */
public final class PersistableBundle implements Parcelable, Cloneable {
    /** An empty bundle (do not modify it). */
    public static final PersistableBundle EMPTY = new PersistableBundle();

    public static final Parcelable.Creator<PersistableBundle> CREATOR = new Parcelable.Creator<>() {
        @Override
        public PersistableBundle createFromParcel(Parcel in) {
            PersistableBundle b = read(in, 0);
            if (b == null) throw new ParcelFormatException("PersistableBundle of length -1 where a bundle must be");
            return b;
        }

        @Override
        public PersistableBundle[] newArray(int size) {
            return new PersistableBundle[size];
        }
    };

    /** The magic BaseBundle writes ("BNDL"). */
    static final int MAGIC_JAVA = 0x4C444E42;
    /** The magic libbinder's PersistableBundle writes ("DNDL"); both are accepted on reading. */
    static final int MAGIC_NATIVE = 0x4C444E44;
    /** Deeper nesting than this is refused on reading (a malformed parcel must not exhaust the stack). */
    private static final int MAX_DEPTH = 64;

    /** The value types a bundle holds, in libbinder's writing order, with their Parcel VAL_* tags. */
    private enum Type {
        BOOLEAN(9, Boolean.class), INT(1, Integer.class), LONG(6, Long.class), DOUBLE(8, Double.class),
        STRING(0, String.class), BOOLEAN_ARRAY(23, boolean[].class), INT_ARRAY(18, int[].class),
        LONG_ARRAY(19, long[].class), DOUBLE_ARRAY(28, double[].class), STRING_ARRAY(14, String[].class),
        PERSISTABLE_BUNDLE(25, PersistableBundle.class);

        final int tag;
        final Class<?> javaType;

        Type(int tag, Class<?> javaType) {
            this.tag = tag;
            this.javaType = javaType;
        }

        static Type ofTag(int tag) {
            for (Type t : values()) {
                if (t.tag == tag) return t;
            }
            return null;
        }

        static Type of(Object value) {
            for (Type t : values()) {
                if (t.javaType.isInstance(value)) return t;
            }
            throw new IllegalArgumentException("not a PersistableBundle value: " + value.getClass().getName());
        }
    }

    private final TreeMap<String, Object> map = new TreeMap<>();

    public PersistableBundle() {
    }

    public PersistableBundle(int capacity) {
    }

    /** A deep copy. */
    public PersistableBundle(PersistableBundle other) {
        for (var e : other.map.entrySet()) map.put(e.getKey(), copy(e.getValue()));
    }

    private static Object copy(Object v) {
        if (v instanceof boolean[] a) return a.clone();
        if (v instanceof int[] a) return a.clone();
        if (v instanceof long[] a) return a.clone();
        if (v instanceof double[] a) return a.clone();
        if (v instanceof String[] a) return a.clone();
        if (v instanceof PersistableBundle b) return new PersistableBundle(b);
        return v;
    }

    public int size() {
        return map.size();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    public boolean containsKey(String key) {
        return map.containsKey(key);
    }

    /** Removes the entry of that key, whatever its type. */
    public void remove(String key) {
        map.remove(key);
    }

    public void clear() {
        map.clear();
    }

    /** Copies every entry of another bundle into this one (deeply). */
    public void putAll(PersistableBundle other) {
        for (var e : other.map.entrySet()) map.put(e.getKey(), copy(e.getValue()));
    }

    /** A copy whose arrays and nested bundles are copies too. */
    public PersistableBundle deepCopy() {
        return new PersistableBundle(this);
    }

    @Override
    public Object clone() {
        return new PersistableBundle(this);
    }

    public Set<String> keySet() {
        return new TreeSet<>(map.keySet());
    }

    /** The value of that key (boxed scalars, arrays and bundles as stored), or null. Deprecated on Android. */
    @Deprecated
    public Object get(String key) {
        return map.get(key);
    }

    /** Stores any value of a {@link Type}, replacing an entry of the same key whatever its type; the value is copied. */
    private void put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Type.of(value);
        map.put(key, copy(value));
    }

    private <T> T typed(String key, Class<T> kind) {
        Object v = map.get(key);
        return kind.isInstance(v) ? kind.cast(v) : null;
    }

    public void putBoolean(String key, boolean v) {
        put(key, v);
    }

    public void putInt(String key, int v) {
        put(key, v);
    }

    public void putLong(String key, long v) {
        put(key, v);
    }

    public void putDouble(String key, double v) {
        put(key, v);
    }

    public void putString(String key, String v) {
        put(key, v);
    }

    public void putBooleanArray(String key, boolean[] v) {
        put(key, v);
    }

    public void putIntArray(String key, int[] v) {
        put(key, v);
    }

    public void putLongArray(String key, long[] v) {
        put(key, v);
    }

    public void putDoubleArray(String key, double[] v) {
        put(key, v);
    }

    public void putStringArray(String key, String[] v) {
        put(key, v);
    }

    public void putPersistableBundle(String key, PersistableBundle v) {
        put(key, v);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        Boolean v = typed(key, Boolean.class);
        return v == null ? defaultValue : v;
    }

    public boolean getBoolean(String key) {
        return getBoolean(key, false);
    }

    public int getInt(String key, int defaultValue) {
        Integer v = typed(key, Integer.class);
        return v == null ? defaultValue : v;
    }

    public int getInt(String key) {
        return getInt(key, 0);
    }

    public long getLong(String key, long defaultValue) {
        Long v = typed(key, Long.class);
        return v == null ? defaultValue : v;
    }

    public long getLong(String key) {
        return getLong(key, 0L);
    }

    public double getDouble(String key, double defaultValue) {
        Double v = typed(key, Double.class);
        return v == null ? defaultValue : v;
    }

    public double getDouble(String key) {
        return getDouble(key, 0.0);
    }

    public String getString(String key) {
        return typed(key, String.class);
    }

    public String getString(String key, String defaultValue) {
        String v = getString(key);
        return v == null ? defaultValue : v;
    }

    public boolean[] getBooleanArray(String key) {
        return typed(key, boolean[].class);
    }

    public int[] getIntArray(String key) {
        return typed(key, int[].class);
    }

    public long[] getLongArray(String key) {
        return typed(key, long[].class);
    }

    public double[] getDoubleArray(String key) {
        return typed(key, double[].class);
    }

    public String[] getStringArray(String key) {
        return typed(key, String[].class);
    }

    public PersistableBundle getPersistableBundle(String key) {
        return typed(key, PersistableBundle.class);
    }

    // ---- parcel encoding ----

    @Override
    public int describeContents() {
        return 0;
    }

    /** Writes the bundle itself, no presence flag (AIDL adds one: {@link Parcel#writeTypedObject}). */
    @Override
    public void writeToParcel(Parcel p, int flags) {
        if (map.isEmpty()) {
            p.writeInt(0);
            return;
        }
        int lengthAt = p.dataPosition();
        p.writeInt(0);
        p.writeInt(MAGIC_NATIVE);
        int start = p.dataPosition();
        p.writeInt(map.size());
        for (Type type : Type.values()) {
            for (var e : map.entrySet()) {
                if (Type.of(e.getValue()) != type) continue;
                p.writeString(e.getKey());
                p.writeInt(type.tag);
                writeValue(p, type, e.getValue());
            }
        }
        int end = p.dataPosition();
        p.setDataPosition(lengthAt);
        p.writeInt(end - start);
        p.setDataPosition(end);
    }

    private static void writeValue(Parcel p, Type type, Object v) {
        switch (type) {
            case BOOLEAN -> p.writeBoolean((Boolean) v);
            case INT -> p.writeInt((Integer) v);
            case LONG -> p.writeLong((Long) v);
            case DOUBLE -> p.writeDouble((Double) v);
            case STRING -> p.writeString((String) v);
            case BOOLEAN_ARRAY -> p.writeBooleanArray((boolean[]) v);
            case INT_ARRAY -> p.writeIntArray((int[]) v);
            case LONG_ARRAY -> p.writeLongArray((long[]) v);
            case DOUBLE_ARRAY -> p.writeDoubleArray((double[]) v);
            case STRING_ARRAY -> p.writeStringArray((String[]) v);
            case PERSISTABLE_BUNDLE -> ((PersistableBundle) v).writeToParcel(p, 0);
        }
    }

    /**
     * Reads a bundle written by {@link #writeToParcel}, BaseBundle or libbinder, or null for a length of -1 (Parcel's
     * null bundle); bad bytes: ParcelFormatException.
     */
    static PersistableBundle read(Parcel p) {
        return read(p, 0);
    }

    private static PersistableBundle read(Parcel p, int depth) {
        if (depth > MAX_DEPTH) throw new ParcelFormatException("PersistableBundle nested deeper than " + MAX_DEPTH);
        int lengthAt = p.dataPosition();
        int length = p.readInt();
        if (length == -1 && depth == 0) return null;
        if (length < 0) throw new ParcelFormatException("PersistableBundle length " + length + " at " + lengthAt);
        PersistableBundle b = new PersistableBundle();
        if (length == 0) return b;
        int magic = p.readInt();
        if (magic != MAGIC_JAVA && magic != MAGIC_NATIVE) {
            throw new ParcelFormatException(String.format("bad PersistableBundle magic 0x%08x at %d", magic, lengthAt + 4));
        }
        int start = p.dataPosition();
        if (length > p.dataAvail()) {
            throw new ParcelFormatException("PersistableBundle of " + length + " bytes at " + lengthAt + " overruns the parcel");
        }
        int count = p.readInt();
        if (count < 0 || count > length / 8) {
            throw new ParcelFormatException("PersistableBundle entry count " + count + " at " + start);
        }
        for (int i = 0; i < count; i++) {
            String key = p.readString();
            if (key == null) throw new ParcelFormatException("PersistableBundle null key at " + p.dataPosition());
            int tag = p.readInt();
            Type type = Type.ofTag(tag);
            if (type == null) throw new ParcelFormatException("PersistableBundle value type " + tag + " for key " + key);
            b.map.put(key, readValue(p, type, key, depth));
        }
        if (p.dataPosition() - start != length) {
            throw new ParcelFormatException("PersistableBundle at " + lengthAt + " says " + length + " bytes but holds "
                    + (p.dataPosition() - start));
        }
        return b;
    }

    private static Object readValue(Parcel p, Type type, String key, int depth) {
        Object v = switch (type) {
            case BOOLEAN -> p.readBoolean();
            case INT -> p.readInt();
            case LONG -> p.readLong();
            case DOUBLE -> p.readDouble();
            case STRING -> p.readString();
            case BOOLEAN_ARRAY -> p.createBooleanArray();
            case INT_ARRAY -> p.createIntArray();
            case LONG_ARRAY -> p.createLongArray();
            case DOUBLE_ARRAY -> p.createDoubleArray();
            case STRING_ARRAY -> p.createStringArray();
            case PERSISTABLE_BUNDLE -> read(p, depth + 1);
        };
        if (v == null) throw new ParcelFormatException("PersistableBundle null value for key " + key);
        if (v instanceof String[] a && Arrays.asList(a).contains(null)) {
            throw new ParcelFormatException("PersistableBundle null string in the array of key " + key);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PersistableBundle other) || other.map.size() != map.size()) return false;
        for (var e : map.entrySet()) {
            if (!Objects.deepEquals(e.getValue(), other.map.get(e.getKey()))) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (var e : map.entrySet()) h += e.getKey().hashCode() ^ Arrays.deepHashCode(new Object[] {e.getValue()});
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("PersistableBundle{");
        for (var e : map.entrySet()) {
            if (s.length() > 18) s.append(", ");
            Object v = e.getValue();
            s.append(e.getKey()).append('=').append(v.getClass().isArray() ? Arrays.deepToString(new Object[] {v}) : v);
        }
        return s.append('}').toString();
    }
}
