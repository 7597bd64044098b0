package org.mdemu.emulator.a64;

/**
 * ARM's DecodeBitMasks(immN, imms, immr, immediate, M): the masks of the logical-immediate and bitfield encodings.
 * Allocation-free: the two masks come from separate calls.
 */
public final class BitMasks {
    private BitMasks() {}

    /** HighestSetBit(immN:NOT(imms)), the log2 of the element size; -1 when none (reserved). */
    static int length(int immN, int imms) {
        int v = immN << 6 | (~imms & 0x3f);
        return 31 - Integer.numberOfLeadingZeros(v);
    }

    /**
     * The immediate of AND/ORR/EOR/ANDS (immediate), replicated to datasize (32 or 64) bits; 0 when the encoding is
     * reserved (a logical immediate is never all zeros, so 0 cannot be a valid value).
     */
    public static long logicalImmediate(int immN, int imms, int immr, int datasize) {
        int len = length(immN, imms);
        if (len < 1) return 0;
        int levels = (1 << len) - 1;
        if ((imms & levels) == levels) return 0;
        return wmask(len, imms & levels, immr & levels, datasize);
    }

    /** wmask of DecodeBitMasks: Replicate(ROR(ZeroExtend(Ones(S+1), esize), R)), with S, R already reduced. */
    private static long wmask(int len, int s, int r, int datasize) {
        int esize = 1 << len;
        long welem = ones(s + 1);
        if (r != 0) welem = (welem >>> r | welem << (esize - r)) & ones(esize);
        return replicate(welem, esize, datasize);
    }

    /** wmask of DecodeBitMasks(immN, imms, immr, FALSE, datasize) for the bitfield instructions. */
    public static long bitfieldWmask(int immN, int imms, int immr, int datasize) {
        int len = length(immN, imms);
        int levels = (1 << len) - 1;
        return wmask(len, imms & levels, immr & levels, datasize);
    }

    /** tmask of DecodeBitMasks(immN, imms, immr, FALSE, datasize): Replicate(Ones(((S - R) mod esize) + 1)). */
    public static long bitfieldTmask(int immN, int imms, int immr, int datasize) {
        int len = length(immN, imms);
        int levels = (1 << len) - 1;
        int d = ((imms & levels) - (immr & levels)) & levels;
        return replicate(ones(d + 1), 1 << len, datasize);
    }

    private static long ones(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    private static long replicate(long elem, int esize, int datasize) {
        long r = elem;
        for (int size = esize; size < datasize; size <<= 1) r |= r << size;
        return datasize == 64 ? r : r & 0xffffffffL;
    }
}
