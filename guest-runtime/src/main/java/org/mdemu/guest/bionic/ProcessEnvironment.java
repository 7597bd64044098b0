package org.mdemu.guest.bionic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.machine.GuestMemory;

/**
 * The environment and program name. The guest's {@code environ} array (NULL-terminated "NAME=value" pointers) is the
 * one source of truth: getenv reads it, setenv/unsetenv/putenv/clearenv edit it, and code that walks or replaces
 * environ itself sees the same variables.
 */
public final class ProcessEnvironment implements LibrarySection {
    /** Microdroid runs the payload inside microdroid_launcher. */
    public static final String PROGRAM_NAME = "microdroid_launcher";

    private final GuestProcess process;
    private final Map<String, String> initial;
    private long environ;
    private long progname;

    public ProcessEnvironment(GuestProcess process, Map<String, String> initial) {
        this.process = process;
        this.initial = new java.util.LinkedHashMap<>(initial);
    }

    @Override
    public void declare(LibraryTable t) {
        t.data("environ", "LIBC", 8, 8, Support.FULL, address -> {
            environ = address;
            List<Long> entries = new ArrayList<>();
            initial.forEach((k, v) -> entries.add(string(k + "=" + v)));
            writeArray(entries);
        });
        t.data("__progname", "LIBC", 8, 8, Support.FULL, address -> {
            progname = address;
            mem().writeLong(address, string(PROGRAM_NAME));
        });
        t.function("getenv", f -> f.ret(getenv(f.cstr(0))));
        t.function("setenv", f -> f.ret(setenv(f.cstr(0), f.ptr(1), f.i32(2) != 0)));
        t.function("unsetenv", f -> f.ret(unsetenv(f.cstr(0))));
        t.function("putenv", f -> f.ret(putenv(f.ptr(0))));
        t.function("clearenv", f -> {
            long array = mem().readLong(environ);
            for (long p = array; array != 0 && mem().readLong(p) != 0; p += 8) mem().writeLong(p, 0);
            f.ret(0);
        });
        t.function("getprogname", f -> f.ret(mem().readLong(progname)));
        t.function("setprogname", f -> {
            byte[] name = mem().readCBytes(f.ptr(0));
            int slash = -1;
            for (int i = 0; i < name.length; i++) if (name[i] == '/') slash = i;
            mem().writeLong(progname, f.ptr(0) + slash + 1);
        });
    }

    /** getprogname() as Java sees it (syslog's default tag). */
    public String programName() {
        return progname == 0 ? PROGRAM_NAME : mem().readCString(mem().readLong(progname));
    }

    /** The value of a variable as Java sees it (for libc parts such as tmpfile's $TMPDIR), or null. */
    public String get(String name) {
        long p = getenv(name);
        return p == 0 ? null : mem().readCString(p);
    }

    private GuestMemory mem() {
        return process.memory();
    }

    private long string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long p = process.heap().malloc(b.length + 1L);
        if (p != 0) mem().write(p, java.util.Arrays.copyOf(b, b.length + 1));
        return p;
    }

    /** The entry pointers of the current environ array. */
    private List<Long> entries() {
        List<Long> out = new ArrayList<>();
        long array = mem().readLong(environ);
        if (array == 0) return out;
        for (long p = array; ; p += 8) {
            long e = mem().readLong(p);
            if (e == 0) return out;
            out.add(e);
        }
    }

    private boolean writeArray(List<Long> entries) {
        long array = process.heap().malloc(8L * (entries.size() + 1));
        if (array == 0) {
            process.setErrno(Errno.ENOMEM);
            return false;
        }
        for (int i = 0; i < entries.size(); i++) mem().writeLong(array + 8L * i, entries.get(i));
        mem().writeLong(array + 8L * entries.size(), 0);
        mem().writeLong(environ, array);
        return true;
    }

    /** Index of the entry for name, or -1. */
    private int find(List<Long> entries, byte[] name) {
        for (int i = 0; i < entries.size(); i++) {
            byte[] head = mem().read(entries.get(i), mem().strlen(entries.get(i), name.length + 1));
            if (head.length == name.length + 1 && head[name.length] == '='
                    && java.util.Arrays.equals(head, 0, name.length, name, 0, name.length)) {
                return i;
            }
        }
        return -1;
    }

    private long getenv(String name) {
        if (name == null) return 0;
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        List<Long> entries = entries();
        int i = find(entries, n);
        return i < 0 ? 0 : entries.get(i) + n.length + 1;
    }

    private static boolean invalid(String name) {
        return name == null || name.isEmpty() || name.contains("=");
    }

    private long setenv(String name, long value, boolean overwrite) {
        if (invalid(name)) {
            process.setErrno(Errno.EINVAL);
            return -1;
        }
        List<Long> entries = entries();
        int i = find(entries, name.getBytes(StandardCharsets.UTF_8));
        if (i >= 0 && !overwrite) return 0;
        long entry = string(name + "=" + (value == 0 ? "" : mem().readCString(value)));
        if (entry == 0) {
            process.setErrno(Errno.ENOMEM);
            return -1;
        }
        return replace(entries, i, entry);
    }

    private long replace(List<Long> entries, int i, long entry) {
        if (i >= 0) {
            mem().writeLong(mem().readLong(environ) + 8L * i, entry);
            return 0;
        }
        entries.add(entry);
        return writeArray(entries) ? 0 : -1;
    }

    private long unsetenv(String name) {
        if (invalid(name)) {
            process.setErrno(Errno.EINVAL);
            return -1;
        }
        List<Long> entries = entries();
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        boolean removed = false;
        for (int i; (i = find(entries, n)) >= 0; removed = true) entries.remove(i);
        if (!removed) return 0;
        long array = mem().readLong(environ);
        for (int k = 0; k < entries.size(); k++) mem().writeLong(array + 8L * k, entries.get(k));
        mem().writeLong(array + 8L * entries.size(), 0);
        return 0;
    }

    /** putenv: the guest's own string becomes the entry (later changes to it change the environment). */
    private long putenv(long string) {
        String s = string == 0 ? "" : mem().readCString(string);
        int eq = s.indexOf('=');
        if (eq <= 0) {
            process.setErrno(Errno.EINVAL);
            return -1;
        }
        List<Long> entries = entries();
        return replace(entries, find(entries, s.substring(0, eq).getBytes(StandardCharsets.UTF_8)), string);
    }
}
