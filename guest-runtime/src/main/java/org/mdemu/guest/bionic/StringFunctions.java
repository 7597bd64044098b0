package org.mdemu.guest.bionic;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.machine.GuestMemory;

/**
 * string.h. The hot routines run as guest code; the rest are Java, each call copying the bytes it needs out of
 * guest memory and back.
 */
public final class StringFunctions implements LibrarySection {
    /** Routines compiled to AArch64 (guest-runtime/src/main/c/hot) and run in the guest, not trapped to Java. */
    public static final String[] HOT_ROUTINES = {"memcpy", "memmove", "memset", "memcmp", "memchr", "strlen",
        "strcmp", "strncmp", "strchr", "strcpy"};
    private static final Support GUEST_CODE = Support.full("runs as guest code (hot-routines.so)");
    private final GuestProcess process;
    private final GuestMemory mem;
    private final Fortify fortify;
    private long strtokSave;
    private long strsignalBuffer;
    private long strerrorBuffer;

    public StringFunctions(GuestProcess process) {
        this.process = process;
        this.mem = process == null ? null : process.memory();
        this.fortify = new Fortify(process);
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
        t.function("strlcpy", f -> f.ret(strlcpy(f.ptr(0), f.ptr(1), f.i64(2))));
        t.function("strlcat", f -> f.ret(strlcat(f.ptr(0), f.ptr(1), f.i64(2))));
        t.function("stpncpy", f -> f.ret(stpncpy(f.ptr(0), f.ptr(1), f.i64(2))));
        t.function("strncasecmp", f -> f.ret(strncasecmp(f.ptr(0), f.ptr(1), f.i64(2))));
        t.function("strcasecmp_l", f -> f.ret(compare(lower(mem.readCBytes(f.ptr(0))), lower(mem.readCBytes(f.ptr(1))), Long.MAX_VALUE)));
        t.function("strncasecmp_l", f -> f.ret(strncasecmp(f.ptr(0), f.ptr(1), f.i64(2))));
        // Only the C and C.UTF-8 locales exist: collation is byte order and strxfrm is a copy.
        t.function("strcoll", f -> f.ret(compare(mem.readCBytes(f.ptr(0)), mem.readCBytes(f.ptr(1)), Long.MAX_VALUE)));
        t.function("strcoll_l", f -> f.ret(compare(mem.readCBytes(f.ptr(0)), mem.readCBytes(f.ptr(1)), Long.MAX_VALUE)));
        t.function("strxfrm", f -> f.ret(strxfrm(f.ptr(0), f.ptr(1), f.i64(2))));
        t.function("strxfrm_l", f -> f.ret(strxfrm(f.ptr(0), f.ptr(1), f.i64(2))));
        t.function("strchrnul", "LIBC_N", Support.FULL, f -> {
            long p = strchr(f.ptr(0), f.i32(1), false);
            f.ret(p != 0 ? p : f.ptr(0) + mem.strlen(f.ptr(0), Integer.MAX_VALUE));
        });
        t.function("strpbrk", f -> {
            long n = span(f.ptr(0), f.ptr(1), false);
            f.ret(mem.readByte(f.ptr(0) + n) == 0 ? 0 : f.ptr(0) + n);
        });
        t.function("strcasestr", f -> f.ret(find(f.ptr(0), -1, lower(mem.readCBytes(f.ptr(1))), StringFunctions::lower)));
        t.function("memmem", f -> f.ret(f.i64(3) == 0 ? f.ptr(0) : f.i64(1) < f.i64(3) ? 0
                : find(f.ptr(0), f.i64(1), mem.read(f.ptr(2), toInt(f.i64(3))), c -> c)));
        t.function("memrchr", f -> f.ret(memrchr(f.ptr(0), f.i32(1), f.i64(2))));
        t.function("strsep", f -> f.ret(strsep(f.ptr(0), f.ptr(1))));
        t.function("strtok", f -> f.ret(strtok(f.ptr(0), f.ptr(1), strtokState())));
        t.function("strtok_r", f -> f.ret(strtok(f.ptr(0), f.ptr(1), f.ptr(2))));
        t.function("strerror_r", f -> f.ret(strerrorR(f.i32(0), f.ptr(1), f.i64(2))));
        t.function("__gnu_strerror_r", f -> {
            strerrorR(f.i32(0), f.ptr(1), f.i64(2));
            f.ret(f.ptr(1));
        });
        t.function("strsignal", f -> f.ret(strsignal(f.i32(0))));
        t.function("strerror_l", f -> f.ret(strerrorL(f.i32(0))));
        t.function("memccpy", f -> {
            long n = f.i64(3);
            long at = memchr(f.ptr(1), f.i32(2), n);
            long count = at == 0 ? n : at - f.ptr(1) + 1;
            memmove(f.ptr(0), f.ptr(1), count);
            f.ret(at == 0 ? 0 : f.ptr(0) + count);
        });
        t.function("mempcpy", f -> f.ret(memmove(f.ptr(0), f.ptr(1), f.i64(2)) + f.i64(2)));
        t.function("ffs", f -> f.ret(f.i32(0) == 0 ? 0 : Integer.numberOfTrailingZeros(f.i32(0)) + 1));
        t.function("ffsl", "LIBC_S", Support.FULL, f -> f.ret(f.i64(0) == 0 ? 0 : Long.numberOfTrailingZeros(f.i64(0)) + 1));
        t.function("ffsll", "LIBC_S", Support.FULL, f -> f.ret(f.i64(0) == 0 ? 0 : Long.numberOfTrailingZeros(f.i64(0)) + 1));
        t.function("swab", "LIBC_P", Support.FULL, f -> {
            long n = f.i64(2) & ~1L;
            if (n <= 0) return; // bionic's swab takes an ssize_t: a negative count copies nothing
            GuestBlocks.swapPairs(mem, f.ptr(0), f.ptr(1), n);
        });
        declareFortified(t);
    }

