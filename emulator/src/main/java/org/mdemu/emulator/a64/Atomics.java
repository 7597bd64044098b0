package org.mdemu.emulator.a64;

import java.lang.invoke.VarHandle;
import org.mdemu.guest.machine.CpuExit.FaultKind;
import org.mdemu.guest.machine.Prot;

/**
 * Every read-modify-write of guest memory the CPU makes, in one place so that making them atomic across host threads
 * (several vCPUs) is one change: the LSE atomics (CAS, CASP, SWP, LDADD, LDCLR, LDEOR, LDSET, LDSMAX, LDSMIN, LDUMAX,
 * LDUMIN and their ST aliases, every size and ordering), the store-exclusive's compare-and-store, and the memory
 * ordering of acquire/release instructions ({@link #fence}).
 *
 * <p>Without FEAT_LSE2 every atomic, exclusive and ordered access must be aligned to its size (a pair to the size of
 * both): a misaligned one is an alignment fault at its address, checked before any translation (Unicorn 2 reports
 * the translation fault first). A read-modify-write checks read then write access: unmapped memory is a read fault,
 * read-only memory a write protection fault, as on Unicorn 2.
 *
 * <p>Several cores (host threads) share one {@link PagedMemory}: every read-modify-write here is single-copy atomic
 * as the architecture asks, a compare-and-exchange of the accessed bytes ({@link PagedMemory#compareAndExchange}),
 * against other cores' atomics and their plain stores alike. 16-byte accesses (CASP of X registers, STXP of X
 * registers) are the exception: the JVM has no 128-bit compare-and-exchange, so they are serialised on a lock striped
 * by address, which makes them atomic with each other but <em>not</em> with a concurrent plain store or 8-byte
 * atomic to the same bytes from another core (such mixed-size races are rare in real code).
 */
final class Atomics {
    private Atomics() {}

    /**
     * The ordering an acquire or release access asks of the other observers: a full JVM fence, after an acquire's
     * access and before a release's.
     */
    static void fence() {
        VarHandle.fullFence();
    }

    /** The permission checks of a read-modify-write of bytes at address, before it reads or writes anything. */
    private static void checkReadWrite(PagedMemory m, long address, int bytes) {
        m.checkAccess(address, bytes, Prot.READ);
        m.checkAccess(address, bytes, Prot.WRITE);
    }

    /** Throws an alignment fault unless address is a multiple of bytes (a power of two). */
    static void checkAlignment(long address, int bytes) {
        if ((address & (bytes - 1)) != 0) {
            throw new A64Fault(FaultKind.UNALIGNED, address,
                    String.format("misaligned exclusive, ordered or atomic access at 0x%x", address));
        }
    }

    /** The atomic memory operations (bit 21 set, op4 00): LD<op>, ST<op> (Rt = ZR), SWP; size 0-3, A and R bits. */
    static long memoryOperation(CpuState s, int insn, long pc) {
        if ((insn & (1 << 26)) != 0) throw A64Fault.undefined(insn);
        int size = insn >>> 30, op = (insn >>> 12) & 7;
        boolean o3 = (insn & (1 << 15)) != 0;
        // o3 = 1: SWP (opc 000); LDAPR (RCpc) and LS64 are not executed.
        if (o3 && op != 0) throw A64Fault.undefined(insn);
        boolean acquire = (insn & (1 << 23)) != 0, release = (insn & (1 << 22)) != 0;
        int t = insn & 31, rs = (insn >>> 16) & 31;
        long address = s.xsp((insn >>> 5) & 31);
        long operand = s.xzr(rs);
        if (release) fence();
        long old = readModifyWrite(s.memory, address, size, o3 ? SWAP : op, operand);
        if (acquire) fence();
        s.setXzr(t, old);
        return pc + 4;
    }

    /** The operations of {@link #readModifyWrite}: the LSE opc values, and SWAP. */
    static final int ADD = 0, CLEAR = 1, EOR = 2, SET = 3, SMAX = 4, SMIN = 5, UMAX = 6, UMIN = 7, SWAP = 8;

    /**
     * Atomically replaces the 1 << size bytes at address with op(old, operand) and returns old, zero-extended;
     * alignment and write permission are checked first.
     */
    static long readModifyWrite(PagedMemory m, long address, int size, int op, long operand) {
        int bytes = 1 << size;
        checkAlignment(address, bytes);
        checkReadWrite(m, address, bytes);
        long old = m.loadVolatile(address, bytes);
        while (true) {
            long witness = m.compareAndExchange(address, bytes, old, operate(op, bytes, old, operand));
            if (witness == old) return old;
            old = witness; // another core changed the bytes since: operate on what it left
        }
    }

    /** op(old, operand) on bytes-wide values (old zero-extended; only the low bytes of the result matter). */
    static long operate(int op, int bytes, long old, long operand) {
        int shift = 64 - 8 * bytes;
        return switch (op) {
            case ADD -> old + operand;
            case CLEAR -> old & ~operand;
            case EOR -> old ^ operand;
            case SET -> old | operand;
            case SMAX -> (old << shift >> shift) >= (operand << shift >> shift) ? old : operand;
            case SMIN -> (old << shift >> shift) <= (operand << shift >> shift) ? old : operand;
            case UMAX -> Long.compareUnsigned(old << shift, operand << shift) >= 0 ? old : operand;
            case UMIN -> Long.compareUnsigned(old << shift, operand << shift) <= 0 ? old : operand;
            default -> operand;
        };
    }

