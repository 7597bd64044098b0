package org.mdemu.guest.bionic;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.sched.StopPoints;

/**
 * Path names and shell patterns: fnmatch (OpenBSD's rules as bionic has them), glob/globfree (FreeBSD's, with
 * GLOB_BRACE, GLOB_TILDE, GLOB_MARK, GLOB_NOCHECK, GLOB_NOMAGIC, GLOB_ALTDIRFUNC), and libgen's basename/dirname,
 * which bionic writes into a per-thread buffer without touching their argument, plus string.h's GNU basename.
 */
public final class PathPatterns extends GuestSection {
    static final int FNM_NOMATCH = 1, FNM_NOESCAPE = 1, FNM_PATHNAME = 2, FNM_PERIOD = 4, FNM_LEADING_DIR = 8,
            FNM_CASEFOLD = 0x10;
    private static final int GLOB_APPEND = 1, GLOB_DOOFFS = 2, GLOB_ERR = 4, GLOB_MARK = 8, GLOB_NOCHECK = 0x10,
            GLOB_NOSORT = 0x20, GLOB_ALTDIRFUNC = 0x40, GLOB_BRACE = 0x80, GLOB_MAGCHAR = 0x100, GLOB_NOMAGIC = 0x200,
            GLOB_TILDE = 0x800, GLOB_LIMIT = 0x1000, GLOB_NOESCAPE = 0x2000;
    private static final int GLOB_NOSPACE = -1, GLOB_ABORTED = -2, GLOB_NOMATCH = -3;
    private static final int PATH_MAX = 4096;
    private static final int S_IFMT = 0170000, S_IFDIR = 0040000;

    private Rows rows;

    public PathPatterns(GuestProcess process) {
        super(process);
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        t.function("fnmatch", f -> f.ret(fnmatch(cbytes(f.ptr(0)), 0, cbytes(f.ptr(1)), 0, f.i32(2)) ? 0 : FNM_NOMATCH));
        t.functionCallingGuest("glob", "LIBC_P", Support.full("FreeBSD's glob as bionic's: GLOB_BRACE, GLOB_TILDE,"
                + " GLOB_MARK, GLOB_NOCHECK, GLOB_NOMAGIC, GLOB_ALTDIRFUNC, GLOB_LIMIT; errors through the guest's"
                + " callback"), this::glob);
        t.function("globfree", "LIBC_P", Support.FULL, f -> globfree(f.ptr(0)));
        t.function("basename", f -> f.ret(intoBuffer("basename", basename(cbytes(f.ptr(0))))));
        t.function("dirname", f -> f.ret(intoBuffer("dirname", dirname(cbytes(f.ptr(0))))));
        t.function("__gnu_basename", "LIBC", Support.FULL, f -> {
            long path = f.ptr(0);
            byte[] b = cbytes(path);
            int slash = -1;
            for (int i = 0; i < b.length; i++) if (b[i] == '/') slash = i;
            f.ret(path + slash + 1);
        });
    }

    // ---- basename / dirname ---------------------------------------------------------------------------------

    static byte[] basename(byte[] path) {
        if (path == null || path.length == 0) return new byte[] {'.'};
        int end = path.length - 1;
        while (end > 0 && path[end] == '/') end--;
        if (end == 0 && path[0] == '/') return new byte[] {'/'};
        int start = end;
        while (start > 0 && path[start - 1] != '/') start--;
        return Arrays.copyOfRange(path, start, end + 1);
    }

    static byte[] dirname(byte[] path) {
        if (path == null || path.length == 0) return new byte[] {'.'};
        int end = path.length - 1;
        while (end > 0 && path[end] == '/') end--;
        while (end > 0 && path[end] != '/') end--;
        if (end == 0) return new byte[] {path[0] == '/' ? (byte) '/' : (byte) '.'};
        do {
            end--;
        } while (end > 0 && path[end] == '/');
        return Arrays.copyOf(path, end + 1);
    }

    private long intoBuffer(String name, byte[] result) {
        if (result.length >= PATH_MAX) return failNull(Errno.ENAMETOOLONG);
        long buffer = staticBuffer(name + ":" + process.currentThread().tid(), PATH_MAX);
        writeBytesZ(buffer, result);
        return buffer;
    }

