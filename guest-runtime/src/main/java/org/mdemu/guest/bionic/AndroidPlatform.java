package org.mdemu.guest.bionic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.kernel.MemoryManager;

/**
 * Android's own libc extensions that are about the process rather than a POSIX header: the device's API level,
 * extra crash details for tombstones (android/crash_detail.h), and the platform-private helpers libc's own
 * libraries use (stack guard reset after a zygote fork, running a function on every thread, a frame-pointer
 * backtrace).
 */
public final class AndroidPlatform extends GuestSection {
    /** TLS slot of the stack guard (tls_defines.h, arm64). */
    private static final int SLOT_STACK_GUARD = 5;
    private final Map<String, String> properties;
    private final LinuxKernel kernel;
    private final ToLongFunction<String> symbols;
    /** Registered crash details: the guest handle (crash_detail_t*) and where name and data are. */
    private final List<long[]> details = new ArrayList<>();

    public AndroidPlatform(GuestProcess process, LinuxKernel kernel, Map<String, String> properties,
                           ToLongFunction<String> symbols) {
        super(process);
        this.kernel = kernel;
        this.properties = properties;
        this.symbols = symbols;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("android_get_device_api_level", "LIBC_Q", Support.full("ro.build.version.sdk"), f -> {
            String sdk = properties == null ? null : properties.get("ro.build.version.sdk");
            int level;
            try {
                level = sdk == null ? -1 : Integer.parseInt(sdk);
            } catch (NumberFormatException e) {
                level = -1;
            }
            f.ret(level);
        });
        Support crash = Support.full("read at crash time and written to the tombstone as \"Extra crash detail:"
                + " name: 'data'\"");
        t.function("android_crash_detail_register", "LIBC_V", crash, f -> {
            long handle = heap().calloc(1, 40);
            long[] d = {handle, f.ptr(0), f.i64(1), f.ptr(2), f.i64(3)};
            write(d);
            synchronized (details) {
                details.add(d);
            }
            f.ret(handle);
        });
        t.function("android_crash_detail_unregister", "LIBC_V", crash, f -> {
            long[] d = detail(f.ptr(0));
            if (d == null) return;
            synchronized (details) {
                details.remove(d);
            }
            heap().free(d[0]);
        });
        t.function("android_crash_detail_replace_data", "LIBC_V", crash, f -> {
            long[] d = detail(f.ptr(0));
            if (d == null) return;
            d[3] = f.ptr(1);
            d[4] = f.i64(2);
            write(d);
        });
        t.function("android_crash_detail_replace_name", "LIBC_V", crash, f -> {
            long[] d = detail(f.ptr(0));
            if (d == null) return;
            d[1] = f.ptr(1);
            d[2] = f.i64(2);
            write(d);
        });
        t.function("android_reset_stack_guards", "LIBC_S", Support.full("a new random __stack_chk_guard, copied to"
                + " the calling thread's TLS slot"), f -> {
            long guard = kernel.random().nextLong() & ~0xffL;
            long global = symbols.applyAsLong("__stack_chk_guard");
            if (global != 0) mem().writeLong(global, guard);
            mem().writeLong(process.currentThread().tlsBase() + 8L * SLOT_STACK_GUARD, guard);
        });
        t.functionCallingGuest("android_run_on_all_threads", "LIBC_PRIVATE", Support.partial("the function runs"
                + " once per live thread with that thread's thread pointer (its TLS), on the caller's stack and"
                + " errno, while the others wait (one CPU); bionic interrupts each thread with a signal"),
                this::runOnAllThreads);
        t.function("android_unsafe_frame_pointer_chase", "LIBC_PRIVATE", Support.full("return addresses along the"
                + " frame-record chain, bounded by the stack the caller runs on"), this::framePointerChase);
    }

    /** The crash_detail_t guest copy: name, name_size, data, data_size (what a debugger reading it would find). */
    private void write(long[] d) {
        for (int i = 0; i < 4; i++) mem().writeLong(d[0] + 8L * i, d[i + 1]);
    }

    private long[] detail(long handle) {
        synchronized (details) {
            for (long[] d : details) if (d[0] == handle) return d;
        }
        return null;
    }

    /** The registered details with data, as tombstone lines, read from guest memory now. */
    public List<String> crashDetailLines() {
        List<String> lines = new ArrayList<>();
        List<long[]> copy;
        synchronized (details) {
            copy = new ArrayList<>(details);
        }
        for (long[] d : copy) {
            if (d[3] == 0) continue;
            try {
                String name = octEncode(mem().read(d[1], (int) Math.min(d[2], 4096)));
                String data = octEncode(mem().read(d[3], (int) Math.min(d[4], 4096)));
                lines.add("Extra crash detail: " + name + ": '" + data + "'");
            } catch (RuntimeException unreadable) {
                lines.add("Extra crash detail: (unreadable at 0x" + Long.toHexString(d[1]) + ")");
            }
        }
        return lines;
    }

    /** debuggerd prints non-printable bytes as octal escapes. */
    private static String octEncode(byte[] b) {
        StringBuilder out = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') out.append((char) c);
            else out.append(String.format("\\%03o", c));
        }
        return out.toString();
    }

    private void runOnAllThreads(CallFrame f) {
        long function = f.ptr(0), arg = f.ptr(1);
        GuestThread self = process.currentThread();
        long ownTp = f.registers().tpidr();
        process.calls().call(function, arg);
        for (GuestThread other : process.threads().scheduler().threads()) {
            if (other == self) continue;
            f.registers().setTpidr(other.tlsBase());
            try {
                process.calls().call(function, arg);
            } finally {
                f.registers().setTpidr(ownTp);
            }
        }
        f.ret(1);
    }

    /**
     * bionic's frame-record walk: the first record is the function's own (its return address is the caller's
     * x30); each next record must lie above the previous one, below the stack's top, 8-byte aligned.
     */
    private void framePointerChase(CallFrame f) {
        long buf = f.ptr(0), entries = f.i64(1);
        long sp = f.registers().sp();
        long end = 0;
        for (MemoryManager.Mapping m : process.mm().mappings()) {
            if (m.contains(sp)) end = m.end();
        }
        long frames = 0;
        if (entries > 0) mem().writeLong(buf, f.registers().x(30));
        frames++;
        long begin = f.registers().x(29);
        while (begin >= sp && begin < end && (begin & 7) == 0) {
            long returnAddress = mem().readLong(begin + 8) & 0x0000ffffffffffffL;
            if (frames < entries) {
                if (returnAddress == 0) break;
                mem().writeLong(buf + 8 * frames, returnAddress);
            }
            frames++;
            long next = mem().readLong(begin);
            if (next < begin + 16 || next >= end || (next & 7) != 0) break;
            begin = next;
        }
        f.ret(frames);
    }
}
