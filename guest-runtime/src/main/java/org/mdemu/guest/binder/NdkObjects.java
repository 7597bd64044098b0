package org.mdemu.guest.binder;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * The objects libbinder_ndk hands the guest as opaque pointers (AIBinder, AParcel, AStatus, AIBinder_Class, ...):
 * each is a small block of guest heap, so the pointer is a real, unique guest address, mapped to its Java object.
 * Also the guest memory helpers the NDK rows share (out-parameters, UTF-8 strings).
 */
final class NdkObjects {
    private static final int HANDLE_SIZE = 16;

    private final GuestProcess process;
    private final Map<Long, Object> objects = new HashMap<>();

    NdkObjects(GuestProcess process) {
        this.process = process;
    }

    GuestProcess process() {
        return process;
    }

    synchronized long register(Object o) {
        long address = process.heap().malloc(HANDLE_SIZE);
        if (address == 0) throw new IllegalStateException("out of guest memory for a binder object");
        objects.put(address, o);
        return address;
    }

    /** The object of that kind at the address, or null (NULL, freed, or another kind of object). */
    synchronized <T> T get(long address, Class<T> kind) {
        Object o = objects.get(address);
        return kind.isInstance(o) ? kind.cast(o) : null;
    }

    synchronized void free(long address) {
        if (objects.remove(address) != null) process.heap().free(address);
    }

    synchronized int count() {
        return objects.size();
    }

    /** A NUL-terminated UTF-8 copy in guest heap, to be freed by whoever owns it. */
    long cString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        long address = process.heap().malloc(utf8.length + 1L);
        process.memory().write(address, utf8);
        process.memory().writeByte(address + utf8.length, 0);
        return address;
    }

    /** Decodes length bytes of guest UTF-8, or returns null if they are not valid UTF-8. */
    String utf8(long address, int length) {
        byte[] bytes = process.memory().read(address, length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Calls a guest callback returning bool. */
    boolean callBool(long function, long... args) {
        return (process.calls().call(function, args) & 0xff) != 0;
    }

    /** Calls a guest allocator of the form {@code bool alloc(void* data, int32_t length, T** out)}; returns *out or -1. */
    long allocate(long allocator, long data, int length) {
        long out = process.heap().malloc(8);
        try {
            process.memory().writeLong(out, 0);
            if (!callBool(allocator, data, length & 0xffffffffL, out)) return -1;
            return process.memory().readLong(out);
        } finally {
            process.heap().free(out);
        }
    }

    /** Like {@link #allocate} for allocators that take an element index first: {@code bool (void*, size_t, int32_t, T**)}. */
    long allocateElement(long allocator, long data, long index, int length) {
        long out = process.heap().malloc(8);
        try {
            process.memory().writeLong(out, 0);
            if (!callBool(allocator, data, index, length & 0xffffffffL, out)) return -1;
            return process.memory().readLong(out);
        } finally {
            process.heap().free(out);
        }
    }
}
