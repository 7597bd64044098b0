package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * unistd.h's process identity and the calls that need privileges, as a Microdroid payload sees them: the process
 * (uid 0, no supplementary groups) leads its own process group and session; its SELinux domain holds no
 * capabilities, so changing ids, mounting, rebooting, setting the clock or the host name, loading modules and the
 * like fail with EPERM, while what needs no privilege (nice to a lower priority, setuid to the own id, reading
 * capabilities) works. Scheduling policies: SCHED_OTHER only; real-time ones need CAP_SYS_NICE (EPERM).
 */
public final class ProcessIdentity extends GuestSection {
    private static final int SCHED_OTHER = 0, SCHED_FIFO = 1, SCHED_RR = 2, SCHED_BATCH = 3, SCHED_IDLE = 5;
    private static final int PRIO_PROCESS = 0, PRIO_PGRP = 1, PRIO_USER = 2;
    private static final Support NO_CAPABILITY = Support.full("the payload holds no capabilities: EPERM, as the"
            + " device's kernel answers");
    private static final Support OWN_IDS = Support.full("uid/gid 0 and no capabilities: the own ids are accepted,"
            + " others EPERM");
    private Rows rows;
    private int niceValue;
    private long persona;

    private final org.mdemu.guest.kernel.process.ProcessTable processes;

    /** @param processes the process's place among the VM's processes (null for a documentation-only table) */
    public ProcessIdentity(GuestProcess process, org.mdemu.guest.kernel.process.ProcessTable processes) {
        super(process);
        this.processes = processes;
    }

    private boolean self(long pid) {
        return pid == 0 || pid == process.pid();
    }

    private int group() {
        return processes.ownGroup();
    }

    /** getpgid/getsid of another process of the VM (the payload, a child, a sibling): its group or session. */
    private long other(int pid, boolean groupOf) {
        org.mdemu.guest.kernel.process.ProcessTable t = pid > 0 ? processes.tasks().find(pid) : null;
        if (t == null) return fail(Errno.ESRCH);
        return groupOf ? t.ownGroup() : t.session();
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        Support session = Support.full("the payload leads its own process group and session; a forked child starts in"
                + " its parent's and may make its own (setpgid, setsid); getpgid/getsid answer for any live process"
                + " of the VM (ESRCH for another pid); setpgid only for the caller itself");
        t.function("getpgid", session, f -> f.ret(self(f.i32(0)) ? group() : other(f.i32(0), true)));
        t.function("getpgrp", session, f -> f.ret(group()));
        t.function("getsid", session, f -> f.ret(self(f.i32(0)) ? processes.session() : other(f.i32(0), false)));
        t.function("setpgid", session, f -> {
            long pid = f.i32(0), pgid = f.i32(1);
            if (pgid < 0) f.ret(fail(Errno.EINVAL));
            else if (!self(pid)) f.ret(fail(Errno.ESRCH));
            else f.ret(processes.setGroup((int) pgid) ? 0 : fail(Errno.EPERM));
        });
        t.function("setpgrp", session, f -> f.ret(processes.setGroup(0) ? 0 : fail(Errno.EPERM)));
        t.function("setsid", session, f -> {
            long sid = processes.setsid();
            f.ret(sid < 0 ? fail((int) -sid) : sid);
        });
        for (String name : new String[] {"setuid", "seteuid", "setgid", "setegid"}) {
            t.function(name, OWN_IDS, f -> f.ret(f.u32(0) == 0 ? 0 : fail(Errno.EPERM)));
        }
        for (String name : new String[] {"setreuid", "setregid"}) {
            t.function(name, OWN_IDS, f -> f.ret(own(f.u32(0)) && own(f.u32(1)) ? 0 : fail(Errno.EPERM)));
        }
        for (String name : new String[] {"setresuid", "setresgid"}) {
            t.function(name, OWN_IDS, f -> f.ret(own(f.u32(0)) && own(f.u32(1)) && own(f.u32(2)) ? 0 : fail(Errno.EPERM)));
        }
        for (String name : new String[] {"getresuid", "getresgid"}) {
            t.function(name, f -> {
                for (int i = 0; i < 3; i++) mem().writeInt(f.ptr(i), 0);
                f.ret(0);
            });
        }
        t.function("getgroups", Support.full("no supplementary groups"), f -> f.ret(f.i32(0) < 0 ? fail(Errno.EINVAL) : 0));
        t.function("setgroups", NO_CAPABILITY, f -> f.ret(fail(Errno.EPERM)));
        t.function("initgroups", NO_CAPABILITY, f -> f.ret(fail(Errno.EPERM)));
        // setfsuid/setfsgid report the previous id and change nothing without CAP_SETUID/CAP_SETGID.
        t.function("setfsuid", OWN_IDS, f -> f.ret(0));
        t.function("setfsgid", OWN_IDS, f -> f.ret(0));
        t.function("capget", Support.full("no capabilities in any set"), this::capget);
        t.function("capset", NO_CAPABILITY, f -> f.ret(fail(Errno.EPERM)));
        t.function("gethostname", f -> f.ret(utsField(f, f.ptr(0), f.i64(1), 65)));
        t.function("getdomainname", "LIBC_O", Support.FULL, f -> f.ret(utsField(f, f.ptr(0), f.i64(1), 325)));
        t.function("sethostname", NO_CAPABILITY, f -> f.ret(fail(Errno.EPERM)));
        t.function("setdomainname", "LIBC_O", NO_CAPABILITY, f -> f.ret(fail(Errno.EPERM)));
        for (String name : new String[] {"acct", "chroot", "mount", "umount", "umount2", "swapon", "swapoff", "reboot",
            "init_module", "delete_module", "quotactl", "setns"}) {
            t.function(name, name.equals("quotactl") ? "LIBC_O" : "LIBC", NO_CAPABILITY, f -> f.ret(fail(Errno.EPERM)));
        }
        t.function("unshare", NO_CAPABILITY, f -> f.ret(f.i32(0) == 0 ? 0 : fail(Errno.EPERM)));
        t.function("klogctl", Support.full("the kernel log is restricted (dmesg_restrict): EPERM"), f -> f.ret(fail(Errno.EPERM)));
        t.function("ptrace", Support.full("the payload's domain may not trace: EPERM"), f -> f.ret(fail(Errno.EPERM)));
        t.function("personality", Support.full("the execution domain is recorded; PER_LINUX in effect"), f -> {
            long requested = f.u32(0);
            long old = persona;
            if (requested != 0xffffffffL) persona = requested;
            f.ret(old);
        });
        Support brk = Support.full("no program break to grow (bionic allocates with mmap): growth fails with ENOMEM");
        t.function("brk", brk, f -> f.ret(f.ptr(0) == 0 ? 0 : fail(Errno.ENOMEM)));
        t.function("sbrk", brk, f -> f.ret(f.i64(0) == 0 ? 0 : fail(Errno.ENOMEM)));
        Support nice = Support.full("recorded (the scheduler has no priorities); raising priority needs CAP_SYS_NICE: EPERM");
        t.function("nice", nice, f -> {
            long next = Math.max(-20, Math.min(19, (long) niceValue + f.i32(0)));
            if (next < niceValue) {
                f.ret(fail(Errno.EPERM));
                return;
            }
            niceValue = (int) next;
            f.ret(niceValue);
        });
        t.function("getpriority", nice, f -> f.ret(priorityTarget(f.i32(0), f.i32(1)) ? niceValue : fail(Errno.ESRCH)));
        t.function("setpriority", nice, f -> {
            if (!priorityTarget(f.i32(0), f.i32(1))) {
                f.ret(fail(Errno.ESRCH));
                return;
            }
            int value = Math.max(-20, Math.min(19, f.i32(2)));
            if (value < niceValue) {
                f.ret(fail(Errno.EACCES));
                return;
            }
            niceValue = value;
            f.ret(0);
        });
        declareScheduling(t);
    }

