package org.mdemu.guest.bionic;

import java.util.Arrays;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.machine.GuestMemory;

/**
 * string.h. The hot routines run as guest code; the rest are Java, each call copying the bytes it needs out of
 * guest memory and back.
 */
public final class StringFunctions implements LibrarySection {
    private static final int SIGABRT = 6;
    /** Routines compiled to AArch64 (guest-runtime/src/main/c/hot) and run in the guest, not trapped to Java. */
    public static final String[] HOT_ROUTINES = {"memcpy", "memmove", "memset", "memcmp", "memchr", "strlen",
        "strcmp", "strncmp", "strchr", "strcpy"};
    private static final Support GUEST_CODE = Support.full("runs as guest code (hot-routines.so)");
    private final GuestProcess process;
    private final GuestMemory mem;

    public StringFunctions(GuestProcess process) {
        this.process = process;
        this.mem = process == null ? null : process.memory();
    }

    @Override
    public void declare(LibraryTable t) {
        for (String hot : HOT_ROUTINES) t.guestCode(hot, "LIBC", GUEST_CODE);
        t.function("strnlen", f -> f.ret(mem.strlen(f.ptr(0), (int) Math.min(f.i64(1), Integer.MAX_VALUE))));
        t.function("strcasecmp", f -> f.ret(compare(lower(mem.readCBytes(f.ptr(0))), lower(mem.readCBytes(f.ptr(1))), Long.MAX_VALUE)));
        t.function("strrchr", f -> f.ret(strchr(f.ptr(0), f.i32(1), true)));
        t.function("stpcpy", f -> f.ret(strcpy(f.ptr(0), f.ptr(1)) + mem.strlen(f.ptr(1), Integer.MAX_VALUE)));
        t.function("strncpy", f -> f.ret(strncpy(f.ptr(0), f.ptr(1), f.i64(2))));
        t.function("strcat", f -> f.ret(strcat(f.ptr(0), f.ptr(1), Long.MAX_VALUE)));
        t.function("strncat", f -> f.ret(strcat(f.ptr(0), f.ptr(1), f.i64(2))));
        t.function("strdup", f -> f.ret(strdup(mem.readCBytes(f.ptr(0)))));
        t.function("strndup", f -> f.ret(strdup(mem.read(f.ptr(0), mem.strlen(f.ptr(0), (int) Math.min(f.i64(1), Integer.MAX_VALUE))))));
        t.function("strstr", f -> f.ret(strstr(f.ptr(0), f.ptr(1))));
        t.function("strspn", f -> f.ret(span(f.ptr(0), f.ptr(1), true)));
        t.function("strcspn", f -> f.ret(span(f.ptr(0), f.ptr(1), false)));
        t.function("strlcpy", "LIBC", Support.FULL, this::strlcpy);
        t.function("__strlen_chk", f -> f.ret(strlenChk(f.ptr(0), f.i64(1))));
        t.function("__memcpy_chk", f -> f.ret(checked("memcpy", f.i64(2), f.i64(3), () -> memmove(f.ptr(0), f.ptr(1), f.i64(2)))));
        t.function("__memmove_chk", f -> f.ret(checked("memmove", f.i64(2), f.i64(3), () -> memmove(f.ptr(0), f.ptr(1), f.i64(2)))));
        t.function("__memset_chk", f -> f.ret(checked("memset", f.i64(2), f.i64(3), () -> memset(f.ptr(0), f.i32(1), f.i64(2)))));
        t.function("__strcpy_chk", f -> f.ret(checked("strcpy", mem.strlen(f.ptr(1), Integer.MAX_VALUE) + 1L, f.i64(2), () -> strcpy(f.ptr(0), f.ptr(1)))));
    }

    long memmove(long dst, long src, long n) {
        if (n > 0) mem.write(dst, mem.read(src, toInt(n)));
        return dst;
    }

    long memset(long dst, int c, long n) {
        if (n > 0) {
            byte[] b = new byte[toInt(n)];
            Arrays.fill(b, (byte) c);
            mem.write(dst, b);
        }
        return dst;
    }

    long memcmp(long a, long b, long n) {
        if (n == 0) return 0;
        return compareBytes(mem.read(a, toInt(n)), mem.read(b, toInt(n)));
    }

    long memchr(long s, int c, long n) {
        if (n == 0) return 0;
        byte[] b = mem.read(s, toInt(n));
        for (int i = 0; i < b.length; i++) if (b[i] == (byte) c) return s + i;
        return 0;
    }