    // ---- fnmatch ---------------------------------------------------------------------------------------------

    /** Whether string (from si) matches pattern (from pi) under fnmatch's flags. */
    static boolean fnmatch(byte[] pattern, int pi, byte[] string, int si, int flags) {
        int stringStart = 0;
        while (true) {
            if (pi >= pattern.length) {
                if ((flags & FNM_LEADING_DIR) != 0 && si < string.length && string[si] == '/') return true;
                return si >= string.length;
            }
            int c = pattern[pi++] & 0xff;
            switch (c) {
                case '?' -> {
                    if (si >= string.length) return false;
                    if (string[si] == '/' && (flags & FNM_PATHNAME) != 0) return false;
                    if (leadingPeriod(string, si, stringStart, flags)) return false;
                    si++;
                }
                case '*' -> {
                    while (pi < pattern.length && pattern[pi] == '*') pi++;
                    if (si < string.length && leadingPeriod(string, si, stringStart, flags)) return false;
                    if (pi >= pattern.length) {
                        if ((flags & FNM_PATHNAME) != 0) {
                            if ((flags & FNM_LEADING_DIR) != 0) return true;
                            for (int k = si; k < string.length; k++) if (string[k] == '/') return false;
                        }
                        return true;
                    }
                    if (pattern[pi] == '/' && (flags & FNM_PATHNAME) != 0) {
                        while (si < string.length && string[si] != '/') si++;
                        if (si >= string.length) return false;
                        continue;
                    }
                    for (int k = si; k <= string.length; k++) {
                        StopPoints.check(); // backtracking over several stars is exponential, as bionic's
                        if (fnmatch(pattern, pi, string, k, flags)) return true;
                        if (k < string.length && string[k] == '/' && (flags & FNM_PATHNAME) != 0) break;
                    }
                    return false;
                }
                case '[' -> {
                    if (si >= string.length) return false;
                    if (string[si] == '/' && (flags & FNM_PATHNAME) != 0) return false;
                    if (leadingPeriod(string, si, stringStart, flags)) return false;
                    int r = bracket(pattern, pi, string[si] & 0xff, flags);
                    if (r == -1) {
                        // Not a bracket expression: '[' matches itself.
                        if (string[si] != '[') return false;
                    } else if (r == -2) {
                        return false;
                    } else {
                        pi = r;
                    }
                    si++;
                }
                case '\\' -> {
                    if ((flags & FNM_NOESCAPE) == 0 && pi < pattern.length) c = pattern[pi++] & 0xff;
                    if (si >= string.length || !same(c, string[si] & 0xff, flags)) return false;
                    si++;
                }
                default -> {
                    if (si >= string.length || !same(c, string[si] & 0xff, flags)) return false;
                    si++;
                }
            }
        }
    }

    private static boolean leadingPeriod(byte[] s, int si, int start, int flags) {
        if ((flags & FNM_PERIOD) == 0 || s[si] != '.') return false;
        return si == start || ((flags & FNM_PATHNAME) != 0 && s[si - 1] == '/');
    }

    private static boolean same(int a, int b, int flags) {
        if (a == b) return true;
        return (flags & FNM_CASEFOLD) != 0 && a < 128 && b < 128 && Character.toLowerCase(a) == Character.toLowerCase(b);
    }