    /** CAS, CASA, CASL, CASAL (B/H/W/X): compare Rs with memory, store Rt if equal; Rs gets the old value. */
    static long compareAndSwap(CpuState s, int insn, long pc) {
        int size = insn >>> 30, rs = (insn >>> 16) & 31, t = insn & 31;
        boolean acquire = (insn & (1 << 22)) != 0, release = (insn & (1 << 15)) != 0;
        long address = s.xsp((insn >>> 5) & 31);
        if (release) fence();
        long old = compareAndSwap(s.memory, address, size, s.xzr(rs), s.xzr(t));
        if (acquire) fence();
        s.setXzr(rs, old);
        return pc + 4;
    }

    /** Atomically: if the 1 << size bytes at address equal expected's low bytes, store replacement's; returns old. */
    static long compareAndSwap(PagedMemory m, long address, int size, long expected, long replacement) {
        int bytes = 1 << size;
        checkAlignment(address, bytes);
        checkReadWrite(m, address, bytes);
        long mask = size == 3 ? -1L : (1L << (8 * bytes)) - 1;
        // A failed compare writes nothing (the witness is the old value either way).
        return m.compareAndExchange(address, bytes, expected & mask, replacement & mask);
    }

    /**
     * CASP, CASPA, CASPL, CASPAL (W and X pairs): compare Rs:Rs+1 with memory, store Rt:Rt+1 if equal; Rs, Rs+1 get
     * the old values. Odd Rs or Rt is undefined.
     */
    static long compareAndSwapPair(CpuState s, int insn, long pc) {
        int rs = (insn >>> 16) & 31, t = insn & 31;
        if ((rs & 1) != 0 || (t & 1) != 0) throw A64Fault.undefined(insn);
        boolean wide = (insn & (1 << 30)) != 0;
        boolean acquire = (insn & (1 << 22)) != 0, release = (insn & (1 << 15)) != 0;
        long address = s.xsp((insn >>> 5) & 31);
        PagedMemory m = s.memory;
        int bytes = wide ? 16 : 8;
        checkAlignment(address, bytes);
        checkReadWrite(m, address, bytes);
        if (release) fence();
        long old0, old1;
        if (wide) {
            synchronized (lock16(address)) {
                old0 = m.load64(address);
                old1 = m.load64(address + 8);
                if (old0 == s.xzr(rs) && old1 == s.xzr(rs + 1)) {
                    long new0 = s.xzr(t), new1 = s.xzr(t + 1);
                    m.store64(address, new0);
                    m.store64(address + 8, new1);
                }
            }
        } else {
            long expected = (s.xzr(rs) & 0xffffffffL) | s.xzr(rs + 1) << 32;
            long both = m.compareAndExchange(address, 8, expected, (s.xzr(t) & 0xffffffffL) | s.xzr(t + 1) << 32);
            old0 = both & 0xffffffffL;
            old1 = both >>> 32;
        }
        if (acquire) fence();
        s.setXzr(rs, old0);
        s.setXzr(rs + 1, old1);
        return pc + 4;
    }

    /**
     * The store of a store-exclusive: checks alignment (always, as the ARM ARM's ExclusiveMonitorsPass does), then
     * whether the monitor is armed for exactly this address and size; if so, and memory still holds what the
     * load-exclusive read (write permission checked first), stores low (and high, for a 16-byte pair) and returns
     * true. The monitor is cleared whatever the outcome.
     *
     * <p>Across cores the global monitor is this compare-and-exchange with the value the load-exclusive read as the
     * expected one, the monitor QEMU implements: it passes when another core wrote the same value in between (ABA),
     * where hardware's monitor would fail; a retry loop of LDXR/STXR gets the same result either way, since the store
     * is atomic with the comparison.
     */
    static boolean storeExclusive(CpuState s, long address, int bytes, long low, long high) {
        checkAlignment(address, bytes);
        // -1 is the open monitor, never an armed address (a load-exclusive there faults).
        boolean armed = s.exclusiveAddress != -1 && s.exclusiveAddress == address && s.exclusiveSize == bytes;
        if (!armed) {
            s.exclusiveAddress = -1;
            return false;
        }
        PagedMemory m = s.memory;
        checkReadWrite(m, address, bytes);
        s.exclusiveAddress = -1;
        if (bytes == 16) {
            synchronized (lock16(address)) {
                if (m.load64(address) != s.exclusiveValue || m.load64(address + 8) != s.exclusiveValueHigh) {
                    return false;
                }
                m.store64(address, low);
                m.store64(address + 8, high);
                return true;
            }
        }
        long mask = bytes == 8 ? -1L : (1L << (8 * bytes)) - 1;
        return m.compareAndExchange(address, bytes, s.exclusiveValue, low & mask) == s.exclusiveValue;
    }

    /** The locks of the 16-byte atomics, striped by address over every memory of the JVM. */
    private static final Object[] LOCKS_16 = new Object[64];

    static {
        for (int i = 0; i < LOCKS_16.length; i++) LOCKS_16[i] = new Object();
    }

    /** The lock of the 16 aligned bytes at address: the same for every 16-byte atomic there. */
    private static Object lock16(long address) {
        long h = (address >>> 4) * 0x9e3779b97f4a7c15L;
        return LOCKS_16[(int) (h >>> 58)];
    }
}
