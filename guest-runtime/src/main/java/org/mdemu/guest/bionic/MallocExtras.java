package org.mdemu.guest.bionic;

import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * malloc.h beyond allocation: the heap's statistics (mallinfo, malloc_info), its tuning (mallopt and the platform's
 * android_mallopt), walking it (malloc_iterate) and the malloc-debug entry points, which answer as bionic does when
 * malloc debug and heapprofd are off (as they are in Microdroid).
 */
public final class MallocExtras extends GuestSection {
    // mallopt parameters (malloc.h).
    private static final int M_DECAY_TIME = -100, M_PURGE = -101, M_MEMTAG_TUNING = -102,
            M_THREAD_DISABLE_MEM_INIT = -103, M_PURGE_ALL = -104, M_CACHE_COUNT_MAX = -200, M_CACHE_SIZE_MAX = -201,
            M_TSDS_COUNT_MAX = -202, M_BIONIC_ZERO_INIT = -203, M_BIONIC_SET_HEAP_TAGGING_LEVEL = -204,
            M_LOG_STATS = -205;
    // android_mallopt opcodes (platform/bionic/malloc.h).
    private static final int M_INIT_ZYGOTE_CHILD_PROFILING = 1, M_SET_ALLOCATION_LIMIT_BYTES = 3,
            M_SET_ZYGOTE_CHILD = 4, M_WRITE_MALLOC_LEAK_INFO_TO_FILE = 5, M_GET_MALLOC_LEAK_INFO = 6,
            M_FREE_MALLOC_LEAK_INFO = 7, M_GET_PROCESS_PROFILEABLE = 9, M_INITIALIZE_GWP_ASAN = 10,
            M_MEMTAG_STACK_IS_ON = 11, M_GET_DECAY_TIME_ENABLED = 12;
    /** sizeof(android_mallopt_leak_info_t): buffer, overall_size, info_size, total_memory, backtrace_size. */
    private static final int LEAK_INFO_SIZE = 40;
    /** sizeof(android_mallopt_gwp_asan_options_t): program_name, desire. */
    private static final int GWP_ASAN_OPTIONS_SIZE = 16;
    private static final int ANDROID_LOG_ERROR = 6, ANDROID_LOG_INFO = 4;

    private final StdioFunctions stdio;
    private boolean decayTimeEnabled;
    private boolean limitSet;
    private boolean zygoteChild;
    private boolean zygoteChildProfileable;

    public MallocExtras(GuestProcess process, StdioFunctions stdio) {
        super(process);
        this.stdio = stdio;
    }

    private Malloc.Statistics statistics() {
        if (heap() instanceof Malloc m) return m.statistics();
        return new Malloc.Statistics(0, 0, 0, new java.util.TreeMap<>(), Map.of());
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("mallinfo", Support.full("arena/hblkhd: bytes mapped for the heap; uordblks: in use; fordblks:"
                + " free"), f -> {
            // struct mallinfo is returned in memory (x8 holds the address: it is larger than 16 bytes).
            Malloc.Statistics s = statistics();
            long out = f.registers().x(8);
            mem().write(out, new byte[80]);
            mem().writeLong(out, s.mappedBytes());
            mem().writeLong(out + 32, s.mappedBytes());
            mem().writeLong(out + 40, s.mappedBytes());
            mem().writeLong(out + 56, s.allocatedBytes());
            mem().writeLong(out + 64, s.freeBytes());
        });
        t.function("malloc_info", Support.full("the jemalloc-1 layout malloc.h documents: one heap, a bin per size"
                + " class"), f -> f.ret(mallocInfo(f, f.i32(0), f.ptr(1))));
        t.function("mallopt", "LIBC_O", Support.full("the allocator's options are accepted as scudo accepts them;"
                + " heap tagging can only stay off (no MTE, no TBI tags)"), f -> f.ret(mallopt(f.i32(0), f.i32(1))));
        for (String hook : new String[] {"__malloc_hook", "__realloc_hook", "__free_hook", "__memalign_hook"}) {
            t.data(hook, "LIBC_P", 8, 8, Support.full("NULL: bionic reads the hooks only when"
                    + " libc.debug.hooks.enable is set, which Microdroid does not"), address -> { });
        }
        t.function("malloc_backtrace", "LIBC_Q", Support.full("0 frames: malloc debug is off"), f -> f.ret(0));
        Support locks = Support.partial("other threads are not held off: each allocation is atomic here, so"
                + " malloc_iterate sees a consistent heap without the lock");
        t.function("malloc_disable", "LIBC_Q", locks, f -> { });
        t.function("malloc_enable", "LIBC_Q", locks, f -> { });
        t.functionCallingGuest("malloc_iterate", "LIBC_Q", Support.full("calls back for each block in use in"
                + " [base, base + size), in address order"), this::mallocIterate);
        t.functionCallingGuest("android_mallopt", "LIBC_Q", Support.partial("as bionic with malloc debug and"
                + " heapprofd off; M_INITIALIZE_GWP_ASAN reports that GWP-ASan is not available (ENOTSUP)"),
                f -> f.ret(androidMallopt(f, f.i32(0), f.ptr(1), f.i64(2)) ? 1 : 0));
    }

