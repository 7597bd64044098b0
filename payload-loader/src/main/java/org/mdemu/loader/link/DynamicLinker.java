package org.mdemu.loader.link;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mdemu.loader.elf.Elf64Image;
import org.mdemu.loader.elf.ElfException;
import org.mdemu.loader.elf.ElfSymbol;

/**
 * linker64's job: maps a library and its DT_NEEDED closure (the APK's own libraries first, then the guest's
 * system libraries), applies relocations with symbol versioning, protects segments and RELRO, and gives the order
 * in which constructors must run. All unresolved imports of the closure are reported together, bionic-style.
 *
 * <p>Lookup scopes follow bionic's: each load makes a local group (the library it was asked for, the root, and what
 * that load mapped for it); a group loaded with RTLD_GLOBAL also joins the global group. A library's references
 * resolve against the global group and then its own group; RTLD_DEFAULT searches the global group and then the
 * caller's group; a handle searches its library's dependency tree breadth-first. The system libraries (libc.so and
 * the others the runtime provides) are global, as they are the launcher's own dependencies on a device.
 */
public final class DynamicLinker {
    private static final int R_AARCH64_ABS64 = 257, R_AARCH64_GLOB_DAT = 1025, R_AARCH64_JUMP_SLOT = 1026,
            R_AARCH64_RELATIVE = 1027, R_AARCH64_IRELATIVE = 1032, R_AARCH64_TLS_DTPMOD64 = 1028,
            R_AARCH64_TLS_DTPREL64 = 1029, R_AARCH64_TLS_TPREL64 = 1030, R_AARCH64_TLSDESC = 1031;
    private static final long PAGE = 4096;
    /** Link-time addresses of a library's segments stay below this (AArch64 user space has 48 bits). */
    private static final long MAX_LINK_ADDRESS = 1L << 47;
    /** The largest segment alignment accepted (bionic's linker caps it well below this too). */
    private static final long MAX_ALIGN = 1L << 30;

    private final AddressSpace space;
    private final SystemLibraries system;
    private final Function<String, byte[]> apkLibraries;
    private final String apkLibraryDirectory;
    private final GuestCaller caller;
    private final long hwcap;
    private final Map<String, LoadedLibrary> loaded = new LinkedHashMap<>();
    private final Map<String, SymbolSource> systemLoaded = new LinkedHashMap<>();
    /** Sonames of the ELF libraries in the global group (loaded with RTLD_GLOBAL). */
    private final java.util.Set<String> global = new java.util.HashSet<>();
    /** Each ELF library's local group root (the library whose load mapped it). */
    private final Map<String, LoadedLibrary> groupRoots = new java.util.HashMap<>();
    private final ThreadLocalModules tls;

    /**
     * @param apkLibraries the bytes of a library in the APK's lib/arm64-v8a by file name, or null if absent
     * @param apkLibraryDirectory guest directory of those libraries, for paths in backtraces and dladdr
     */
    public DynamicLinker(AddressSpace space, SystemLibraries system, Function<String, byte[]> apkLibraries,
                         String apkLibraryDirectory, GuestCaller caller, long hwcap) {
        this.space = space;
        this.system = system;
        this.apkLibraries = apkLibraries;
        this.apkLibraryDirectory = apkLibraryDirectory;
        this.caller = caller;
        this.hwcap = hwcap;
        this.tls = new ThreadLocalModules(space, () -> {
            SymbolSource libc = system.find("libc.so");
            SymbolSource.ResolvedSymbol s = libc == null ? null : libc.lookup("__tls_get_addr", null);
            return s == null ? 0 : s.address();
        });
    }

    /**
     * Loads name (and what it needs) if not loaded yet, as RTLD_LOCAL (how Microdroid's launcher opens the payload).
     * Returns the library and, in newlyLoaded, the libraries mapped by this call in constructor order (dependencies
     * first).
     */
    public LoadedLibrary load(String name, List<LoadedLibrary> newlyLoaded) throws LinkException, ElfException {
        return load(name, newlyLoaded, false);
    }

