package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * The system's tables and clocks as libc reads them: mount tables (mntent.h), the login records (utmp.h, which
 * Android does not keep), System V IPC (which Android's kernels do not offer: ENOSYS, as on a device), network
 * interfaces (the VM's loopback), load averages, process times and the clock-setting calls a payload may not use.
 */
public final class SystemTables extends GuestSection {
    private static final Support NO_SYSV = Support.full("Android kernels are built without System V IPC: ENOSYS, as"
            + " on a device");
    private static final int IFF_UP = 0x1, IFF_LOOPBACK = 0x8, IFF_RUNNING = 0x40;
    private Rows rows;

    public SystemTables(GuestProcess process) {
        super(process);
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        t.function("setmntent", f -> f.ret(rows.call(f, "fopen", f.ptr(0), f.ptr(1))));
        t.function("endmntent", f -> {
            if (f.ptr(0) != 0) rows.call(f, "fclose", f.ptr(0));
            f.ret(1);
        });
        t.function("getmntent", f -> {
            long entry = staticBuffer("mntent:" + process.currentThread().tid(), 40);
            long buffer = staticBuffer("mntent-buf:" + process.currentThread().tid(), 1024);
            f.ret(getmntent(f, f.ptr(0), entry, buffer, 1024));
        });
        t.function("getmntent_r", f -> f.ret(getmntent(f, f.ptr(0), f.ptr(1), f.ptr(2), f.i32(3))));
        t.function("hasmntopt", "LIBC_O", Support.FULL, f -> f.ret(hasmntopt(f.ptr(0), cbytes(f.ptr(1)))));
        Support noUtmp = Support.full("Android keeps no login records: no entries, as bionic");
        t.function("setutent", noUtmp, f -> { });
        t.function("endutent", noUtmp, f -> { });
        t.function("getutent", noUtmp, f -> f.ret(0));
        t.function("pututline", noUtmp, f -> f.ret(0));
        t.function("utmpname", noUtmp, f -> f.ret(fail(Errno.EOPNOTSUPP)));
        for (String name : new String[] {"msgctl", "msgget", "msgrcv", "msgsnd", "semctl", "semget", "semop",
            "semtimedop", "shmctl", "shmdt", "shmget"}) {
            t.function(name, "LIBC_O", NO_SYSV, f -> f.ret(fail(Errno.ENOSYS)));
        }
        t.function("shmat", "LIBC_O", NO_SYSV, f -> f.ret(fail(Errno.ENOSYS)));
        t.function("ftok", f -> {
            long st = heap().calloc(1, 128);
            try {
                if ((int) rows.call(f, "stat", f.ptr(0), st) != 0) {
                    f.ret(-1);
                    return;
                }
                long dev = mem().readLong(st), ino = mem().readLong(st + 8);
                f.ret((f.i32(1) & 0xff) << 24 | (dev & 0xff) << 16 | (ino & 0xffff));
            } finally {
                heap().free(st);
            }
        });
        t.function("getloadavg", "LIBC_Q", Support.full("sysinfo's load averages"), this::getloadavg);
        t.function("times", Support.full("user and system time from getrusage, in clock ticks (100 per second)"), this::times);
        t.function("clock_getcpuclockid", f -> {
            int pid = f.i32(0);
            if (pid != 0 && pid != process.pid()) {
                f.ret(Errno.ESRCH);
                return;
            }
            mem().writeInt(f.ptr(1), (~pid << 3) | 2);
            f.ret(0);
        });
        Support noTime = Support.full("setting the clock needs CAP_SYS_TIME, which the payload lacks: EPERM");
        t.function("clock_settime", noTime, f -> f.ret(fail(Errno.EPERM)));
        t.function("settimeofday", noTime, f -> f.ret(f.ptr(0) == 0 && f.ptr(1) == 0 ? 0 : fail(Errno.EPERM)));
        Support adj = Support.full("reading works (an unsynchronised clock: TIME_ERROR); adjusting needs CAP_SYS_TIME:"
                + " EPERM");
        t.function("adjtimex", "LIBC_N", adj, f -> f.ret(adjtimex(f, f.ptr(0))));
        t.function("clock_adjtime", "LIBC_N", adj, f -> f.ret(f.i32(0) != 0 ? fail(Errno.EOPNOTSUPP) : adjtimex(f, f.ptr(1))));
        t.function("bindresvport", Support.full("binds a port from 600 to 1023 through bind"), this::bindresvport);
        Support lo = Support.full("the VM's one interface: lo (index 1)");
        t.function("if_nametoindex", lo, f -> f.ret("lo".equals(latin1(cbytes(f.ptr(0)))) ? 1 : failNull(Errno.ENODEV)));
        t.function("if_indextoname", lo, f -> {
            if (f.i32(0) != 1) {
                f.ret(failNull(Errno.ENXIO));
                return;
            }
            mem().writeCString(f.ptr(1), "lo");
            f.ret(f.ptr(1));
        });
        t.function("if_nameindex", "LIBC_N", lo, f -> {
            long list = heap().calloc(2, 16);
            mem().writeInt(list, 1);
            mem().writeLong(list + 8, mallocString("lo"));
            f.ret(list);
        });
        t.function("if_freenameindex", "LIBC_N", lo, f -> {
            long list = f.ptr(0);
            if (list == 0) return;
            for (long p = list; mem().readInt(p) != 0 || mem().readLong(p + 8) != 0; p += 16) heap().free(mem().readLong(p + 8));
            heap().free(list);
        });
        Support ifaddrs = Support.full("lo: its packet address, 127.0.0.1/8 and ::1/128");
        t.function("getifaddrs", "LIBC_N", ifaddrs, f -> f.ret(getifaddrs(f.ptr(0))));
        t.function("freeifaddrs", "LIBC_N", ifaddrs, f -> {
            for (long p = f.ptr(0); p != 0; ) {
                long next = mem().readLong(p);
                heap().free(p);
                p = next;
            }
        });
        t.functionCallingGuest("__libc_init", Support.full("runs the program's main with the kernel's arguments and"
                + " exits with its result, as for an executable"), this::libcInit);
    }

    /** getmntent_r: the next line with all six fields, split in place in the caller's buffer; NULL at the end. */
    private long getmntent(CallFrame f, long file, long entry, long buffer, int size) {
        mem().write(entry, new byte[40]);
        while (rows.call(f, "fgets", buffer, size, file) != 0) {
            byte[] line = mem().readCBytes(buffer);
            int[] starts = new int[4], ends = new int[4];
            int i = 0, field = 0;
            for (; field < 4; field++) {
                while (i < line.length && space(line[i])) i++;
                if (i >= line.length) break;
                starts[field] = i;
                while (i < line.length && !space(line[i])) i++;
                ends[field] = i;
            }
            if (field < 4) continue;
            long[] numbers = new long[2];
            int n;
            for (n = 0; n < 2; n++) {
                while (i < line.length && space(line[i])) i++;
                int sign = 1;
                if (i < line.length && (line[i] == '-' || line[i] == '+')) sign = line[i++] == '-' ? -1 : 1;
                int digits = i;
                long v = 0;
                while (i < line.length && line[i] >= '0' && line[i] <= '9') v = v * 10 + (line[i++] - '0');
                if (i == digits) break;
                numbers[n] = sign * v;
            }
            if (n < 2) continue;
            for (int k = 0; k < 4; k++) {
                mem().writeByte(buffer + ends[k], 0);
                mem().writeLong(entry + 8L * k, buffer + starts[k]);
            }
            mem().writeInt(entry + 32, (int) numbers[0]);
            mem().writeInt(entry + 36, (int) numbers[1]);
            return entry;
        }
        return 0;
    }

    private static boolean space(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    /** hasmntopt: the option as a whole token of mnt_opts (followed by the end, ',' or '='), or NULL. */
    private long hasmntopt(long entry, byte[] option) {
        long opts = mem().readLong(entry + 24);
        if (opts == 0) return 0;
        byte[] text = mem().readCBytes(opts);
        int at = 0;
        while (at >= 0) {
            if (at + option.length > text.length) break;
            boolean same = true;
            for (int i = 0; i < option.length && same; i++) same = text[at + i] == option[i];
            int after = at + option.length;
            if (same && (after == text.length || text[after] == ',' || text[after] == '=')) return opts + at;
            int comma = -1;
            for (int i = at; i < text.length; i++) {
                if (text[i] == ',') {
                    comma = i;
                    break;
                }
            }
            at = comma < 0 ? -1 : comma + 1;
        }
        return 0;
    }

    private void getloadavg(CallFrame f) {
        int n = f.i32(1);
        if (n < 0) {
            f.ret(-1);
            return;
        }
        n = Math.min(n, 3);
        long info = heap().calloc(1, 112);
        try {
            if ((int) rows.call(f, "sysinfo", info) != 0) {
                f.ret(-1);
                return;
            }
            for (int i = 0; i < n; i++) {
                double load = mem().readLong(info + 8 + 8L * i) / 65536.0;
                mem().writeLong(f.ptr(0) + 8L * i, Double.doubleToRawLongBits(load));
            }
            f.ret(n);
        } finally {
            heap().free(info);
        }
    }

    private void times(CallFrame f) {
        long usage = heap().calloc(1, 144);
        long ts = heap().calloc(1, 16);
        try {
            rows.call(f, "getrusage", 0, usage);
            if (f.ptr(0) != 0) {
                long user = mem().readLong(usage) * 100 + mem().readLong(usage + 8) / 10_000;
                long system = mem().readLong(usage + 16) * 100 + mem().readLong(usage + 24) / 10_000;
                mem().writeLong(f.ptr(0), user);
                mem().writeLong(f.ptr(0) + 8, system);
                mem().writeLong(f.ptr(0) + 16, 0);
                mem().writeLong(f.ptr(0) + 24, 0);
            }
            rows.call(f, "clock_gettime", 7, ts);
            f.ret(mem().readLong(ts) * 100 + mem().readLong(ts + 8) / 10_000_000);
        } finally {
            heap().free(usage);
            heap().free(ts);
        }
    }

    /** struct timex (208 bytes): modes 0 only reads; the clock is not synchronised (STA_UNSYNC, TIME_ERROR). */
    private long adjtimex(CallFrame f, long timex) {
        if (mem().readInt(timex) != 0) return fail(Errno.EPERM);
        long tv = heap().calloc(1, 16);
        try {
            rows.call(f, "gettimeofday", tv, 0);
            mem().write(timex, new byte[208]);
            mem().writeInt(timex + 40, 0x40);
            mem().writeLong(timex + 56, 1);
            mem().writeLong(timex + 72, mem().readLong(tv));
            mem().writeLong(timex + 80, mem().readLong(tv + 8));
            mem().writeLong(timex + 88, 10_000);
            return 5;
        } finally {
            heap().free(tv);
        }
    }

    private void bindresvport(CallFrame f) {
        int sd = f.i32(0);
        long sin = f.ptr(1);
        long own = 0;
        if (sin == 0) {
            own = heap().calloc(1, 16);
            mem().writeShort(own, NetworkAddresses.AF_INET);
            sin = own;
        } else if ((mem().readShort(sin) & 0xffff) != NetworkAddresses.AF_INET) {
            f.ret(fail(96));
            return;
        }
        try {
            long r = -1;
            for (int port = 600; port <= 1023; port++) {
                mem().writeShort(sin + 2, Short.reverseBytes((short) port));
                r = rows.call(f, "bind", sd, sin, 16);
                if ((int) r == 0 || errno() != Errno.EADDRINUSE) break;
            }
            f.ret(r);
        } finally {
            if (own != 0) heap().free(own);
        }
    }

    /** struct ifaddrs (56 bytes) with its addresses in the same block, freed with it. */
    private long ifaddr(long next, int family, byte[] address, byte[] netmask) {
        long block = heap().calloc(1, 56 + 3 * 32 + 8);
        long name = block + 56 + 96;
        mem().writeCString(name, "lo");
        mem().writeLong(block, next);
        mem().writeLong(block + 8, name);
        mem().writeInt(block + 16, IFF_UP | IFF_LOOPBACK | IFF_RUNNING);
        long addr = block + 56, mask = block + 56 + 32;
        mem().writeShort(addr, family);
        if (family == 17) {
            // sockaddr_ll: protocol, ifindex 1, hatype ARPHRD_LOOPBACK, halen 6 (all zero).
            mem().writeInt(addr + 4, 1);
            mem().writeShort(addr + 8, 772);
            mem().writeByte(addr + 11, 6);
            mem().writeLong(block + 24, addr);
        } else {
            mem().write(addr + (family == NetworkAddresses.AF_INET ? 4 : 8), address);
            mem().writeShort(mask, family);
            mem().write(mask + (family == NetworkAddresses.AF_INET ? 4 : 8), netmask);
            mem().writeLong(block + 24, addr);
            mem().writeLong(block + 32, mask);
        }
        return block;
    }

    private long getifaddrs(long out) {
        byte[] v6 = new byte[16];
        v6[15] = 1;
        byte[] v6mask = new byte[16];
        java.util.Arrays.fill(v6mask, (byte) 0xff);
        long inet6 = ifaddr(0, NetworkAddresses.AF_INET6, v6, v6mask);
        long inet = ifaddr(inet6, NetworkAddresses.AF_INET, new byte[] {127, 0, 0, 1}, new byte[] {(byte) 255, 0, 0, 0});
        long packet = ifaddr(inet, 17, null, null);
        mem().writeLong(out, packet);
        return 0;
    }

    /** __libc_init(raw_args, onexit, slingshot, structors): exit(slingshot(argc, argv, envp)). */
    private void libcInit(CallFrame f) {
        long raw = f.ptr(0), main = f.ptr(2);
        long argc = mem().readLong(raw);
        long argv = raw + 8, envp = argv + 8 * (argc + 1);
        long status = process.calls().call(main, argc, argv, envp);
        rows.call(f, "exit", (int) status);
    }
}
