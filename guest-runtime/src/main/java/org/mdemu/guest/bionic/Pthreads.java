package org.mdemu.guest.bionic;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.MemoryManager;
import org.mdemu.guest.kernel.memory.ProcessMemory;
import org.mdemu.guest.kernel.ThreadControl;
import org.mdemu.guest.kernel.sched.Waiter;
import org.mdemu.guest.machine.GuestMemory;

/**
 * pthread.h's threads: creation with attributes, join/detach/exit, identity, names, thread-specific keys and their
 * destructors, and sched_yield. A pthread_t is the address of the thread's control structure in its
 * {@link ThreadBlock}, as in bionic.
 */
public final class Pthreads implements LibrarySection {
    /** bionic's pthread_attr_t: flags, stack_base, stack_size, guard_size, sched_policy, sched_priority, reserved. */
    private static final int ATTR_FLAGS = 0, ATTR_STACK_BASE = 8, ATTR_STACK_SIZE = 16, ATTR_GUARD_SIZE = 24,
            ATTR_POLICY = 32, ATTR_PRIORITY = 36, ATTR_SIZE = 56;
    private static final int ATTR_FLAG_DETACHED = 1;
    private static final long DEFAULT_STACK = 1L << 20, DEFAULT_GUARD = 4096, STACK_MIN = 16384;
    public static final int KEYS_MAX = 128;
    private static final int DESTRUCTOR_ITERATIONS = 4;
    private static final int THREAD_NAME_MAX = 16;

    /** What libc keeps about a thread it created (or adopted: the main thread, raw clone threads). */
    static final class Record {
        final GuestThread thread;
        final long pthread;
        long stackBase, stackSize, guardSize;
        boolean detached, exited;
        long returnValue;
        Waiter joiner;
        /** The mapping libc made for the thread (its stack unless the caller gave one, and its block); or null. */
        ThreadMapping mapping;
        final long[] specific = new long[KEYS_MAX];

        Record(GuestThread thread, long pthread) {
            this.thread = thread;
            this.pthread = pthread;
        }
    }

    private final GuestProcess process;
    private final ThreadLocalStorage tls;
    private final ThreadAreaCache areas = new ThreadAreaCache();
    private final Map<Long, Record> byPthread = new HashMap<>();
    private final Map<Integer, Record> byTid = new HashMap<>();
    private final long[] keyDestructors = new long[KEYS_MAX];
    private final boolean[] keyUsed = new boolean[KEYS_MAX];

    private final ThreadExitDestructors threadLocalDestructors;

    public Pthreads(GuestProcess process, ThreadLocalStorage tls) {
        this(process, tls, new ThreadExitDestructors(process));
    }

    /** @param threadLocalDestructors C++ thread_local destructors, run first when a thread ends */
    public Pthreads(GuestProcess process, ThreadLocalStorage tls, ThreadExitDestructors threadLocalDestructors) {
        this.process = process;
        this.tls = tls;
        this.threadLocalDestructors = threadLocalDestructors;
    }

    private GuestMemory mem() {
        return process.memory();
    }

    private ThreadControl threads() {
        return process.threads();
    }

