package org.mdemu.guest.binder;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.os.BinderStatus;
import android.os.ParcelFormatException;
import android.os.PersistableBundle;

/**
 * libbinder_ndk's APersistableBundle (persistable_bundle.h, LIBBINDER_NDK35): each handle is a {@link PersistableBundle}
 * in the {@link NdkObjects} registry, so bundles read from or written to AParcels have the wire form Android's
 * framework and libbinder use. Keys and strings are UTF-8 in the guest. Getters of vectors fill the guest's buffer up
 * to its size and return the size in bytes of the whole vector; getters of strings go through the guest's allocator,
 * returning APERSISTABLEBUNDLE_KEY_NOT_FOUND (-1) or APERSISTABLEBUNDLE_ALLOCATOR_FAILED (-2). Where libbinder would
 * dereference a bad pointer or stop on a fatal check, the payload is aborted with a message naming the call.
 */
final class NdkPersistableBundles implements LibrarySection {
    private static final String VERSION = "LIBBINDER_NDK35";
    private static final int SIGABRT = 6;
    private static final int KEY_NOT_FOUND = -1;
    private static final int ALLOCATOR_FAILED = -2;

    private final NdkObjects objects;

    NdkPersistableBundles(NdkObjects objects) {
        this.objects = objects;
    }

    private GuestMemory mem() {
        return objects.process().memory();
    }

    /** The vector kinds of the API: the bundle type, the guest element size, and how elements cross guest memory. */
    private enum Vector {
        BOOLEAN("Boolean", boolean[].class, 1), INT("Int", int[].class, 4), LONG("Long", long[].class, 8),
        DOUBLE("Double", double[].class, 8);

        final String name;
        final Class<?> javaType;
        final int elementSize;

        Vector(String name, Class<?> javaType, int elementSize) {
            this.name = name;
            this.javaType = javaType;
            this.elementSize = elementSize;
        }

        void put(PersistableBundle b, String key, Object array) {
            switch (this) {
                case BOOLEAN -> b.putBooleanArray(key, (boolean[]) array);
                case INT -> b.putIntArray(key, (int[]) array);
                case LONG -> b.putLongArray(key, (long[]) array);
                case DOUBLE -> b.putDoubleArray(key, (double[]) array);
            }
        }

        Object read(GuestMemory m, long address, int n) {
            return switch (this) {
                case BOOLEAN -> {
                    boolean[] a = new boolean[n];
                    for (int i = 0; i < n; i++) a[i] = m.readByte(address + i) != 0;
                    yield a;
                }
                case INT -> {
                    int[] a = new int[n];
                    for (int i = 0; i < n; i++) a[i] = m.readInt(address + 4L * i);
                    yield a;
                }
                case LONG -> {
                    long[] a = new long[n];
                    for (int i = 0; i < n; i++) a[i] = m.readLong(address + 8L * i);
                    yield a;
                }
                case DOUBLE -> {
                    double[] a = new double[n];
                    for (int i = 0; i < n; i++) a[i] = Double.longBitsToDouble(m.readLong(address + 8L * i));
                    yield a;
                }
            };
        }

        int length(Object array) {
            return Array.getLength(array);
        }

        void write(GuestMemory m, long address, Object array, int n) {
            for (int i = 0; i < n; i++) {
                switch (this) {
                    case BOOLEAN -> m.writeByte(address + i, ((boolean[]) array)[i] ? 1 : 0);
                    case INT -> m.writeInt(address + 4L * i, ((int[]) array)[i]);
                    case LONG -> m.writeLong(address + 8L * i, ((long[]) array)[i]);
                    case DOUBLE -> m.writeLong(address + 8L * i, Double.doubleToRawLongBits(((double[]) array)[i]));
                }
            }
        }
    }

    /** The bundle argument i points to; a pointer that is no live APersistableBundle aborts the payload. */
    private PersistableBundle bundle(CallFrame f, int i, String function) {
        PersistableBundle b = objects.get(f.ptr(i), PersistableBundle.class);
        if (b == null) {
            objects.process().control().crash(SIGABRT, String.format(
                    "%s: 0x%x is not an APersistableBundle (NULL, deleted or another object)", function, f.ptr(i)));
        }
        return b;
    }

