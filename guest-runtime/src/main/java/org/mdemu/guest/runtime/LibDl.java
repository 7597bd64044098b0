package org.mdemu.guest.runtime;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * libdl.so: dlopen/dlsym/dlclose/dlerror/dladdr over the dynamic linker, android_dlopen_ext, and the CFI entry
 * points cross-DSO control-flow-integrity code calls (__cfi_slowpath), answered from the loaded libraries' own
 * __cfi_check functions as bionic's shadow would answer them.
 */
public final class LibDl implements LibrarySection {
    /** What libdl needs from the linker. */
    public interface Linker {
        /**
         * Loads (or finds) a library and runs its constructors; returns a handle. global is RTLD_GLOBAL; noLoad is
         * RTLD_NOLOAD (0 if not loaded yet). What the constructors do to the process (exit, a crash) propagates;
         * only a library that cannot be loaded is a dlopen failure.
         */
        long open(String name, boolean global, boolean noLoad)
                throws org.mdemu.loader.link.LinkException, org.mdemu.loader.elf.ElfException;

        /**
         * Symbol address or 0. handle is RTLD_DEFAULT (0), RTLD_NEXT (-1), {@link #MAIN_HANDLE} (dlopen(NULL) and
         * the system libraries: the global group) or a handle open returned; version is null for dlsym; caller is
         * the calling code's address (RTLD_DEFAULT also searches the caller's local group, RTLD_NEXT starts after
         * it). Returns -1 for a handle that names nothing.
         */
        long symbol(long handle, String name, String version, long caller);

        /**
         * What bionic's CFI shadow says of address: -1 if no library is mapped there (an invalid target), 0 if its
         * library has no __cfi_check (unchecked), else the address of that library's __cfi_check.
         */
        long cfiCheck(long address);

        /** Where address lies, or null. */
        Location locate(long address);

        /** Every loaded ELF object, in load order, for dl_iterate_phdr. */
        java.util.List<LoadedObject> objects();
    }

    /** What dl_iterate_phdr reports of one object: load bias, path, and where its program headers are mapped. */
    public record LoadedObject(long bias, String path, long phdrAddress, int phdrCount) {}

    /** A dladdr answer: the module file and load base, and the nearest symbol with its address (may be null). */
    public record Location(String path, long base, String symbol, long symbolAddress) {}

    /** The handle of dlopen(NULL) and of the system libraries, which live in the global group. */
    public static final long MAIN_HANDLE = 0x1;
    private static final long RTLD_NEXT = -1L;
    private static final int RTLD_LAZY = 0x1, RTLD_NOW = 0x2, RTLD_NOLOAD = 0x4, RTLD_LOCAL = 0, RTLD_GLOBAL = 0x100,
            RTLD_NODELETE = 0x1000;
    private static final long DLEXT_USE_LIBRARY_FD = 0x10, DLEXT_USE_LIBRARY_FD_OFFSET = 0x20,
            DLEXT_FORCE_LOAD = 0x40, DLEXT_USE_NAMESPACE = 0x200, DLEXT_VALID_FLAG_BITS = 0x67f;
    /** bionic's CFIShadow::kShadowSize on LP64: 0xffffffffffff >> (18 - 1). */
    private static final long CFI_SHADOW_SIZE = 0xffffffffffffL >> 17;
    /** The API level the platform's linker reports when no one set a target (its own __ANDROID_API__: "future"). */
    private static final int ANDROID_API_FUTURE = 10000;
    private final GuestProcess process;
    private final Linker linker;
    private final Map<String, Long> paths = new HashMap<>();
    private String lastError;
    private long errorBuffer;
    private long cfiShadowStorage;

    public LibDl(GuestProcess process, Linker linker) {
        this.process = process;
        this.linker = linker;
    }

    /** The address of a symbol in global lookup order (RTLD_DEFAULT), or 0: for runtime parts that call guest entry points. */
    public long globalSymbol(String name) {
        return linker.symbol(MAIN_HANDLE, name, null, 0);
    }

