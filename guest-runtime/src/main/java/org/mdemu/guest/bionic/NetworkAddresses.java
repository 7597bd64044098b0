package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * arpa/inet.h, netinet/ether.h, netinet/in.h's data and byte-order functions: address text to binary and back, with
 * the rules of bionic's BSD-derived code (inet_pton's dotted quads and RFC 4291 text, inet_aton's shorthand and
 * octal/hex parts, inet_ntop's longest zero run and embedded IPv4).
 */
public final class NetworkAddresses extends GuestSection {
    static final int AF_INET = 2, AF_INET6 = 10;
    static final long INADDR_NONE = 0xffffffffL;

    public NetworkAddresses(GuestProcess process) {
        super(process);
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("inet_pton", this::inetPton);
        t.function("inet_ntop", this::inetNtop);
        t.function("inet_aton", f -> {
            long a = aton(cbytes(f.ptr(0)));
            if (a >= 0 && f.ptr(1) != 0) mem().writeInt(f.ptr(1), Integer.reverseBytes((int) a));
            f.ret(a >= 0 ? 1 : 0);
        });
        t.function("inet_addr", f -> {
            long a = aton(cbytes(f.ptr(0)));
            f.ret(a >= 0 ? Integer.reverseBytes((int) a) & 0xffffffffL : INADDR_NONE);
        });
        t.function("inet_network", f -> f.ret(network(cbytes(f.ptr(0)))));
        t.function("inet_ntoa", f -> {
            long buffer = staticBuffer("inet_ntoa", 18);
            mem().writeCString(buffer, dotted(Integer.reverseBytes(f.i32(0))));
            f.ret(buffer);
        });
        t.function("inet_lnaof", f -> f.ret(lnaof(Integer.reverseBytes(f.i32(0)))));
        t.function("inet_netof", f -> f.ret(netof(Integer.reverseBytes(f.i32(0)))));
        t.function("inet_makeaddr", f -> f.ret(Integer.reverseBytes(makeaddr(f.u32(0), f.u32(1))) & 0xffffffffL));
        t.function("inet_nsap_addr", f -> f.ret(nsapAddr(cbytes(f.ptr(0)), f.ptr(1), f.i32(2))));
        t.function("inet_nsap_ntoa", this::nsapNtoa);
        t.function("ether_aton_r", f -> f.ret(etherAton(cbytes(f.ptr(0)), f.ptr(1))));
        t.function("ether_aton", f -> f.ret(etherAton(cbytes(f.ptr(0)), staticBuffer("ether_aton", 6))));
        t.function("ether_ntoa_r", f -> f.ret(etherNtoa(f.ptr(0), f.ptr(1))));
        t.function("ether_ntoa", f -> f.ret(etherNtoa(f.ptr(0), staticBuffer("ether_ntoa", 18))));
        t.function("htonl", f -> f.ret(Integer.reverseBytes(f.i32(0)) & 0xffffffffL));
        t.function("ntohl", f -> f.ret(Integer.reverseBytes(f.i32(0)) & 0xffffffffL));
        t.function("htons", f -> f.ret(Short.reverseBytes((short) f.i32(0)) & 0xffff));
        t.function("ntohs", f -> f.ret(Short.reverseBytes((short) f.i32(0)) & 0xffff));
        t.data("in6addr_any", "LIBC_N", 16, 4, Support.FULL, a -> mem().write(a, new byte[16]));
        t.data("in6addr_loopback", "LIBC_N", 16, 4, Support.FULL, a -> {
            byte[] b = new byte[16];
            b[15] = 1;
            mem().write(a, b);
        });
        t.function("__cmsg_nxthdr", this::cmsgNext);
    }

