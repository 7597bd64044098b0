package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.signals.SignalActions;
import org.mdemu.guest.kernel.signals.Signals;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.GuestMemory;

/**
 * signal.h and setjmp.h: sigaction and friends over the kernel's signal model, signal sets (sigset_t is one 64-bit
 * word on LP64, and the *64 variants are the same functions), raise/kill/pthread_kill, and the setjmp family. A
 * jmp_buf here keeps x19-x30, sp, d8-d15, and for sigsetjmp whether and which signal mask to restore.
 */
public final class SignalFunctions implements LibrarySection {
    /** bionic's LP64 struct sigaction: int sa_flags; (pad) handler; sigset_t sa_mask; sa_restorer. */
    private static final int SA_FLAGS = 0, SA_HANDLER = 8, SA_MASK = 16, SA_RESTORER = 24;
    private static final int JB_X19 = 0, JB_SP = 12, JB_D8 = 13, JB_SAVEMASK = 21, JB_MASK = 22;

    private final GuestProcess process;

    public SignalFunctions(GuestProcess process) {
        this.process = process;
    }

    private GuestMemory mem() {
        return process.memory();
    }

    private Signals signals() {
        return process.threads().signals();
    }

    @Override
    public void declare(LibraryTable t) {
        for (String suffix : new String[] {"", "64"}) {
            String v = suffix.isEmpty() ? "LIBC" : "LIBC_P";
            t.function("sigaction" + suffix, v, Support.FULL, f -> f.ret(libc(sigaction(f.i32(0), f.ptr(1), f.ptr(2)))));
            t.function("sigprocmask" + suffix, v, Support.FULL,
                    f -> f.ret(libc(signals().sigprocmask(f.i32(0), f.ptr(1), f.ptr(2)))));
            t.function("pthread_sigmask" + suffix, v, Support.FULL,
                    f -> f.ret(-signals().sigprocmask(f.i32(0), f.ptr(1), f.ptr(2))));
            t.function("sigemptyset" + suffix, v, Support.FULL, f -> f.ret(setWord(f.ptr(0), 0)));
            t.function("sigfillset" + suffix, v, Support.FULL, f -> f.ret(setWord(f.ptr(0), -1L)));
            t.function("sigaddset" + suffix, v, Support.FULL, f -> f.ret(change(f.ptr(0), f.i32(1), true)));
            t.function("sigdelset" + suffix, v, Support.FULL, f -> f.ret(change(f.ptr(0), f.i32(1), false)));
            t.function("sigismember" + suffix, v, Support.FULL, f -> {
                int s = f.i32(1);
                f.ret(!SignalActions.valid(s) ? libc(-Errno.EINVAL) : (mem().readLong(f.ptr(0)) & SignalActions.bit(s)) != 0 ? 1 : 0);
            });
            t.function("sigpending" + suffix, v, Support.FULL, f -> f.ret(libc(signals().sigpending(f.ptr(0)))));
        }
        t.function("signal", f -> f.ret(signal(f.i32(0), f.ptr(1))));
        t.function("sigaltstack", f -> f.ret(libc(signals().sigaltstack(f.ptr(0), f.ptr(1)))));
        Support delivery = Support.partial(Signals.DELIVERY_NOTE);
        t.function("raise", delivery, f -> f.ret(libc(signals().tgkill(-1, process.currentThread().tid(), f.i32(0)))));
        t.function("kill", delivery, f -> f.ret(libc(signals().kill(f.i32(0), f.i32(1)))));
        t.function("tgkill", delivery, f -> f.ret(libc(signals().tgkill(f.i32(0), f.i32(1), f.i32(2)))));
        for (String name : new String[] {"setjmp", "_setjmp", "sigsetjmp"}) {
            t.function(name, f -> {
                boolean saveMask = name.equals("setjmp") || (name.equals("sigsetjmp") && f.i32(1) != 0);
                setjmp(f, saveMask);
            });
        }
        for (String name : new String[] {"longjmp", "_longjmp", "siglongjmp"}) t.function(name, this::longjmp);
    }