    /** Every loaded ELF object, for the unwinder's search for call frame information. */
    public java.util.List<LoadedObject> loadedObjects() {
        return linker == null ? java.util.List.of() : linker.objects();
    }

    /** What dladdr would say of address, or null. */
    public Location locate(long address) {
        return linker == null ? null : linker.locate(address);
    }

    static LibDl declarationsOnly() {
        return new LibDl(null, null);
    }

    @Override
    public void declare(LibraryTable t) {
        t.functionCallingGuest("dlopen", Support.partial("RTLD_LOCAL/RTLD_GLOBAL scopes and RTLD_NOLOAD as bionic;"
                + " RTLD_LAZY binds now, as bionic does; dlclose never unloads"),
                f -> f.ret(dlopen(f.cstr(0), f.i32(1), 0)));
        t.functionCallingGuest("android_dlopen_ext", Support.partial("extinfo: ANDROID_DLEXT_USE_NAMESPACE (one"
                + " namespace here) and ANDROID_DLEXT_FORCE_LOAD are accepted; reserved addresses, RELRO sharing and"
                + " loading from a file descriptor fail with an error naming the flag"),
                f -> f.ret(dlopen(f.cstr(0), f.i32(1), f.ptr(2))));
        t.function("dlsym", f -> f.ret(dlsym(f.ptr(0), f.cstr(1), null, f.registers().x(30))));
        t.function("dlvsym", "LIBC_N", Support.FULL,
                f -> f.ret(dlsym(f.ptr(0), f.cstr(1), f.cstr(2), f.registers().x(30))));
        t.function("dlclose", Support.partial("libraries stay loaded, as with RTLD_NODELETE"), f -> f.ret(0));
        t.function("dlerror", f -> f.ret(dlerror()));
        t.function("dladdr", this::dladdr);
        t.functionCallingGuest("dl_iterate_phdr", Support.full("payload and APK libraries and the guest-code part of"
                + " libc; Java-only system libraries have no program headers"), this::iteratePhdr);
        t.function("android_get_application_target_sdk_version", "LIBC_N",
                Support.full("10000 (__ANDROID_API_FUTURE__): Microdroid's launcher sets no target, so the linker"
                        + " reports its own API level"), f -> f.ret(ANDROID_API_FUTURE));
        t.function("android_get_LD_LIBRARY_PATH", "LIBC_PLATFORM",
                Support.full("the default namespace's LD_LIBRARY_PATH: empty, as the launcher runs without one"),
                f -> {
                    if (f.i64(1) > 0) process.memory().writeByte(f.ptr(0), 0);
                });
        t.function("android_handle_signal", "LIBC_PLATFORM", Support.full("false: no GWP-ASan allocations here,"
                + " so no fault is the linker's to handle"), f -> f.ret(0));
        t.function("__cfi_init", "LIBC_PLATFORM", Support.full("stores the shadow base; returns where it is kept"),
                f -> f.ret(cfiInit(f.ptr(0))));
        t.function("__cfi_shadow_size", "LIBC_OMR1", Support.full("the shadow's size once a library with"
                + " __cfi_check is loaded, else 0"), f -> f.ret(cfiInUse() ? CFI_SHADOW_SIZE : 0));
        Support cfi = Support.full("the target's library's __cfi_check is called; a target in a library without one"
                + " passes; a target outside every library goes to the caller's __cfi_check, or traps (SIGTRAP)");
        t.functionCallingGuest("__cfi_slowpath", "LIBC_OMR1", cfi, f -> cfiSlowpath(f, f.i64(0), f.ptr(1), 0));
        t.functionCallingGuest("__cfi_slowpath_diag", "LIBC_OMR1", cfi,
                f -> cfiSlowpath(f, f.i64(0), f.ptr(1), f.ptr(2)));
    }

