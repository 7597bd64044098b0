package org.mdemu.guest.bionic;

import java.io.ByteArrayOutputStream;
import org.mdemu.guest.machine.GuestMemory;

/**
 * ns_sprintrrf's zone-file text of one resource record: owner (relative to the origin, blank when it repeats the
 * previous owner), TTL, class, type, then the data of the common types (A, AAAA, names, MX/AFSDB/RT/KX, PX, SOA,
 * HINFO/ISDN, X25, TXT/SPF, SRV, MINFO/RP); other types, and malformed data, as RFC 3597's "\# length" hex dump.
 */
final class DnsRecordText {
    private DnsRecordText() {}

    /** Raised when the record's data does not parse; the caller falls back to the hex form. */
    private static final class FormatError extends Exception {
        FormatError() {
            super(null, null, false, false);
        }
    }

    private static final class Out {
        final StringBuilder b = new StringBuilder();
        boolean spaced;

        void add(String s) {
            b.append(s);
        }

        /** Pads to the next tab stop before column target, or two spaces once a field overflowed. */
        void tab(int len, int target) {
            if (spaced || len >= target - 1) {
                b.append("  ");
                spaced = true;
            } else {
                for (int t = (target - len - 1) / 8; t >= 0; t--) b.append('\t');
                spaced = false;
            }
        }
    }

    static String format(DnsNames names, GuestMemory mem, long msg, long msglen, String name, int cls, int type, long ttl,
                         long rdata, int rdlen, String nameCtx, String origin) {
        Out out = new Out();
        if (nameCtx != null && same(nameCtx, name)) {
            out.add("\t\t\t");
        } else {
            int len = pruneOrigin(name, origin);
            if (name.isEmpty()) {
                out.add(".");
                out.tab(1, 24);
            } else if (len == 0) {
                out.add("@\t\t\t");
            } else {
                out.add(name.substring(0, len));
                if (((origin == null || origin.isEmpty()) || (origin.charAt(0) != '.' && origin.length() > 1
                        && len == name.length())) && name.charAt(len - 1) != '.') {
                    out.add(".");
                    len++;
                }
                out.tab(len, 24);
            }
        }
        String ttlText = DnsNames.formatTtl(ttl);
        String classType = " " + DnsResolver.className(cls) + " " + DnsResolver.typeName(type);
        out.add(ttlText);
        out.add(classType);
        out.tab(ttlText.length() + classType.length(), 16);
        byte[] data = mem.read(rdata, rdlen);
        int mark = out.b.length();
        try {
            rdata(names, mem, msg, msglen, type, rdata, data, origin, out);
        } catch (FormatError | DnsNames.DnsError e) {
            out.b.setLength(mark);
            hexify(data, e instanceof FormatError && known(type) ? "RR format error" : "unknown RR type", out);
        }
        return out.b.toString();
    }

    private static boolean known(int type) {
        return switch (type) {
            case 1, 28, 2, 5, 7, 8, 9, 12, 39, 13, 20, 6, 15, 18, 21, 36, 26, 19, 16, 99, 33, 14, 17 -> true;
            default -> false;
        };
    }

    private static void rdata(DnsNames names, GuestMemory mem, long msg, long msglen, int type, long rdata, byte[] d,
                              String origin, Out out) throws FormatError, DnsNames.DnsError {
        int[] at = {0};
        switch (type) {
            case 1 -> {
                if (d.length != 4) throw new FormatError();
                out.add((d[0] & 0xff) + "." + (d[1] & 0xff) + "." + (d[2] & 0xff) + "." + (d[3] & 0xff));
            }
            case 28 -> {
                if (d.length != 16) throw new FormatError();
                out.add(NetworkAddresses.ntop6(d));
            }
            case 2, 5, 7, 8, 9, 12, 39 -> out.add(name(names, msg, msglen, rdata, at, origin));
            case 13, 20 -> {
                out.add(charstr(d, at));
                out.add(" ");
                if (type == 20 && at[0] == d.length) break;
                out.add(charstr(d, at));
            }
            case 6 -> {
                out.add(name(names, msg, msglen, rdata, at, origin));
                out.add(" ");
                out.add(name(names, msg, msglen, rdata, at, origin));
                out.add(" (\n");
                out.spaced = false;
                if (d.length - at[0] != 20) throw new FormatError();
                String[] labels = {"; serial\n", "; refresh\n", "; retry\n", "; expiry\n", "; minimum\n"};
                for (int i = 0; i < 5; i++) {
                    long v = get32(d, at[0]);
                    at[0] += 4;
                    out.add("\t\t\t\t\t");
                    String text = i == 0 ? Long.toString(v) : DnsNames.formatTtl(v);
                    out.add(text);
                    if (i == 4) out.add(" )");
                    out.tab(text.length(), 16);
                    out.add(labels[i]);
                    out.spaced = false;
                }
            }
            case 15, 18, 21, 36 -> {
                if (d.length < 2) throw new FormatError();
                out.add(get16(d, 0) + " ");
                at[0] = 2;
                out.add(name(names, msg, msglen, rdata, at, origin));
            }
            case 26 -> {
                if (d.length < 2) throw new FormatError();
                out.add(get16(d, 0) + " ");
                at[0] = 2;
                out.add(name(names, msg, msglen, rdata, at, origin));
                out.add(" ");
                out.add(name(names, msg, msglen, rdata, at, origin));
            }
            case 19 -> out.add(charstr(d, at));
            case 16, 99 -> {
                while (at[0] < d.length) {
                    out.add(charstr(d, at));
                    if (at[0] < d.length) out.add(" ");
                }
            }
            case 33 -> {
                if (d.length < 6) throw new FormatError();
                out.add(get16(d, 0) + " " + get16(d, 2) + " " + get16(d, 4) + " ");
                at[0] = 6;
                out.add(name(names, msg, msglen, rdata, at, origin));
            }
            case 14, 17 -> {
                out.add(name(names, msg, msglen, rdata, at, origin));
                out.add(" ");
                out.add(name(names, msg, msglen, rdata, at, origin));
            }
            default -> throw new DnsNames.DnsError(0);
        }
    }

