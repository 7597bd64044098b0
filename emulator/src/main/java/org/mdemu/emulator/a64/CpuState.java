package org.mdemu.emulator.a64;

/**
 * The architectural state of one A64 thread as the Java engine executes it: what the interpreter and translated code
 * read and write. Plain fields, no accessors on the hot path; the public view is {@link JavaRegisters}.
 *
 * <p>Conventions every instruction class follows:
 * <ul>
 *   <li>{@code x[0..30]} are X0-X30, {@code x[31]} is SP. Register number 31 means XZR or SP depending on the
 *   encoding: read it with {@link #xzr}/{@link #xsp}, write with {@link #setXzr}/{@link #setXsp}. 32-bit (W)
 *   results are written zero-extended.</li>
 *   <li>{@code v[2n]} holds bits 63:0 of Vn, {@code v[2n+1]} bits 127:64. A scalar or 64-bit vector write clears the
 *   bits above it, as the architecture does.</li>
 *   <li>{@code nzcv} holds N, Z, C, V in bits 31..28, as MRS NZCV reads them.</li>
 *   <li>An instruction that faults leaves every register as before it: compute, access memory, then write back.</li>
 * </ul>
 */
public final class CpuState {
    public static final int SP = 31;
    public static final long N = 1L << 31, Z = 1L << 30, C = 1L << 29, V = 1L << 28;

    public final long[] x = new long[32];
    public final long[] v = new long[64];
    public long pc;
    public long nzcv;
    /** FPCR and FPSR, 32-bit values as MRS reads them. */
    public int fpcr, fpsr;
    public long tpidr;

    /** The local exclusive monitor: the address and size an LDXR/LDAXR/LDXP marked, or -1 when open. */
    public long exclusiveAddress = -1;
    public int exclusiveSize;
    /** The value(s) the load-exclusive read, so a store-exclusive can tell whether memory changed meanwhile. */
    public long exclusiveValue, exclusiveValueHigh;

    /** Set by {@code Cpu.requestStop} from any thread; the instruction loop and translated code stop when they see it. */
    public volatile boolean stopRequested;

    /** Set by an instruction that must leave the instruction loop after it completes (see {@link #EVENT_SVC}). */
    public int event;
    /** The instruction completed was an SVC: the trap handler runs, with pc already past it. */
    public static final int EVENT_SVC = 1;
    /**
     * Serves an SVC without leaving translated code (the core's trap handler), or null: translated code then leaves
     * at every SVC for the instruction loop to serve it. Per state, since each core has its own.
     */
    Translator.Traps traps;
    /**
     * The translator's run in progress (see {@link Translator#link}): its stop address, the regions it may still
     * enter, and the region and exit slot translated code last left by without entering the next region itself.
     */
    long stopAddress;
    int linkDepth;
    TranslatedRegion exitRegion;
    int exitSlot;

    public final PagedMemory memory;

    public CpuState(PagedMemory memory) {
        this.memory = memory;
    }

    /** Xn with 31 read as zero. */
    public long xzr(int n) {
        return n == 31 ? 0 : x[n];
    }

    /** Xn with 31 read as SP. */
    public long xsp(int n) {
        return x[n];
    }

    /** Writes Xn; 31 discards the value (XZR). */
    public void setXzr(int n, long value) {
        if (n != 31) x[n] = value;
    }

    /** Writes Xn; 31 is SP. */
    public void setXsp(int n, long value) {
        x[n] = value;
    }

    /** Writes Wn zero-extended; 31 discards (WZR). */
    public void setWzr(int n, int value) {
        if (n != 31) x[n] = value & 0xffffffffL;
    }

    /** Sets all 128 bits of Vn. */
    public void setV(int n, long low, long high) {
        v[2 * n] = low;
        v[2 * n + 1] = high;
    }

    /** Writes the low 64 bits of Vn and clears the rest (a D-register or 64-bit vector result). */
    public void setD(int n, long bits) {
        v[2 * n] = bits;
        v[2 * n + 1] = 0;
    }

    /** Whether the condition (bits 3:0 of a B.cond, CSEL, CCMP...) holds for the flags. */
    public boolean holds(int cond) {
        return conditionHolds(cond, nzcv);
    }

    /** Whether the condition holds for packed flags in {@link #nzcv}'s format (ConditionHolds of the ARM ARM). */
    public static boolean conditionHolds(int cond, long nzcv) {
        boolean n = (nzcv & N) != 0, z = (nzcv & Z) != 0, c = (nzcv & C) != 0, v = (nzcv & V) != 0;
        boolean result = switch ((cond >> 1) & 7) {
            case 0 -> z;
            case 1 -> c;
            case 2 -> n;
            case 3 -> v;
            case 4 -> c && !z;
            case 5 -> n == v;
            case 6 -> n == v && !z;
            default -> true;
        };
        return (cond & 1) != 0 && cond != 15 ? !result : result;
    }

    /** Copies every architectural register of other into this state (contexts, fork). */
    public void copyFrom(CpuState other) {
        System.arraycopy(other.x, 0, x, 0, x.length);
        System.arraycopy(other.v, 0, v, 0, v.length);
        pc = other.pc;
        nzcv = other.nzcv;
        fpcr = other.fpcr;
        fpsr = other.fpsr;
        tpidr = other.tpidr;
        exclusiveAddress = -1;
    }
}
