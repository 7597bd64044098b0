package org.mdemu.guest.binder;

import java.nio.charset.StandardCharsets;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.os.BinderStatus;
import org.mdemu.os.HiddenApi;
import android.os.IBinder;
import android.os.Parcel;
import android.os.ParcelFormatException;

/**
 * libbinder_ndk's AParcel functions (binder_parcel.h) on {@link Parcel}: primitives, UTF-8 strings (String16 on the
 * wire), arrays through the guest's allocators, getters and setters, nullable forms (-1 lengths), strong binders,
 * status headers, positions and sizes. Results are binder_status_t: reading past the end is
 * STATUS_NOT_ENOUGH_DATA, a null where the guest's allocator refuses one STATUS_UNEXPECTED_NULL.
 */
final class NdkParcelFunctions implements LibrarySection {
    private static final int OK = BinderStatus.OK;

    private final NdkObjects objects;
    private final NdkBinders binders;

    NdkParcelFunctions(NdkObjects objects, NdkBinders binders) {
        this.objects = objects;
        this.binders = binders;
    }

    private GuestMemory mem() {
        return objects.process().memory();
    }

    private Parcel parcel(CallFrame f) {
        NdkParcel p = objects.get(f.ptr(0), NdkParcel.class);
        return p == null ? null : p.parcel;
    }

    /** A row body that reads or writes a parcel; its binder_status_t result goes to x0. */
    @FunctionalInterface
    private interface ParcelOp {
        int run(Parcel p, CallFrame f);
    }

    private void row(LibraryTable t, String name, ParcelOp op) {
        row(t, name, LibraryTable_DEFAULT, Support.FULL, false, op);
    }

    private void rowCallingGuest(LibraryTable t, String name, ParcelOp op) {
        row(t, name, LibraryTable_DEFAULT, Support.FULL, true, op);
    }

    private static final String LibraryTable_DEFAULT = BinderNdkLibrary.VERSION;

    private void row(LibraryTable t, String name, String version, Support support, boolean callsGuest, ParcelOp op) {
        org.mdemu.guest.abi.FunctionHandler h = f -> {
            Parcel p = parcel(f);
            if (p == null) {
                f.ret(BinderStatus.UNEXPECTED_NULL);
                return;
            }
            try {
                f.ret(op.run(p, f));
            } catch (ParcelFormatException e) {
                f.ret(BinderStatus.NOT_ENOUGH_DATA);
            }
        };
        if (callsGuest) t.functionCallingGuest(name, version, support, h);
        else t.function(name, version, support, h);
    }

