package org.mdemu.loader.elf;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Android's packed relocation format ("APS2", DT_ANDROID_RELA): after the magic, SLEB128 numbers give the
 * relocation count and the initial offset, then groups. A group header gives its size and flags; grouped fields
 * (offset delta, info, addend) are stated once per group, the others once per relocation. Offsets and addends are
 * deltas from the previous relocation's.
 */
final class AndroidPackedRelocations {
    private static final int GROUPED_BY_INFO = 1, GROUPED_BY_OFFSET_DELTA = 2, GROUPED_BY_ADDEND = 4, HAS_ADDEND = 8;

    private final byte[] data;
    private int position;
    private final String where;

    private AndroidPackedRelocations(byte[] data, int start, String where) {
        this.data = data;
        this.position = start;
        this.where = where;
    }

    static List<Elf64Image.Relocation> decode(byte[] bytes, int start, int length, String where) throws ElfException {
        if (length < 4 || bytes[start] != 'A' || bytes[start + 1] != 'P' || bytes[start + 2] != 'S' || bytes[start + 3] != '2') {
            throw new ElfException(where + ": packed relocations at file offset 0x" + Integer.toHexString(start)
                    + " do not start with APS2");
        }
        return new AndroidPackedRelocations(bytes, start + 4, where).read(start + length);
    }

    private List<Elf64Image.Relocation> read(int end) throws ElfException {
        long count = sleb(end);
        long offset = sleb(end);
        long info = 0, addend = 0;
        List<Elf64Image.Relocation> out = new ArrayList<>();
        while (out.size() < count) {
            long groupSize = sleb(end);
            long flags = sleb(end);
            if (groupSize <= 0 || out.size() + groupSize > count) {
                throw new ElfException(where + ": bad packed relocation group size " + groupSize);
            }
            long groupOffsetDelta = (flags & GROUPED_BY_OFFSET_DELTA) != 0 ? sleb(end) : 0;
            if ((flags & GROUPED_BY_INFO) != 0) info = sleb(end);
            if ((flags & HAS_ADDEND) != 0 && (flags & GROUPED_BY_ADDEND) != 0) addend += sleb(end);
            if ((flags & HAS_ADDEND) == 0) addend = 0;
            for (long i = 0; i < groupSize; i++) {
                offset += (flags & GROUPED_BY_OFFSET_DELTA) != 0 ? groupOffsetDelta : sleb(end);
                if ((flags & GROUPED_BY_INFO) == 0) info = sleb(end);
                if ((flags & HAS_ADDEND) != 0 && (flags & GROUPED_BY_ADDEND) == 0) addend += sleb(end);
                out.add(new Elf64Image.Relocation(offset, (int) info, (int) (info >>> 32), addend));
            }
        }
        return out;
    }

    private long sleb(int end) throws ElfException {
        long result = 0;
        int shift = 0;
        while (true) {
            if (position >= end) throw new ElfException(where + ": packed relocations end in the middle of a number");
            int b = data[position++] & 0xff;
            result |= (long) (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
                return result;
            }
            if (shift >= 70) throw new ElfException(where + ": packed relocation number too long");
        }
    }
}
