package org.mdemu.guest.runtime;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;

/** libdl.so: dlopen/dlsym/dlclose/dlerror/dladdr over the dynamic linker. */
public final class LibDl implements LibrarySection {
    /** What libdl needs from the linker. */
    public interface Linker {
        /**
         * Loads (or finds) a library and runs its constructors; returns a handle. What the constructors do to the
         * process (exit, a crash) propagates; only a library that cannot be loaded is a dlopen failure.
         */
        long open(String name) throws org.mdemu.loader.link.LinkException, org.mdemu.loader.elf.ElfException;

        /** Symbol address or 0; handle 0 is RTLD_DEFAULT (global lookup). */
        long symbol(long handle, String name);

        /** Where address lies, or null. */
        Location locate(long address);

        /** Every loaded ELF object, in load order, for dl_iterate_phdr. */
        java.util.List<LoadedObject> objects();
    }

    /** What dl_iterate_phdr reports of one object: load bias, path, and where its program headers are mapped. */
    public record LoadedObject(long bias, String path, long phdrAddress, int phdrCount) {}

    /** A dladdr answer: the module file and load base, and the nearest symbol with its address (may be null). */
    public record Location(String path, long base, String symbol, long symbolAddress) {}

    private static final long RTLD_NEXT = -1L;
    private final GuestProcess process;
    private final Linker linker;
    private final Map<String, Long> paths = new HashMap<>();
    private String lastError;
    private long errorBuffer;

    public LibDl(GuestProcess process, Linker linker) {
        this.process = process;
        this.linker = linker;
    }

    /** The address of a symbol in global lookup order (RTLD_DEFAULT), or 0: for runtime parts that call guest entry points. */
    public long globalSymbol(String name) {
        return linker.symbol(0, name);
    }

    static LibDl declarationsOnly() {
        return new LibDl(null, null);
    }

    @Override
    public void declare(LibraryTable t) {
        t.functionCallingGuest("dlopen", Support.partial("flags are ignored: every library is loaded RTLD_NOW |"
                + " RTLD_GLOBAL; dlclose never unloads"), f -> f.ret(dlopen(f.cstr(0))));
        t.function("dlsym", this::dlsym);
        t.function("dlclose", Support.partial("libraries stay loaded, as with RTLD_NODELETE"), f -> f.ret(0));
        t.function("dlerror", f -> f.ret(dlerror()));
        t.function("dladdr", this::dladdr);
        t.functionCallingGuest("dl_iterate_phdr", Support.full("payload and APK libraries and the guest-code part of"
                + " libc; Java-only system libraries have no program headers"), this::iteratePhdr);
    }


    /**
     * Calls callback(struct dl_phdr_info*, size_t, void*) for each object until it returns non-zero. The info struct
     * (64 bytes on LP64): dlpi_addr, dlpi_name, dlpi_phdr, dlpi_phnum (u16, padded), dlpi_adds, dlpi_subs,
     * dlpi_tls_modid, dlpi_tls_data.
     */
    private void iteratePhdr(CallFrame f) {
        long callback = f.ptr(0), data = f.ptr(1);
        long info = process.heap().calloc(1, 64);
        long result = 0;
        java.util.List<LoadedObject> objects = linker.objects();
        for (LoadedObject o : objects) {
            process.memory().writeLong(info, o.bias());
            process.memory().writeLong(info + 8, cString(o.path()));
            process.memory().writeLong(info + 16, o.phdrAddress());
            process.memory().writeShort(info + 24, o.phdrCount());
            process.memory().writeLong(info + 32, objects.size());
            process.memory().writeLong(info + 40, 0);
            result = process.calls().call(callback, info, 64, data);
            if (result != 0) break;
        }
        process.heap().free(info);
        f.ret(result);
    }

    private long dlopen(String name) {
        if (name == null) return linkerHandleForDefault();
        try {
            return linker.open(name);
        } catch (org.mdemu.loader.link.LinkException | org.mdemu.loader.elf.ElfException e) {
            lastError = "dlopen failed: " + e.getMessage();
            return 0;
        }
    }

    private long linkerHandleForDefault() {
        return 0x1;
    }

    private void dlsym(CallFrame f) {
        long handle = f.ptr(0);
        String name = f.cstr(1);
        if (handle == RTLD_NEXT || handle == linkerHandleForDefault()) handle = 0;
        long address = linker.symbol(handle, name);
        if (address == 0) lastError = "undefined symbol: " + name;
        f.ret(address);
    }

    private long dlerror() {
        if (lastError == null) return 0;
        String message = lastError;
        lastError = null;
        if (errorBuffer == 0) errorBuffer = process.heap().malloc(512);
        byte[] b = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        process.memory().write(errorBuffer, java.util.Arrays.copyOf(b, Math.min(b.length, 511) + 1));
        return errorBuffer;
    }

    /** Dl_info: {const char* dli_fname; void* dli_fbase; const char* dli_sname; void* dli_saddr}. */
    private void dladdr(CallFrame f) {
        Location where = linker.locate(f.ptr(0));
        if (where == null) {
            f.ret(0);
            return;
        }
        long info = f.ptr(1);
        process.memory().writeLong(info, cString(where.path()));
        process.memory().writeLong(info + 8, where.base());
        process.memory().writeLong(info + 16, where.symbol() == null ? 0 : cString(where.symbol()));
        process.memory().writeLong(info + 24, where.symbol() == null ? 0 : where.symbolAddress());
        f.ret(1);
    }

    private long cString(String s) {
        return paths.computeIfAbsent(s, text -> {
            long p = process.heap().malloc(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1L);
            process.memory().writeCString(p, text);
            return p;
        });
    }
}