    private static final String WRITE = "write into", READ = "read from";

    /** __name_chk(ptr, ptr-or-int, count, buffer size): bionic's buffer check on count, then the plain function. */
    private void sized(LibraryTable t, String name, String action, java.util.function.ToLongFunction<CallFrame> body) {
        t.function("__" + name + "_chk", f -> {
            fortify.checkAccess(name, action, f.i64(2), f.i64(3));
            f.ret(body.applyAsLong(f));
        });
    }

    /** The _FORTIFY_SOURCE entry points: bionic's checks (see {@link Fortify}), then the plain function. */
    private void declareFortified(LibraryTable t) {
        t.function("__strlen_chk", f -> f.ret(strlenChk(f.ptr(0), f.i64(1))));
        sized(t, "memcpy", WRITE, f -> memmove(f.ptr(0), f.ptr(1), f.i64(2)));
        sized(t, "memmove", WRITE, f -> memmove(f.ptr(0), f.ptr(1), f.i64(2)));
        sized(t, "memset", WRITE, f -> memset(f.ptr(0), f.i32(1), f.i64(2)));
        sized(t, "memchr", READ, f -> memchr(f.ptr(0), f.i32(1), f.i64(2)));
        sized(t, "memrchr", READ, f -> memrchr(f.ptr(0), f.i32(1), f.i64(2)));
        t.function("__strcpy_chk", f -> {
            if (mem.strlen(f.ptr(1), Integer.MAX_VALUE) + 1L > f.i64(2)) writePastEnd("strcpy", f.i64(2));
            f.ret(strcpy(f.ptr(0), f.ptr(1)));
        });
        t.function("__stpcpy_chk", f -> {
            long n = mem.strlen(f.ptr(1), Integer.MAX_VALUE);
            fortify.checkAccess("stpcpy", "write into", n + 1, f.i64(2));
            f.ret(strcpy(f.ptr(0), f.ptr(1)) + n);
        });
        sized(t, "strncpy", WRITE, f -> strncpy(f.ptr(0), f.ptr(1), f.i64(2)));
        sized(t, "stpncpy", WRITE, f -> stpncpy(f.ptr(0), f.ptr(1), f.i64(2)));
        t.function("__strncpy_chk2", f -> f.ret(strncpyChk2("strncpy", f.ptr(0), f.ptr(1), f.i64(2), f.i64(3), f.i64(4))));
        t.function("__stpncpy_chk2", f -> f.ret(strncpyChk2("stpncpy", f.ptr(0), f.ptr(1), f.i64(2), f.i64(3), f.i64(4))));
        t.function("__strcat_chk", f -> {
            long have = strlenChk(f.ptr(0), f.i64(2));
            if (have + mem.strlen(f.ptr(1), Integer.MAX_VALUE) + 1 > f.i64(2)) writePastEnd("strcat", f.i64(2));
            f.ret(strcat(f.ptr(0), f.ptr(1), Long.MAX_VALUE));
        });
        t.function("__strncat_chk", f -> {
            long n = f.i64(2);
            if (n == 0) {
                f.ret(f.ptr(0));
                return;
            }
            long have = strlenChk(f.ptr(0), f.i64(3));
            long add = mem.strlen(f.ptr(1), (int) Math.min(n, Integer.MAX_VALUE));
            if (have + add + 1 > f.i64(3)) fortify.fatal("strncat: prevented write past end of buffer");
            f.ret(strcat(f.ptr(0), f.ptr(1), n));
        });
        sized(t, "strlcpy", WRITE, f -> strlcpy(f.ptr(0), f.ptr(1), f.i64(2)));
        sized(t, "strlcat", WRITE, f -> strlcat(f.ptr(0), f.ptr(1), f.i64(2)));
        t.function("__strchr_chk", f -> f.ret(strchrChk("strchr", f.ptr(0), f.i32(1), f.i64(2), false)));
        t.function("__strrchr_chk", f -> f.ret(strchrChk("strrchr", f.ptr(0), f.i32(1), f.i64(2), true)));
    }