    /**
     * As {@link #load(String, List)}; with global (RTLD_GLOBAL) the libraries this call maps join the global group.
     * A library already loaded keeps its scope, as in bionic (a later RTLD_GLOBAL does not promote it).
     */
    public synchronized LoadedLibrary load(String name, List<LoadedLibrary> newlyLoaded, boolean global)
            throws LinkException, ElfException {
        LoadedLibrary existing = loaded.get(name);
        if (existing != null) return existing;
        byte[] bytes = apkLibraries.apply(name);
        if (bytes == null) throw new LinkException("library \"" + name + "\" not found");
        List<LoadedLibrary> fresh = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        LoadedLibrary root = mapClosure(name, bytes, fresh, problems);
        for (LoadedLibrary lib : fresh) {
            groupRoots.put(lib.soname(), root);
            if (global) this.global.add(lib.soname());
        }
        ThreadLocalModules.Mark mark = tls.mark();
        if (problems.isEmpty()) {
            for (LoadedLibrary lib : fresh) tls.register(lib, problems);
            for (LoadedLibrary lib : fresh) relocate(lib, problems);
        }
        if (!problems.isEmpty()) {
            tls.rollBack(mark);
            for (LoadedLibrary lib : fresh) {
                loaded.remove(lib.soname());
                groupRoots.remove(lib.soname());
                this.global.remove(lib.soname());
                space.release(lib.base(), lib.size());
            }
            throw new LinkException(problems);
        }
        tls.finishStaticSet();
        for (LoadedLibrary lib : fresh) protect(lib);
        // Dependencies before dependents: reverse of the breadth-first discovery order.
        List<LoadedLibrary> order = new ArrayList<>(fresh);
        java.util.Collections.reverse(order);
        newlyLoaded.addAll(order);
        return root;
    }

    /** The static TLS block of the initial load set: its size past the thread pointer and its modules. */
    public synchronized StaticTlsLayout staticTls() {
        return tls.layout();
    }

    /** TLS modules in id order (static ones first). */
    public synchronized List<TlsModule> tlsModules() {
        return tls.modules();
    }

    /** The TLS module with this id (as R_AARCH64_TLS_DTPMOD64 and __tls_get_addr's index name it), or null. */
    public synchronized TlsModule tlsModule(long id) {
        return tls.module(id);
    }

    public synchronized List<LoadedLibrary> libraries() {
        return new ArrayList<>(loaded.values());
    }

    public synchronized LoadedLibrary find(String soname) {
        return loaded.get(soname);
    }

    /**
     * dlopen of a system library: the library, or null if the guest has none. With global (RTLD_GLOBAL) it joins the
     * global group, as when something linked it; a local open leaves RTLD_DEFAULT lookups as they were.
     */
    public synchronized SymbolSource openSystem(String soname, boolean global) {
        SymbolSource sys = systemLoaded.get(soname);
        if (sys != null) return sys;
        sys = system.find(soname);
        if (sys != null && global) systemLoaded.put(soname, sys);
        return sys;
    }

    /** The loaded ELF library containing address, or null. */
    public synchronized LoadedLibrary libraryAt(long address) {
        for (LoadedLibrary lib : loaded.values()) if (lib.contains(address)) return lib;
        return null;
    }

    /** Global lookup in load order: the ELF libraries of the global group, then the system libraries in use. */
    public synchronized SymbolSource.ResolvedSymbol lookupGlobal(String name) {
        return lookupGlobal(name, null);
    }

    /** As {@link #lookupGlobal(String)} for a version node (dlvsym), or any version when null. */
    public synchronized SymbolSource.ResolvedSymbol lookupGlobal(String name, String version) {
        for (LoadedLibrary lib : loaded.values()) {
            if (!global.contains(lib.soname())) continue;
            SymbolSource.ResolvedSymbol s = lib.lookup(name, version);
            if (s != null) return s;
        }
        for (SymbolSource src : systemLoaded.values()) {
            SymbolSource.ResolvedSymbol s = src.lookup(name, version);
            if (s != null) return s;
        }
        return null;
    }

