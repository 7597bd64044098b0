package org.mdemu.loader.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.mdemu.loader.elf.Elf64Image;

/**
 * The linker's TLS bookkeeping: a module per library with PT_TLS, static offsets for the initial load set, and the
 * values TLS relocations store. TLSDESC entries get one of two resolvers the linker writes into guest memory
 * (called with x0 = the descriptor, returning in x0 the variable's offset from TPIDR_EL0, all other registers kept):
 * for static modules the offset is the descriptor's argument; for dlopen'ed modules the argument points at a
 * {module id, offset} index and the resolver asks libc's {@code __tls_get_addr}, which allocates the thread's block
 * on first use.
 */
final class ThreadLocalModules {
    private static final int R_TLS_DTPMOD64 = 1028, R_TLS_DTPREL64 = 1029, R_TLS_TPREL64 = 1030, R_TLSDESC = 1031;
    private static final int[] STATIC_RESOLVER = {
        0xf9400400, // ldr x0, [x0, #8]
        0xd65f03c0, // ret
    };
    private static final int[] DYNAMIC_RESOLVER = {
        0xa9bf7be1, // stp x1, x30, [sp, #-16]!
        0xf9400400, // ldr x0, [x0, #8]        the {module, offset} index
        0x580000c1, // ldr x1, <literal below>  __tls_get_addr
        0xd63f0020, // blr x1
        0xd53bd041, // mrs x1, tpidr_el0
        0xcb010000, // sub x0, x0, x1
        0xa8c17be1, // ldp x1, x30, [sp], #16
        0xd65f03c0, // ret
    };
    private static final long INDEX_PAGE = 4096;

    record Target(TlsModule module, long offset) {}

    record Mark(int modules, boolean staticFinished) {}

    private final AddressSpace space;
    private final LongSupplier tlsGetAddr;
    private final List<TlsModule> modules = new ArrayList<>();
    private final Map<LoadedLibrary, TlsModule> byLibrary = new HashMap<>();
    private StaticTlsLayout layout = new StaticTlsLayout();
    private boolean staticFinished;
    private long stubs, dynamicResolver, indexCursor, indexEnd;

    ThreadLocalModules(AddressSpace space, LongSupplier tlsGetAddr) {
        this.space = space;
        this.tlsGetAddr = tlsGetAddr;
    }

    Mark mark() {
        return new Mark(modules.size(), staticFinished);
    }

    /** Forgets the modules registered since mark (a load that failed); a failed initial load leaves no layout. */
    void rollBack(Mark mark) {
        while (modules.size() > mark.modules()) byLibrary.remove(libraryOf(modules.remove(modules.size() - 1)));
        if (!mark.staticFinished()) layout = new StaticTlsLayout();
    }

    private LoadedLibrary libraryOf(TlsModule m) {
        for (Map.Entry<LoadedLibrary, TlsModule> e : byLibrary.entrySet()) if (e.getValue() == m) return e.getKey();
        return null;
    }

    /** Static TLS is fixed once the first load (the payload and its DT_NEEDED closure) succeeded, as in bionic. */
    void finishStaticSet() {
        staticFinished = true;
    }

    void register(LoadedLibrary lib, List<String> problems) {
        Elf64Image.Segment seg = null;
        for (Elf64Image.Segment s : lib.image().segments()) if (s.type() == Elf64Image.PT_TLS) seg = s;
        if (seg == null) return;
        long align = Math.max(1, seg.align());
        if (Long.bitCount(align) != 1) {
            problems.add("\"" + lib.soname() + "\": PT_TLS alignment " + seg.align() + " is not a power of 2");
            return;
        }
        long offset = staticFinished ? TlsModule.DYNAMIC : layout.reserve(seg.memSize(), align);
        TlsModule m = new TlsModule(modules.size() + 1, lib.soname(), lib.base() + seg.vaddr(), seg.fileSize(),
                seg.memSize(), align, offset);
        modules.add(m);
        byLibrary.put(lib, m);
    }

    TlsModule moduleOf(LoadedLibrary lib) {
        return byLibrary.get(lib);
    }

    TlsModule module(long id) {
        return id >= 1 && id <= modules.size() ? modules.get((int) id - 1) : null;
    }

    List<TlsModule> modules() {
        return List.copyOf(modules);
    }

    StaticTlsLayout layout() {
        return layout;
    }

    /** Writes what a TLS relocation of type stores at where, or records why it cannot. */
    void apply(int type, long where, Target t, long addend, String referrer, List<String> problems) {
        TlsModule m = t.module();
        long offset = t.offset() + addend;
        switch (type) {
            case R_TLS_DTPMOD64 -> space.writeLong(where, m.id());
            case R_TLS_DTPREL64 -> space.writeLong(where, offset);
            case R_TLS_TPREL64 -> {
                if (!m.isStatic()) {
                    problems.add("\"" + referrer + "\" uses the initial-exec TLS model for \"" + m.soname()
                            + "\", which was dlopen'ed and has no static TLS");
                    return;
                }
                space.writeLong(where, m.staticOffset() + offset);
            }
            case R_TLSDESC -> {
                if (m.isStatic()) {
                    space.writeLong(where, stubs());
                    space.writeLong(where + 8, m.staticOffset() + offset);
                    return;
                }
                long resolver = dynamicResolver();
                if (resolver == 0) {
                    problems.add("\"" + referrer + "\": TLS of dlopen'ed \"" + m.soname()
                            + "\" needs __tls_get_addr from libc.so");
                    return;
                }
                space.writeLong(where, resolver);
                space.writeLong(where + 8, index(m.id(), offset));
            }
            default -> throw new IllegalArgumentException("not a TLS relocation: " + type);
        }
    }

    /** The resolver page, written on first use: the static resolver, then the dynamic one if libc has its helper. */
    private long stubs() {
        if (stubs == 0) {
            long page = space.reserve(space.pageSize(), space.pageSize(), "[anon:linker tlsdesc]");
            space.write(page, words(STATIC_RESOLVER));
            long target = tlsGetAddr.getAsLong();
            if (target != 0) {
                long at = page + 4L * STATIC_RESOLVER.length;
                space.write(at, words(DYNAMIC_RESOLVER));
                space.writeLong(at + 4L * DYNAMIC_RESOLVER.length, target);
                dynamicResolver = at;
            }
            space.protect(page, space.pageSize(), 5);
            stubs = page;
        }
        return stubs;
    }

    private long dynamicResolver() {
        stubs();
        return dynamicResolver;
    }

    /** A {module id, offset} pair in guest memory, as __tls_get_addr takes it. */
    private long index(long module, long offset) {
        if (indexCursor == indexEnd) {
            indexCursor = space.reserve(INDEX_PAGE, INDEX_PAGE, "[anon:linker tls index]");
            indexEnd = indexCursor + INDEX_PAGE;
        }
        long at = indexCursor;
        space.writeLong(at, module);
        space.writeLong(at + 8, offset);
        indexCursor += 16;
        return at;
    }

    private static byte[] words(int[] code) {
        byte[] b = new byte[code.length * 4];
        for (int i = 0; i < code.length; i++) for (int k = 0; k < 4; k++) b[4 * i + k] = (byte) (code[i] >>> (8 * k));
        return b;
    }
}