    /** A bracket expression after '[': the index after its ']' when c matches, -2 when not, -1 if not a bracket. */
    private static int bracket(byte[] p, int pi, int c, int flags) {
        boolean negate = false, ok = false;
        if (pi < p.length && (p[pi] == '!' || p[pi] == '^')) {
            negate = true;
            pi++;
        }
        if ((flags & FNM_CASEFOLD) != 0 && c < 128) c = Character.toLowerCase(c);
        boolean first = true;
        while (true) {
            if (pi >= p.length) return -1;
            int x = p[pi] & 0xff;
            if (x == ']' && !first) {
                pi++;
                break;
            }
            first = false;
            if (x == '[' && pi + 1 < p.length && p[pi + 1] == ':') {
                int close = indexOf(p, pi + 2, ":]");
                if (close > 0) {
                    String name = new String(p, pi + 2, close - pi - 2, java.nio.charset.StandardCharsets.ISO_8859_1);
                    if (PosixRegex.inClass(name, c) && c < 128
                            || ((flags & FNM_CASEFOLD) != 0 && name.equals("upper") && Character.isLowerCase(c))) {
                        ok = true;
                    }
                    pi = close + 2;
                    continue;
                }
            }
            if (x == '\\' && (flags & FNM_NOESCAPE) == 0 && pi + 1 < p.length) pi++;
            if (x == '/' && (flags & FNM_PATHNAME) != 0) return -2;
            int low = p[pi++] & 0xff;
            int high = low;
            if (pi + 1 < p.length && p[pi] == '-' && p[pi + 1] != ']') {
                pi++;
                if (p[pi] == '\\' && (flags & FNM_NOESCAPE) == 0 && pi + 1 < p.length) pi++;
                high = p[pi++] & 0xff;
            }
            if ((flags & FNM_CASEFOLD) != 0 && low < 128 && high < 128) {
                low = Character.toLowerCase(low);
                high = Character.toLowerCase(high);
            }
            if (c >= low && c <= high) ok = true;
        }
        return ok != negate ? pi : -2;
    }

    private static int indexOf(byte[] p, int from, String text) {
        outer:
        for (int i = from; i + text.length() <= p.length; i++) {
            for (int k = 0; k < text.length(); k++) if (p[i + k] != text.charAt(k)) continue outer;
            return i;
        }
        return -1;
    }

    // ---- glob -------------------------------------------------------------------------------------------------

    /** The directory functions glob uses: libc's own, or the caller's under GLOB_ALTDIRFUNC. */
    private final class Directories {
        final CallFrame f;
        final long glob;
        final boolean alt;

        Directories(CallFrame f, long glob, boolean alt) {
            this.f = f;
            this.glob = glob;
            this.alt = alt;
        }

        long open(byte[] path) {
            long p = mallocString(path.length == 0 ? new byte[] {'.'} : path);
            try {
                return alt ? process.calls().call(mem().readLong(glob + 64), p) : rows.call(f, "opendir", p);
            } finally {
                heap().free(p);
            }
        }

        /** The next entry's name, or null at the end. */
        byte[] read(long dir) {
            long entry = alt ? process.calls().call(mem().readLong(glob + 56), dir) : rows.call(f, "readdir", dir);
            return entry == 0 ? null : mem().readCBytes(entry + 19);
        }

        void close(long dir) {
            if (alt) process.calls().call(mem().readLong(glob + 48), dir);
            else rows.call(f, "closedir", dir);
        }

        /** st_mode of a path (following links), or -1. */
        int mode(byte[] path, boolean follow) {
            long p = mallocString(path);
            long st = heap().calloc(1, 128);
            try {
                long r = alt ? process.calls().call(mem().readLong(glob + (follow ? 80 : 72)), p, st)
                        : rows.call(f, follow ? "stat" : "lstat", p, st);
                return (int) r == 0 ? mem().readInt(st + 16) : -1;
            } finally {
                heap().free(p);
                heap().free(st);
            }
        }
    }

    private void glob(CallFrame f) {
        byte[] pattern = cbytes(f.ptr(0));
        int flags = f.i32(1);
        long errfunc = f.ptr(2), g = f.ptr(3);
        if ((flags & GLOB_APPEND) == 0) {
            mem().writeLong(g, 0);
            mem().writeLong(g + 32, 0);
            if ((flags & GLOB_DOOFFS) == 0) mem().writeLong(g + 16, 0);
        }
        mem().writeLong(g + 8, 0);
        mem().writeInt(g + 24, flags & ~GLOB_MAGCHAR);
        mem().writeLong(g + 40, errfunc);
        Directories dirs = new Directories(f, g, (flags & GLOB_ALTDIRFUNC) != 0);
        List<byte[]> patterns = (flags & GLOB_BRACE) != 0 ? braces(pattern) : List.of(pattern);
        List<byte[]> found = new ArrayList<>();
        boolean magic = false;
        int status = 0;
        for (byte[] p : patterns) {
            if ((flags & GLOB_TILDE) != 0) p = tilde(p);
            magic |= hasMagic(p, flags);
            List<byte[]> matches = new ArrayList<>();
            int r = expand(dirs, p, flags, errfunc, matches);
            if (r != 0) {
                status = r;
                break;
            }
            if ((flags & GLOB_NOSORT) == 0) matches.sort(PathPatterns::compareBytes);
            found.addAll(matches);
        }
        if (magic) mem().writeInt(g + 24, mem().readInt(g + 24) | GLOB_MAGCHAR);
        if (status == 0 && found.isEmpty()) {
            if ((flags & GLOB_NOCHECK) != 0 || ((flags & GLOB_NOMAGIC) != 0 && !magic)) found.add(pattern);
            else status = GLOB_NOMATCH;
        }
        if (!found.isEmpty() && !append(g, found, flags)) status = GLOB_NOSPACE;
        f.ret(status);
    }