    /**
     * dlsym(RTLD_DEFAULT) from code at callerAddress: the global group, then the caller's local group (bionic's
     * dlsym_linear_lookup for an application targeting API 23 or later). version may be null (dlsym) or a version
     * node (dlvsym).
     */
    public synchronized SymbolSource.ResolvedSymbol lookupDefault(String name, String version, long callerAddress) {
        SymbolSource.ResolvedSymbol s = lookupGlobal(name, version);
        if (s != null) return s;
        LoadedLibrary caller = libraryAt(callerAddress);
        return caller == null ? null : lookupTree(groupRoots.get(caller.soname()), name, version, null);
    }

    /**
     * dlsym(RTLD_NEXT) from code at callerAddress: the libraries after the caller in load order that RTLD_DEFAULT
     * would search, then the rest of the caller's group after the caller.
     */
    public synchronized SymbolSource.ResolvedSymbol lookupNext(String name, String version, long callerAddress) {
        LoadedLibrary caller = libraryAt(callerAddress);
        if (caller == null) return null;
        boolean after = false;
        for (LoadedLibrary lib : loaded.values()) {
            if (after && global.contains(lib.soname())) {
                SymbolSource.ResolvedSymbol s = lib.lookup(name, version);
                if (s != null) return s;
            }
            if (lib == caller) after = true;
        }
        for (SymbolSource src : systemLoaded.values()) {
            SymbolSource.ResolvedSymbol s = src.lookup(name, version);
            if (s != null) return s;
        }
        return lookupTree(groupRoots.get(caller.soname()), name, version, caller);
    }

    /** dlsym(handle): the library and its dependencies breadth-first (bionic's dlsym_handle_lookup). */
    public synchronized SymbolSource.ResolvedSymbol lookupIn(LoadedLibrary library, String name, String version) {
        return lookupTree(library, name, version, null);
    }

    /**
     * Breadth-first over root and its DT_NEEDED tree (ELF and system libraries); with skipThrough, only the
     * libraries after that one in that order.
     */
    private SymbolSource.ResolvedSymbol lookupTree(LoadedLibrary root, String name, String version,
                                                   LoadedLibrary skipThrough) {
        if (root == null) return null;
        boolean searching = skipThrough == null;
        for (SymbolSource src : tree(root)) {
            if (searching) {
                SymbolSource.ResolvedSymbol s = src.lookup(name, version);
                if (s != null) return s;
            }
            if (src == skipThrough) searching = true;
        }
        return null;
    }

    /** root and what it needs, breadth-first, each once. */
    private List<SymbolSource> tree(LoadedLibrary root) {
        List<SymbolSource> order = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        Deque<SymbolSource> queue = new ArrayDeque<>();
        queue.add(root);
        seen.add(root.soname());
        while (!queue.isEmpty()) {
            SymbolSource src = queue.poll();
            order.add(src);
            if (!(src instanceof LoadedLibrary lib)) continue;
            List<String> dependencies;
            try {
                dependencies = lib.image().needed();
            } catch (ElfException e) {
                continue; // a loaded library's DT_NEEDED list was read when it was mapped: it cannot fail now
            }
            for (String needed : dependencies) {
                if (!seen.add(needed)) continue;
                SymbolSource next = loaded.containsKey(needed) ? loaded.get(needed) : systemLoaded.get(needed);
                if (next != null) queue.add(next);
            }
        }
        return order;
    }

    /** Whether lib is searched for a reference from a library whose local group is group. */
    private boolean inScope(LoadedLibrary lib, java.util.Set<String> group) {
        return global.contains(lib.soname()) || group.contains(lib.soname());
    }

    /** The sonames of from's local group: its root's dependency tree. */
    private java.util.Set<String> group(LoadedLibrary from) {
        java.util.Set<String> names = new java.util.HashSet<>();
        LoadedLibrary root = groupRoots.getOrDefault(from.soname(), from);
        for (SymbolSource src : tree(root)) names.add(src.soname());
        names.add(from.soname());
        return names;
    }

