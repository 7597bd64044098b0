package org.mdemu.guest.bionic;

import java.io.ByteArrayOutputStream;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * arpa/nameser.h and the name helpers resolv.h exports: DNS names between text, wire form and compressed wire
 * form, message parsing (ns_initparse/ns_parserr), and the 16/32-bit accessors. The rules are those of bionic's
 * BIND-derived code: text escapes (\. and \DDD), 63-byte labels, 255-byte names, compression pointers that must
 * point inside the message and may not loop, "." for the root name (dn_expand writes "" instead).
 */
public final class DnsNames extends GuestSection {
    static final int MAXCDNAME = 255, MAXDNAME = 1025, CMPRSFLGS = 0xc0;
    /** ns_msg on LP64: _msg, _eom, _id, _flags, _counts[4], _sections[4], _sect, _rrnum, _msg_ptr. */
    static final int MSG_MSG = 0, MSG_EOM = 8, MSG_ID = 16, MSG_FLAGS = 18, MSG_COUNTS = 20, MSG_SECTIONS = 32,
            MSG_SECT = 64, MSG_RRNUM = 68, MSG_PTR = 72, SIZEOF_MSG = 80;
    /** ns_rr: char name[1025], then type, rr_class (u16), ttl (u32), rdlength (u16), rdata (pointer). */
    static final int RR_TYPE = 1026, RR_CLASS = 1028, RR_TTL = 1032, RR_RDLENGTH = 1036, RR_RDATA = 1040;
    /** _ns_flagdata: mask and shift of each ns_flag (qr, opcode, aa, tc, rd, ra, z, ad, cd, rcode). */
    private static final int[][] FLAGS = {{0x8000, 15}, {0x7800, 11}, {0x0400, 10}, {0x0200, 9}, {0x0100, 8},
        {0x0080, 7}, {0x0040, 6}, {0x0020, 5}, {0x0010, 4}, {0x000f, 0}};

    public DnsNames(GuestProcess process) {
        super(process);
    }

    /** Raised inside this class to answer -1 with errno set. */
    static final class DnsError extends Exception {
        final int errno;

        DnsError(int errno) {
            super(null, null, false, false);
            this.errno = errno;
        }
    }

    @FunctionalInterface
    private interface DnsCall {
        long call(CallFrame f) throws DnsError;
    }

    private void row(LibraryTable t, String name, DnsCall body) {
        t.function(name, f -> {
            try {
                f.ret(body.call(f));
            } catch (DnsError e) {
                f.ret(fail(e.errno));
            }
        });
    }