    private String key(CallFrame f, int i, String function) {
        String key = f.cstr(i);
        if (key == null) objects.process().control().crash(SIGABRT, function + ": NULL key");
        return key;
    }

    private void abort(String function, String why) {
        objects.process().control().crash(SIGABRT, function + ": " + why);
    }

    @Override
    public void declare(LibraryTable t) {
        declareLifecycle(t);
        declareScalars(t);
        declareVectors(t);
        declareStrings(t);
        declareKeys(t);
        t.function("APersistableBundle_putPersistableBundle", VERSION, Support.FULL, f -> {
            String fn = "APersistableBundle_putPersistableBundle";
            PersistableBundle b = bundle(f, 0, fn);
            String key = key(f, 1, fn);
            b.putPersistableBundle(key, bundle(f, 2, fn));
        });
        t.function("APersistableBundle_getPersistableBundle", VERSION, Support.FULL, f -> {
            String fn = "APersistableBundle_getPersistableBundle";
            PersistableBundle nested = bundle(f, 0, fn).getPersistableBundle(key(f, 1, fn));
            if (nested != null) mem().writeLong(f.ptr(2), objects.register(new PersistableBundle(nested)));
            f.ret(nested != null);
        });
    }

    private void declareLifecycle(LibraryTable t) {
        t.function("APersistableBundle_new", VERSION, Support.FULL, f -> f.ret(objects.register(new PersistableBundle())));
        t.function("APersistableBundle_dup", VERSION, Support.FULL,
                f -> f.ret(objects.register(new PersistableBundle(bundle(f, 0, "APersistableBundle_dup")))));
        t.function("APersistableBundle_delete", VERSION, Support.FULL, f -> {
            if (objects.get(f.ptr(0), PersistableBundle.class) != null) objects.free(f.ptr(0));
        });
        t.function("APersistableBundle_isEqual", VERSION, Support.FULL, f -> {
            if (f.ptr(0) == 0 || f.ptr(1) == 0) {
                f.ret(f.ptr(0) == f.ptr(1));
                return;
            }
            f.ret(bundle(f, 0, "APersistableBundle_isEqual").equals(bundle(f, 1, "APersistableBundle_isEqual")));
        });
        t.function("APersistableBundle_size", VERSION, Support.FULL,
                f -> f.ret(bundle(f, 0, "APersistableBundle_size").size()));
        t.function("APersistableBundle_erase", VERSION, Support.FULL, f -> {
            PersistableBundle b = bundle(f, 0, "APersistableBundle_erase");
            String key = key(f, 1, "APersistableBundle_erase");
            boolean present = b.containsKey(key);
            b.remove(key);
            f.ret(present ? 1 : 0);
        });
        Support parcels = Support.partial("a malformed bundle in the parcel is STATUS_BAD_VALUE, whatever the fault");
        t.function("APersistableBundle_readFromParcel", VERSION, parcels, f -> {
            NdkParcel p = objects.get(f.ptr(0), NdkParcel.class);
            if (p == null || f.ptr(1) == 0) {
                f.ret(BinderStatus.BAD_VALUE);
                return;
            }
            try {
                PersistableBundle b = PersistableBundle.CREATOR.createFromParcel(p.parcel);
                mem().writeLong(f.ptr(1), objects.register(b));
                f.ret(BinderStatus.OK);
            } catch (ParcelFormatException e) {
                f.ret(BinderStatus.BAD_VALUE);
            }
        });
        t.function("APersistableBundle_writeToParcel", VERSION, Support.FULL, f -> {
            PersistableBundle b = objects.get(f.ptr(0), PersistableBundle.class);
            NdkParcel p = objects.get(f.ptr(1), NdkParcel.class);
            if (b == null || p == null) {
                f.ret(BinderStatus.BAD_VALUE);
                return;
            }
            b.writeToParcel(p.parcel, 0);
            f.ret(BinderStatus.OK);
        });
    }

