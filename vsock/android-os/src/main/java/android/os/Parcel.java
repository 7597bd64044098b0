package android.os;

import java.io.FileDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.mdemu.os.BinderStatus;
import org.mdemu.os.HiddenApi;
import org.mdemu.os.ParcelSession;

/**
 * A binder Parcel with Android's wire encoding: little-endian, every item padded to 4 bytes; booleans, bytes and
 * chars travel as int32; strings as String16 (int32 length in UTF-16 units, the units, a NUL unit, padding), -1
 * for null; arrays as an int32 length (-1 for null) then the elements; typed objects (Parcelables) behind an int32
 * presence flag. Binder objects are written as RPC binder writes them: int32 present flag, uint64 address, int32
 * stability. A parcel read off an RPC session resolves addresses through that session; one built locally keeps the
 * objects it was given.
 *
 * <p>Reading past the end of the data throws {@link ParcelFormatException} (Android's Parcel returns zeros), so a
 * malformed parcel is named where it is read. File descriptors cannot be written: RPC binder over vsock carries
 * none, on a device as here (see {@link ParcelFileDescriptor}).
 */
public final class Parcel {
    /** libbinder's Stability level of binders built by system code (the NDK library and the Java framework). */
    private static final int STABILITY_SYSTEM = 0b001100;
    /** Reading more than this many elements is refused before anything is allocated. */
    private static final int MAX_ELEMENTS = 1 << 24;

    static {
        HiddenApi.register(new HiddenAccess());
    }

    private byte[] data;
    private int size;
    private int position;
    /** Binder objects written into this parcel, by the data position of their present flag. */
    private final TreeMap<Integer, IBinder> objects = new TreeMap<>();
    /** The session addresses in this parcel belong to, when it came off an RPC session. */
    private ParcelSession session;

    private Parcel() {
        data = new byte[64];
    }

    /** A new, empty parcel (Android takes one from a pool; here parcels are ordinary heap objects). */
    public static Parcel obtain() {
        return new Parcel();
    }

    /** A new parcel for a transaction on that binder (as Android's, the same as {@link #obtain()} here). */
    public static Parcel obtain(IBinder binder) {
        return new Parcel();
    }

    /** Empties the parcel (data, position, objects); it may be reused. */
    public void recycle() {
        size = 0;
        position = 0;
        objects.clear();
        session = null;
    }

    public int dataSize() {
        return size;
    }

    public int dataPosition() {
        return position;
    }

    public int dataAvail() {
        return Math.max(0, size - position);
    }

    public int dataCapacity() {
        return data.length;
    }

    public void setDataCapacity(int capacity) {
        if (capacity > data.length) data = Arrays.copyOf(data, capacity);
    }

    /** Moves the position; it must lie in 0..dataSize(). */
    public void setDataPosition(int pos) {
        if (pos < 0 || pos > size) {
            throw new ParcelFormatException("data position " + pos + " outside 0.." + size + " of the parcel");
        }
        position = pos;
    }

    /** Changes the amount of data: a smaller size cuts it (and the binder objects past it), a larger one pads zeros. */
    public void setDataSize(int newSize) {
        if (newSize < 0) throw new IllegalArgumentException("data size " + newSize);
        if (newSize > data.length) data = Arrays.copyOf(data, newSize);
        if (newSize < size) {
            Arrays.fill(data, newSize, size, (byte) 0);
            objects.tailMap(newSize, true).clear();
            objects.subMap(Math.max(0, newSize - 16), newSize).clear();
        }
        size = newSize;
        if (position > size) position = size;
    }

    /** The raw bytes; binder objects cannot be marshalled (Android refuses the same for active objects). */
    public byte[] marshall() {
        if (!objects.isEmpty()) throw new RuntimeException("Tried to marshall a Parcel that contains objects (binders)");
        return Arrays.copyOf(data, size);
    }

    /** Writes the raw bytes of a marshalled parcel at the current position. */
    public void unmarshall(byte[] bytes, int offset, int length) {
        writeRaw(bytes, offset, length);
    }