    @Override
    public void declare(LibraryTable t) {
        t.functionCallingGuest("pthread_create", Support.FULL, this::create);
        t.function("pthread_join", f -> f.ret(join(f.ptr(0), f.ptr(1))));
        t.functionCallingGuest("pthread_exit", Support.FULL, this::exit);
        t.function("pthread_detach", f -> f.ret(detach(f.ptr(0))));
        t.function("pthread_self", f -> f.ret(self().pthread));
        t.function("pthread_equal", f -> f.ret(f.ptr(0) == f.ptr(1) ? 1 : 0));
        t.function("pthread_gettid_np", f -> {
            Record r = byPthread.get(f.ptr(0));
            f.ret(r == null ? -1 : r.thread.tid());
        });
        t.function("pthread_kill", Support.partial(org.mdemu.guest.kernel.signals.Signals.DELIVERY_NOTE), f -> f.ret(kill(f.ptr(0), f.i32(1))));
        t.function("pthread_setname_np", f -> f.ret(setName(f.ptr(0), f.ptr(1))));
        t.function("pthread_getname_np", "LIBC_O", Support.FULL, f -> f.ret(getName(f.ptr(0), f.ptr(1), f.i64(2))));
        Support noPriorities = Support.partial("recorded only: the scheduler runs threads round-robin, without priorities");
        t.function("pthread_getschedparam", noPriorities, f -> {
            mem().writeInt(f.ptr(1), 0);
            mem().writeInt(f.ptr(2), 0);
            f.ret(byPthread.containsKey(f.ptr(0)) || f.ptr(0) == selfPthread() ? 0 : Errno.ESRCH);
        });
        t.function("pthread_setschedparam", noPriorities,
                f -> f.ret(byPthread.containsKey(f.ptr(0)) || f.ptr(0) == selfPthread() ? 0 : Errno.ESRCH));
        t.function("pthread_setschedprio", "LIBC_P", noPriorities,
                f -> f.ret(byPthread.containsKey(f.ptr(0)) || f.ptr(0) == selfPthread() ? 0 : Errno.ESRCH));
        t.function("pthread_atfork", Support.partial("handlers are accepted and never run: a payload cannot fork"),
                f -> f.ret(0));
        t.function("pthread_getattr_np", f -> f.ret(getattr(f.ptr(0), f.ptr(1), f.registers().sp())));
        t.function("pthread_getcpuclockid", Support.partial("gives the process CPU clock, as threads are not timed apart"),
                f -> {
                    mem().writeInt(f.ptr(1), 2);
                    f.ret(0);
                });
        t.function("sched_yield", f -> {
            threads().scheduler().yield(process.currentThread());
            f.ret(0);
        });
        declareAttributes(t);
        t.function("pthread_key_create", f -> f.ret(keyCreate(f.ptr(0), f.ptr(1))));
        t.function("pthread_key_delete", f -> f.ret(keyDelete(f.i32(0))));
        t.function("pthread_getspecific", f -> {
            int key = f.i32(0);
            f.ret(validKey(key) ? self().specific[key] : 0);
        });
        t.function("pthread_setspecific", f -> {
            int key = f.i32(0);
            if (!validKey(key)) {
                f.ret(Errno.EINVAL);
                return;
            }
            self().specific[key] = f.ptr(1);
            f.ret(0);
        });
    }