    private static int get16(byte[] d, int i) {
        return (d[i] & 0xff) << 8 | (d[i + 1] & 0xff);
    }

    private static long get32(byte[] d, int i) {
        return ((long) (d[i] & 0xff) << 24 | (d[i + 1] & 0xff) << 16 | (d[i + 2] & 0xff) << 8 | (d[i + 3] & 0xff));
    }

    /** A <character-string> in quotes, with \, " and newline escaped. */
    private static String charstr(byte[] d, int[] at) throws FormatError {
        if (at[0] >= d.length) throw new FormatError();
        int n = d[at[0]] & 0xff;
        if (at[0] + 1 + n > d.length) throw new FormatError();
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < n; i++) {
            char c = (char) (d[at[0] + 1 + i] & 0xff);
            if (c == '\n' || c == '"' || c == '\\') s.append('\\');
            s.append(c);
        }
        at[0] += 1 + n;
        return s.append('"').toString();
    }

    /** A (possibly compressed) name in the record's data, relative to origin, "@" for the origin itself. */
    private static String name(DnsNames names, long msg, long msglen, long rdata, int[] at, String origin)
            throws DnsNames.DnsError {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        long n = names.unpackTo(msg, msg + msglen, rdata + at[0], wire, DnsNames.MAXCDNAME)[0];
        String text = new String(DnsNames.ntop(wire.toByteArray()), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (text.equals(".")) text = "";
        at[0] += (int) n;
        int len = pruneOrigin(text, origin);
        if (text.isEmpty()) return ".";
        if (len == 0) return "@";
        String shown = text.substring(0, len);
        if (((origin == null || origin.isEmpty()) || (origin.charAt(0) != '.' && origin.length() > 1
                && len == text.length())) && text.charAt(len - 1) != '.') {
            shown += ".";
        }
        return shown;
    }

    private static void hexify(byte[] d, String comment, Out out) {
        out.add("\\# " + d.length + (d.length != 0 ? " (" : "") + "\t; " + comment);
        for (int at = 0; at < d.length; at += 16) {
            StringBuilder line = new StringBuilder("\n\t");
            out.spaced = false;
            int n = Math.min(16, d.length - at);
            for (int m = 0; m < n; m++) line.append(String.format("%02x ", d[at + m] & 0xff));
            out.add(line.toString());
            if (n < 16) {
                out.add(")");
                out.tab(line.length() + 1, 48);
            }
            StringBuilder text = new StringBuilder("; ");
            for (int m = 0; m < n; m++) {
                int c = d[at + m] & 0xff;
                text.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
            out.add(text.toString());
        }
    }

    /** How much of name to show before the origin (names equal to the origin give 0). */
    static int pruneOrigin(String name, String origin) {
        int i = 0;
        while (i < name.length()) {
            if (origin != null && same(name.substring(i), origin)) return i - (i > 0 ? 1 : 0);
            while (i < name.length()) {
                char c = name.charAt(i);
                if (c == '\\') {
                    i++;
                    if (i >= name.length()) break;
                } else if (c == '.') {
                    i++;
                    break;
                }
                i++;
            }
        }
        return i;
    }

    private static boolean same(String a, String b) {
        byte[] x = DnsNames.canonical(a.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        byte[] y = DnsNames.canonical(b.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return new String(x, java.nio.charset.StandardCharsets.ISO_8859_1)
                .equalsIgnoreCase(new String(y, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