    @Override
    public void declare(LibraryTable t) {
        row(t, "ns_name_ntop", f -> ntopInto(unpackedName(f.ptr(0)), f.ptr(1), f.i64(2)));
        row(t, "ns_name_pton", f -> pton(cbytes(f.ptr(0)), f.ptr(1), f.i64(2)));
        row(t, "ns_name_unpack", f -> unpack(f.ptr(0), f.ptr(1), f.ptr(2), f.ptr(3), f.i64(4)));
        row(t, "ns_name_pack", f -> pack(unpackedName(f.ptr(0)), f.ptr(1), f.i32(2), f.ptr(3), f.ptr(4)));
        row(t, "ns_name_uncompress", f -> uncompress(f.ptr(0), f.ptr(1), f.ptr(2), f.ptr(3), f.i64(4), false));
        row(t, "ns_name_compress", f -> compress(cbytes(f.ptr(0)), f.ptr(1), f.i64(2), f.ptr(3), f.ptr(4)));
        row(t, "ns_name_skip", f -> {
            long p = mem().readLong(f.ptr(0));
            long after = skip(p, f.ptr(1));
            mem().writeLong(f.ptr(0), after);
            return 0;
        });
        row(t, "ns_name_ntol", f -> ntol(f.ptr(0), f.ptr(1), f.i64(2)));
        t.function("ns_name_rollback", f -> rollback(f.ptr(0), f.ptr(1), f.ptr(2)));
        row(t, "dn_expand", f -> uncompress(f.ptr(0), f.ptr(1), f.ptr(2), f.ptr(3), f.i32(4), true));
        row(t, "__dn_comp", f -> compress(cbytes(f.ptr(0)), f.ptr(1), f.i32(2), f.ptr(3), f.ptr(4)));
        row(t, "__dn_skipname", f -> skip(f.ptr(0), f.ptr(1)) - f.ptr(0));
        t.function("__dn_count_labels", f -> f.ret(countLabels(cbytes(f.ptr(0)))));
        t.function("ns_get16", f -> f.ret(get16(f.ptr(0))));
        t.function("ns_get32", f -> f.ret(get32(f.ptr(0))));
        t.function("_getshort", f -> f.ret((short) get16(f.ptr(0))));
        t.function("_getlong", f -> f.ret((long) (int) get32(f.ptr(0))));
        t.function("ns_put16", f -> put16(f.i32(0), f.ptr(1)));
        t.function("ns_put32", f -> put32(f.i64(0), f.ptr(1)));
        t.function("__putshort", f -> put16(f.i32(0), f.ptr(1)));
        t.function("__putlong", f -> put32(f.i64(0), f.ptr(1)));
        row(t, "ns_initparse", f -> initparse(f.ptr(0), f.i32(1), f.ptr(2)));
        row(t, "ns_skiprr", f -> skiprr(f.ptr(0), f.ptr(1), f.i32(2), f.i32(3)));
        row(t, "ns_parserr", f -> parserr(f.ptr(0), f.i32(1), f.i32(2), f.ptr(3)));
        t.function("ns_msg_getflag", f -> {
            int flag = f.i32(1);
            int flags = mem().readShort(f.ptr(0) + MSG_FLAGS) & 0xffff;
            f.ret(flag < 0 || flag >= FLAGS.length ? 0 : (flags & FLAGS[flag][0]) >> FLAGS[flag][1]);
        });
        row(t, "ns_samename", f -> samename(cbytes(f.ptr(0)), cbytes(f.ptr(1))));
        row(t, "ns_makecanon", f -> makecanon(cbytes(f.ptr(0)), f.ptr(1), f.i64(2)));
        row(t, "ns_format_ttl", f -> {
            byte[] text = latin1(formatTtl(f.i64(0) & 0xffffffffL));
            if (text.length + 1 > f.i64(2)) throw new DnsError(Errno.ENOSPC);
            writeBytesZ(f.ptr(1), text);
            return text.length;
        });
        row(t, "__res_dnok", f -> dnok(cbytes(f.ptr(0))) ? 1 : 0);
        row(t, "__res_hnok", f -> hnok(cbytes(f.ptr(0))) ? 1 : 0);
        row(t, "__res_ownok", f -> ownok(cbytes(f.ptr(0))) ? 1 : 0);
        row(t, "__res_mailok", f -> mailok(cbytes(f.ptr(0))) ? 1 : 0);
        t.function("__b64_ntop", f -> f.ret(b64Ntop(f.ptr(0), f.i64(1), f.ptr(2), f.i64(3))));
        t.function("__b64_pton", f -> f.ret(b64Pton(cbytes(f.ptr(0)), f.ptr(1), f.i64(2))));
    }

    // ---- text <-> wire names -------------------------------------------------------------------------------

    private static boolean special(int c) {
        return c == '"' || c == '.' || c == ';' || c == '\\' || c == '(' || c == ')' || c == '@' || c == '$';
    }

    private static boolean printable(int c) {
        return c > 0x20 && c < 0x7f;
    }