    private LoadedLibrary mapClosure(String name, byte[] bytes, List<LoadedLibrary> fresh, List<String> problems)
            throws ElfException {
        Deque<Object[]> queue = new ArrayDeque<>();
        queue.add(new Object[] {name, bytes, null});
        LoadedLibrary root = null;
        while (!queue.isEmpty()) {
            Object[] item = queue.poll();
            String libName = (String) item[0];
            if (loaded.containsKey(libName) || systemLoaded.containsKey(libName)) continue;
            byte[] libBytes = (byte[]) item[1];
            if (libBytes == null) {
                SymbolSource sys = system.find(libName);
                if (sys != null) {
                    systemLoaded.put(libName, sys);
                } else {
                    problems.add("library \"" + libName + "\" not found: needed by " + item[2]);
                }
                continue;
            }
            LoadedLibrary lib = map(Elf64Image.parse(libName, libBytes), libName);
            loaded.put(libName, lib);
            fresh.add(lib);
            if (root == null) root = lib;
            for (String needed : lib.image().needed()) {
                queue.add(new Object[] {needed, apkLibraries.apply(needed), libName});
            }
        }
        return root;
    }

    private LoadedLibrary map(Elf64Image image, String name) throws ElfException {
        long min = Long.MAX_VALUE, max = 0, align = PAGE;
        int index = 0;
        for (Elf64Image.Segment s : image.segments()) {
            index++;
            if (s.type() != Elf64Image.PT_LOAD) continue;
            checkSegment(image, s, index - 1);
            min = Math.min(min, s.vaddr() & -PAGE);
            max = Math.max(max, s.vaddr() + s.memSize());
            align = Math.max(align, s.align());
        }
        long span = ((max - min) + PAGE - 1) & -PAGE;
        String path = apkLibraryDirectory + name;
        long base = space.reserve(span, align, path);
        long bias = base - min;
        for (Elf64Image.Segment s : image.segments()) {
            if (s.type() != Elf64Image.PT_LOAD || s.fileSize() == 0) continue;
            space.write(bias + s.vaddr(), image.bytes(), (int) s.offset(), (int) s.fileSize());
        }
        List<Long> init = new ArrayList<>();
        List<Long> fini = new ArrayList<>();
        // Everything from min to min + span is reserved: the bounds relocations and RELRO must stay within.
        return new LoadedLibrary(image, image.soname(), path, bias, span + (min - (min & -PAGE)), init, fini, min,
                min + span);
    }

    /**
     * A loadable segment the linker can map: inside the address range libraries use, no larger in the file than in
     * memory, with a power-of-two alignment. Anything else would make the linker write outside what it reserved.
     */
    private static void checkSegment(Elf64Image image, Elf64Image.Segment s, int index) throws ElfException {
        if (Long.compareUnsigned(s.vaddr(), MAX_LINK_ADDRESS) >= 0
                || Long.compareUnsigned(s.memSize(), MAX_LINK_ADDRESS - s.vaddr()) > 0) {
            throw new ElfException(String.format("%s: segment %d (address 0x%x, 0x%x bytes) lies outside the address"
                    + " range of a library", image.name(), index, s.vaddr(), s.memSize()));
        }
        if (Long.compareUnsigned(s.fileSize(), s.memSize()) > 0) {
            throw new ElfException(String.format("%s: segment %d has 0x%x bytes in the file but only 0x%x in memory",
                    image.name(), index, s.fileSize(), s.memSize()));
        }
        if (s.align() != 0 && (Long.bitCount(s.align()) != 1 || Long.compareUnsigned(s.align(), MAX_ALIGN) > 0)) {
            throw new ElfException(String.format("%s: segment %d has an alignment of 0x%x, which is not a power of two"
                    + " up to 1 GiB", image.name(), index, s.align()));
        }
    }

    /** Whether length bytes at link-time address vaddr lie inside the library's loaded segments. */
    private static boolean mapped(LoadedLibrary lib, long vaddr, long length) {
        return Long.compareUnsigned(vaddr, lib.lowestAddress) >= 0
                && Long.compareUnsigned(vaddr, lib.highestAddress) < 0
                && Long.compareUnsigned(length, lib.highestAddress - vaddr) <= 0;
    }