    @SuppressWarnings("deprecation") // BaseBundle.get is the one untyped getter
    private void declareScalars(LibraryTable t) {
        scalar(t, "Boolean", (f, b, k) -> b.putBoolean(k, (f.i64(2) & 0xff) != 0), (f, b, k) -> {
            Object v = b.get(k);
            if (v instanceof Boolean x) mem().writeByte(f.ptr(2), x ? 1 : 0);
            return v instanceof Boolean;
        });
        scalar(t, "Int", (f, b, k) -> b.putInt(k, f.i32(2)), (f, b, k) -> {
            Object v = b.get(k);
            if (v instanceof Integer x) mem().writeInt(f.ptr(2), x);
            return v instanceof Integer;
        });
        scalar(t, "Long", (f, b, k) -> b.putLong(k, f.i64(2)), (f, b, k) -> {
            Object v = b.get(k);
            if (v instanceof Long x) mem().writeLong(f.ptr(2), x);
            return v instanceof Long;
        });
        scalar(t, "Double", (f, b, k) -> b.putDouble(k, f.f64(0)), (f, b, k) -> {
            Object v = b.get(k);
            if (v instanceof Double x) mem().writeLong(f.ptr(2), Double.doubleToRawLongBits(x));
            return v instanceof Double;
        });
    }

    @FunctionalInterface
    private interface Put {
        void put(CallFrame f, PersistableBundle b, String key);
    }

    @FunctionalInterface
    private interface Get {
        boolean get(CallFrame f, PersistableBundle b, String key);
    }

    private void scalar(LibraryTable t, String name, Put put, Get get) {
        String putName = "APersistableBundle_put" + name, getName = "APersistableBundle_get" + name;
        t.function(putName, VERSION, Support.FULL, f -> put.put(f, bundle(f, 0, putName), key(f, 1, putName)));
        t.function(getName, VERSION, Support.FULL, f -> f.ret(get.get(f, bundle(f, 0, getName), key(f, 1, getName))));
    }

    private void declareVectors(LibraryTable t) {
        for (Vector v : Vector.values()) {
            String putName = "APersistableBundle_put" + v.name + "Vector";
            String getName = "APersistableBundle_get" + v.name + "Vector";
            t.function(putName, VERSION, Support.FULL, f -> {
                PersistableBundle b = bundle(f, 0, putName);
                String key = key(f, 1, putName);
                int n = f.i32(3);
                if (n < 0) abort(putName, "negative number of elements " + n);
                v.put(b, key, v.read(mem(), f.ptr(2), n));
            });
            t.function(getName, VERSION, Support.FULL, f -> {
                PersistableBundle b = bundle(f, 0, getName);
                @SuppressWarnings("deprecation") // BaseBundle.get is the one untyped getter
                Object array = b.get(key(f, 1, getName));
                if (!v.javaType.isInstance(array)) {
                    f.ret(KEY_NOT_FOUND);
                    return;
                }
                int bufferBytes = f.i32(3);
                if (bufferBytes < 0) abort(getName, "negative buffer size " + bufferBytes);
                int n = v.length(array);
                int fill = Math.min(n, bufferBytes / v.elementSize);
                if (f.ptr(2) != 0) v.write(mem(), f.ptr(2), array, fill);
                f.ret(n * v.elementSize);
            });
        }
    }