    /** The text form of a wire name (labels with escapes; "." for the root). */
    static byte[] ntop(byte[] wire) throws DnsError {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (true) {
            if (i >= wire.length) throw new DnsError(Errno.EMSGSIZE);
            int n = wire[i++] & 0xff;
            if (n == 0) break;
            if ((n & CMPRSFLGS) != 0) throw new DnsError((n & CMPRSFLGS) == CMPRSFLGS ? Errno.EMSGSIZE : Errno.EINVAL);
            if (out.size() > 0) out.write('.');
            for (int k = 0; k < n; k++) {
                if (i >= wire.length) throw new DnsError(Errno.EMSGSIZE);
                int c = wire[i++] & 0xff;
                if (special(c)) {
                    out.write('\\');
                    out.write(c);
                } else if (!printable(c)) {
                    out.write('\\');
                    out.write('0' + c / 100);
                    out.write('0' + c / 10 % 10);
                    out.write('0' + c % 10);
                } else {
                    out.write(c);
                }
            }
        }
        if (out.size() == 0) out.write('.');
        return out.toByteArray();
    }

    private long ntopInto(byte[] wire, long dst, long size) throws DnsError {
        byte[] text = ntop(wire);
        if (text.length + 1 > size) throw new DnsError(Errno.EMSGSIZE);
        writeBytesZ(dst, text);
        return text.length + 1;
    }

    /**
     * The wire form of a text name and whether it was fully qualified (ended in an unescaped dot), as
     * ns_name_pton: returns {wire, qualified ? 1 : 0}.
     */
    static Object[] pton(byte[] src) throws DnsError {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        int i = 0;
        while (i < src.length) {
            int c = src[i++] & 0xff;
            if (c == '\\') {
                if (i >= src.length) break;
                c = src[i++] & 0xff;
                if (c >= '0' && c <= '9') {
                    int d2 = i < src.length ? src[i++] & 0xff : -1;
                    int d3 = i < src.length ? src[i++] & 0xff : -1;
                    if (d2 < '0' || d2 > '9' || d3 < '0' || d3 > '9') throw new DnsError(Errno.EMSGSIZE);
                    c = (c - '0') * 100 + (d2 - '0') * 10 + (d3 - '0');
                    if (c > 255) throw new DnsError(Errno.EMSGSIZE);
                }
                label.write(c);
            } else if (c == '.') {
                if (label.size() > 63) throw new DnsError(Errno.EMSGSIZE);
                if (i >= src.length) {
                    if (label.size() > 0) {
                        out.write(label.size());
                        out.writeBytes(label.toByteArray());
                    }
                    out.write(0);
                    if (out.size() > MAXCDNAME) throw new DnsError(Errno.EMSGSIZE);
                    return new Object[] {out.toByteArray(), 1};
                }
                if (label.size() == 0 || src[i] == '.') throw new DnsError(Errno.EMSGSIZE);
                out.write(label.size());
                out.writeBytes(label.toByteArray());
                label.reset();
            } else {
                label.write(c);
            }
            if (out.size() + label.size() + 1 > MAXCDNAME + 1) throw new DnsError(Errno.EMSGSIZE);
        }
        if (label.size() > 63) throw new DnsError(Errno.EMSGSIZE);
        if (label.size() > 0) {
            out.write(label.size());
            out.writeBytes(label.toByteArray());
        }
        out.write(0);
        if (out.size() > MAXCDNAME) throw new DnsError(Errno.EMSGSIZE);
        return new Object[] {out.toByteArray(), 0};
    }

    private long pton(byte[] src, long dst, long size) throws DnsError {
        Object[] r = pton(src);
        byte[] wire = (byte[]) r[0];
        if (wire.length > size) throw new DnsError(Errno.EMSGSIZE);
        mem().write(dst, wire);
        return (Integer) r[1];
    }