    long strncmp(long a, long b, long n) {
        int max = (int) Math.min(n, Integer.MAX_VALUE);
        return compare(mem.read(a, mem.strlen(a, max)), mem.read(b, mem.strlen(b, max)), n);
    }

    long strchr(long s, int c, boolean last) {
        byte[] b = mem.readCBytes(s);
        if ((byte) c == 0) return s + b.length;
        long found = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == (byte) c) {
                found = s + i;
                if (!last) return found;
            }
        }
        return found;
    }

    long strcpy(long dst, long src) {
        byte[] b = mem.readCBytes(src);
        mem.write(dst, Arrays.copyOf(b, b.length + 1));
        return dst;
    }

    long strncpy(long dst, long src, long n) {
        byte[] b = mem.read(src, mem.strlen(src, toInt(n)));
        mem.write(dst, Arrays.copyOf(b, toInt(n)));
        return dst;
    }

    long strcat(long dst, long src, long n) {
        int at = mem.strlen(dst, Integer.MAX_VALUE);
        byte[] b = mem.read(src, mem.strlen(src, (int) Math.min(n, Integer.MAX_VALUE)));
        mem.write(dst + at, Arrays.copyOf(b, b.length + 1));
        return dst;
    }

    long strdup(byte[] b) {
        long p = process.heap().malloc(b.length + 1L);
        if (p == 0) {
            process.setErrno(org.mdemu.guest.kernel.Errno.ENOMEM);
            return 0;
        }
        mem.write(p, Arrays.copyOf(b, b.length + 1));
        return p;
    }

    long strstr(long hay, long needle) {
        byte[] h = mem.readCBytes(hay);
        byte[] n = mem.readCBytes(needle);
        outer:
        for (int i = 0; i + n.length <= h.length; i++) {
            for (int j = 0; j < n.length; j++) if (h[i + j] != n[j]) continue outer;
            return hay + i;
        }
        return 0;
    }

    long span(long s, long set, boolean accept) {
        byte[] b = mem.readCBytes(s);
        byte[] chars = mem.readCBytes(set);
        int i = 0;
        for (; i < b.length; i++) {
            boolean in = false;
            for (byte c : chars) in |= c == b[i];
            if (in != accept) break;
        }
        return i;
    }

    private void strlcpy(CallFrame f) {
        byte[] src = mem.readCBytes(f.ptr(1));
        long size = f.i64(2);
        if (size > 0) {
            int n = (int) Math.min(src.length, size - 1);
            mem.write(f.ptr(0), Arrays.copyOf(src, n + 1));
        }
        f.ret(src.length);
    }

    private long strlenChk(long s, long bufferSize) {
        long n = mem.strlen(s, Integer.MAX_VALUE);
        if (n >= bufferSize) fortify("strlen", "read beyond buffer");
        return n;
    }

    private long checked(String function, long count, long bufferSize, java.util.function.LongSupplier op) {
        if (Long.compareUnsigned(count, bufferSize) > 0) {
            fortify(function, String.format("prevented %d-byte write into %d-byte buffer", count, bufferSize));
        }
        return op.getAsLong();
    }

    private void fortify(String function, String what) {
        process.control().crash(SIGABRT, "FORTIFY: " + function + ": " + what);
    }

    private static long compare(byte[] a, byte[] b, long n) {
        int len = (int) Math.min(Math.max(a.length, b.length) + 1L, n);
        for (int i = 0; i < len; i++) {
            int x = i < a.length ? a[i] & 0xff : 0;
            int y = i < b.length ? b[i] & 0xff : 0;
            if (x != y) return x - y;
            if (x == 0) return 0;
        }
        return 0;
    }

    private static long compareBytes(byte[] a, byte[] b) {
        for (int i = 0; i < a.length; i++) {
            int d = (a[i] & 0xff) - (b[i] & 0xff);
            if (d != 0) return d;
        }
        return 0;
    }

    private static byte[] lower(byte[] b) {
        byte[] r = b.clone();
        for (int i = 0; i < r.length; i++) if (r[i] >= 'A' && r[i] <= 'Z') r[i] += 32;
        return r;
    }

    private static int toInt(long n) {
        if (n < 0 || n > Integer.MAX_VALUE) throw new org.mdemu.guest.machine.GuestFault(n, "length out of range");
        return (int) n;
    }
}