    private long mallocInfo(CallFrame f, int options, long file) {
        if (options != 0) return fail(Errno.EINVAL);
        Malloc.Statistics s = statistics();
        StringBuilder xml = new StringBuilder("<malloc version=\"jemalloc-1\">\n<heap nr=\"0\">\n");
        Map<Long, long[]> inUse = new java.util.TreeMap<>();
        long large = 0, bins = 0;
        for (Map.Entry<Long, Long> b : s.blocks().entrySet()) {
            if (b.getValue() >= 128 << 10) {
                large += b.getValue();
            } else {
                inUse.computeIfAbsent(b.getValue(), k -> new long[1])[0] += b.getValue();
                bins += b.getValue();
            }
        }
        xml.append("<allocated-large>").append(large).append("</allocated-large>\n");
        xml.append("<allocated-huge>0</allocated-huge>\n");
        xml.append("<allocated-bins>").append(bins).append("</allocated-bins>\n");
        long classes = s.countsBySize().keySet().stream().filter(k -> k != 0).count();
        xml.append("<bins-total>").append(classes).append("</bins-total>\n");
        int nr = 0;
        for (Map.Entry<Long, long[]> c : s.countsBySize().entrySet()) {
            if (c.getKey() == 0) continue;
            long allocated = inUse.containsKey(c.getKey()) ? inUse.get(c.getKey())[0] : 0;
            xml.append("<bin nr=\"").append(nr++).append("\">\n<allocated>").append(allocated)
                    .append("</allocated>\n<nmalloc>").append(c.getValue()[0]).append("</nmalloc>\n<ndalloc>")
                    .append(c.getValue()[1]).append("</ndalloc>\n</bin>\n");
        }
        xml.append("</heap>\n</malloc>\n");
        byte[] text = latin1(xml.toString());
        return stdio.writeTo(file, text) == text.length ? 0 : -1;
    }

    private long mallopt(int param, int value) {
        switch (param) {
            case M_DECAY_TIME -> {
                decayTimeEnabled = value > 0;
                return 1;
            }
            case M_PURGE, M_PURGE_ALL, M_MEMTAG_TUNING, M_THREAD_DISABLE_MEM_INIT, M_CACHE_COUNT_MAX, M_CACHE_SIZE_MAX,
                 M_TSDS_COUNT_MAX -> {
                return 1;
            }
            case M_LOG_STATS -> {
                Malloc.Statistics s = statistics();
                process.output().log(ANDROID_LOG_INFO, "scudo", String.format("Stats: %d bytes mapped, %d in use,"
                        + " %d free", s.mappedBytes(), s.allocatedBytes(), s.freeBytes()), process.currentThread().tid());
                return 1;
            }
            case M_BIONIC_ZERO_INIT -> {
                if (heap() instanceof Malloc m) m.setZeroFill(value != 0);
                return 1;
            }
            case M_BIONIC_SET_HEAP_TAGGING_LEVEL -> {
                if (value == 0) return 1; // M_HEAP_TAGGING_LEVEL_NONE: already so
                process.output().log(ANDROID_LOG_ERROR, "libc", "SetHeapTaggingLevel: re-enabling tagging after it"
                        + " was disabled is not supported", process.currentThread().tid());
                return 0;
            }
            default -> {
                return 0;
            }
        }
    }

