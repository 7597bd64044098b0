package org.mdemu.guest.bionic;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Prot;
import org.mdemu.loader.link.DynamicLinker;
import org.mdemu.loader.link.StaticTlsLayout;
import org.mdemu.loader.link.TlsModule;

/**
 * ELF TLS at run time: each thread's static TLS block (after the TCB slots at its thread pointer) initialised from
 * the modules' images, and the blocks of dlopen'ed modules, allocated per thread on first use through
 * {@code __tls_get_addr} (which the linker's dynamic TLSDESC resolver calls too). The modules come from the
 * payload's linker once it exists; before that there is no TLS beyond the TCB.
 */
public final class ThreadLocalStorage implements LibrarySection {
    private final GuestProcess process;
    private volatile DynamicLinker linker;
    /** Dynamic blocks per thread pointer, by module id. */
    private final Map<Long, Map<Long, Long>> dynamicBlocks = new HashMap<>();
    /** sys/thread_properties.h: thread exit callbacks in registration order, and the dynamic TLS listeners. */
    private final java.util.List<Long> exitCallbacks = new java.util.ArrayList<>();
    private long onCreation, onDestruction;

    public ThreadLocalStorage(GuestProcess process) {
        this.process = process;
    }

    public void attach(DynamicLinker linker) {
        this.linker = linker;
    }

    /** Bytes a thread needs from its thread pointer on: the TCB slots and every static module's block. */
    public long staticSize() {
        DynamicLinker l = linker;
        return l == null ? StaticTlsLayout.TCB_SIZE : l.staticTls().size();
    }

    /** The alignment a thread pointer needs so that every static block is aligned. */
    public long staticAlignment() {
        DynamicLinker l = linker;
        return l == null ? 16 : l.staticTls().alignment();
    }

    /** Copies each static module's .tdata to the thread's block and zeroes its .tbss. */
    public void initialise(long tp) {
        DynamicLinker l = linker;
        if (l == null) return;
        for (TlsModule m : l.tlsModules()) if (m.isStatic()) fill(m, tp + m.staticOffset());
    }

    private void fill(TlsModule m, long block) {
        GuestMemory mem = process.memory();
        if (m.fileSize() > 0) mem.write(block, mem.read(m.imageAddress(), (int) m.fileSize()));
        if (m.memSize() > m.fileSize()) mem.write(block + m.fileSize(), new byte[(int) (m.memSize() - m.fileSize())]);
    }

    /** Frees the dynamic blocks of the thread whose thread pointer was tp (it ended). */
    public synchronized void forget(long tp) {
        Map<Long, Long> blocks = dynamicBlocks.remove(tp);
        if (blocks == null) return;
        for (Map.Entry<Long, Long> e : blocks.entrySet()) {
            process.mm().munmap(e.getValue(), pages(linker.tlsModule(e.getKey()).memSize()));
        }
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("__tls_get_addr", "LIBC_R", Support.full("static modules from the thread's block, dlopen'ed ones"
                + " allocated per thread on first use"), f -> f.ret(address(f.ptr(0))));
    }

    /** The calling thread's address of a TLS symbol at offset in soname's block (dlsym of an STT_TLS symbol). */
    public long threadAddress(String soname, long offset) {
        DynamicLinker l = linker;
        if (l == null) return 0;
        for (TlsModule m : l.tlsModules()) {
            if (!m.soname().equals(soname)) continue;
            long tp = process.currentThread().tlsBase();
            return m.isStatic() ? tp + m.staticOffset() + offset : dynamicBlock(tp, m) + offset;
        }
        return 0;
    }

    /** __tls_get_addr: the calling thread's address of the variable a {module id, offset} index names. */
    private long address(long index) {
        GuestMemory mem = process.memory();
        long id = mem.readLong(index), offset = mem.readLong(index + 8);
        DynamicLinker l = linker;
        TlsModule m = l == null ? null : l.tlsModule(id);
        if (m == null) {
            process.control().crash(6, "__tls_get_addr: no TLS module with id " + id);
            return 0;
        }
        long tp = process.currentThread().tlsBase();
        if (m.isStatic()) return tp + m.staticOffset() + offset;
        return dynamicBlock(tp, m) + offset;
    }

    private long dynamicBlock(long tp, TlsModule m) {
        long listener;
        long block;
        synchronized (this) {
            Map<Long, Long> blocks = dynamicBlocks.computeIfAbsent(tp, k -> new HashMap<>());
            Long existing = blocks.get((long) m.id());
            if (existing != null) return existing;
            listener = onCreation;
            // The creation listener is guest code: it can only be called once the CPU has left the trap.
            if (listener != 0) process.threads().scheduler().requireOutsideTrap();
            block = process.mm().mapAnonymous(pages(m.memSize()), Math.max(4096, m.align()), Prot.RW,
                    "[anon:dynamic TLS " + m.soname() + "]");
            fill(m, block);
            blocks.put((long) m.id(), block);
        }
        if (listener != 0) process.calls().call(listener, block, block + pages(m.memSize()));
        return block;
    }

    /** __libc_get_static_tls_bounds: the thread's static TLS, from its TCB to the end of the last module's block. */
    public long[] staticBounds(long tp) {
        return new long[] {tp, tp + staticSize()};
    }

    /** __libc_iterate_dynamic_tls: each dynamic block of the thread as {begin, end, module id}. */
    public synchronized java.util.List<long[]> dynamicBlocksOf(long tp) {
        java.util.List<long[]> out = new java.util.ArrayList<>();
        Map<Long, Long> blocks = dynamicBlocks.get(tp);
        if (blocks == null) return out;
        for (Map.Entry<Long, Long> e : new java.util.TreeMap<>(blocks).entrySet()) {
            out.add(new long[] {e.getValue(), e.getValue() + pages(linker.tlsModule(e.getKey()).memSize()), e.getKey()});
        }
        return out;
    }

    public synchronized void registerExitCallback(long callback) {
        exitCallbacks.add(callback);
    }

    public synchronized void setListeners(long creation, long destruction) {
        onCreation = creation;
        onDestruction = destruction;
    }

    /**
     * pthread_exit's part: the destruction listener for each of the thread's dynamic blocks, then the exit callbacks
     * (the later ones in reverse order of registration, the first one last, as bionic calls them). Guest code runs.
     */
    public void threadExiting(long tp) {
        long destruction;
        java.util.List<Long> callbacks;
        synchronized (this) {
            destruction = onDestruction;
            callbacks = new java.util.ArrayList<>(exitCallbacks);
        }
        if (destruction != 0) {
            for (long[] b : dynamicBlocksOf(tp)) process.calls().call(destruction, b[0], b[1]);
        }
        for (int i = callbacks.size() - 1; i >= 1; i--) process.calls().call(callbacks.get(i));
        if (!callbacks.isEmpty()) process.calls().call(callbacks.get(0));
    }

    private static long pages(long size) {
        return Math.max(4096, (size + 4095) & ~4095L);
    }
}