    /** Appends length bytes of another parcel from offset; binder objects in that range come along. */
    public void appendFrom(Parcel from, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > from.size) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside parcel of " + from.size);
        }
        int base = position;
        writeRaw(from.data, offset, length);
        for (var e : from.objects.subMap(offset, offset + length).entrySet()) {
            objects.put(base + e.getKey() - offset, e.getValue());
        }
        if (session == null) session = from.session;
    }

    /** Always false: no parcel here carries file descriptors. */
    public boolean hasFileDescriptors() {
        return false;
    }

    // ---- writing ----

    private void ensure(int more) {
        int end = position + more;
        if (end < 0) throw new IllegalStateException("parcel larger than 2 GiB");
        if (end > data.length) data = Arrays.copyOf(data, Math.max(end, data.length * 2));
    }

    private void advance(int written) {
        position += written;
        if (position > size) size = position;
    }

    public void writeInt(int v) {
        ensure(4);
        putInt(data, position, v);
        advance(4);
    }

    public void writeLong(long v) {
        ensure(8);
        putInt(data, position, (int) v);
        putInt(data, position + 4, (int) (v >>> 32));
        advance(8);
    }

    public void writeFloat(float v) {
        writeInt(Float.floatToRawIntBits(v));
    }

    public void writeDouble(double v) {
        writeLong(Double.doubleToRawLongBits(v));
    }

    public void writeBoolean(boolean v) {
        writeInt(v ? 1 : 0);
    }

    public void writeByte(byte v) {
        writeInt(v);
    }

    /** Raw bytes padded with zeros to a multiple of 4. */
    private void writeRaw(byte[] bytes, int offset, int length) {
        int padded = (length + 3) & ~3;
        ensure(padded);
        System.arraycopy(bytes, offset, data, position, length);
        Arrays.fill(data, position + length, position + padded, (byte) 0);
        advance(padded);
    }

    /** A String16: UTF-16 length, the units, a NUL unit, padding; null as -1. */
    public void writeString(String s) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        int n = s.length();
        writeInt(n);
        int bytes = (n + 1) * 2, padded = (bytes + 3) & ~3;
        ensure(padded);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            data[position + 2 * i] = (byte) c;
            data[position + 2 * i + 1] = (byte) (c >>> 8);
        }
        Arrays.fill(data, position + 2 * n, position + padded, (byte) 0);
        advance(padded);
    }

    /** Same wire form as {@link #writeString}: the NDK's UTF-8 string API and AIDL's {@code @utf8InCpp} write String16. */
    public void writeString16(String s) {
        writeString(s);
    }

    public void writeByteArray(byte[] b) {
        if (b == null) {
            writeInt(-1);
            return;
        }
        writeByteArray(b, 0, b.length);
    }

    public void writeByteArray(byte[] b, int offset, int length) {
        if (b == null) {
            writeInt(-1);
            return;
        }
        if (offset < 0 || length < 0 || offset + length > b.length) {
            throw new ArrayIndexOutOfBoundsException("range " + offset + "+" + length + " of a " + b.length + "-byte array");
        }
        writeInt(length);
        writeRaw(b, offset, length);
    }

    public void writeIntArray(int[] a) {
        if (nullArray(a)) return;
        writeInt(a.length);
        for (int v : a) writeInt(v);
    }

    public void writeLongArray(long[] a) {
        if (nullArray(a)) return;
        writeInt(a.length);
        for (long v : a) writeLong(v);
    }

    public void writeFloatArray(float[] a) {
        if (nullArray(a)) return;
        writeInt(a.length);
        for (float v : a) writeFloat(v);
    }

    public void writeDoubleArray(double[] a) {
        if (nullArray(a)) return;
        writeInt(a.length);
        for (double v : a) writeDouble(v);
    }

    public void writeBooleanArray(boolean[] a) {
        if (nullArray(a)) return;
        writeInt(a.length);
        for (boolean v : a) writeBoolean(v);
    }

    public void writeCharArray(char[] a) {
        if (nullArray(a)) return;
        writeInt(a.length);
        for (char v : a) writeInt(v);
    }

    public void writeStringArray(String[] a) {
        if (nullArray(a)) return;
        writeInt(a.length);
        for (String v : a) writeString(v);
    }

    public void writeStringList(List<String> list) {
        if (nullArray(list)) return;
        writeInt(list.size());
        for (String v : list) writeString(v);
    }

    private boolean nullArray(Object a) {
        if (a != null) return false;
        writeInt(-1);
        return true;
    }

    /** The interface token of an RPC binder transaction: the descriptor as a String16 (no kernel-binder headers). */
    public void writeInterfaceToken(String descriptor) {
        writeString(descriptor);
    }

    /** A binder object (null allowed); its address is assigned when the parcel is sent on a session. */
    public void writeStrongBinder(IBinder binder) {
        if (binder == null) {
            writeInt(0);
            writeInt(0);
            return;
        }
        objects.put(position, binder);
        writeInt(1);
        writeLong(0);
        writeInt(STABILITY_SYSTEM);
    }

    /** The binder behind an interface (null allowed). */
    public void writeStrongInterface(IInterface val) {
        writeStrongBinder(val == null ? null : val.asBinder());
    }

    public void writeBinderArray(IBinder[] val) {
        if (nullArray(val)) return;
        writeInt(val.length);
        for (IBinder b : val) writeStrongBinder(b);
    }

    public void writeBinderList(List<IBinder> val) {
        if (nullArray(val)) return;
        writeInt(val.size());
        for (IBinder b : val) writeStrongBinder(b);
    }

    /** A Parcelable behind a presence flag: int32 1 then the object, or int32 0 for null (AIDL's form). */
    public <T extends Parcelable> void writeTypedObject(T val, int parcelableFlags) {
        if (val == null) {
            writeInt(0);
            return;
        }
        writeInt(1);
        val.writeToParcel(this, parcelableFlags);
    }

    /** An array of Parcelables: its length (-1 for null), then each element as {@link #writeTypedObject} writes it. */
    public <T extends Parcelable> void writeTypedArray(T[] val, int parcelableFlags) {
        if (nullArray(val)) return;
        writeInt(val.length);
        for (T v : val) writeTypedObject(v, parcelableFlags);
    }

    public <T extends Parcelable> void writeTypedList(List<T> val) {
        writeTypedList(val, 0);
    }

    public <T extends Parcelable> void writeTypedList(List<T> val, int parcelableFlags) {
        if (nullArray(val)) return;
        writeInt(val.size());
        for (T v : val) writeTypedObject(v, parcelableFlags);
    }

    /**
     * A Parcelable with its class name, for readers that do not know its class ({@link #readParcelable}); null is a
     * null name.
     */
    public void writeParcelable(Parcelable p, int parcelableFlags) {
        if (p == null) {
            writeString(null);
            return;
        }
        writeString(p.getClass().getName());
        p.writeToParcel(this, parcelableFlags);
    }

    /**
     * A PersistableBundle in Android's own form: its length, -1 for null (AIDL passes bundles as typed objects,
     * {@link #writeTypedObject}).
     */
    public void writePersistableBundle(PersistableBundle bundle) {
        if (bundle == null) {
            writeInt(-1);
            return;
        }
        bundle.writeToParcel(this, 0);
    }

    /** Always fails: RPC binder over vsock carries no file descriptors, on a device as here. */
    public void writeFileDescriptor(FileDescriptor fd) {
        throw ParcelFileDescriptor.notTransportable("Parcel.writeFileDescriptor");
    }

    /** The status header of a successful AIDL reply. */
    public void writeNoException() {
        writeInt(BinderStatus.EX_NONE);
    }

    /**
     * The status header of a failed AIDL call for an exception that crosses calls (SecurityException,
     * BadParcelableException, IllegalArgumentException, NullPointerException, IllegalStateException,
     * NetworkOnMainThreadException, UnsupportedOperationException, ServiceSpecificException); any other is thrown.
     */
    public void writeException(Exception e) {
        BinderStatus status = BinderStatus.fromThrowable(e);
        if (status == null) {
            if (e instanceof RuntimeException r) throw r;
            throw new RuntimeException(e);
        }
        status.writeTo(this);
    }

    // ---- reading ----

    private void need(int n) {
        if (n < 0 || position + n > size) {
            throw new ParcelFormatException("reading " + n + " bytes at " + position + " of a " + size + "-byte parcel");
        }
    }

    public int readInt() {
        need(4);
        int v = getInt(data, position);
        position += 4;
        return v;
    }

    public long readLong() {
        need(8);
        long v = (getInt(data, position) & 0xffffffffL) | ((long) getInt(data, position + 4) << 32);
        position += 8;
        return v;
    }

    public float readFloat() {
        return Float.intBitsToFloat(readInt());
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public boolean readBoolean() {
        return readInt() != 0;
    }

    public byte readByte() {
        return (byte) readInt();
    }

    public String readString() {
        int n = readInt();
        if (n == -1) return null;
        if (n < 0 || n > (size - position) / 2) {
            throw new ParcelFormatException("string of " + n + " UTF-16 units at " + (position - 4) + " overruns the parcel");
        }
        int padded = ((n + 1) * 2 + 3) & ~3;
        need(padded);
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = (char) ((data[position + 2 * i] & 0xff) | (data[position + 2 * i + 1] & 0xff) << 8);
        }
        position += padded;
        return new String(chars);
    }

    public String readString16() {
        return readString();
    }

    private byte[] readRaw(int n) {
        int padded = (n + 3) & ~3;
        if (n < 0 || padded < 0) throw new ParcelFormatException("reading " + n + " raw bytes");
        need(padded);
        byte[] b = Arrays.copyOfRange(data, position, position + n);
        position += padded;
        return b;
    }

    /** An array length: -1 for null, else a count whose elements (of at least unit bytes each) fit the parcel. */
    private int readLength(int unit) {
        int n = readInt();
        if (n == -1) return -1;
        if (n < 0 || n > MAX_ELEMENTS || (long) n * unit > dataAvail()) {
            throw new ParcelFormatException("array of " + n + " elements at " + (position - 4) + " overruns the parcel");
        }
        return n;
    }

    /** Reads an array into an existing one (AIDL's out and inout arguments): the lengths must agree. */
    private int readLengthInto(int unit, int expected) {
        int n = readLength(unit);
        if (n != expected) throw new RuntimeException("bad array lengths: " + n + " in the parcel, " + expected + " given");
        return n;
    }

    public byte[] createByteArray() {
        int n = readLength(1);
        return n < 0 ? null : readRaw(n);
    }

    public void readByteArray(byte[] val) {
        int n = readLengthInto(1, val.length);
        System.arraycopy(readRaw(n), 0, val, 0, n);
    }

    public int[] createIntArray() {
        int n = readLength(4);
        if (n < 0) return null;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = readInt();
        return a;
    }

    public void readIntArray(int[] val) {
        int n = readLengthInto(4, val.length);
        for (int i = 0; i < n; i++) val[i] = readInt();
    }

    public long[] createLongArray() {
        int n = readLength(8);
        if (n < 0) return null;
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = readLong();
        return a;
    }

    public void readLongArray(long[] val) {
        int n = readLengthInto(8, val.length);
        for (int i = 0; i < n; i++) val[i] = readLong();
    }

    public float[] createFloatArray() {
        int n = readLength(4);
        if (n < 0) return null;
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = readFloat();
        return a;
    }

    public void readFloatArray(float[] val) {
        int n = readLengthInto(4, val.length);
        for (int i = 0; i < n; i++) val[i] = readFloat();
    }

    public double[] createDoubleArray() {
        int n = readLength(8);
        if (n < 0) return null;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = readDouble();
        return a;
    }

    public void readDoubleArray(double[] val) {
        int n = readLengthInto(8, val.length);
        for (int i = 0; i < n; i++) val[i] = readDouble();
    }

    public boolean[] createBooleanArray() {
        int n = readLength(4);
        if (n < 0) return null;
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) a[i] = readBoolean();
        return a;
    }

    public void readBooleanArray(boolean[] val) {
        int n = readLengthInto(4, val.length);
        for (int i = 0; i < n; i++) val[i] = readBoolean();
    }

    public char[] createCharArray() {
        int n = readLength(4);
        if (n < 0) return null;
        char[] a = new char[n];
        for (int i = 0; i < n; i++) a[i] = (char) readInt();
        return a;
    }

    public void readCharArray(char[] val) {
        int n = readLengthInto(4, val.length);
        for (int i = 0; i < n; i++) val[i] = (char) readInt();
    }

    public String[] createStringArray() {
        int n = readLength(4);
        if (n < 0) return null;
        String[] a = new String[n];
        for (int i = 0; i < n; i++) a[i] = readString();
        return a;
    }

    public void readStringArray(String[] val) {
        int n = readLengthInto(4, val.length);
        for (int i = 0; i < n; i++) val[i] = readString();
    }

    public ArrayList<String> createStringArrayList() {
        int n = readLength(4);
        if (n < 0) return null;
        ArrayList<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(readString());
        return list;
    }

    /** Reads strings into a list, replacing its contents (AIDL's out List&lt;String&gt;). */
    public void readStringList(List<String> list) {
        int n = readLength(4);
        list.clear();
        for (int i = 0; i < n; i++) list.add(readString());
    }

    /** Reads the interface token and checks it names the expected descriptor. */
    public void enforceInterface(String descriptor) {
        String token = readString();
        if (!descriptor.equals(token)) {
            throw new SecurityException("Binder invocation to an incorrect interface: expected " + descriptor
                    + " but the token is " + token);
        }
    }

    public IBinder readStrongBinder() {
        int at = position;
        int present = readInt();
        IBinder binder = null;
        if ((present & 1) != 0) {
            long address = readLong();
            IBinder local = objects.get(at);
            if (local != null) {
                binder = local;
            } else if (session != null) {
                binder = session.binderEntering(address);
            } else {
                throw new ParcelFormatException("binder object at " + at + " of a parcel that belongs to no session");
            }
        }
        readInt(); // stability level
        return binder;
    }

    public IBinder[] createBinderArray() {
        int n = readLength(8);
        if (n < 0) return null;
        IBinder[] a = new IBinder[n];
        for (int i = 0; i < n; i++) a[i] = readStrongBinder();
        return a;
    }

    public void readBinderArray(IBinder[] val) {
        int n = readLengthInto(8, val.length);
        for (int i = 0; i < n; i++) val[i] = readStrongBinder();
    }

    public ArrayList<IBinder> createBinderArrayList() {
        int n = readLength(8);
        if (n < 0) return null;
        ArrayList<IBinder> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(readStrongBinder());
        return list;
    }

    public void readBinderList(List<IBinder> list) {
        int n = readLength(8);
        list.clear();
        for (int i = 0; i < n; i++) list.add(readStrongBinder());
    }

    /** What {@link #writeTypedObject} writes: null when the presence flag is 0. */
    public <T> T readTypedObject(Parcelable.Creator<T> c) {
        return readInt() != 0 ? c.createFromParcel(this) : null;
    }

    public <T> T[] createTypedArray(Parcelable.Creator<T> c) {
        int n = readLength(4);
        if (n < 0) return null;
        T[] a = c.newArray(n);
        for (int i = 0; i < n; i++) a[i] = readTypedObject(c);
        return a;
    }

    public <T> void readTypedArray(T[] val, Parcelable.Creator<T> c) {
        int n = readLengthInto(4, val.length);
        for (int i = 0; i < n; i++) val[i] = readTypedObject(c);
    }

    public <T> ArrayList<T> createTypedArrayList(Parcelable.Creator<T> c) {
        int n = readLength(4);
        if (n < 0) return null;
        ArrayList<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(readTypedObject(c));
        return list;
    }

    /** Reads Parcelables into a list, replacing its contents (AIDL's out List&lt;T&gt;). */
    public <T> void readTypedList(List<T> list, Parcelable.Creator<T> c) {
        int n = readLength(4);
        list.clear();
        for (int i = 0; i < n; i++) list.add(readTypedObject(c));
    }

    /**
     * What {@link #writeParcelable} writes: the class is loaded by name through the loader (this class's when null)
     * and its static CREATOR field builds the object. A class that is not a Parcelable with a CREATOR is a
     * {@link BadParcelableException}.
     */
    @SuppressWarnings("unchecked")
    public <T extends Parcelable> T readParcelable(ClassLoader loader) {
        String name = readString();
        if (name == null) return null;
        Parcelable.Creator<?> creator;
        try {
            Class<?> c = Class.forName(name, false, loader == null ? Parcel.class.getClassLoader() : loader);
            if (!Parcelable.class.isAssignableFrom(c)) {
                throw new BadParcelableException("Parcelable protocol requires subclassing from Parcelable on class " + name);
            }
            Object f = c.getField("CREATOR").get(null);
            if (!(f instanceof Parcelable.Creator<?> cr)) {
                throw new BadParcelableException("Parcelable protocol requires a Parcelable.Creator object called CREATOR"
                        + " on class " + name);
            }
            creator = cr;
        } catch (ClassNotFoundException e) {
            throw new BadParcelableException("ClassNotFoundException when unmarshalling: " + name);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new BadParcelableException("Parcelable protocol requires a Parcelable.Creator object called CREATOR"
                    + " on class " + name);
        }
        if (creator instanceof Parcelable.ClassLoaderCreator<?> lc) return (T) lc.createFromParcel(this, loader);
        return (T) creator.createFromParcel(this);
    }

    /** What {@link #writePersistableBundle} writes: null for a length of -1. */
    public PersistableBundle readPersistableBundle() {
        return PersistableBundle.read(this);
    }

    public PersistableBundle readPersistableBundle(ClassLoader loader) {
        return readPersistableBundle();
    }

    /** Fails unless the descriptor is absent: RPC binder over vsock carries no file descriptors. */
    public ParcelFileDescriptor readFileDescriptor() {
        throw ParcelFileDescriptor.notTransportable("Parcel.readFileDescriptor");
    }

    /** Reads an AIDL reply's status header; an exception is rethrown as the Java exception it names. */
    public void readException() {
        BinderStatus status = BinderStatus.readFrom(this);
        if (!status.isOk()) throw status.toException();
    }

    /** Reads an AIDL reply's status header and rethrows the exception it names (code and message as read). */
    public void readException(int code, String msg) {
        throw new BinderStatus(code, 0, msg).toException();
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    @Override
    public String toString() {
        return "Parcel[" + size + " bytes, position " + position + (objects.isEmpty() ? "" : ", " + objects.size()
                + " binders") + "]";
    }

    /** mdemu's {@link HiddenApi}: what the RPC binder session and libbinder_ndk need of a parcel. */
    private static final class HiddenAccess implements HiddenApi.Access {
        @Override
        public Parcel received(byte[] bytes, int offset, int length, ParcelSession session) {
            Parcel p = new Parcel();
            setReceived(p, bytes, offset, length, session);
            return p;
        }

        @Override
        public void setReceived(Parcel p, byte[] bytes, int offset, int length, ParcelSession from) {
            p.data = Arrays.copyOfRange(bytes, offset, offset + Math.max(length, 0));
            p.size = p.data.length;
            p.position = 0;
            p.objects.clear();
            p.session = from;
        }

        @Override
        public ParcelSession session(Parcel p) {
            return p.session;
        }

        @Override
        public NavigableMap<Integer, IBinder> binders(Parcel p) {
            return p.objects;
        }

        @Override
        public byte[] bytes(Parcel p) {
            return Arrays.copyOf(p.data, p.size);
        }

        @Override
        public byte[] readRaw(Parcel p, int n) {
            return p.readRaw(n);
        }

        @Override
        public int execTransact(Binder binder, int code, Parcel data, Parcel reply, int flags,
                                java.util.function.Consumer<String> log) {
            return binder.execTransact(code, data, reply, flags, log);
        }
    }
}