    long memmove(long dst, long src, long n) {
        GuestBlocks.move(mem, dst, src, n);
        return dst;
    }

    long memset(long dst, int c, long n) {
        mem.fill(dst, n, (byte) c);
        return dst;
    }

    long memcmp(long a, long b, long n) {
        return GuestBlocks.compare(mem, a, b, n);
    }

    long memchr(long s, int c, long n) {
        return GuestBlocks.indexOf(mem, s, c, n);
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

    /** strncpy: the string, then NULs up to n (a size_t); the destination is checked whole first. */
    long strncpy(long dst, long src, long n) {
        if (n == 0) return dst;
        byte[] b = mem.read(src, mem.strlen(src, n < 0 || n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n));
        mem.check(dst, n < 0 ? Long.MAX_VALUE : n, org.mdemu.guest.machine.Prot.WRITE);
        mem.write(dst, b);
        mem.fill(dst + b.length, n - b.length, (byte) 0);
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
        return find(hay, -1, mem.readCBytes(needle), c -> c);
    }

    /** strspn/strcspn: one pass over s with the set as a table of the 256 byte values. */
    long span(long s, long set, boolean accept) {
        byte[] b = mem.readCBytes(s);
        boolean[] in = new boolean[256];
        for (byte c : mem.readCBytes(set)) in[c & 0xff] = true;
        int i = 0;
        while (i < b.length && in[b[i] & 0xff] == accept) i++;
        return i;
    }

    long strlcpy(long dst, long src, long size) {
        byte[] b = mem.readCBytes(src);
        strlcpyBytes(dst, b, size);
        return b.length;
    }

    long strlcat(long dst, long src, long size) {
        int have = mem.strlen(dst, (int) Math.min(size, Integer.MAX_VALUE));
        if (have == size) return size + mem.strlen(src, Integer.MAX_VALUE);
        return have + strlcpy(dst + have, src, size - have);
    }

    /** stpncpy: copies at most n bytes, pads with NULs; returns the end of the copied string (or dst + n). */
    long stpncpy(long dst, long src, long n) {
        int len = mem.strlen(src, toInt(n));
        strncpy(dst, src, n);
        return dst + len;
    }

    private long strncasecmp(long a, long b, long n) {
        int max = (int) Math.min(n, Integer.MAX_VALUE);
        return compare(lower(mem.read(a, mem.strlen(a, max))), lower(mem.read(b, mem.strlen(b, max))), n);
    }

    private long strxfrm(long dst, long src, long n) {
        byte[] b = mem.readCBytes(src);
        if (b.length < n) mem.write(dst, Arrays.copyOf(b, b.length + 1));
        return b.length;
    }

    /**
     * The first occurrence of needle in the haystack at base (count bytes, or a C string when count is negative), each
     * haystack byte mapped through fold, as a guest address, or 0; linear time ({@link SubstringSearch}).
     */
    private long find(long base, long count, byte[] needle, java.util.function.IntUnaryOperator fold) {
        if (needle.length == 0) return base;
        long at = SubstringSearch.find(SubstringSearch.bytes(needle), SubstringSearch.inMemory(mem, base, 1, count, fold));
        return at < 0 ? 0 : base + at;
    }

    long memrchr(long s, int c, long n) {
        return GuestBlocks.lastIndexOf(mem, s, c, n);
    }

    /** strsep: splits *stringp at the first delimiter, which becomes a NUL; *stringp moves past it (NULL at the end). */
    private long strsep(long stringp, long delimiters) {
        long s = mem.readLong(stringp);
        if (s == 0) return 0;
        long n = span(s, delimiters, false);
        if (mem.readByte(s + n) == 0) {
            mem.writeLong(stringp, 0);
        } else {
            mem.writeByte(s + n, 0);
            mem.writeLong(stringp, s + n + 1);
        }
        return s;
    }

    private long strtokState() {
        if (strtokSave == 0) strtokSave = process.heap().calloc(1, 8);
        return strtokSave;
    }

    /** strtok_r: skips leading delimiters, ends the token with a NUL and remembers where to go on in *save. */
    private long strtok(long s, long delimiters, long save) {
        if (s == 0) s = mem.readLong(save);
        if (s == 0) return 0;
        s += span(s, delimiters, true);
        if (mem.readByte(s) == 0) {
            mem.writeLong(save, 0);
            return 0;
        }
        long end = s + span(s, delimiters, false);
        if (mem.readByte(end) == 0) {
            mem.writeLong(save, 0);
        } else {
            mem.writeByte(end, 0);
            mem.writeLong(save, end + 1);
        }
        return s;
    }

    /** XSI strerror_r: 0, or ERANGE when the text did not fit (it is truncated, still NUL-terminated). */
    private long strerrorR(int errno, long buffer, long size) {
        byte[] text = ErrnoNames.describe(errno).getBytes(StandardCharsets.UTF_8);
        strlcpyBytes(buffer, text, size);
        return text.length >= size ? Errno.ERANGE : 0;
    }

    private void strlcpyBytes(long dst, byte[] b, long size) {
        if (size <= 0) return;
        int n = (int) Math.min(b.length, size - 1);
        byte[] z = Arrays.copyOf(b, n + 1);
        z[n] = 0;
        mem.write(dst, z);
    }

    private long strsignal(int signal) {
        String text = SignalNames.describe(signal);
        if (strsignalBuffer == 0) strsignalBuffer = process.heap().calloc(1, 64);
        strlcpyBytes(strsignalBuffer, text.getBytes(StandardCharsets.UTF_8), 64);
        return strsignalBuffer;
    }

    /** strerror_l: the text lives in a per-process buffer, as bionic's thread-local one does. */
    private long strerrorL(int errno) {
        if (strerrorBuffer == 0) strerrorBuffer = process.heap().calloc(1, 64);
        strlcpyBytes(strerrorBuffer, ErrnoNames.describe(errno).getBytes(StandardCharsets.UTF_8), 64);
        return strerrorBuffer;
    }

    /** bufferSize is a size_t: SIZE_MAX (negative here) is "size unknown", which libc++_shared.so passes. */
    private long strlenChk(long s, long bufferSize) {
        long n = mem.strlen(s, Long.compareUnsigned(bufferSize, Integer.MAX_VALUE) > 0 ? Integer.MAX_VALUE : (int) bufferSize);
        if (Long.compareUnsigned(n, bufferSize) >= 0) fortify.fatal("strlen: detected read past end of buffer");
        return n;
    }

    private void writePastEnd(String function, long bufferSize) {
        fortify.fatal(function + ": prevented write past end of " + Long.toUnsignedString(bufferSize) + "-byte buffer");
    }

    /** __strncpy_chk2/__stpncpy_chk2: the compiler also knows the source size, so reading past it aborts too. */
    private long strncpyChk2(String function, long dst, long src, long n, long dstSize, long srcSize) {
        fortify.checkAccess(function, "write into", n, dstSize);
        int len = mem.strlen(src, (int) Math.min(n, Integer.MAX_VALUE));
        if (len >= srcSize && Long.compareUnsigned(srcSize, n) < 0) {
            fortify.fatal(function + ": detected read past end of " + srcSize + "-byte buffer");
        }
        strncpy(dst, src, n);
        return function.equals("stpncpy") ? dst + len : dst;
    }

    private long strchrChk(String function, long s, int c, long size, boolean last) {
        int len = mem.strlen(s, (int) Math.min(size, Integer.MAX_VALUE));
        if (len >= size) fortify.fatal(function + ": prevented read past end of buffer");
        return strchr(s, c, last);
    }

    private static long compare(byte[] a, byte[] b, long n) {
        long longest = Math.max(a.length, b.length) + 1L;
        int len = (int) (Long.compareUnsigned(n, longest) < 0 ? n : longest);
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

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
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
