package org.mdemu.vsock.binder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * A binder Parcel with Android's wire encoding: little-endian, every item padded to 4 bytes; booleans, bytes and
 * chars travel as int32; strings as String16 (int32 length in UTF-16 units, the units, a NUL unit, padding), -1
 * for null; arrays as an int32 length (-1 for null) then the elements. Binder objects are written as RPC binder
 * writes them: int32 present flag, uint64 {@link RpcWire} address, int32 stability. A parcel read off an RPC
 * session resolves addresses through that session; one built locally keeps the objects it was given.
 */
public final class Parcel {
    /** libbinder's Stability level of binders built by system code (the NDK library and the Java framework). */
    static final int STABILITY_SYSTEM = 0b001100;
    /** Reading more than this many elements is refused before anything is allocated. */
    private static final int MAX_ELEMENTS = 1 << 24;

    private byte[] data;
    private int size;
    private int position;
    /** Binder objects written into this parcel, by the data position of their present flag. */
    private final TreeMap<Integer, IBinder> objects = new TreeMap<>();
    /** The session addresses in this parcel belong to, when it came off (or is bound for) an RPC session. */
    private RpcSession session;

    public Parcel() {
        data = new byte[64];
    }

    public static Parcel obtain() {
        return new Parcel();
    }

    /** A parcel holding a copy of received bytes, whose binder addresses are resolved through the session. */
    static Parcel received(byte[] bytes, int offset, int length, RpcSession session) {
        Parcel p = new Parcel();
        p.data = Arrays.copyOfRange(bytes, offset, offset + Math.max(length, 0));
        p.size = p.data.length;
        p.session = session;
        return p;
    }

    /** Replaces the contents with received bytes whose binder addresses belong to the session. */
    void setReceived(byte[] bytes, int offset, int length, RpcSession from) {
        data = Arrays.copyOfRange(bytes, offset, offset + length);
        size = length;
        position = 0;
        objects.clear();
        session = from;
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

    public void setDataPosition(int pos) {
        if (pos < 0 || pos > size) throw new IllegalArgumentException("data position " + pos + " outside 0.." + size);
        position = pos;
    }

    /** Empties the parcel (data, position, objects). */
    public void recycle() {
        size = 0;
        position = 0;
        objects.clear();
    }

    public byte[] marshall() {
        return Arrays.copyOf(data, size);
    }

    /** Appends the raw bytes of a marshalled parcel at the current position (binder objects are not carried). */
    public void unmarshall(byte[] bytes, int offset, int length) {
        writeRaw(bytes, offset, length);
    }

    /** Appends length bytes of another parcel from offset (appendFrom); binder objects in that range come along. */
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

    /** Whether binder objects were written into this parcel (they cannot be marshalled as plain bytes). */
    public boolean hasBinders() {
        return !objects.isEmpty();
    }

    /** Reads n raw bytes and skips their padding to 4 (the contiguous arrays of the NDK API). */
    public byte[] readRaw(int n) {
        int padded = (n + 3) & ~3;
        if (n < 0 || padded < 0) throw new ParcelFormatException("reading " + n + " raw bytes");
        need(padded);
        byte[] b = Arrays.copyOfRange(data, position, position + n);
        position += padded;
        return b;
    }

    RpcSession session() {
        return session;
    }

    TreeMap<Integer, IBinder> objects() {
        return objects;
    }

    byte[] rawData() {
        return data;
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

    public void writeChar(char v) {
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

    /** Same wire form as {@link #writeString}: the NDK's UTF-8 string API and AIDL {@code @utf8InCpp} write String16. */
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
        for (char v : a) writeChar(v);
    }

    public void writeStringArray(String[] a) {
        if (nullArray(a)) return;
        writeInt(a.length);
        for (String v : a) writeString(v);
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

    /**
     * A PersistableBundle as AIDL passes a parcelable (Java's writeTypedObject, the NDK's AParcel_writeParcelable):
     * int32 1 then the bundle, or int32 0 for null.
     */
    public void writePersistableBundle(PersistableBundle bundle) {
        if (bundle == null) {
            writeInt(0);
            return;
        }
        writeInt(1);
        bundle.writeToParcel(this);
    }

    /** The status header of a successful AIDL reply. */
    public void writeNoException() {
        writeInt(BinderStatus.EX_NONE);
    }

    /** The status header libbinder's Status::writeToParcel writes for an exception. */
    public void writeException(RuntimeException e) {
        BinderStatus.fromThrowable(e).writeTo(this);
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

    public char readChar() {
        return (char) readInt();
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

    public byte[] readByteArray() {
        int n = readLength(1);
        if (n < 0) return null;
        int padded = (n + 3) & ~3;
        need(padded);
        byte[] b = Arrays.copyOfRange(data, position, position + n);
        position += padded;
        return b;
    }

    /** An array length: -1 for null, else a count whose elements (of at least unit bytes each) fit the parcel. */
    int readLength(int unit) {
        int n = readInt();
        if (n == -1) return -1;
        if (n < 0 || n > MAX_ELEMENTS || (long) n * unit > dataAvail()) {
            throw new ParcelFormatException("array of " + n + " elements at " + (position - 4) + " overruns the parcel");
        }
        return n;
    }

    public int[] readIntArray() {
        int n = readLength(4);
        if (n < 0) return null;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = readInt();
        return a;
    }

    public long[] readLongArray() {
        int n = readLength(8);
        if (n < 0) return null;
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = readLong();
        return a;
    }

    public float[] readFloatArray() {
        int n = readLength(4);
        if (n < 0) return null;
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = readFloat();
        return a;
    }

    public double[] readDoubleArray() {
        int n = readLength(8);
        if (n < 0) return null;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = readDouble();
        return a;
    }

    public boolean[] readBooleanArray() {
        int n = readLength(4);
        if (n < 0) return null;
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) a[i] = readBoolean();
        return a;
    }

    public char[] readCharArray() {
        int n = readLength(4);
        if (n < 0) return null;
        char[] a = new char[n];
        for (int i = 0; i < n; i++) a[i] = readChar();
        return a;
    }

    public String[] readStringArray() {
        int n = readLength(4);
        if (n < 0) return null;
        String[] a = new String[n];
        for (int i = 0; i < n; i++) a[i] = readString();
        return a;
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

    /** Reads what {@link #writePersistableBundle} writes: null when the presence flag is 0 (any other value: present). */
    public PersistableBundle readPersistableBundle() {
        if (readInt() == 0) return null;
        return PersistableBundle.readFromParcel(this);
    }

    /** Reads an AIDL reply's status header; an exception is rethrown as the Java exception it names. */
    public void readException() {
        BinderStatus status = BinderStatus.readFrom(this);
        if (!status.isOk()) throw status.toException();
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

    /** A UTF-8 rendering of a string for the NDK's UTF-8 API (which converts to and from String16 on the wire). */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