    private long libc(long kernelResult) {
        return process.libcResult(kernelResult);
    }

    private long sigaction(int signal, long act, long oldAct) {
        if (!SignalActions.valid(signal)) return -Errno.EINVAL;
        SignalActions.Action current = signals().actions().get(signal);
        if (act != 0 && (signal == SignalActions.SIGKILL || signal == SignalActions.SIGSTOP)) return -Errno.EINVAL;
        if (oldAct != 0) {
            mem().writeInt(oldAct + SA_FLAGS, (int) current.flags());
            mem().writeInt(oldAct + 4, 0);
            mem().writeLong(oldAct + SA_HANDLER, current.handler());
            mem().writeLong(oldAct + SA_MASK, current.mask());
            mem().writeLong(oldAct + SA_RESTORER, current.restorer());
        }
        if (act != 0) {
            signals().actions().set(signal, new SignalActions.Action(mem().readLong(act + SA_HANDLER),
                    mem().readInt(act + SA_FLAGS) & 0xffffffffL, mem().readLong(act + SA_RESTORER),
                    mem().readLong(act + SA_MASK)));
        }
        return 0;
    }

    /** signal(3): BSD semantics as bionic gives them (SA_RESTART); returns the previous handler or SIG_ERR. */
    private long signal(int signal, long handler) {
        if (!SignalActions.valid(signal) || signal == SignalActions.SIGKILL || signal == SignalActions.SIGSTOP) {
            process.setErrno(Errno.EINVAL);
            return -1;
        }
        long old = signals().actions().get(signal).handler();
        signals().actions().set(signal, new SignalActions.Action(handler, SignalActions.SA_RESTART, 0, 0));
        return old;
    }

    private long setWord(long set, long value) {
        mem().writeLong(set, value);
        return 0;
    }

    private long change(long set, int signal, boolean add) {
        if (!SignalActions.valid(signal)) return libc(-Errno.EINVAL);
        long word = mem().readLong(set);
        mem().writeLong(set, add ? word | SignalActions.bit(signal) : word & ~SignalActions.bit(signal));
        return 0;
    }

    private void setjmp(CallFrame f, boolean saveMask) {
        CpuRegisters r = f.registers();
        long buf = f.ptr(0);
        for (int i = 0; i < 12; i++) mem().writeLong(buf + 8L * (JB_X19 + i), r.x(19 + i));
        mem().writeLong(buf + 8L * JB_SP, r.sp());
        for (int i = 0; i < 8; i++) mem().writeLong(buf + 8L * (JB_D8 + i), r.d64(8 + i));
        mem().writeLong(buf + 8L * JB_SAVEMASK, saveMask ? 1 : 0);
        if (saveMask) mem().writeLong(buf + 8L * JB_MASK, process.currentThread().signalMask);
        f.ret(0);
    }

    /** Back into the frame of the matching setjmp, which returns val (1 if val is 0) through the stub's ret. */
    private void longjmp(CallFrame f) {
        CpuRegisters r = f.registers();
        long buf = f.ptr(0);
        int val = f.i32(1);
        for (int i = 0; i < 12; i++) r.setX(19 + i, mem().readLong(buf + 8L * (JB_X19 + i)));
        r.setSp(mem().readLong(buf + 8L * JB_SP));
        for (int i = 0; i < 8; i++) r.setD64(8 + i, mem().readLong(buf + 8L * (JB_D8 + i)));
        if (mem().readLong(buf + 8L * JB_SAVEMASK) != 0) {
            process.currentThread().signalMask = mem().readLong(buf + 8L * JB_MASK) & ~SignalActions.UNBLOCKABLE;
        }
        r.setX(0, val == 0 ? 1 : val);
    }
}