    private void inetPton(CallFrame f) {
        int af = f.i32(0);
        byte[] text = cbytes(f.ptr(1));
        byte[] out = switch (af) {
            case AF_INET -> pton4(text, 0, text.length);
            case AF_INET6 -> pton6(text);
            default -> null;
        };
        if (af != AF_INET && af != AF_INET6) {
            f.ret(fail(Errno.EAFNOSUPPORT));
            return;
        }
        if (out == null) {
            f.ret(0);
            return;
        }
        mem().write(f.ptr(2), out);
        f.ret(1);
    }

    /** A dotted quad of exactly four decimal parts up to 255 each, or null. */
    static byte[] pton4(byte[] s, int from, int to) {
        byte[] out = new byte[4];
        int octets = 0, value = 0;
        boolean digit = false;
        for (int i = from; i < to; i++) {
            int c = s[i] & 0xff;
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (value > 255) return null;
                if (!digit) {
                    if (++octets > 4) return null;
                    digit = true;
                }
                out[octets - 1] = (byte) value;
            } else if (c == '.' && digit) {
                if (octets == 4) return null;
                value = 0;
                digit = false;
            } else {
                return null;
            }
        }
        return octets == 4 && digit ? out : null;
    }

    /** RFC 4291 text (hex groups, one "::", an embedded dotted quad at the end), or null. */
    static byte[] pton6(byte[] s) {
        byte[] out = new byte[16];
        int i = 0, n = s.length, tp = 0, colon = -1, curtok = 0, digits = 0, value = 0;
        boolean sawDigit = false;
        if (n > 0 && s[0] == ':') {
            if (n < 2 || s[1] != ':') return null;
            i = 1;
        }
        curtok = i;
        while (i < n) {
            int c = s[i++] & 0xff;
            int hex = Character.digit(c, 16);
            if (hex >= 0 && c < 128) {
                if (digits >= 4) return null;
                value = value << 4 | hex;
                sawDigit = true;
                digits++;
                continue;
            }
            if (c == ':') {
                curtok = i;
                if (!sawDigit) {
                    if (colon >= 0) return null;
                    colon = tp;
                    continue;
                } else if (i >= n) {
                    return null;
                }
                if (tp + 2 > 16) return null;
                out[tp++] = (byte) (value >> 8);
                out[tp++] = (byte) value;
                sawDigit = false;
                digits = 0;
                value = 0;
                continue;
            }
            if (c == '.' && tp + 4 <= 16) {
                byte[] quad = pton4(s, curtok, n);
                if (quad == null) return null;
                System.arraycopy(quad, 0, out, tp, 4);
                tp += 4;
                sawDigit = false;
                break;
            }
            return null;
        }
        if (sawDigit) {
            if (tp + 2 > 16) return null;
            out[tp++] = (byte) (value >> 8);
            out[tp++] = (byte) value;
        }
        if (colon >= 0) {
            if (tp == 16) return null;
            int moved = tp - colon;
            for (int k = 1; k <= moved; k++) {
                out[16 - k] = out[colon + moved - k];
                out[colon + moved - k] = 0;
            }
            tp = 16;
        }
        return tp == 16 ? out : null;
    }

    private void inetNtop(CallFrame f) {
        int af = f.i32(0);
        long src = f.ptr(1), dst = f.ptr(2);
        long size = f.u32(3);
        String text;
        if (af == AF_INET) text = dotted(Integer.reverseBytes(mem().readInt(src)));
        else if (af == AF_INET6) text = ntop6(mem().read(src, 16));
        else {
            f.ret(failNull(Errno.EAFNOSUPPORT));
            return;
        }
        if (text.length() + 1 > size) {
            f.ret(failNull(Errno.ENOSPC));
            return;
        }
        mem().writeCString(dst, text);
        f.ret(dst);
    }

    static String dotted(int hostOrder) {
        return (hostOrder >>> 24) + "." + (hostOrder >>> 16 & 0xff) + "." + (hostOrder >>> 8 & 0xff) + "." + (hostOrder & 0xff);
    }

    /** The longest run of two or more zero groups becomes "::"; ::a.b.c.d and ::ffff:a.b.c.d keep the quad. */
    static String ntop6(byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) w[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
        int bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) bestBase = -1;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) out.append(':');
                continue;
            }
            if (i != 0) out.append(':');
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                out.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.').append(a[14] & 0xff)
                        .append('.').append(a[15] & 0xff);
                return out.toString();
            }
            out.append(Integer.toHexString(w[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) out.append(':');
        return out.toString();
    }

    /**
     * bionic's inet_aton: one to four parts, each read by strtoul(.., 0) (so decimal, octal with a leading 0, hex
     * with 0x, leading white space and a sign allowed) and ended by '.' or the end of the string; the last part
     * fills the remaining bytes. Returns the host-order address or -1.
     */
    static long aton(byte[] s) {
        if (s == null) return -1;
        long[] parts = new long[4];
        int at = 0, i;
        for (i = 0; i < 4; i++) {
            long[] parsed = strtoul(s, at);
            int end = (int) parsed[1];
            if (parsed[2] != 0 || end == at || (end < s.length && s[end] != '.')) return -1;
            parts[i] = parsed[0];
            if (end >= s.length) break;
            at = end + 1;
        }
        if (i == 4) return -1;
        long r;
        switch (i) {
            case 0 -> {
                if (Long.compareUnsigned(parts[0], 0xffffffffL) > 0) return -1;
                r = parts[0];
            }
            case 1 -> {
                if (over(parts[0], 0xff) || over(parts[1], 0xffffff)) return -1;
                r = parts[0] << 24 | parts[1];
            }
            case 2 -> {
                if (over(parts[0], 0xff) || over(parts[1], 0xff) || over(parts[2], 0xffff)) return -1;
                r = parts[0] << 24 | parts[1] << 16 | parts[2];
            }
            default -> {
                if (over(parts[0], 0xff) || over(parts[1], 0xff) || over(parts[2], 0xff) || over(parts[3], 0xff)) return -1;
                r = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3];
            }
        }
        return r;
    }

    private static boolean over(long value, long max) {
        return Long.compareUnsigned(value, max) > 0;
    }

    /** strtoul(s + at, &end, 0): {value, end index (at when nothing was read), 1 if it overflowed}. */
    static long[] strtoul(byte[] s, int at) {
        int i = at;
        while (i < s.length && isSpace(s[i])) i++;
        boolean negative = false;
        if (i < s.length && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
        int base = 10;
        if (i < s.length && s[i] == '0') {
            base = 8;
            if (i + 2 < s.length && (s[i + 1] == 'x' || s[i + 1] == 'X') && hexDigit(s[i + 2]) >= 0) {
                base = 16;
                i += 2;
            }
        }
        int start = i;
        long value = 0;
        boolean overflow = false;
        while (i < s.length) {
            int d = base == 16 ? hexDigit(s[i]) : (s[i] >= '0' && s[i] < '0' + Math.min(base, 10) ? s[i] - '0' : -1);
            if (d < 0) break;
            long next = value * base + d;
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, base)) > 0) overflow = true;
            value = next;
            i++;
        }
        if (i == start) return new long[] {0, at, 0};
        if (overflow) return new long[] {-1L, i, 1};
        return new long[] {negative ? -value : value, i, 0};
    }

    private static int hexDigit(byte b) {
        int c = b & 0xff;
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    /** bionic's inet_network is ntohl(inet_addr(cp)). */
    static long network(byte[] s) {
        long a = aton(s);
        return a < 0 ? INADDR_NONE : a;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    /** The host part of a classful address (host order in and out). */
    static long lnaof(int a) {
        long i = a & 0xffffffffL;
        if ((i & 0x80000000L) == 0) return i & 0x00ffffffL;
        if ((i & 0xc0000000L) == 0x80000000L) return i & 0x0000ffffL;
        return i & 0x000000ffL;
    }

    static long netof(int a) {
        long i = a & 0xffffffffL;
        if ((i & 0x80000000L) == 0) return (i & 0xff000000L) >>> 24;
        if ((i & 0xc0000000L) == 0x80000000L) return (i & 0xffff0000L) >>> 16;
        return (i & 0xffffff00L) >>> 8;
    }

    static int makeaddr(long net, long host) {
        long a;
        if (net < 128) a = net << 24 | (host & 0x00ffffffL);
        else if (net < 65536) a = net << 16 | (host & 0x0000ffffL);
        else if (net < 16777216L) a = net << 8 | (host & 0x000000ffL);
        else a = net | host;
        return (int) a;
    }

    /** inet_nsap_addr: "0x", then hex digit pairs with '.', '+' and '/' ignored between them, up to max bytes. */
    private long nsapAddr(byte[] s, long binary, int max) {
        if (s.length < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return 0;
        int i = 2, len = 0;
        while (i < s.length && len < max) {
            int c = s[i++] & 0xff;
            if (c == '.' || c == '+' || c == '/') continue;
            int hi = c < 128 ? Character.digit(c, 16) : -1;
            if (hi < 0 || i >= s.length) return 0;
            int c2 = s[i++] & 0xff;
            int lo = c2 < 128 ? Character.digit(c2, 16) : -1;
            if (lo < 0) return 0;
            mem().writeByte(binary + len++, hi << 4 | lo);
        }
        return len;
    }

    /** "0x" then hex pairs, a '.' after the first byte and after every second one after that. */
    private void nsapNtoa(CallFrame f) {
        int len = Math.max(0, Math.min(f.i32(0), 255));
        byte[] b = mem().read(f.ptr(1), len);
        StringBuilder out = new StringBuilder("0x");
        for (int i = 0; i < len; i++) {
            out.append(String.format("%02X", b[i] & 0xff));
            if ((i == 0 || i % 2 == 0) && i + 1 < len) out.append('.');
        }
        long dst = f.ptr(2) != 0 ? f.ptr(2) : staticBuffer("inet_nsap_ntoa", 2 + 255 * 3 + 1);
        mem().writeCString(dst, out.toString());
        f.ret(dst);
    }

    /** Six hex numbers of one or two digits separated by ':', white space around allowed; NULL if malformed. */
    private long etherAton(byte[] s, long out) {
        byte[] mac = new byte[6];
        int i = 0;
        while (i < s.length && isSpace(s[i])) i++;
        for (int k = 0; k < 6; k++) {
            int digits = 0, value = 0;
            while (i < s.length && digits < 2 && Character.digit(s[i] & 0xff, 16) >= 0 && (s[i] & 0xff) < 128) {
                value = value << 4 | Character.digit(s[i++] & 0xff, 16);
                digits++;
            }
            if (digits == 0) return 0;
            mac[k] = (byte) value;
            if (k < 5) {
                if (i >= s.length || s[i] != ':') return 0;
                i++;
            }
        }
        while (i < s.length && isSpace(s[i])) i++;
        if (i != s.length) return 0;
        mem().write(out, mac);
        return out;
    }

    private long etherNtoa(long addr, long buffer) {
        byte[] b = mem().read(addr, 6);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (i > 0) s.append(':');
            s.append(String.format("%02x", b[i] & 0xff));
        }
        mem().writeCString(buffer, s.toString());
        return buffer;
    }

    /**
     * __cmsg_nxthdr(msghdr, cmsghdr), behind CMSG_NXTHDR: the header after cmsg, or NULL when that header would not
     * fit in the control buffer. msghdr on LP64: msg_control at 32, msg_controllen at 40; cmsghdr is 16 bytes with
     * cmsg_len (size_t) first.
     */
    private void cmsgNext(CallFrame f) {
        long msg = f.ptr(0), cmsg = f.ptr(1);
        long control = mem().readLong(msg + 32), controlLength = mem().readLong(msg + 40);
        long next = cmsg + ((mem().readLong(cmsg) + 7) & ~7L);
        f.ret(Long.compareUnsigned(next + 16 - control, controlLength) > 0 ? 0 : next);
    }
}
