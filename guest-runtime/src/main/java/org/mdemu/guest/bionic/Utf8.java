package org.mdemu.guest.bionic;

/** UTF-8 decoding over a byte array with mbrtowc's rules (no overlong forms, surrogates or values past U+10FFFF). */
final class Utf8 {
    private Utf8() {}

    /** {code point, length} of the sequence at i, or null when the bytes there are not a complete character. */
    static int[] decode(byte[] b, int i) {
        int length = MultibyteConversions.sequenceLength(b[i] & 0xff);
        if (length == 0 || i + length > b.length) return null;
        int c = MultibyteConversions.decode(java.util.Arrays.copyOfRange(b, i, i + length));
        return c < 0 ? null : new int[] {c, length};
    }
}