    private void declareAttributes(LibraryTable t) {
        t.function("pthread_attr_init", f -> f.ret(attrInit(f.ptr(0))));
        t.function("pthread_attr_destroy", f -> f.ret(0));
        t.function("pthread_attr_setdetachstate", f -> {
            int state = f.i32(1);
            if (state != 0 && state != 1) {
                f.ret(Errno.EINVAL);
                return;
            }
            int flags = mem().readInt(f.ptr(0) + ATTR_FLAGS);
            mem().writeInt(f.ptr(0) + ATTR_FLAGS, state == 1 ? flags | ATTR_FLAG_DETACHED : flags & ~ATTR_FLAG_DETACHED);
            f.ret(0);
        });
        t.function("pthread_attr_getdetachstate", f -> {
            mem().writeInt(f.ptr(1), mem().readInt(f.ptr(0) + ATTR_FLAGS) & ATTR_FLAG_DETACHED);
            f.ret(0);
        });
        t.function("pthread_attr_setstacksize", f -> {
            if (f.i64(1) < STACK_MIN) {
                f.ret(Errno.EINVAL);
                return;
            }
            mem().writeLong(f.ptr(0) + ATTR_STACK_SIZE, f.i64(1));
            f.ret(0);
        });
        t.function("pthread_attr_getstacksize", f -> copyLong(f, ATTR_STACK_SIZE));
        t.function("pthread_attr_setstack", f -> {
            if (f.i64(2) < STACK_MIN || (f.ptr(1) & 15) != 0) {
                f.ret(Errno.EINVAL);
                return;
            }
            mem().writeLong(f.ptr(0) + ATTR_STACK_BASE, f.ptr(1));
            mem().writeLong(f.ptr(0) + ATTR_STACK_SIZE, f.i64(2));
            f.ret(0);
        });
        t.function("pthread_attr_getstack", f -> {
            mem().writeLong(f.ptr(1), mem().readLong(f.ptr(0) + ATTR_STACK_BASE));
            mem().writeLong(f.ptr(2), mem().readLong(f.ptr(0) + ATTR_STACK_SIZE));
            f.ret(0);
        });
        t.function("pthread_attr_setguardsize", f -> {
            mem().writeLong(f.ptr(0) + ATTR_GUARD_SIZE, (f.i64(1) + 4095) & ~4095L);
            f.ret(0);
        });
        t.function("pthread_attr_getguardsize", f -> copyLong(f, ATTR_GUARD_SIZE));
        t.function("pthread_attr_setschedpolicy", f -> {
            mem().writeInt(f.ptr(0) + ATTR_POLICY, f.i32(1));
            f.ret(0);
        });
        t.function("pthread_attr_getschedpolicy", f -> {
            mem().writeInt(f.ptr(1), mem().readInt(f.ptr(0) + ATTR_POLICY));
            f.ret(0);
        });
        t.function("pthread_attr_setschedparam", f -> {
            mem().writeInt(f.ptr(0) + ATTR_PRIORITY, mem().readInt(f.ptr(1)));
            f.ret(0);
        });
        t.function("pthread_attr_getschedparam", f -> {
            mem().writeInt(f.ptr(1), mem().readInt(f.ptr(0) + ATTR_PRIORITY));
            f.ret(0);
        });
        t.function("pthread_attr_setscope", Support.full("PTHREAD_SCOPE_SYSTEM only, as bionic"),
                f -> f.ret(f.i32(1) == 0 ? 0 : f.i32(1) == 1 ? Errno.EOPNOTSUPP : Errno.EINVAL));
        t.function("pthread_attr_setinheritsched", "LIBC_P", Support.FULL, f -> f.ret(f.i32(1) == 0 || f.i32(1) == 1 ? 0 : Errno.EINVAL));
        t.function("pthread_attr_getinheritsched", "LIBC_P", Support.FULL, f -> {
            mem().writeInt(f.ptr(1), 0);
            f.ret(0);
        });
        t.function("pthread_attr_getscope", f -> {
            mem().writeInt(f.ptr(1), 0);
            f.ret(0);
        });
    }

    private void copyLong(CallFrame f, int field) {
        mem().writeLong(f.ptr(1), mem().readLong(f.ptr(0) + field));
        f.ret(0);
    }

    private long attrInit(long attr) {
        mem().write(attr, new byte[ATTR_SIZE]);
        mem().writeLong(attr + ATTR_STACK_SIZE, DEFAULT_STACK);
        mem().writeLong(attr + ATTR_GUARD_SIZE, DEFAULT_GUARD);
        return 0;
    }

    /** The calling thread's record, adopted on first use for threads libc did not create (main, raw clone). */
    private Record self() {
        GuestThread t = process.currentThread();
        Record r = byTid.get(t.tid());
        if (r == null) {
            long pthread = ThreadBlock.pthreadOf(mem(), t.tlsBase());
            r = new Record(t, pthread == 0 ? t.tlsBase() : pthread);
            byTid.put(t.tid(), r);
            byPthread.put(r.pthread, r);
        }
        return r;
    }

    private MemoryManager.Mapping mappingAt(long address) {
        for (MemoryManager.Mapping m : process.mm().mappings()) if (m.contains(address)) return m;
        return null;
    }