    /** An uncompressed wire name in guest memory (no compression pointers allowed, at most 255 bytes). */
    private byte[] unpackedName(long p) throws DnsError {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int n = u8(p++);
            out.write(n);
            if (n == 0) return out.toByteArray();
            if ((n & CMPRSFLGS) != 0) throw new DnsError(Errno.EMSGSIZE);
            out.writeBytes(mem().read(p, n));
            p += n;
            if (out.size() > MAXCDNAME) throw new DnsError(Errno.EMSGSIZE);
        }
    }

    /**
     * Reads a possibly compressed name at src of the message [msg, eom): returns {wire name, bytes consumed at
     * src}. Pointers must lie inside the message; a chain longer than the message is a loop.
     */
    long[] unpackTo(long msg, long eom, long src, ByteArrayOutputStream out, long limit) throws DnsError {
        long length = -1, checked = 0, p = src, size = eom - msg;
        if (p < msg || p >= eom) throw new DnsError(Errno.EMSGSIZE);
        while (true) {
            if (p >= eom) throw new DnsError(Errno.EMSGSIZE);
            int n = u8(p++);
            if (n == 0) break;
            switch (n & CMPRSFLGS) {
                case 0 -> {
                    if (out.size() + n + 1 >= limit || p + n >= eom) throw new DnsError(Errno.EMSGSIZE);
                    checked += n + 1;
                    out.write(n);
                    out.writeBytes(mem().read(p, n));
                    p += n;
                }
                case CMPRSFLGS -> {
                    if (p >= eom) throw new DnsError(Errno.EMSGSIZE);
                    if (length < 0) length = p - src + 1;
                    long target = (n & 0x3f) << 8 | u8(p);
                    if (target >= size) throw new DnsError(Errno.EMSGSIZE);
                    p = msg + target;
                    checked += 2;
                    if (checked >= size) throw new DnsError(Errno.EMSGSIZE);
                }
                default -> throw new DnsError(Errno.EMSGSIZE);
            }
        }
        out.write(0);
        if (length < 0) length = p - src;
        return new long[] {length};
    }

    private long unpack(long msg, long eom, long src, long dst, long size) throws DnsError {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = unpackTo(msg, eom, src, out, size)[0];
        mem().write(dst, out.toByteArray());
        return n;
    }

    private long uncompress(long msg, long eom, long src, long dst, long size, boolean rootAsEmpty) throws DnsError {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = unpackTo(msg, eom, src, out, MAXCDNAME)[0];
        byte[] text = ntop(out.toByteArray());
        if (text.length + 1 > size) throw new DnsError(Errno.EMSGSIZE);
        if (rootAsEmpty && n > 0 && text.length == 1 && text[0] == '.') text = new byte[0];
        writeBytesZ(dst, text);
        return n;
    }

    /**
     * ns_name_pack: writes wire at dst, replacing the longest suffix already in the message by a pointer when
     * dnptrs (message start, then pointers to names in it, NULL-terminated) is given, and recording this name's
     * position in that list (up to lastdnptr).
     */
    private long pack(byte[] wire, long dst, int size, long dnptrs, long lastdnptr) throws DnsError {
        long msg = 0, end = 0;
        if (dnptrs != 0) {
            msg = mem().readLong(dnptrs);
            if (msg != 0) {
                end = dnptrs + 8;
                while (mem().readLong(end) != 0) end += 8;
            }
        }
        int out = 0, at = 0;
        boolean first = true;
        // Only the names listed when the call began are searched (the one being written is added as it starts).
        long searchEnd = end;
        while (true) {
            int n = wire[at] & 0xff;
            if (n != 0 && msg != 0) {
                long found = find(wire, at, msg, dnptrs + 8, searchEnd);
                if (found >= 0) {
                    if (out + 1 >= size) throw rollbackAndFail(msg, end);
                    mem().writeByte(dst + out++, (int) (found >> 8) | CMPRSFLGS);
                    mem().writeByte(dst + out++, (int) found);
                    return out;
                }
                if (lastdnptr != 0 && end < lastdnptr - 8 && dst + out - msg < 0x4000 && first) {
                    mem().writeLong(end, dst + out);
                    end += 8;
                    mem().writeLong(end, 0);
                    first = false;
                }
            }
            if (out + 1 + n >= size) throw rollbackAndFail(msg, end);
            mem().write(dst + out, wire, at, n + 1);
            out += n + 1;
            at += n + 1;
            if (n == 0) return out;
        }
    }

    private DnsError rollbackAndFail(long msg, long end) {
        if (msg != 0) mem().writeLong(end, 0);
        return new DnsError(Errno.EMSGSIZE);
    }

    /** The message offset of a name in the list equal (ignoring ASCII case) to wire from 'at' on, or -1. */
    private long find(byte[] wire, int at, long msg, long from, long to) throws DnsError {
        for (long cpp = from; cpp < to; cpp += 8) {
            long sp = mem().readLong(cpp);
            while (u8(sp) != 0 && (u8(sp) & CMPRSFLGS) == 0 && sp - msg < 0x4000) {
                if (sameSuffix(wire, at, msg, sp)) return sp - msg;
                sp += u8(sp) + 1;
            }
        }
        return -1;
    }

    private boolean sameSuffix(byte[] wire, int at, long msg, long cp) throws DnsError {
        int dn = at, hops = 0;
        while (true) {
            int n = u8(cp++);
            if ((n & CMPRSFLGS) == CMPRSFLGS) {
                if (++hops > 128) return false;
                cp = msg + ((n & 0x3f) << 8 | u8(cp));
                continue;
            }
            if ((n & CMPRSFLGS) != 0) throw new DnsError(Errno.EMSGSIZE);
            if (n != (wire[dn++] & 0xff)) return false;
            if (n == 0) return true;
            for (int k = 0; k < n; k++) {
                if (Character.toLowerCase((char) (wire[dn++] & 0xff)) != Character.toLowerCase((char) u8(cp++))) return false;
            }
        }
    }

    private long compress(byte[] text, long dst, long size, long dnptrs, long lastdnptr) throws DnsError {
        byte[] wire = (byte[]) pton(text)[0];
        return pack(wire, dst, (int) Math.min(size, Integer.MAX_VALUE), dnptrs, lastdnptr);
    }

    /** The address after the name at p (one pointer ends it), or EMSGSIZE past eom. */
    private long skip(long p, long eom) throws DnsError {
        while (p < eom) {
            int n = u8(p++);
            if (n == 0) break;
            switch (n & CMPRSFLGS) {
                case 0 -> p += n;
                case CMPRSFLGS -> {
                    p++;
                    if (p > eom) throw new DnsError(Errno.EMSGSIZE);
                    return p;
                }
                default -> throw new DnsError(Errno.EMSGSIZE);
            }
        }
        if (p > eom) throw new DnsError(Errno.EMSGSIZE);
        return p;
    }

    private long ntol(long src, long dst, long size) throws DnsError {
        byte[] wire = unpackedName(src);
        if (wire.length > size) throw new DnsError(Errno.EMSGSIZE);
        for (int i = 0; i < wire.length; ) {
            int n = wire[i++] & 0xff;
            for (int k = 0; k < n; k++, i++) {
                if (wire[i] >= 'A' && wire[i] <= 'Z') wire[i] += 'a' - 'A';
            }
        }
        mem().write(dst, wire);
        return wire.length;
    }

    private void rollback(long src, long dnptrs, long lastdnptr) {
        for (long p = dnptrs; p < lastdnptr; p += 8) {
            long v = mem().readLong(p);
            if (v == 0) return;
            if (v >= src) {
                mem().writeLong(p, 0);
                return;
            }
        }
    }

    /** __dn_count_labels: labels in a text name, not counting the root or a leading "*" wildcard. */
    static int countLabels(byte[] name) {
        int len = name.length, count = 0;
        for (int i = 0; i < len; i++) if (name[i] == '.') count++;
        if (len > 0 && name[0] == '*' && count > 0) count--;
        if (len > 0 && name[len - 1] != '.') count++;
        return count;
    }

    // ---- integers -------------------------------------------------------------------------------------------

    private long get16(long p) {
        return (u8(p) << 8 | u8(p + 1)) & 0xffff;
    }

    private long get32(long p) {
        return ((long) u8(p) << 24 | u8(p + 1) << 16 | u8(p + 2) << 8 | u8(p + 3)) & 0xffffffffL;
    }

    private void put16(int v, long p) {
        mem().write(p, new byte[] {(byte) (v >> 8), (byte) v});
    }

    private void put32(long v, long p) {
        mem().write(p, new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
    }

    // ---- messages -------------------------------------------------------------------------------------------

    private long skiprr(long ptr, long eom, int section, int count) throws DnsError {
        long p = ptr;
        for (; count > 0; count--) {
            p = skip(p, eom) + 4;
            if (section != 0) {
                if (p + 6 > eom) throw new DnsError(Errno.EMSGSIZE);
                p += 4;
                p += 2 + get16(p);
            }
        }
        if (p > eom) throw new DnsError(Errno.EMSGSIZE);
        return p - ptr;
    }

    long initparse(long msg, int length, long handle) throws DnsError {
        long eom = msg + length, p = msg;
        mem().writeLong(handle + MSG_MSG, msg);
        mem().writeLong(handle + MSG_EOM, eom);
        if (p + 2 > eom) throw new DnsError(Errno.EMSGSIZE);
        mem().writeShort(handle + MSG_ID, (int) get16(p));
        p += 2;
        if (p + 2 > eom) throw new DnsError(Errno.EMSGSIZE);
        mem().writeShort(handle + MSG_FLAGS, (int) get16(p));
        p += 2;
        int[] counts = new int[4];
        for (int i = 0; i < 4; i++) {
            if (p + 2 > eom) throw new DnsError(Errno.EMSGSIZE);
            counts[i] = (int) get16(p);
            mem().writeShort(handle + MSG_COUNTS + 2L * i, counts[i]);
            p += 2;
        }
        for (int i = 0; i < 4; i++) {
            if (counts[i] == 0) {
                mem().writeLong(handle + MSG_SECTIONS + 8L * i, 0);
            } else {
                long b = skiprr(p, eom, i, counts[i]);
                mem().writeLong(handle + MSG_SECTIONS + 8L * i, p);
                p += b;
            }
        }
        if (p != eom) throw new DnsError(Errno.EMSGSIZE);
        setSection(handle, 4);
        return 0;
    }

    private void setSection(long handle, int section) {
        mem().writeInt(handle + MSG_SECT, section);
        if (section == 4) {
            mem().writeInt(handle + MSG_RRNUM, -1);
            mem().writeLong(handle + MSG_PTR, 0);
        } else {
            mem().writeInt(handle + MSG_RRNUM, 0);
            mem().writeLong(handle + MSG_PTR, mem().readLong(handle + MSG_SECTIONS + 8L * section));
        }
    }

    long parserr(long handle, int section, int rrnum, long rr) throws DnsError {
        if (section < 0 || section >= 4) throw new DnsError(Errno.ENODEV);
        if (section != mem().readInt(handle + MSG_SECT)) setSection(handle, section);
        int current = mem().readInt(handle + MSG_RRNUM);
        if (rrnum == -1) rrnum = current;
        int count = mem().readShort(handle + MSG_COUNTS + 2L * section) & 0xffff;
        if (rrnum < 0 || rrnum >= count) throw new DnsError(Errno.ENODEV);
        if (rrnum < current) {
            setSection(handle, section);
            current = 0;
        }
        long eom = mem().readLong(handle + MSG_EOM), msg = mem().readLong(handle + MSG_MSG);
        long p = mem().readLong(handle + MSG_PTR);
        if (rrnum > current) {
            p += skiprr(p, eom, section, rrnum - current);
            mem().writeLong(handle + MSG_PTR, p);
            mem().writeInt(handle + MSG_RRNUM, rrnum);
        }
        p += uncompress(msg, eom, p, rr, MAXDNAME, true);
        if (p + 4 > eom) throw new DnsError(Errno.EMSGSIZE);
        mem().writeShort(rr + RR_TYPE, (int) get16(p));
        mem().writeShort(rr + RR_CLASS, (int) get16(p + 2));
        p += 4;
        if (section == 0) {
            mem().writeInt(rr + RR_TTL, 0);
            mem().writeShort(rr + RR_RDLENGTH, 0);
            mem().writeLong(rr + RR_RDATA, 0);
        } else {
            if (p + 6 > eom) throw new DnsError(Errno.EMSGSIZE);
            mem().writeInt(rr + RR_TTL, (int) get32(p));
            int rdlength = (int) get16(p + 4);
            p += 6;
            if (p + rdlength > eom) throw new DnsError(Errno.EMSGSIZE);
            mem().writeShort(rr + RR_RDLENGTH, rdlength);
            mem().writeLong(rr + RR_RDATA, p);
            p += rdlength;
        }
        mem().writeLong(handle + MSG_PTR, p);
        int next = mem().readInt(handle + MSG_RRNUM) + 1;
        mem().writeInt(handle + MSG_RRNUM, next);
        if (next > count) setSection(handle, section + 1);
        return 0;
    }

    // ---- names as text ----------------------------------------------------------------------------------------

    /** ns_makecanon: the name with one trailing dot (escaped trailing dots kept), "." for the root. */
    static byte[] canonical(byte[] src) {
        int n = src.length;
        while (n > 0 && src[n - 1] == '.') {
            if (n > 1 && src[n - 2] == '\\' && (n < 3 || src[n - 3] != '\\')) break;
            n--;
        }
        byte[] out = java.util.Arrays.copyOf(src, n + 1);
        out[n] = '.';
        return out;
    }

    private long makecanon(byte[] src, long dst, long size) throws DnsError {
        byte[] c = canonical(src);
        if (c.length + 1 > size) throw new DnsError(Errno.EMSGSIZE);
        writeBytesZ(dst, c);
        return 0;
    }

    /** ns_samename: 1 when both names are the same ignoring case and trailing dots, 0 if not, -1 if malformed. */
    private long samename(byte[] a, byte[] b) throws DnsError {
        byte[] x = canonical(a), y = canonical(b);
        if (x.length > MAXDNAME || y.length > MAXDNAME) throw new DnsError(Errno.EMSGSIZE);
        return latin1(x).equalsIgnoreCase(latin1(y)) ? 1 : 0;
    }

    /** ns_format_ttl: weeks, days, hours, minutes, seconds as "1W2D", each unit present once; lower case when several. */
    static String formatTtl(long ttl) {
        long secs = ttl % 60, mins = ttl / 60 % 60, hours = ttl / 3600 % 24, days = ttl / 86400 % 7, weeks = ttl / 604800;
        StringBuilder out = new StringBuilder();
        int units = 0;
        if (weeks > 0) {
            out.append(weeks).append('W');
            units++;
        }
        if (days > 0) {
            out.append(days).append('D');
            units++;
        }
        if (hours > 0) {
            out.append(hours).append('H');
            units++;
        }
        if (mins > 0) {
            out.append(mins).append('M');
            units++;
        }
        if (secs > 0 || (weeks == 0 && days == 0 && hours == 0 && mins == 0)) {
            out.append(secs).append('S');
            units++;
        }
        // BIND writes a lone unit in upper case and several in lower case.
        return units > 1 ? out.toString().toLowerCase(java.util.Locale.ROOT) : out.toString();
    }

    // ---- res_comp's name checks -------------------------------------------------------------------------------

    private static boolean alphaDigitHyphen(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static boolean periodChar(int c) {
        return c == '.';
    }

    /** res_hnok: letters, digits, inner hyphens and underscores; each label starts and ends alphanumerically. */
    static boolean hnok(byte[] dn) {
        int pch = '.', ch;
        int i = 0;
        while (i < dn.length) {
            ch = dn[i++] & 0xff;
            int nch = i < dn.length ? dn[i] & 0xff : 0;
            if (periodChar(ch)) {
                // fine
            } else if (periodChar(pch)) {
                if (!borderChar(ch)) return false;
            } else if (periodChar(nch) || nch == 0) {
                if (!borderChar(ch)) return false;
            } else {
                if (!alphaDigitHyphen(ch) && ch != '_') return false;
            }
            pch = ch;
        }
        return true;
    }

    private static boolean borderChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** res_ownok: a host name, or "*" or "*." followed by one. */
    static boolean ownok(byte[] dn) {
        if (dn.length > 0 && dn[0] == '*') {
            if (dn.length > 1 && dn[1] == '.') return hnok(java.util.Arrays.copyOfRange(dn, 2, dn.length));
            if (dn.length == 1) return true;
        }
        return hnok(dn);
    }

    /** res_mailok: any printable local part up to the first unescaped dot, then a host name. */
    static boolean mailok(byte[] dn) {
        if (dn.length == 0) return true;
        boolean escaped = false;
        for (int i = 0; i < dn.length; i++) {
            int ch = dn[i] & 0xff;
            if (!(ch > 0x20 && ch < 0x7f)) return false;
            if (!escaped && ch == '.') return hnok(java.util.Arrays.copyOfRange(dn, i + 1, dn.length));
            escaped = !escaped && ch == '\\';
        }
        return false;
    }

    /** res_dnok: any printable characters. */
    static boolean dnok(byte[] dn) {
        for (byte b : dn) {
            int ch = b & 0xff;
            if (!(ch > 0x20 && ch < 0x7f)) return false;
        }
        return true;
    }

    // ---- base 64 ----------------------------------------------------------------------------------------------

    private static final byte[] B64 = latin1("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private long b64Ntop(long src, long length, long target, long size) {
        byte[] in = mem().read(src, (int) Math.max(0, Math.min(length, 1 << 24)));
        byte[] out = java.util.Base64.getEncoder().encode(in);
        if (out.length + 1 > size) return -1;
        writeBytesZ(target, out);
        return out.length;
    }

    /** __b64_pton: white space skipped, padding checked; target NULL only counts. -1 on malformed input. */
    private long b64Pton(byte[] src, long target, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int state = 0, acc = 0, i = 0;
        for (; i < src.length; i++) {
            int c = src[i] & 0xff;
            if (c == ' ' || (c >= '\t' && c <= '\r')) continue;
            if (c == '=') break;
            int v = -1;
            for (int k = 0; k < 64; k++) if (B64[k] == c) v = k;
            if (v < 0) return -1;
            acc = acc << 6 | v;
            if (++state == 4) {
                out.write(acc >> 16);
                out.write(acc >> 8);
                out.write(acc);
                state = 0;
                acc = 0;
            }
        }
        if (i < src.length) {
            // Padding: one '=' after three symbols, two after two; then only white space.
            if (state < 2) return -1;
            int pads = 0;
            for (; i < src.length; i++) {
                int c = src[i] & 0xff;
                if (c == '=') pads++;
                else if (!(c == ' ' || (c >= '\t' && c <= '\r'))) return -1;
            }
            if ((state == 2 && pads != 2) || (state == 3 && pads != 1)) return -1;
            if (state == 2) out.write(acc >> 4);
            else {
                out.write(acc >> 10);
                out.write(acc >> 2);
            }
        } else if (state != 0) {
            return -1;
        }
        byte[] bytes = out.toByteArray();
        if (target != 0) {
            if (bytes.length > size) return -1;
            mem().write(target, bytes);
        }
        return bytes.length;
    }
}
