package org.mdemu.guest.runtime;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.abi.FunctionHandler;
import org.mdemu.guest.machine.GuestMemory;

/**
 * The guest-side entry points of Java-implemented functions: one 8-byte stub per function, {@code svc #0; ret},
 * in a read-execute region. A trap from inside the gate is a function call; the stub's index names the handler.
 */
final class TrapGate {
    static final int STUB_SIZE = 8;
    private static final int SVC_0 = 0xd4000001;
    private static final int RET = 0xd65f03c0;

    record Entry(String library, String name, FunctionHandler handler, boolean callsGuest) {}

    private final long base;
    private final int capacity;
    private final List<Entry> entries = new ArrayList<>();
    private final GuestMemory memory;

    TrapGate(GuestMemory memory, long base, int capacity) {
        this.memory = memory.privileged();
        this.base = base;
        this.capacity = capacity;
    }

    static long sizeFor(int functions) {
        return ((long) functions * STUB_SIZE + 4095) & ~4095L;
    }

    long install(String library, String name, FunctionHandler handler, boolean callsGuest) {
        long address = adopt(library, name, handler, callsGuest);
        byte[] stub = new byte[STUB_SIZE];
        putInt(stub, 0, SVC_0);
        putInt(stub, 4, RET);
        memory.write(address, stub);
        return address;
    }

    /** As install, for a gate whose stubs are already in memory (a forked child's copy of its parent's). */
    long adopt(String library, String name, FunctionHandler handler, boolean callsGuest) {
        if (entries.size() == capacity) throw new IllegalStateException("trap gate full at " + name);
        long address = base + (long) entries.size() * STUB_SIZE;
        entries.add(new Entry(library, name, handler, callsGuest));
        return address;
    }

    /** The function whose stub holds the svc at this address, or null if the svc is elsewhere (a raw syscall). */
    Entry entryAt(long svcAddress) {
        long offset = svcAddress - base;
        if (offset < 0 || offset % STUB_SIZE != 0) return null;
        long index = offset / STUB_SIZE;
        return index < entries.size() ? entries.get((int) index) : null;
    }

    /** Entry of the stub containing address (for backtraces), or null. */
    Entry entryContaining(long address) {
        long offset = address - base;
        if (offset < 0) return null;
        long index = offset / STUB_SIZE;
        return index < entries.size() ? entries.get((int) index) : null;
    }

    /** Name of the function whose stub contains address (for backtraces), or null. */
    String nameAt(long address) {
        long offset = address - base;
        if (offset < 0) return null;
        long index = offset / STUB_SIZE;
        return index < entries.size() ? entries.get((int) index).name() : null;
    }

    long base() {
        return base;
    }

    int capacity() {
        return capacity;
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (8 * i));
    }
}
