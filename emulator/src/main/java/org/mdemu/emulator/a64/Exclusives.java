package org.mdemu.emulator.a64;

/**
 * The "load/store exclusive" and ordered group (size 001000 o2 L o1 Rs o0 Rt2 Rn Rt): LDXR/LDAXR/STXR/STLXR (B/H/W/X),
 * LDXP/LDAXP/STXP/STLXP (W/X), LDAR/STLR (B/H/W/X), and the LSE CAS/CASP families it shares (to {@link Atomics}).
 * LDLAR/STLLR (LOR) are not executed. Exclusive and ordered accesses must be aligned (a pair to its whole size).
 * The local monitor lives in {@link CpuState}: a load-exclusive arms it with its address, size and the value read.
 */
final class Exclusives {
    private Exclusives() {}

    static long execute(CpuState s, int insn, long pc) {
        boolean o2 = (insn & (1 << 23)) != 0, load = (insn & (1 << 22)) != 0, o1 = (insn & (1 << 21)) != 0;
        boolean o0 = (insn & (1 << 15)) != 0;
        int size = insn >>> 30;
        // CAS and CASP have Rt2 = 11111; other values are unallocated.
        if (o1 && (o2 || size < 2) && ((insn >>> 10) & 31) != 31) throw A64Fault.undefined(insn);
        if (o2) {
            if (o1) return Atomics.compareAndSwap(s, insn, pc);
            if (!o0) throw A64Fault.undefined(insn); // LDLAR, STLLR
            return load ? loadAcquire(s, insn, pc) : storeRelease(s, insn, pc);
        }
        if (o1) {
            if (size < 2) return Atomics.compareAndSwapPair(s, insn, pc);
            return load ? loadExclusivePair(s, insn, pc) : storeExclusivePair(s, insn, pc);
        }
        return load ? loadExclusive(s, insn, pc) : storeExclusive(s, insn, pc);
    }

    private static long loadAcquire(CpuState s, int insn, long pc) {
        int size = insn >>> 30;
        long address = s.xsp((insn >>> 5) & 31);
        Atomics.checkAlignment(address, 1 << size);
        long value = LoadStoreRegister.load(s.memory, address, size);
        Atomics.fence();
        s.setXzr(insn & 31, value);
        return pc + 4;
    }

    private static long storeRelease(CpuState s, int insn, long pc) {
        int size = insn >>> 30;
        long address = s.xsp((insn >>> 5) & 31);
        Atomics.checkAlignment(address, 1 << size);
        Atomics.fence();
        LoadStoreRegister.store(s.memory, address, size, s.xzr(insn & 31));
        return pc + 4;
    }

    private static long loadExclusive(CpuState s, int insn, long pc) {
        int size = insn >>> 30;
        long address = s.xsp((insn >>> 5) & 31);
        Atomics.checkAlignment(address, 1 << size);
        long value = LoadStoreRegister.load(s.memory, address, size);
        if ((insn & (1 << 15)) != 0) Atomics.fence();
        s.exclusiveAddress = address;
        s.exclusiveSize = 1 << size;
        s.exclusiveValue = value;
        s.setXzr(insn & 31, value);
        return pc + 4;
    }

    private static long loadExclusivePair(CpuState s, int insn, long pc) {
        boolean wide = (insn & (1 << 30)) != 0;
        int t = insn & 31, t2 = (insn >>> 10) & 31;
        long address = s.xsp((insn >>> 5) & 31);
        PagedMemory m = s.memory;
        Atomics.checkAlignment(address, wide ? 16 : 8);
        long low = m.load64(address), high = wide ? m.load64(address + 8) : 0;
        if ((insn & (1 << 15)) != 0) Atomics.fence();
        s.exclusiveAddress = address;
        s.exclusiveSize = wide ? 16 : 8;
        s.exclusiveValue = low;
        s.exclusiveValueHigh = high;
        // Rt == Rt2 (CONSTRAINED UNPREDICTABLE): Rt ends with the second value, as on Unicorn 2.
        if (wide) {
            s.setXzr(t, low);
            s.setXzr(t2, high);
        } else {
            s.setXzr(t, low & 0xffffffffL);
            s.setXzr(t2, low >>> 32);
        }
        return pc + 4;
    }

    private static long storeExclusive(CpuState s, int insn, long pc) {
        int size = insn >>> 30;
        long address = s.xsp((insn >>> 5) & 31);
        if ((insn & (1 << 15)) != 0) Atomics.fence();
        boolean stored = Atomics.storeExclusive(s, address, 1 << size, s.xzr(insn & 31), 0);
        s.setXzr((insn >>> 16) & 31, stored ? 0 : 1);
        return pc + 4;
    }

    private static long storeExclusivePair(CpuState s, int insn, long pc) {
        boolean wide = (insn & (1 << 30)) != 0;
        long address = s.xsp((insn >>> 5) & 31);
        long a = s.xzr(insn & 31), b = s.xzr((insn >>> 10) & 31);
        if ((insn & (1 << 15)) != 0) Atomics.fence();
        boolean stored = wide ? Atomics.storeExclusive(s, address, 16, a, b)
                : Atomics.storeExclusive(s, address, 8, (a & 0xffffffffL) | b << 32, 0);
        s.setXzr((insn >>> 16) & 31, stored ? 0 : 1);
        return pc + 4;
    }
}