    private void relocate(LoadedLibrary lib, List<String> problems) throws ElfException {
        Elf64Image image = lib.image();
        long bias = lib.base();
        if (image.hasDyn(Elf64Image.DT_ANDROID_REL)) {
            problems.add(lib.soname() + ": packed REL (not RELA) relocations are not used on arm64 and not supported");
            return;
        }
        for (Elf64Image.Segment s : image.segments()) {
            if (s.type() == Elf64Image.PT_GNU_RELRO && !mapped(lib, s.vaddr(), s.memSize())) {
                problems.add(String.format("%s: the RELRO segment (0x%x, 0x%x bytes) lies outside the library's"
                        + " segments", lib.soname(), s.vaddr(), s.memSize()));
                return;
            }
        }
        for (long where : image.relrAddresses()) {
            if (!mapped(lib, where, 8)) {
                problems.add(String.format("%s: RELR relocation at 0x%x lies outside the library's segments",
                        lib.soname(), where));
                return;
            }
            space.writeLong(bias + where, space.readLong(bias + where) + bias);
        }
        List<ElfSymbol> symbols = image.symbols();
        java.util.Set<String> group = group(lib);
        for (Elf64Image.Relocation r : image.relaRelocations()) {
            long target = bias + r.offset();
            if (!mapped(lib, r.offset(), 8)) {
                problems.add(String.format("%s: relocation (type %d) at 0x%x lies outside the library's segments",
                        lib.soname(), r.type(), r.offset()));
                return;
            }
            if (r.symbol() < 0 || (r.symbol() != 0 && r.symbol() >= symbols.size())
                    || (r.symbol() == 0 && symbolRequired(r.type()))) {
                problems.add(String.format("%s: relocation at 0x%x names symbol %d, which the library does not have",
                        lib.soname(), r.offset(), r.symbol()));
                return;
            }
            switch (r.type()) {
                case R_AARCH64_RELATIVE -> space.writeLong(target, bias + r.addend());
                case R_AARCH64_IRELATIVE -> space.writeLong(target, caller.call(bias + r.addend(), hwcap));
                case R_AARCH64_ABS64, R_AARCH64_GLOB_DAT, R_AARCH64_JUMP_SLOT -> {
                    Long value = resolve(lib, group, symbols.get(r.symbol()), problems);
                    if (value != null) space.writeLong(target, value + (r.type() == R_AARCH64_ABS64 ? r.addend() : 0));
                }
                case R_AARCH64_TLS_TPREL64, R_AARCH64_TLS_DTPMOD64, R_AARCH64_TLS_DTPREL64, R_AARCH64_TLSDESC -> {
                    ThreadLocalModules.Target t = resolveTls(lib, group, r.symbol() == 0 ? null : symbols.get(r.symbol()),
                            problems);
                    if (t != null) tls.apply(r.type(), target, t, r.addend(), lib.soname(), problems);
                }
                default -> problems.add(String.format("%s: relocation type %d at offset 0x%x is not supported yet",
                        lib.soname(), r.type(), r.offset()));
            }
        }
        if (image.dyn(Elf64Image.DT_INIT) != 0) lib.initFunctions.add(bias + image.dyn(Elf64Image.DT_INIT));
        long initArray = image.dyn(Elf64Image.DT_INIT_ARRAY);
        for (long[] array : new long[][] {{initArray, image.dyn(Elf64Image.DT_INIT_ARRAYSZ)},
                {image.dyn(Elf64Image.DT_FINI_ARRAY), image.dyn(Elf64Image.DT_FINI_ARRAYSZ)}}) {
            if (array[1] != 0 && !mapped(lib, array[0], array[1])) {
                problems.add(String.format("%s: an init or fini array (0x%x, 0x%x bytes) lies outside the library's"
                        + " segments", lib.soname(), array[0], array[1]));
                return;
            }
        }
        for (long i = 0; i < image.dyn(Elf64Image.DT_INIT_ARRAYSZ) / 8; i++) {
            long fn = space.readLong(bias + initArray + 8 * i);
            if (fn != 0 && fn != -1) lib.initFunctions.add(fn);
        }
        long finiArray = image.dyn(Elf64Image.DT_FINI_ARRAY);
        for (long i = image.dyn(Elf64Image.DT_FINI_ARRAYSZ) / 8 - 1; i >= 0; i--) {
            long fn = space.readLong(bias + finiArray + 8 * i);
            if (fn != 0 && fn != -1) lib.finiFunctions.add(fn);
        }
        if (image.dyn(Elf64Image.DT_FINI) != 0) lib.finiFunctions.add(bias + image.dyn(Elf64Image.DT_FINI));
    }