    @Override
    public void declare(LibraryTable t) {
        String v = BinderNdkLibrary.VERSION;
        t.function("AParcel_delete", f -> {
            if (objects.get(f.ptr(0), NdkParcel.class) != null) objects.free(f.ptr(0));
        });
        t.function("AParcel_getDataPosition", f -> {
            Parcel p = parcel(f);
            f.ret(p == null ? 0 : p.dataPosition());
        });
        row(t, "AParcel_setDataPosition", (p, f) -> {
            int pos = f.i32(1);
            if (pos < 0) return BinderStatus.BAD_VALUE;
            p.setDataPosition(Math.min(pos, p.dataSize()));
            return OK;
        });
        declarePrimitives(t);
        declareArrays(t);
        declareStrings(t);
        row(t, "AParcel_writeStrongBinder", (p, f) -> {
            NdkBinder b = binders.get(f.ptr(1));
            if (b != null) binders.written(b);
            p.writeStrongBinder(b == null ? null : b.binder);
            return OK;
        });
        row(t, "AParcel_readStrongBinder", (p, f) -> {
            IBinder b = p.readStrongBinder();
            mem().writeLong(f.ptr(1), b == null ? 0 : binders.adopt(b).handle);
            return OK;
        });
        Support noFds = Support.partial("RPC sessions here carry no file descriptors: STATUS_FDS_NOT_ALLOWED");
        row(t, "AParcel_writeParcelFileDescriptor", v, noFds, false, (p, f) -> {
            if (f.i32(1) < 0) {
                p.writeInt(0);
                return OK;
            }
            return BinderStatus.FDS_NOT_ALLOWED;
        });
        row(t, "AParcel_readParcelFileDescriptor", v, noFds, false, (p, f) -> {
            int present = p.readInt();
            if (present == 0) {
                mem().writeInt(f.ptr(1), -1);
                return OK;
            }
            return BinderStatus.FDS_NOT_ALLOWED;
        });
        row(t, "AParcel_writeStatusHeader", (p, f) -> {
            NdkStatus s = objects.get(f.ptr(1), NdkStatus.class);
            if (s == null) return BinderStatus.UNEXPECTED_NULL;
            if (s.status.exception() == BinderStatus.EX_TRANSACTION_FAILED) return s.status.errorCode();
            s.status.writeTo(p);
            return OK;
        });
        row(t, "AParcel_readStatusHeader", (p, f) -> {
            BinderStatus s;
            try {
                s = BinderStatus.readFrom(p);
            } catch (ParcelFormatException e) {
                return BinderStatus.NOT_ENOUGH_DATA;
            }
            mem().writeLong(f.ptr(1), objects.register(new NdkStatus(s)));
            return OK;
        });
        rowCallingGuest(t, "AParcel_writeParcelableArray", (p, f) -> {
            long data = f.ptr(1), writer = f.ptr(3);
            int length = f.i32(2);
            int status = writeLength(p, length < 0, length);
            for (int i = 0; status == OK && i < length; i++) {
                status = (int) objects.process().calls().call(writer, f.ptr(0), data, i);
            }
            return status;
        });
        rowCallingGuest(t, "AParcel_readParcelableArray", (p, f) -> {
            long parcelHandle = f.ptr(0), data = f.ptr(1), allocator = f.ptr(2), reader = f.ptr(3);
            ArrayStart start = startArray(p, allocator, data);
            if (start.status() != OK) return start.status();
            int length = start.length();
            for (int i = 0; i < length; i++) {
                int status = (int) objects.process().calls().call(reader, parcelHandle, data, i);
                if (status != OK) return status;
            }
            return OK;
        });
        t.function("AParcel_fromJavaParcel", "LIBBINDER_NDK30", Support.unsupported("no Java runtime in Microdroid: NULL"),
                f -> f.ret(0));
        t.function("AParcel_markSensitive", "LIBBINDER_NDK31", Support.full("nothing to clear: parcels live in the JVM"),
                f -> { });
        t.function("AParcel_create", "LIBBINDER_NDK31", Support.FULL,
                f -> f.ret(objects.register(new NdkParcel(Parcel.obtain(), null, false))));
        t.function("AParcel_getDataSize", "LIBBINDER_NDK31", Support.FULL, f -> {
            Parcel p = parcel(f);
            f.ret(p == null ? 0 : p.dataSize());
        });
        row(t, "AParcel_reset", "LIBBINDER_NDK31", Support.FULL, false, (p, f) -> {
            p.recycle();
            return OK;
        });
        t.function("AParcel_appendFrom", "LIBBINDER_NDK31", Support.FULL, f -> {
            Parcel from = parcel(f);
            NdkParcel to = objects.get(f.ptr(1), NdkParcel.class);
            int start = f.i32(2), size = f.i32(3);
            if (from == null || to == null) {
                f.ret(BinderStatus.UNEXPECTED_NULL);
            } else if (start < 0 || size < 0 || (long) start + size > from.dataSize()) {
                f.ret(BinderStatus.BAD_VALUE);
            } else {
                to.parcel.appendFrom(from, start, size);
                f.ret(OK);
            }
        });
        row(t, "AParcel_marshal", "LIBBINDER_NDK33", Support.FULL, false, (p, f) -> {
            long buffer = f.ptr(1), start = f.i64(2), len = f.i64(3);
            if (HiddenApi.hasBinders(p)) return BinderStatus.INVALID_OPERATION;
            if (start < 0 || len < 0 || start + len > p.dataSize()) return BinderStatus.BAD_VALUE;
            mem().write(buffer, p.marshall(), (int) start, (int) len);
            return OK;
        });
        row(t, "AParcel_unmarshal", "LIBBINDER_NDK33", Support.FULL, false, (p, f) -> {
            long buffer = f.ptr(1), len = f.i64(2);
            if (len < 0 || len > Integer.MAX_VALUE) return BinderStatus.BAD_VALUE;
            p.recycle();
            p.unmarshall(mem().read(buffer, (int) len), 0, (int) len);
            p.setDataPosition(0);
            return OK;
        });
        t.function("AParcel_getAllowFds", "LIBBINDER_NDK_PLATFORM", Support.full("no file descriptor transport: false"),
                f -> f.ret(false));
    }