    private static boolean own(long id) {
        return id == 0 || id == 0xffffffffL;
    }

    private boolean priorityTarget(int which, int who) {
        if (which == PRIO_PROCESS || which == PRIO_PGRP) return self(who);
        return which == PRIO_USER && (who == 0);
    }

    /** gethostname/getdomainname: a field of uname's struct utsname (65-byte fields). */
    private long utsField(CallFrame f, long buffer, long size, int offset) {
        long uts = heap().calloc(1, 390);
        try {
            rows.call(f, "uname", uts);
            byte[] value = mem().readCBytes(uts + offset);
            if (value.length + 1 > size) return fail(Errno.ENAMETOOLONG);
            writeBytesZ(buffer, value);
            return 0;
        } finally {
            heap().free(uts);
        }
    }

    /** capget(header, data): version 3 has two data structs {effective, permitted, inheritable}; all empty. */
    private void capget(CallFrame f) {
        long header = f.ptr(0), data = f.ptr(1);
        int version = mem().readInt(header);
        int structs = version == 0x19980330 ? 1 : (version == 0x20071026 || version == 0x20080522) ? 2 : 0;
        if (structs == 0) {
            mem().writeInt(header, 0x20080522);
            f.ret(data == 0 ? 0 : fail(Errno.EINVAL));
            return;
        }
        int pid = mem().readInt(header + 4);
        if (pid != 0 && pid != process.pid()) {
            f.ret(fail(Errno.ESRCH));
            return;
        }
        if (data != 0) mem().write(data, new byte[12 * structs]);
        f.ret(0);
    }