    private static int compareBytes(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    private static boolean hasMagic(byte[] p, int flags) {
        for (int i = 0; i < p.length; i++) {
            if (p[i] == '\\' && (flags & GLOB_NOESCAPE) == 0) {
                i++;
                continue;
            }
            if (p[i] == '*' || p[i] == '?' || p[i] == '[') return true;
        }
        return false;
    }

    /** GLOB_BRACE: "{a,b}c" into "ac" and "bc", nested braces included; "{}" stays as it is. */
    static List<byte[]> braces(byte[] p) {
        int open = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == '{' && !(i + 1 < p.length && p[i + 1] == '}')) {
                open = i;
                break;
            }
        }
        if (open < 0) return List.of(p);
        int depth = 0, close = -1;
        List<Integer> commas = new ArrayList<>();
        for (int i = open; i < p.length; i++) {
            if (p[i] == '{') depth++;
            else if (p[i] == '}' && --depth == 0) {
                close = i;
                break;
            } else if (p[i] == ',' && depth == 1) commas.add(i);
        }
        if (close < 0) return List.of(p);
        List<byte[]> out = new ArrayList<>();
        int start = open + 1;
        commas.add(close);
        for (int end : commas) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(p, 0, open);
            b.write(p, start, end - start);
            b.write(p, close + 1, p.length - close - 1);
            out.addAll(braces(b.toByteArray()));
            start = end + 1;
        }
        return out;
    }

    /** GLOB_TILDE: "~" and "~/..." from $HOME; "~user" from the password database. */
    private byte[] tilde(byte[] p) {
        if (p.length == 0 || p[0] != '~') return p;
        int slash = 0;
        while (slash < p.length && p[slash] != '/') slash++;
        String user = latin1(Arrays.copyOfRange(p, 1, slash));
        String home = user.isEmpty() ? Passwords.home(process, null) : Passwords.home(process, user);
        if (home == null) return p;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(latin1(home));
        b.write(p, slash, p.length - slash);
        return b.toByteArray();
    }

    /** Expands one pattern component by component; returns 0 or GLOB_ABORTED. */
    private int expand(Directories dirs, byte[] pattern, int flags, long errfunc, List<byte[]> out) {
        List<byte[]> components = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= pattern.length; i++) {
            if (i == pattern.length || pattern[i] == '/') {
                components.add(Arrays.copyOfRange(pattern, start, i));
                start = i + 1;
            }
        }
        return walk(dirs, new byte[0], components, 0, flags, errfunc, out);
    }

    private int walk(Directories dirs, byte[] prefix, List<byte[]> components, int k, int flags, long errfunc,
                     List<byte[]> out) {
        if (k == components.size()) {
            if (prefix.length == 0) return 0;
            if (dirs.mode(prefix, false) < 0) return 0;
            byte[] result = prefix;
            if ((flags & GLOB_MARK) != 0 && result[result.length - 1] != '/'
                    && (dirs.mode(result, true) & S_IFMT) == S_IFDIR) {
                result = Arrays.copyOf(result, result.length + 1);
                result[result.length - 1] = '/';
            }
            out.add(result);
            return 0;
        }
        byte[] component = components.get(k);
        boolean last = k == components.size() - 1;
        if (!hasMagic(component, flags)) {
            byte[] literal = unescape(component, flags);
            byte[] next = join(prefix, literal, k);
            if (last && literal.length == 0) {
                // A pattern ending in '/': the directory itself.
                if (prefix.length > 0 && (dirs.mode(prefix, true) & S_IFMT) == S_IFDIR) out.add(next);
                return 0;
            }
            return walk(dirs, next, components, k + 1, flags, errfunc, out);
        }
        byte[] directory = prefix.length == 0 ? new byte[0] : prefix;
        long dir = dirs.open(directory.length == 0 ? new byte[] {'.'} : directory);
        if (dir == 0) {
            int error = errno();
            if (errfunc != 0) {
                long path = mallocString(directory.length == 0 ? new byte[] {'.'} : directory);
                long r = process.calls().call(errfunc, path, error);
                heap().free(path);
                if ((int) r != 0) return GLOB_ABORTED;
            }
            return (flags & GLOB_ERR) != 0 ? GLOB_ABORTED : 0;
        }
        List<byte[]> names = new ArrayList<>();
        for (byte[] name; (name = dirs.read(dir)) != null; ) {
            StopPoints.check(); // a glob over a tree of many directories
            names.add(name);
        }
        dirs.close(dir);
        int fnflags = FNM_PERIOD | ((flags & GLOB_NOESCAPE) != 0 ? FNM_NOESCAPE : 0);
        for (byte[] name : names) {
            if (!fnmatch(component, 0, name, 0, fnflags)) continue;
            int r = walk(dirs, join(prefix, name, k), components, k + 1, flags, errfunc, out);
            if (r != 0) return r;
        }
        return 0;
    }

    private static byte[] join(byte[] prefix, byte[] name, int k) {
        if (k == 0) return name.length == 0 ? new byte[] {'/'} : name;
        if (prefix.length > 0 && prefix[prefix.length - 1] == '/') {
            byte[] r = Arrays.copyOf(prefix, prefix.length + name.length);
            System.arraycopy(name, 0, r, prefix.length, name.length);
            return r;
        }
        byte[] r = Arrays.copyOf(prefix, prefix.length + 1 + name.length);
        r[prefix.length] = '/';
        System.arraycopy(name, 0, r, prefix.length + 1, name.length);
        return r;
    }

    private static byte[] unescape(byte[] p, int flags) {
        if ((flags & GLOB_NOESCAPE) != 0) return p;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < p.length; i++) {
            if (p[i] == '\\' && i + 1 < p.length) i++;
            b.write(p[i]);
        }
        return b.toByteArray();
    }

    /** Appends paths to gl_pathv (after gl_offs NULLs), keeping it NULL-terminated. */
    private boolean append(long g, List<byte[]> paths, int flags) {
        long count = mem().readLong(g), offs = (flags & GLOB_DOOFFS) != 0 ? mem().readLong(g + 16) : 0;
        if ((flags & GLOB_LIMIT) != 0 && count + paths.size() > 65536) return false;
        long old = mem().readLong(g + 32);
        long vector = heap().realloc(old, (offs + count + paths.size() + 1) * 8);
        if (vector == 0) return false;
        if (old == 0) for (long i = 0; i < offs; i++) mem().writeLong(vector + 8 * i, 0);
        for (byte[] p : paths) {
            long s = mallocString(p);
            if (s == 0) return false;
            mem().writeLong(vector + 8 * (offs + count++), s);
        }
        mem().writeLong(vector + 8 * (offs + count), 0);
        mem().writeLong(g + 32, vector);
        mem().writeLong(g, count);
        mem().writeLong(g + 8, mem().readLong(g + 8) + paths.size());
        return true;
    }

    private void globfree(long g) {
        long vector = mem().readLong(g + 32);
        if (vector == 0) return;
        long offs = mem().readLong(g + 16), count = mem().readLong(g);
        for (long i = 0; i < count; i++) {
            long s = mem().readLong(vector + 8 * (offs + i));
            if (s != 0) heap().free(s);
        }
        heap().free(vector);
        mem().writeLong(g + 32, 0);
        mem().writeLong(g, 0);
    }
}