    private void create(CallFrame f) {
        long out = f.ptr(0), attr = f.ptr(1), start = f.ptr(2), arg = f.ptr(3);
        if (threads().atThreadLimit()) {
            f.ret(Errno.EAGAIN);
            return;
        }
        Record parent = self();
        long stackSize = DEFAULT_STACK, guard = DEFAULT_GUARD, stackBase = 0;
        boolean detached = false;
        if (attr != 0) {
            stackSize = mem().readLong(attr + ATTR_STACK_SIZE);
            guard = mem().readLong(attr + ATTR_GUARD_SIZE);
            stackBase = mem().readLong(attr + ATTR_STACK_BASE);
            detached = (mem().readInt(attr + ATTR_FLAGS) & ATTR_FLAG_DETACHED) != 0;
        }
        MemoryManager mm = process.mm();
        boolean ownsStack = stackBase == 0;
        // As bionic: a caller-supplied stack still gets a mapping of its own for the thread block, between guards.
        if (ownsStack && (Long.compareUnsigned(stackSize, ProcessMemory.TASK_SIZE) > 0
                || Long.compareUnsigned(guard, ProcessMemory.TASK_SIZE) > 0)) {
            f.ret(Errno.EAGAIN); // no room for it: mmap's ENOMEM, which pthread_create reports as EAGAIN
            return;
        }
        long guardSize = ownsStack ? (guard + 4095) & ~4095L : ThreadMapping.PAGE;
        long blockAlignment = ThreadBlock.alignmentFor(tls);
        ThreadMapping.Shape shape = ThreadMapping.shape(ownsStack ? stackSize : 0, guardSize, ThreadBlock.sizeFor(tls),
                blockAlignment);
        ThreadMapping mapping;
        ThreadBlock block;
        long canary = ThreadBlock.canaryOf(mem(), parent.thread.tlsBase());
        try {
            long kept = areas.take(shape);
            mapping = kept != 0 ? new ThreadMapping(kept, shape) : ThreadMapping.map(mm, shape, blockAlignment);
            block = ThreadBlock.initialise(mem(), mapping.blockBase(), 0, canary, tls, kept != 0);
        } catch (org.mdemu.guest.kernel.memory.GuestOutOfMemoryException outOfMemory) {
            f.ret(Errno.EAGAIN);
            return;
        }
        if (ownsStack) {
            stackBase = mapping.stackBase();
            stackSize = shape.stack();
        }
        long top = (stackBase + stackSize) & ~15L;
        Record[] made = new Record[1];
        GuestThread child = threads().spawn(block.tp(), block.errno(), regs -> {
            regs.setPc(start);
            regs.setX(0, arg);
            regs.setX(29, 0);
            regs.setX(30, threads().returnAddress());
            regs.setSp(top);
            regs.setTpidr(block.tp());
        }, value -> finish(made[0], value));
        block.setTid(mem(), child.tid());
        mapping.name(mm, child.tid());
        Record r = new Record(child, block.pthread());
        r.stackBase = stackBase;
        r.stackSize = stackSize;
        r.guardSize = ownsStack ? guardSize : 0;
        r.detached = detached;
        r.mapping = mapping;
        made[0] = r;
        byTid.put(child.tid(), r);
        byPthread.put(r.pthread, r);
        mem().writeLong(out, r.pthread);
        f.ret(0);
    }

    /** A thread's start routine returned or it called pthread_exit: destructors, result, joiner, resources. */
    private void finish(Record r, long value) {
        threadLocalDestructors.finalizeCurrentThread();
        runKeyDestructors(r);
        tls.threadExiting(r.thread.tlsBase());
        r.exited = true;
        r.returnValue = value;
        if (r.joiner != null) {
            threads().scheduler().wake(r.joiner);
        } else if (r.detached) {
            release(r);
        }
    }

    private void exit(CallFrame f) {
        finish(self(), f.ptr(0));
        threads().exitCurrent();
    }

    private void runKeyDestructors(Record r) {
        for (int round = 0; round < DESTRUCTOR_ITERATIONS; round++) {
            boolean called = false;
            for (int key = 0; key < KEYS_MAX; key++) {
                long value = r.specific[key];
                if (value == 0 || !keyUsed[key] || keyDestructors[key] == 0) continue;
                r.specific[key] = 0;
                process.calls().call(keyDestructors[key], value);
                called = true;
            }
            if (!called) return;
        }
    }

