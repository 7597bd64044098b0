package org.mdemu.guest.libz;

/** The gzip member header (RFC 1952) as inflate and gzread read it, byte by byte. */
final class GzipHeader {
    static final int INCOMPLETE = 0, INVALID = -1;
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16;

    private GzipHeader() {}

    /** The header's length if b holds a whole valid one, INCOMPLETE if more bytes are needed, INVALID if it is not one. */
    static int length(byte[] b) {
        if (b.length >= 1 && (b[0] & 0xff) != 0x1f) return INVALID;
        if (b.length >= 2 && (b[1] & 0xff) != 0x8b) return INVALID;
        if (b.length >= 3 && b[2] != 8) return INVALID;
        if (b.length >= 4 && (b[3] & 0xe0) != 0) return INVALID;
        if (b.length < 10) return INCOMPLETE;
        int flags = b[3], at = 10;
        if ((flags & FEXTRA) != 0) {
            if (b.length < at + 2) return INCOMPLETE;
            at += 2 + ((b[at] & 0xff) | (b[at + 1] & 0xff) << 8);
            if (b.length < at) return INCOMPLETE;
        }
        for (int field : new int[] {FNAME, FCOMMENT}) {
            if ((flags & field) == 0) continue;
            while (at < b.length && b[at] != 0) at++;
            if (at >= b.length) return INCOMPLETE;
            at++;
        }
        if ((flags & FHCRC) != 0) {
            at += 2;
            if (b.length < at) return INCOMPLETE;
        }
        return b.length >= at ? at : INCOMPLETE;
    }
}