    private long cfiInit(long base) {
        if (cfiShadowStorage == 0) cfiShadowStorage = process.heap().calloc(1, 8);
        process.memory().writeLong(cfiShadowStorage, base);
        return cfiShadowStorage;
    }

    /** Whether bionic would have mapped the CFI shadow: some loaded library exports __cfi_check. */
    private boolean cfiInUse() {
        for (LoadedObject o : linker.objects()) if (linker.cfiCheck(o.phdrAddress()) > 0) return true;
        return false;
    }

    /** bionic's cfi_slowpath_common: dispatch on what the shadow says of the target. */
    private void cfiSlowpath(CallFrame f, long typeId, long target, long diag) {
        long check = linker.cfiCheck(target);
        if (check == 0) return;
        if (check < 0) {
            // __loader_cfi_fail: the caller's own __cfi_check reports the violation; without one, a trap.
            check = linker.cfiCheck(f.registers().x(30));
            if (check <= 0) {
                process.control().crash(5, String.format("CFI check failed: call to 0x%x, which is in no library,"
                        + " from code without __cfi_check", target));
                return;
            }
        }
        process.calls().call(check, typeId, target, diag);
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

    /** dlopen and android_dlopen_ext (extinfo 0 for dlopen): bionic's checks of flags and extinfo, then the load. */
    private long dlopen(String name, int flags, long extinfo) {
        if ((flags & ~(RTLD_NOW | RTLD_LAZY | RTLD_LOCAL | RTLD_GLOBAL | RTLD_NODELETE | RTLD_NOLOAD)) != 0) {
            lastError = String.format("invalid flags to dlopen: %x", flags);
            return 0;
        }
        if (extinfo != 0) {
            long extFlags = process.memory().readLong(extinfo);
            if ((extFlags & ~DLEXT_VALID_FLAG_BITS) != 0) {
                lastError = String.format("invalid extended flags to android_dlopen_ext: 0x%x", extFlags);
                return 0;
            }
            if ((extFlags & DLEXT_USE_LIBRARY_FD) == 0 && (extFlags & DLEXT_USE_LIBRARY_FD_OFFSET) != 0) {
                lastError = String.format("invalid extended flag combination (ANDROID_DLEXT_USE_LIBRARY_FD_OFFSET"
                        + " without ANDROID_DLEXT_USE_LIBRARY_FD): 0x%x", extFlags);
                return 0;
            }
            if ((extFlags & DLEXT_USE_NAMESPACE) != 0 && process.memory().readLong(extinfo + 40) == 0) {
                lastError = "ANDROID_DLEXT_USE_NAMESPACE is set but extinfo->library_namespace is null";
                return 0;
            }
            long unsupported = extFlags & ~(DLEXT_USE_NAMESPACE | DLEXT_FORCE_LOAD);
            if (unsupported != 0) {
                lastError = String.format("android_dlopen_ext: extended flags 0x%x (reserved address, RELRO or"
                        + " library fd) are not supported by mdemu", unsupported);
                return 0;
            }
        }
        if (name == null) return MAIN_HANDLE;
        try {
            long handle = linker.open(name, (flags & RTLD_GLOBAL) != 0, (flags & RTLD_NOLOAD) != 0);
            if (handle == 0) {
                lastError = "library \"" + name + "\" wasn't loaded and RTLD_NOLOAD prevented it";
            }
            return handle;
        } catch (org.mdemu.loader.link.LinkException | org.mdemu.loader.elf.ElfException e) {
            lastError = "dlopen failed: " + e.getMessage();
            return 0;
        }
    }

    private long dlsym(long handle, String name, String version, long caller) {
        if (name == null) {
            lastError = "dlsym failed: symbol name is null";
            return 0;
        }
        long address = linker.symbol(handle, name, version, caller);
        if (address == -1) {
            lastError = String.format("dlsym failed: invalid handle: 0x%x", handle);
            return 0;
        }
        if (address == 0) lastError = "undefined symbol: " + (version == null ? name : name + "@" + version);
        return address;
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
