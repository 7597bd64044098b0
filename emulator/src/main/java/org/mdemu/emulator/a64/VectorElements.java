package org.mdemu.emulator.a64;

/**
 * Element access on the vector register file ({@code v[2n]} low half, {@code v[2n+1]} high half of Vn): reads and
 * builds elements of 8 << size bits without allocating, for the data-movement and crypto semantics.
 */
final class VectorElements {
    private VectorElements() {}

    /** Element index of Vn with 8 << size bits (size 0..3), zero-extended; the index may reach into the high half. */
    static long element(long[] v, int n, int index, int size) {
        int bit = index << (size + 3);
        long word = v[2 * n + (bit >>> 6)];
        if (size == 3) return word;
        return (word >>> (bit & 63)) & mask(size);
    }

    /** Byte index (0..15) of Vn. */
    static int byteAt(long[] v, int n, int index) {
        return (int) (v[2 * n + (index >>> 3)] >>> ((index & 7) << 3)) & 0xff;
    }

    /** The all-ones value of an element of 8 << size bits. */
    static long mask(int size) {
        return size == 3 ? -1L : (1L << (8 << size)) - 1;
    }

    /** An element of 8 << size bits repeated over 64 bits. */
    static long replicate(long element, int size) {
        return switch (size) {
            case 0 -> (element & 0xff) * 0x0101010101010101L;
            case 1 -> (element & 0xffff) * 0x0001000100010001L;
            case 2 -> (element & 0xffffffffL) * 0x0000000100000001L;
            default -> element;
        };
    }

    /** Sign-extends an element of 8 << size bits. */
    static long signExtend(long element, int size) {
        int shift = 64 - (8 << size);
        return element << shift >> shift;
    }

    /** The lowest set bit of imm5 (the element size the copy group encodes), 4 or more when imm5<3:0> is zero. */
    static int lowestSetBit(int imm5) {
        return Integer.numberOfTrailingZeros(imm5 | 0x10);
    }
}