    private void declarePrimitives(LibraryTable t) {
        row(t, "AParcel_writeInt32", (p, f) -> { p.writeInt(f.i32(1)); return OK; });
        row(t, "AParcel_writeUint32", (p, f) -> { p.writeInt(f.i32(1)); return OK; });
        row(t, "AParcel_writeInt64", (p, f) -> { p.writeLong(f.i64(1)); return OK; });
        row(t, "AParcel_writeUint64", (p, f) -> { p.writeLong(f.i64(1)); return OK; });
        row(t, "AParcel_writeFloat", (p, f) -> { p.writeFloat(f.f32(0)); return OK; });
        row(t, "AParcel_writeDouble", (p, f) -> { p.writeDouble(f.f64(0)); return OK; });
        row(t, "AParcel_writeBool", (p, f) -> { p.writeBoolean((f.i64(1) & 0xff) != 0); return OK; });
        row(t, "AParcel_writeChar", (p, f) -> { p.writeInt((char) f.i64(1)); return OK; });
        row(t, "AParcel_writeByte", (p, f) -> { p.writeByte((byte) f.i64(1)); return OK; });
        row(t, "AParcel_readInt32", (p, f) -> { mem().writeInt(f.ptr(1), p.readInt()); return OK; });
        row(t, "AParcel_readUint32", (p, f) -> { mem().writeInt(f.ptr(1), p.readInt()); return OK; });
        row(t, "AParcel_readInt64", (p, f) -> { mem().writeLong(f.ptr(1), p.readLong()); return OK; });
        row(t, "AParcel_readUint64", (p, f) -> { mem().writeLong(f.ptr(1), p.readLong()); return OK; });
        row(t, "AParcel_readFloat", (p, f) -> { mem().writeInt(f.ptr(1), Float.floatToRawIntBits(p.readFloat())); return OK; });
        row(t, "AParcel_readDouble", (p, f) -> { mem().writeLong(f.ptr(1), Double.doubleToRawLongBits(p.readDouble())); return OK; });
        row(t, "AParcel_readBool", (p, f) -> { mem().writeByte(f.ptr(1), p.readBoolean() ? 1 : 0); return OK; });
        row(t, "AParcel_readChar", (p, f) -> { mem().writeShort(f.ptr(1), (char) p.readInt()); return OK; });
        row(t, "AParcel_readByte", (p, f) -> { mem().writeByte(f.ptr(1), p.readByte()); return OK; });
    }

    /** WriteAndValidateArraySize: only -1 means null; a null buffer must come with -1 or 0. */
    private static int writeLength(Parcel p, boolean isNull, int length) {
        if (length < -1) return BinderStatus.BAD_VALUE;
        if (!isNull && length < 0) return BinderStatus.BAD_VALUE;
        if (isNull && length > 0) return BinderStatus.BAD_VALUE;
        p.writeInt(length);
        return OK;
    }