    private void declareScheduling(LibraryTable t) {
        t.function("sched_get_priority_max", f -> f.ret(priorityBound(f.i32(0), true)));
        t.function("sched_get_priority_min", f -> f.ret(priorityBound(f.i32(0), false)));
        Support other = Support.full("SCHED_OTHER at priority 0; real-time policies need CAP_SYS_NICE: EPERM");
        t.function("sched_getscheduler", other, f -> f.ret(self(f.i32(0)) ? SCHED_OTHER : fail(Errno.ESRCH)));
        t.function("sched_getparam", other, f -> {
            if (!self(f.i32(0))) {
                f.ret(fail(Errno.ESRCH));
                return;
            }
            mem().writeInt(f.ptr(1), 0);
            f.ret(0);
        });
        t.function("sched_setparam", other, f -> {
            if (!self(f.i32(0))) f.ret(fail(Errno.ESRCH));
            else f.ret(mem().readInt(f.ptr(1)) == 0 ? 0 : fail(Errno.EINVAL));
        });
        t.function("sched_setscheduler", other, f -> f.ret(setScheduler(f.i32(0), f.i32(1), mem().readInt(f.ptr(2)))));
        t.function("sched_rr_get_interval", other, f -> {
            if (!self(f.i32(0))) {
                f.ret(fail(Errno.ESRCH));
                return;
            }
            mem().write(f.ptr(1), new byte[16]);
            f.ret(0);
        });
        t.function("sched_setaffinity", Support.full("any set holding an online CPU is accepted; the VM's threads"
                + " share its CPUs"), f -> f.ret(setAffinity(f, f.i32(0), f.i64(1), f.ptr(2))));
        t.function("sched_getattr", "LIBC_37", other, this::getattr);
        t.function("sched_setattr", "LIBC_37", other, f -> {
            long attr = f.ptr(1);
            int size = mem().readInt(attr);
            if (size != 0 && size < 48) {
                f.ret(fail(Errno.E2BIG));
                return;
            }
            int policy = mem().readInt(attr + 4);
            f.ret(setScheduler(f.i32(0), policy, policy == SCHED_OTHER ? 0 : mem().readInt(attr + 28)));
        });
        t.function("pthread_getaffinity_np", "LIBC_36", Support.FULL, f -> {
            long tid = rows.call(f, "pthread_gettid_np", f.ptr(0));
            long r = rows.call(f, "sched_getaffinity", tid, f.i64(1), f.ptr(2));
            f.ret(r == 0 ? 0 : errno());
        });
        t.function("pthread_setaffinity_np", "LIBC_36", Support.FULL, f -> {
            long r = setAffinity(f, 0, f.i64(1), f.ptr(2));
            f.ret(r == 0 ? 0 : errno());
        });
        t.function("__sched_cpualloc", f -> f.ret(heap().calloc(1, ((f.i64(0) + 63) / 64) * 8)));
        t.function("__sched_cpufree", f -> heap().free(f.ptr(0)));
    }

    private long priorityBound(int policy, boolean max) {
        return switch (policy) {
            case SCHED_FIFO, SCHED_RR -> max ? 99 : 1;
            case SCHED_OTHER, SCHED_BATCH, SCHED_IDLE -> 0;
            default -> fail(Errno.EINVAL);
        };
    }

    private long setScheduler(int pid, int policy, int priority) {
        if (!self(pid)) return fail(Errno.ESRCH);
        policy &= ~0x40000000; // SCHED_RESET_ON_FORK
        return switch (policy) {
            case SCHED_OTHER, SCHED_BATCH, SCHED_IDLE -> priority == 0 ? 0 : fail(Errno.EINVAL);
            case SCHED_FIFO, SCHED_RR -> priority < 1 || priority > 99 ? fail(Errno.EINVAL) : fail(Errno.EPERM);
            default -> fail(Errno.EINVAL);
        };
    }

    private long setAffinity(CallFrame f, int pid, long size, long set) {
        if (!self(pid) && rows.call(f, "sched_getaffinity", pid, 0, 0) == -1 && errno() == Errno.ESRCH) return -1;
        int cpus = (int) rows.call(f, "get_nprocs");
        byte[] bits = mem().read(set, (int) Math.min(size, 1024));
        for (int cpu = 0; cpu < cpus && cpu / 8 < bits.length; cpu++) {
            if ((bits[cpu / 8] >> (cpu % 8) & 1) != 0) return 0;
        }
        return fail(Errno.EINVAL);
    }

    /** struct sched_attr: size, policy, flags (u64), nice, priority, runtime/deadline/period (u64), util min/max. */
    private void getattr(CallFrame f) {
        long attr = f.ptr(1);
        long size = f.u32(2);
        if (!self(f.i32(0))) {
            f.ret(fail(Errno.ESRCH));
            return;
        }
        if (size < 48) {
            f.ret(fail(Errno.EINVAL));
            return;
        }
        mem().write(attr, new byte[(int) Math.min(size, 56)]);
        mem().writeInt(attr, (int) Math.min(size, 56));
        mem().writeInt(attr + 4, SCHED_OTHER);
        mem().writeInt(attr + 16, niceValue);
        f.ret(0);
    }
}