    /** Address for a referenced symbol, or null after recording why it cannot be resolved. */
    private Long resolve(LoadedLibrary from, java.util.Set<String> group, ElfSymbol sym, List<String> problems) throws ElfException {
        if (sym.isDefined() && sym.binding() == ElfSymbol.STB_LOCAL) return from.base() + sym.value();
        if (sym.type() == ElfSymbol.STT_TLS) {
            problems.add("TLS symbol \"" + sym.displayName() + "\" referenced by \"" + from.soname()
                    + "\" through a non-TLS relocation");
            return null;
        }
        // The ELF libraries in scope first, in load order (the symbol's own definition included), then the system
        // libraries it needs; a library in another local group is never searched.
        List<LoadedLibrary> scope = loaded.values().stream().filter(lib -> inScope(lib, group)).toList();
        SymbolSource.ResolvedSymbol s = ImportBinding.find(sym, from.image().needed(), scope, systemLoaded::get);
        if (s != null) return s.address();
        if (sym.isDefined()) return from.base() + sym.value();
        if (sym.isWeak()) return 0L;
        problems.add("cannot locate symbol \"" + sym.displayName() + "\" referenced by \"" + from.soname() + "\"");
        return null;
    }

    /**
     * The TLS module and offset in its block a TLS relocation names: the referencing library's own module for
     * symbol index 0 or a local symbol, else the first library in load order defining the STT_TLS symbol.
     */
    private ThreadLocalModules.Target resolveTls(LoadedLibrary from, java.util.Set<String> group, ElfSymbol sym,
                                                 List<String> problems) {
        if (sym == null || (sym.isDefined() && sym.binding() == ElfSymbol.STB_LOCAL)) {
            TlsModule own = tls.moduleOf(from);
            if (own == null) {
                problems.add("\"" + from.soname() + "\" has TLS relocations but no PT_TLS segment");
                return null;
            }
            return new ThreadLocalModules.Target(own, sym == null ? 0 : sym.value());
        }
        for (LoadedLibrary lib : loaded.values()) {
            if (!inScope(lib, group)) continue;
            ElfSymbol def = lib.image().exported(sym.name());
            if (def == null || def.type() != ElfSymbol.STT_TLS) continue;
            if (!sym.isDefined() && sym.version() != null && def.version() != null && !sym.version().equals(def.version())) {
                continue;
            }
            TlsModule module = tls.moduleOf(lib);
            if (module != null) return new ThreadLocalModules.Target(module, def.value());
        }
        problems.add("cannot locate TLS symbol \"" + sym.displayName() + "\" referenced by \"" + from.soname() + "\"");
        return null;
    }

    private void protect(LoadedLibrary lib) {
        for (Elf64Image.Segment s : lib.image().segments()) {
            if (s.type() != Elf64Image.PT_LOAD) continue;
            long start = (lib.base() + s.vaddr()) & -PAGE;
            long end = (lib.base() + s.vaddr() + s.memSize() + PAGE - 1) & -PAGE;
            space.protect(start, end - start, prot(s.flags()));
        }
        for (Elf64Image.Segment s : lib.image().segments()) {
            if (s.type() != Elf64Image.PT_GNU_RELRO) continue;
            long start = (lib.base() + s.vaddr()) & -PAGE;
            long end = (lib.base() + s.vaddr() + s.memSize()) & -PAGE;
            if (end > start) space.protect(start, end - start, 1);
        }
    }

    /** Relocation types whose value comes from a symbol, so symbol 0 (none) makes no sense for them. */
    private static boolean symbolRequired(int type) {
        return type == R_AARCH64_ABS64 || type == R_AARCH64_GLOB_DAT || type == R_AARCH64_JUMP_SLOT;
    }

    private static int prot(int flags) {
        int p = 0;
        if ((flags & Elf64Image.PF_R) != 0) p |= 1;
        if ((flags & Elf64Image.PF_W) != 0) p |= 2;
        if ((flags & Elf64Image.PF_X) != 0) p |= 4;
        return p;
    }
}