    /**
     * ReadAndValidateArraySize: the length, -1 for null; below -1 gives Integer.MIN_VALUE + 1 (BAD_VALUE), longer
     * than the bytes left gives Integer.MIN_VALUE (NO_MEMORY).
     */
    private static int readLength(Parcel p) {
        int length = p.readInt();
        if (length < -1) return Integer.MIN_VALUE + 1;
        if (length > p.dataAvail()) return Integer.MIN_VALUE;
        return length;
    }

    private static int lengthError(int length) {
        return length == Integer.MIN_VALUE ? BinderStatus.NO_MEMORY : BinderStatus.BAD_VALUE;
    }

    /** The start of an array read: its length (-1 for null) and the guest's buffer for it, or an error status. */
    private record ArrayStart(int length, long buffer, int status) {}

    /** Reads the length and has the guest's {@code bool alloc(void* data, int32_t length)} make room. */
    private ArrayStart startArray(Parcel p, long allocator, long data) {
        int length = readLength(p);
        if (length < -1) return new ArrayStart(0, 0, lengthError(length));
        if (!objects.callBool(allocator, data, length & 0xffffffffL)) {
            return new ArrayStart(0, 0, length < 0 ? BinderStatus.UNEXPECTED_NULL : BinderStatus.NO_MEMORY);
        }
        return new ArrayStart(length, 0, OK);
    }

    /** Reads the length and has the guest's {@code bool alloc(void* data, int32_t length, T** buffer)} give a buffer. */
    private ArrayStart startBuffer(Parcel p, long allocator, long data) {
        int length = readLength(p);
        if (length < -1) return new ArrayStart(0, 0, lengthError(length));
        long buffer = objects.allocate(allocator, data, length);
        if (buffer == -1) return new ArrayStart(0, 0, length < 0 ? BinderStatus.UNEXPECTED_NULL : BinderStatus.NO_MEMORY);
        if (length > 0 && buffer == 0) return new ArrayStart(0, 0, BinderStatus.NO_MEMORY);
        return new ArrayStart(length, buffer, OK);
    }

    /** Contiguous arrays of elementSize-byte elements, copied as they lie in guest memory (ints, floats, ...). */
    private void contiguous(LibraryTable t, String type, int elementSize) {
        row(t, "AParcel_write" + type + "Array", (p, f) -> {
            long array = f.ptr(1);
            int length = f.i32(2);
            int status = writeLength(p, array == 0, length);
            if (status != OK || length <= 0) return status;
            byte[] bytes = mem().read(array, length * elementSize);
            p.unmarshall(bytes, 0, bytes.length);
            return OK;
        });
        rowCallingGuest(t, "AParcel_read" + type + "Array", (p, f) -> {
            ArrayStart start = startBuffer(p, f.ptr(2), f.ptr(1));
            if (start.status() != OK || start.length() <= 0) return start.status();
            int length = start.length();
            long buffer = start.buffer();
            int bytes = length * elementSize;
            if (bytes > p.dataAvail()) return BinderStatus.NO_MEMORY;
            mem().write(buffer, HiddenApi.readRaw(p, bytes));
            return OK;
        });
    }

