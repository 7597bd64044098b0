package org.mdemu.guest.kernel.signals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.GuestFault;
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

    /**
     * Writes a frame at address for the thread whose registers are on the CPU, in one access as the kernel's
     * copy_to_user: nothing is written unless the whole frame fits writable memory (else {@link GuestFault}). Returns
     * the info and ucontext addresses.
     */
    static long[] write(GuestMemory mem, CpuRegisters regs, long address, int signal, int code, long faultAddress,
                        int senderPid, long oldMask, long altBase, long altSize, int altFlags) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(INFO, signal);
        b.putInt(INFO + 8, code);
        if (faultAddress != 0 || code > 0) {
            b.putLong(INFO + 16, faultAddress);
        } else {
            b.putInt(INFO + 16, senderPid);
        }
        b.putLong(UC_STACK, altBase);
        b.putInt(UC_STACK + 8, altFlags);
        b.putLong(UC_STACK + 16, altSize);
        b.putLong(UC_SIGMASK, oldMask);
        b.putLong(FAULT_ADDRESS, faultAddress);
        for (int i = 0; i < 31; i++) b.putLong(REGS + 8 * i, regs.x(i));
        b.putLong(SP, regs.sp());
        b.putLong(PC, regs.pc());
        b.putLong(PSTATE, regs.nzcv());
        b.putInt(RESERVED, FPSIMD_MAGIC);
        b.putInt(RESERVED + 4, FPSIMD_SIZE);
        b.putInt(RESERVED + 8, (int) regs.fpsr());
        b.putInt(RESERVED + 12, (int) regs.fpcr());
        for (int i = 0; i < 32; i++) {
            long[] q = regs.q(i);
            b.putLong(RESERVED + 16 + 16 * i, q[0]);
            b.putLong(RESERVED + 24 + 16 * i, q[1]);
        }
        mem.write(address, b.array());
        return new long[] {address + INFO, address + UC};
    }

    /** x0..x30, sp and pc as the frame at address saved them (for unwinding); a fault if it is unreadable. */
    static long[] savedRegisters(GuestMemory mem, long address) {
        ByteBuffer b = ByteBuffer.wrap(mem.read(address + REGS, PC + 8 - REGS)).order(ByteOrder.LITTLE_ENDIAN);
        long[] r = new long[33];
        for (int i = 0; i < 33; i++) r[i] = b.getLong(8 * i);
        return r;
    }

    /**
     * Restores the registers saved in the frame at address; returns the signal mask it holds. The frame is read in
     * one access first: a frame the thread cannot read ({@link GuestFault}) changes no register.
     */
    static long restore(GuestMemory mem, CpuRegisters regs, long address) {
        ByteBuffer b = ByteBuffer.wrap(mem.read(address, SIZE)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 31; i++) regs.setX(i, b.getLong(REGS + 8 * i));
        regs.setSp(b.getLong(SP));
        regs.setPc(b.getLong(PC));
        regs.setNzcv(b.getLong(PSTATE) & 0xf0000000L);
        if (b.getInt(RESERVED) == FPSIMD_MAGIC) {
            regs.setFpsr(b.getInt(RESERVED + 8) & 0xffffffffL);
            regs.setFpcr(b.getInt(RESERVED + 12) & 0xffffffffL);
            for (int i = 0; i < 32; i++) regs.setQ(i, b.getLong(RESERVED + 16 + 16 * i), b.getLong(RESERVED + 24 + 16 * i));
        }
        return b.getLong(UC_SIGMASK);
    }
}