    private void mallocIterate(CallFrame f) {
        long base = f.ptr(0), size = f.i64(1), callback = f.ptr(2), arg = f.ptr(3);
        // The range is unsigned and may reach past the address space: it ends there.
        long end = Long.compareUnsigned(size, Long.MAX_VALUE - Math.max(0, base)) > 0 || base < 0 ? Long.MAX_VALUE : base + size;
        if (base < 0 || end <= base) {
            f.ret(0);
            return;
        }
        for (Map.Entry<Long, Long> b : statistics().blocks().subMap(base, true, end, false).entrySet()) {
            process.calls().call(callback, b.getKey(), b.getValue(), arg);
        }
        f.ret(0);
    }

    private boolean androidMallopt(CallFrame f, int opcode, long arg, long size) {
        switch (opcode) {
            case M_GET_DECAY_TIME_ENABLED, M_MEMTAG_STACK_IS_ON, M_GET_PROCESS_PROFILEABLE -> {
                if (arg == 0 || size != 1) return invalid();
                boolean value = switch (opcode) {
                    case M_GET_DECAY_TIME_ENABLED -> decayTimeEnabled;
                    case M_MEMTAG_STACK_IS_ON -> false;
                    default -> !zygoteChild || zygoteChildProfileable;
                };
                mem().writeByte(arg, value ? 1 : 0);
                return true;
            }
            case M_INITIALIZE_GWP_ASAN -> {
                if (arg == 0 || size != GWP_ASAN_OPTIONS_SIZE) return invalid();
                process.setErrno(Errno.EOPNOTSUPP);
                return false;
            }
            case M_SET_ALLOCATION_LIMIT_BYTES -> {
                if (arg == 0 || size != 8) return invalid();
                if (limitSet) {
                    process.output().log(ANDROID_LOG_ERROR, "libc", "malloc_limit: the allocation limit has already"
                            + " been set, it cannot be set again", process.currentThread().tid());
                    return false;
                }
                limitSet = true;
                if (heap() instanceof Malloc m) m.setLimit(mem().readLong(arg));
                return true;
            }
            case M_SET_ZYGOTE_CHILD, M_INIT_ZYGOTE_CHILD_PROFILING -> {
                if (arg != 0 || size != 0) return invalid();
                if (opcode == M_SET_ZYGOTE_CHILD) zygoteChild = true;
                else zygoteChildProfileable = true;
                return true;
            }
            case M_WRITE_MALLOC_LEAK_INFO_TO_FILE -> {
                if (arg == 0 || size != 8) return invalid();
                stdio.writeTo(arg, latin1("Native heap dump not available. To enable, run these commands (requires"
                        + " root):\n# adb shell stop\n# adb shell setprop libc.debug.malloc.options backtrace\n"
                        + "# adb shell start\n"));
                process.setErrno(Errno.EOPNOTSUPP);
                return false;
            }
            case M_GET_MALLOC_LEAK_INFO, M_FREE_MALLOC_LEAK_INFO -> {
                if (arg == 0 || size != LEAK_INFO_SIZE) return invalid();
                process.setErrno(Errno.EOPNOTSUPP);
                return false;
            }
            default -> {
                process.setErrno(Errno.EOPNOTSUPP);
                return false;
            }
        }
    }

    private boolean invalid() {
        process.setErrno(Errno.EINVAL);
        return false;
    }
}