    private void declareArrays(LibraryTable t) {
        contiguous(t, "Int32", 4);
        contiguous(t, "Uint32", 4);
        contiguous(t, "Int64", 8);
        contiguous(t, "Uint64", 8);
        contiguous(t, "Float", 4);
        contiguous(t, "Double", 8);
        contiguous(t, "Byte", 1);
        // char16_t arrays travel one int32 per element.
        row(t, "AParcel_writeCharArray", (p, f) -> {
            long array = f.ptr(1);
            int length = f.i32(2);
            int status = writeLength(p, array == 0, length);
            for (int i = 0; status == OK && i < length; i++) p.writeInt((char) mem().readShort(array + 2L * i));
            return status;
        });
        rowCallingGuest(t, "AParcel_readCharArray", (p, f) -> {
            ArrayStart start = startBuffer(p, f.ptr(2), f.ptr(1));
            if (start.status() != OK || start.length() <= 0) return start.status();
            int length = start.length();
            long buffer = start.buffer();
            for (int i = 0; i < length; i++) mem().writeShort(buffer + 2L * i, (char) p.readInt());
            return OK;
        });
        rowCallingGuest(t, "AParcel_writeBoolArray", (p, f) -> {
            long data = f.ptr(1), getter = f.ptr(3);
            int length = f.i32(2);
            int status = writeLength(p, length < 0, length);
            for (int i = 0; status == OK && i < length; i++) p.writeBoolean(objects.callBool(getter, data, i));
            return status;
        });
        rowCallingGuest(t, "AParcel_readBoolArray", (p, f) -> {
            long data = f.ptr(1), allocator = f.ptr(2), setter = f.ptr(3);
            ArrayStart start = startArray(p, allocator, data);
            if (start.status() != OK) return start.status();
            int length = start.length();
            for (int i = 0; i < length; i++) {
                boolean value = p.readBoolean();
                objects.process().calls().call(setter, data, i, value ? 1 : 0);
            }
            return OK;
        });
    }

    private void declareStrings(LibraryTable t) {
        row(t, "AParcel_writeString", (p, f) -> writeString(p, f.ptr(1), f.i32(2)));
        rowCallingGuest(t, "AParcel_readString", (p, f) -> {
            long data = f.ptr(1), allocator = f.ptr(2);
            String s = p.readString();
            if (s == null) return objects.callBool(allocator, data, 0xffffffffL, 0) ? OK : BinderStatus.UNEXPECTED_NULL;
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            long buffer = objects.allocate(allocator, data, utf8.length + 1);
            if (buffer == -1 || buffer == 0) return BinderStatus.NO_MEMORY;
            putCString(buffer, utf8);
            return OK;
        });
        rowCallingGuest(t, "AParcel_writeStringArray", (p, f) -> {
            long data = f.ptr(1), getter = f.ptr(3);
            int length = f.i32(2);
            int status = writeLength(p, length < 0, length);
            long lengthOut = objects.process().heap().malloc(8);
            try {
                for (int i = 0; status == OK && i < length; i++) {
                    mem().writeInt(lengthOut, -1);
                    long s = objects.process().calls().call(getter, data, i, lengthOut);
                    status = writeString(p, s, mem().readInt(lengthOut));
                }
            } finally {
                objects.process().heap().free(lengthOut);
            }
            return status;
        });
        rowCallingGuest(t, "AParcel_readStringArray", (p, f) -> {
            long data = f.ptr(1), allocator = f.ptr(2), elementAllocator = f.ptr(3);
            ArrayStart start = startArray(p, allocator, data);
            if (start.status() != OK) return start.status();
            int length = start.length();
            for (int i = 0; i < length; i++) {
                String s = p.readString();
                if (s == null) {
                    if (!objects.callBool(elementAllocator, data, i, 0xffffffffL, 0)) return BinderStatus.UNEXPECTED_NULL;
                    continue;
                }
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                long buffer = objects.allocateElement(elementAllocator, data, i, utf8.length + 1);
                if (buffer == -1 || buffer == 0) return BinderStatus.NO_MEMORY;
                putCString(buffer, utf8);
            }
            return OK;
        });
    }

    private void putCString(long buffer, byte[] utf8) {
        mem().write(buffer, utf8);
        mem().writeByte(buffer + utf8.length, 0);
    }

    /** AParcel_writeString: UTF-8 in, String16 out; NULL only with length -1. */
    private int writeString(Parcel p, long string, int length) {
        if (string == 0) {
            if (length != -1) return BinderStatus.BAD_VALUE;
            p.writeInt(-1);
            return OK;
        }
        if (length < 0) return BinderStatus.BAD_VALUE;
        String s = objects.utf8(string, length);
        if (s == null) return BinderStatus.BAD_VALUE;
        p.writeString(s);
        return OK;
    }
}