    private void declareStrings(LibraryTable t) {
        t.function("APersistableBundle_putString", VERSION, Support.FULL, f -> {
            String fn = "APersistableBundle_putString";
            PersistableBundle b = bundle(f, 0, fn);
            String key = key(f, 1, fn);
            String value = f.cstr(2);
            if (value == null) abort(fn, "NULL value");
            b.putString(key, value);
        });
        t.functionCallingGuest("APersistableBundle_getString", VERSION, Support.FULL, f -> {
            String fn = "APersistableBundle_getString";
            String s = bundle(f, 0, fn).getString(key(f, 1, fn));
            if (s == null) {
                f.ret(KEY_NOT_FOUND);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            long buffer = allocate(f.ptr(3), f.ptr(4), utf8);
            mem().writeLong(f.ptr(2), buffer);
            f.ret(buffer == 0 ? ALLOCATOR_FAILED : utf8.length);
        });
        t.function("APersistableBundle_putStringVector", VERSION, Support.FULL, f -> {
            String fn = "APersistableBundle_putStringVector";
            PersistableBundle b = bundle(f, 0, fn);
            String key = key(f, 1, fn);
            int n = f.i32(3);
            if (n < 0) abort(fn, "negative number of elements " + n);
            String[] strings = new String[n];
            for (int i = 0; i < n; i++) {
                long s = mem().readLong(f.ptr(2) + 8L * i);
                if (s == 0) abort(fn, "NULL string at index " + i);
                strings[i] = mem().readCString(s);
            }
            b.putStringArray(key, strings);
        });
        t.functionCallingGuest("APersistableBundle_getStringVector", VERSION, Support.FULL, f -> {
            String fn = "APersistableBundle_getStringVector";
            String[] strings = bundle(f, 0, fn).getStringArray(key(f, 1, fn));
            f.ret(strings == null ? KEY_NOT_FOUND : fillStrings(fn, List.of(strings), f, 2));
        });
    }

    private void declareKeys(LibraryTable t) {
        String[] names = {"Boolean", "Int", "Long", "Double", "String", "BooleanVector", "IntVector", "LongVector",
                "DoubleVector", "StringVector", "PersistableBundle"};
        Class<?>[] types = {Boolean.class, Integer.class, Long.class, Double.class, String.class, boolean[].class,
                int[].class, long[].class, double[].class, String[].class, PersistableBundle.class};
        for (int i = 0; i < names.length; i++) {
            Class<?> type = types[i];
            String fn = "APersistableBundle_get" + names[i] + "Keys";
            t.functionCallingGuest(fn, VERSION, Support.FULL, f -> {
                Set<String> keys = keysOf(bundle(f, 0, fn), type);
                f.ret(fillStrings(fn, List.copyOf(keys), f, 1));
            });
        }
    }

    /** The keys whose values are of that class, sorted. */
    @SuppressWarnings("deprecation") // BaseBundle.get is the one untyped getter
    private static Set<String> keysOf(PersistableBundle b, Class<?> type) {
        Set<String> keys = new java.util.TreeSet<>();
        for (String k : b.keySet()) {
            if (type.isInstance(b.get(k))) keys.add(k);
        }
        return keys;
    }

    /**
     * Fills the char* array at argument first (its size in bytes next, then allocator and context) with strings
     * copied into buffers of the guest's allocator, as far as the array reaches; returns the bytes the whole list needs.
     */
    private int fillStrings(String fn, List<String> strings, CallFrame f, int first) {
        long buffer = f.ptr(first), allocator = f.ptr(first + 2), context = f.ptr(first + 3);
        int bufferBytes = f.i32(first + 1);
        if (bufferBytes < 0) abort(fn, "negative buffer size " + bufferBytes);
        if (allocator == 0) return ALLOCATOR_FAILED;
        int fill = buffer == 0 ? 0 : Math.min(strings.size(), bufferBytes / 8);
        for (int i = 0; i < fill; i++) {
            long s = allocate(allocator, context, strings.get(i).getBytes(StandardCharsets.UTF_8));
            mem().writeLong(buffer + 8L * i, s);
            if (s == 0) return ALLOCATOR_FAILED;
        }
        return strings.size() * 8;
    }

    /** A NUL-terminated copy in a buffer from the guest's {@code char* alloc(int32_t sizeBytes, void* context)}, or 0. */
    private long allocate(long allocator, long context, byte[] utf8) {
        long buffer = objects.process().calls().call(allocator, utf8.length + 1L, context);
        if (buffer != 0) {
            mem().write(buffer, utf8);
            mem().writeByte(buffer + utf8.length, 0);
        }
        return buffer;
    }
}
