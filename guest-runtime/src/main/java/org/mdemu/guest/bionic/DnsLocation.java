package org.mdemu.guest.bionic;

import org.mdemu.guest.machine.GuestMemory;

/**
 * LOC records (RFC 1876) between zone-file text and their 16-byte wire form, as __loc_aton and __loc_ntoa convert
 * them: latitude and longitude in thousandths of an arc second around 2^31, altitude in centimetres above
 * -100000 m, and sizes/precisions as a mantissa and power of ten in centimetres.
 */
final class DnsLocation {
    private static final long[] POWERS = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

    private DnsLocation() {}

    private static final class Cursor {
        final byte[] s;
        int i;

        Cursor(byte[] s) {
            this.s = s;
        }

        int c() {
            return i < s.length ? s[i] & 0xff : 0;
        }

        boolean digit() {
            return c() >= '0' && c() <= '9';
        }

        boolean space() {
            int c = c();
            return c == ' ' || (c >= '\t' && c <= '\r');
        }

        /** Skips to the next white space (not past the end), then over it. */
        void nextField() {
            while (i < s.length && !space()) i++;
            while (i < s.length && space()) i++;
        }
    }

    /** Writes the 16-byte record at binary; returns 16, or 0 if the text lacks one latitude and one longitude. */
    static long aton(byte[] text, GuestMemory mem, long binary) {
        Cursor cp = new Cursor(text);
        int[] which1 = new int[1], which2 = new int[1];
        long t1 = latlon(cp, which1), t2 = latlon(cp, which2);
        long lat, lon;
        if (which1[0] == 1 && which2[0] == 2) {
            lat = t1;
            lon = t2;
        } else if (which1[0] == 2 && which2[0] == 1) {
            lon = t1;
            lat = t2;
        } else {
            return 0;
        }
        int sign = 1;
        if (cp.c() == '-') {
            sign = -1;
            cp.i++;
        }
        if (cp.c() == '+') cp.i++;
        long meters = 0, frac = 0;
        while (cp.digit()) meters = meters * 10 + (cp.s[cp.i++] - '0');
        if (cp.c() == '.') {
            cp.i++;
            if (cp.digit()) {
                frac = (cp.s[cp.i++] - '0') * 10L;
                if (cp.digit()) frac += cp.s[cp.i++] - '0';
            }
        }
        long alt = (10000000 + sign * (meters * 100 + frac)) & 0xffffffffL;
        int siz = 0x12, hp = 0x16, vp = 0x13;
        cp.nextField();
        if (cp.i < text.length) {
            siz = precision(cp);
            cp.nextField();
            if (cp.i < text.length) {
                hp = precision(cp);
                cp.nextField();
                if (cp.i < text.length) vp = precision(cp);
            }
        }
        byte[] out = new byte[16];
        out[1] = (byte) siz;
        out[2] = (byte) hp;
        out[3] = (byte) vp;
        put32(out, 4, lat);
        put32(out, 8, lon);
        put32(out, 12, alt);
        mem.write(binary, out);
        return 16;
    }

    private static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }

    private static long latlon(Cursor cp, int[] which) {
        long deg = 0, min = 0, secs = 0, frac = 0;
        while (cp.digit()) deg = deg * 10 + (cp.s[cp.i++] - '0');
        while (cp.space()) cp.i++;
        if (cp.digit()) {
            while (cp.digit()) min = min * 10 + (cp.s[cp.i++] - '0');
            while (cp.space()) cp.i++;
            if (cp.digit()) {
                while (cp.digit()) secs = secs * 10 + (cp.s[cp.i++] - '0');
                if (cp.c() == '.') {
                    cp.i++;
                    int[] scale = {100, 10, 1};
                    for (int k = 0; k < 3 && cp.digit(); k++) frac += (cp.s[cp.i++] - '0') * (long) scale[k];
                }
                while (cp.i < cp.s.length && !cp.space()) cp.i++;
                while (cp.space()) cp.i++;
            }
        }
        long value = ((deg * 60 + min) * 60 + secs) * 1000 + frac;
        int h = cp.c();
        long result = switch (h) {
            case 'N', 'n', 'E', 'e' -> (1L << 31) + value;
            case 'S', 's', 'W', 'w' -> (1L << 31) - value;
            default -> 0;
        };
        which[0] = switch (h) {
            case 'N', 'n', 'S', 's' -> 1;
            case 'E', 'e', 'W', 'w' -> 2;
            default -> 0;
        };
        if (cp.i < cp.s.length) cp.i++;
        cp.nextField();
        return result & 0xffffffffL;
    }

    private static int precision(Cursor cp) {
        long m = 0, cm = 0;
        while (cp.digit()) m = m * 10 + (cp.s[cp.i++] - '0');
        if (cp.c() == '.') {
            cp.i++;
            if (cp.digit()) {
                cm = (cp.s[cp.i++] - '0') * 10L;
                if (cp.digit()) cm += cp.s[cp.i++] - '0';
            }
        }
        long value = (m * 100 + cm) & 0xffffffffL;
        int exponent = 0;
        for (; exponent < 9; exponent++) if (value < POWERS[exponent + 1]) break;
        long mantissa = Math.min(9, value / POWERS[exponent]);
        return (int) (mantissa << 4 | exponent);
    }

    private static String precisionText(int p) {
        long v = ((p >> 4 & 0xf) % 10) * POWERS[(p & 0xf) % 10];
        return String.format("%d.%02d", v / 100, v % 100);
    }

    /** "deg min sec.frac N deg min sec.frac E altm sizem hpm vpm". */
    static String ntoa(byte[] b) {
        if (b[0] != 0) return "; error: unknown LOC RR version";
        long lat = (int) (get32(b, 4) - (1L << 31));
        long lon = (int) (get32(b, 8) - (1L << 31));
        long altRaw = get32(b, 12), ref = 100000L * 100;
        String altSign = altRaw < ref ? "-" : "";
        long alt = altRaw < ref ? ref - altRaw : altRaw - ref;
        char ns = lat < 0 ? 'S' : 'N', ew = lon < 0 ? 'W' : 'E';
        lat = Math.abs(lat);
        lon = Math.abs(lon);
        return String.format("%d %02d %02d.%03d %c %d %02d %02d.%03d %c %s%d.%02dm %sm %sm %sm",
                lat / 3600000, lat / 60000 % 60, lat / 1000 % 60, lat % 1000, ns,
                lon / 3600000, lon / 60000 % 60, lon / 1000 % 60, lon % 1000, ew,
                altSign, (int) (alt / 100), (int) (alt % 100), precisionText(b[1] & 0xff), precisionText(b[2] & 0xff),
                precisionText(b[3] & 0xff));
    }

    private static long get32(byte[] d, int i) {
        return ((long) (d[i] & 0xff) << 24 | (d[i + 1] & 0xff) << 16 | (d[i + 2] & 0xff) << 8 | (d[i + 3] & 0xff));
    }
}
