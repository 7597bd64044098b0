package org.mdemu.guest.kernel.signals;

import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.GuestMemory;

/**
 * The arm64 kernel's rt_sigframe, built on the stack of a thread a signal is delivered to and read back by
 * rt_sigreturn: a siginfo_t (128 bytes) then a ucontext with the interrupted registers in uc_mcontext and the
 * FP/SIMD state in an fpsimd_context record of its reserved area.
 */
final class SignalFrame {
    static final int SIZE = 4688;
    private static final int INFO = 0, UC = 128;
    private static final int UC_STACK = UC + 16, UC_SIGMASK = UC + 40, MCONTEXT = UC + 176;
    private static final int FAULT_ADDRESS = MCONTEXT, REGS = MCONTEXT + 8, SP = MCONTEXT + 256, PC = MCONTEXT + 264,
            PSTATE = MCONTEXT + 272, RESERVED = MCONTEXT + 288;
    private static final int FPSIMD_MAGIC = 0x46508001, FPSIMD_SIZE = 528;

    private SignalFrame() {}

    /** Writes a frame at address for the thread whose registers are on the CPU; returns the info and ucontext addresses. */
    static long[] write(GuestMemory mem, CpuRegisters regs, long address, int signal, int code, long faultAddress,
                        int senderPid, long oldMask, long altBase, long altSize, int altFlags) {
        mem.write(address, new byte[SIZE]);
        mem.writeInt(address + INFO, signal);
        mem.writeInt(address + INFO + 8, code);
        if (faultAddress != 0 || code > 0) {
            mem.writeLong(address + INFO + 16, faultAddress);
        } else {
            mem.writeInt(address + INFO + 16, senderPid);
        }
        mem.writeLong(address + UC_STACK, altBase);
        mem.writeInt(address + UC_STACK + 8, altFlags);
        mem.writeLong(address + UC_STACK + 16, altSize);
        mem.writeLong(address + UC_SIGMASK, oldMask);
        mem.writeLong(address + FAULT_ADDRESS, faultAddress);
        for (int i = 0; i < 31; i++) mem.writeLong(address + REGS + 8L * i, regs.x(i));
        mem.writeLong(address + SP, regs.sp());
        mem.writeLong(address + PC, regs.pc());
        mem.writeLong(address + PSTATE, regs.nzcv());
        long fp = address + RESERVED;
        mem.writeInt(fp, FPSIMD_MAGIC);
        mem.writeInt(fp + 4, FPSIMD_SIZE);
        mem.writeInt(fp + 8, (int) regs.fpsr());
        mem.writeInt(fp + 12, (int) regs.fpcr());
        for (int i = 0; i < 32; i++) {
            long[] q = regs.q(i);
            mem.writeLong(fp + 16 + 16L * i, q[0]);
            mem.writeLong(fp + 24 + 16L * i, q[1]);
        }
        return new long[] {address + INFO, address + UC};
    }

    /** Restores the registers saved in the frame at address; returns the signal mask it holds. */
    static long restore(GuestMemory mem, CpuRegisters regs, long address) {
        for (int i = 0; i < 31; i++) regs.setX(i, mem.readLong(address + REGS + 8L * i));
        regs.setSp(mem.readLong(address + SP));
        regs.setPc(mem.readLong(address + PC));
        regs.setNzcv(mem.readLong(address + PSTATE) & 0xf0000000L);
        long fp = address + RESERVED;
        if (mem.readInt(fp) == FPSIMD_MAGIC) {
            regs.setFpsr(mem.readInt(fp + 8) & 0xffffffffL);
            regs.setFpcr(mem.readInt(fp + 12) & 0xffffffffL);
            for (int i = 0; i < 32; i++) regs.setQ(i, mem.readLong(fp + 16 + 16L * i), mem.readLong(fp + 24 + 16L * i));
        }
        return mem.readLong(address + UC_SIGMASK);
    }
}