    private long join(long pthread, long resultOut) {
        Record r = byPthread.get(pthread);
        if (r == null) return Errno.ESRCH;
        GuestThread me = process.currentThread();
        if (r.thread == me) return Errno.EDEADLK;
        if (r.detached || r.joiner != null) return Errno.EINVAL;
        if (!r.exited) {
            threads().scheduler().requireOutsideTrap();
            while (!r.exited) {
                r.joiner = new Waiter(me, 0).interruptible().on("pthread_join tid " + r.thread.tid());
                threads().scheduler().block(r.joiner, Long.MAX_VALUE);
                if (!r.exited && r.joiner.interrupted()) {
                    // The handler runs now, then pthread_join starts again (it never fails with EINTR).
                    r.joiner = null;
                    me.restartAfterHandler = true;
                    return 0;
                }
            }
        }
        if (resultOut != 0) mem().writeLong(resultOut, r.returnValue);
        release(r);
        return 0;
    }

    private long detach(long pthread) {
        Record r = byPthread.get(pthread);
        if (r == null) return Errno.ESRCH;
        if (r.detached || r.joiner != null) return Errno.EINVAL;
        r.detached = true;
        if (r.exited) release(r);
        return 0;
    }

    /** Frees an ended thread's mapping (stack and block); its pthread_t becomes invalid. */
    private void release(Record r) {
        byPthread.remove(r.pthread);
        byTid.remove(r.thread.tid());
        if (r.mapping != null) {
            tls.forget(r.thread.tlsBase());
            areas.release(process.mm(), r.mapping);
        }
    }

    private long kill(long pthread, int signal) {
        Record r = byPthread.get(pthread);
        if (r == null && pthread == selfPthread()) r = self();
        if (r == null || r.exited) return Errno.ESRCH;
        return -process.threads().signals().tgkill(process.pid(), r.thread.tid(), signal);
    }

    private long setName(long pthread, long name) {
        Record r = byPthread.get(pthread);
        if (r == null) r = pthread == selfPthread() ? self() : null;
        if (r == null) return Errno.ESRCH;
        byte[] b = mem().readCBytes(name);
        if (b.length >= THREAD_NAME_MAX) return Errno.ERANGE;
        r.thread.setName(new String(b, java.nio.charset.StandardCharsets.UTF_8));
        return 0;
    }

    private long getName(long pthread, long buffer, long size) {
        Record r = byPthread.get(pthread);
        if (r == null) r = pthread == selfPthread() ? self() : null;
        if (r == null) return Errno.ESRCH;
        byte[] b = r.thread.name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (size < b.length + 1) return Errno.ERANGE;
        byte[] z = java.util.Arrays.copyOf(b, b.length + 1);
        mem().write(buffer, z);
        return 0;
    }

    private long selfPthread() {
        return ThreadBlock.pthreadOf(mem(), process.currentThread().tlsBase());
    }

    /** For a thread libc did not create, the stack is the mapping its stack pointer is in (bionic reads maps too). */
    private long getattr(long pthread, long attr, long callerSp) {
        Record r = byPthread.get(pthread);
        if (r == null && pthread == selfPthread()) r = self();
        if (r == null) return Errno.ESRCH;
        attrInit(attr);
        if (r.stackSize == 0 && r.thread == process.currentThread()) {
            MemoryManager.Mapping m = mappingAt(callerSp);
            if (m != null) {
                r.stackBase = m.start();
                r.stackSize = m.end() - m.start();
            }
        }
        mem().writeLong(attr + ATTR_STACK_BASE, r.stackBase);
        mem().writeLong(attr + ATTR_STACK_SIZE, r.stackSize);
        mem().writeLong(attr + ATTR_GUARD_SIZE, r.guardSize);
        mem().writeInt(attr + ATTR_FLAGS, r.detached ? ATTR_FLAG_DETACHED : 0);
        return 0;
    }

    private long keyCreate(long keyOut, long destructor) {
        for (int k = 0; k < KEYS_MAX; k++) {
            if (keyUsed[k]) continue;
            keyUsed[k] = true;
            keyDestructors[k] = destructor;
            for (Record r : byTid.values()) r.specific[k] = 0;
            mem().writeInt(keyOut, k);
            return 0;
        }
        return Errno.EAGAIN;
    }

    private long keyDelete(int key) {
        if (!validKey(key)) return Errno.EINVAL;
        keyUsed[key] = false;
        keyDestructors[key] = 0;
        return 0;
    }

    private boolean validKey(int key) {
        return key >= 0 && key < KEYS_MAX && keyUsed[key];
    }
}
