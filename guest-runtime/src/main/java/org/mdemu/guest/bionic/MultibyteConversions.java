package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.machine.GuestMemory;

/**
 * Multibyte conversion (wchar.h, stdlib.h, uchar.h): always UTF-8 whatever the locale, as bionic converts, with a
 * partial sequence kept in the caller's 8-byte mbstate_t (the bytes so far in seq[0..3]) or in a private one.
 */
public final class MultibyteConversions implements LibrarySection {
    private static final long ILLEGAL = -1L, INCOMPLETE = -2L;
    private static final int WEOF = -1;

    private final GuestProcess process;
    private long privateState;
    private long wideScratch;

    public MultibyteConversions(GuestProcess process) {
        this.process = process;
    }

    private GuestMemory mem() {
        return process.memory();
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("mbrtowc", f -> f.ret(mbrtowc(f.ptr(0), f.ptr(1), f.i64(2), state(f.ptr(3)))));
        t.function("mbrtoc32", f -> f.ret(mbrtowc(f.ptr(0), f.ptr(1), f.i64(2), state(f.ptr(3)))));
        t.function("mbrlen", f -> f.ret(mbrtowc(0, f.ptr(0), f.i64(1), state(f.ptr(2)))));
        t.function("wcrtomb", f -> f.ret(wcrtomb(f.ptr(0), f.i32(1), state(f.ptr(2)))));
        t.function("c32rtomb", f -> f.ret(wcrtomb(f.ptr(0), f.i32(1), state(f.ptr(2)))));
        t.function("mbsinit", f -> f.ret(f.ptr(0) == 0 || bytesSoFar(f.ptr(0)) == 0));
        t.function("mbtowc", f -> {
            if (f.ptr(1) == 0) {
                f.ret(0);
                return;
            }
            long scratch = state(0);
            mem().writeLong(scratch, 0);
            long r = mbrtowc(f.ptr(0), f.ptr(1), f.i64(2), scratch);
            f.ret(r == INCOMPLETE ? -1 : r);
        });
        t.function("wctomb", f -> f.ret(f.ptr(0) == 0 ? 0 : wcrtomb(f.ptr(0), f.i32(1), 0)));
        t.function("mblen", "LIBC_O", Support.FULL, f -> {
            if (f.ptr(0) == 0) {
                f.ret(0);
                return;
            }
            long scratch = state(0);
            mem().writeLong(scratch, 0);
            long r = mbrtowc(0, f.ptr(0), f.i64(1), scratch);
            f.ret(r == INCOMPLETE ? -1 : r);
        });
        t.function("btowc", f -> f.ret(f.i32(0) == -1 || (f.i32(0) & 0xff) >= 0x80 ? WEOF & 0xffffffffL : f.i32(0) & 0xff));
        t.function("wctob", f -> f.ret(f.i32(0) >= 0 && f.i32(0) < 0x80 ? f.i32(0) : -1));
        t.function("mbsrtowcs", f -> f.ret(mbsrtowcs(f.ptr(0), f.ptr(1), Long.MAX_VALUE, f.i64(2), state(f.ptr(3)))));
        t.function("mbsnrtowcs", f -> f.ret(mbsrtowcs(f.ptr(0), f.ptr(1), f.i64(2), f.i64(3), state(f.ptr(4)))));
        t.function("wcsrtombs", f -> f.ret(wcsrtombs(f.ptr(0), f.ptr(1), Long.MAX_VALUE, f.i64(2))));
        t.function("wcsnrtombs", f -> f.ret(wcsrtombs(f.ptr(0), f.ptr(1), f.i64(2), f.i64(3))));
        t.function("mbstowcs", f -> f.ret(viaPointer(f.ptr(1), p -> mbsrtowcs(f.ptr(0), p, Long.MAX_VALUE, f.i64(2), p + 8))));
        t.function("wcstombs", f -> f.ret(viaPointer(f.ptr(1), p -> wcsrtombs(f.ptr(0), p, Long.MAX_VALUE, f.i64(2)))));
    }

    /** The caller's mbstate_t, or this library's private one when the caller passed NULL. */
    private long state(long ps) {
        if (ps != 0) return ps;
        if (privateState == 0) privateState = process.heap().calloc(1, 8);
        return privateState;
    }

    private int bytesSoFar(long ps) {
        byte[] seq = mem().read(ps, 3);
        return seq[2] != 0 ? 3 : seq[1] != 0 ? 2 : seq[0] != 0 ? 1 : 0;
    }

    private long illegal(long ps) {
        mem().writeLong(ps, 0);
        process.setErrno(Errno.EILSEQ);
        return ILLEGAL;
    }

    /** mbrtowc/mbrtoc32: bytes used (0 for NUL), -2 for an incomplete sequence kept in ps, -1 with EILSEQ. */
    long mbrtowc(long pwc, long s, long n, long ps) {
        if (mem().readByte(ps + 3) != 0) {
            mem().writeLong(ps, 0);
            process.setErrno(Errno.EINVAL);
            return ILLEGAL;
        }
        if (s == 0) {
            return bytesSoFar(ps) == 0 ? 0 : illegal(ps);
        }
        if (n == 0) return INCOMPLETE;
        int have = bytesSoFar(ps);
        int first = mem().readByte(s) & 0xff;
        if (have == 0 && first < 0x80) {
            if (pwc != 0) mem().writeInt(pwc, first);
            return first != 0 ? 1 : 0;
        }
        int lead = have > 0 ? mem().readByte(ps) & 0xff : first;
        int length = sequenceLength(lead);
        if (length == 0) return illegal(ps);
        int wanted = length - have;
        int take = (int) Math.min(wanted, n);
        byte[] in = mem().read(s, take);
        for (int i = 0; i < take; i++) {
            if ((have + i) > 0 && (in[i] & 0xc0) != 0x80) return illegal(ps);
            mem().writeByte(ps + have + i, in[i]);
        }
        if (take < wanted) return INCOMPLETE;
        int c = decode(mem().read(ps, length));
        if (c < 0) return illegal(ps);
        if (pwc != 0) mem().writeInt(pwc, c);
        mem().writeLong(ps, 0);
        return c == 0 ? 0 : wanted;
    }

    /** The length of a UTF-8 sequence from its lead byte: 1 for ASCII, 2-4, or 0 for a byte that cannot lead. */
    static int sequenceLength(int lead) {
        return lead < 0x80 ? 1 : (lead & 0xe0) == 0xc0 ? 2 : (lead & 0xf0) == 0xe0 ? 3 : (lead & 0xf8) == 0xf0 ? 4 : 0;
    }

    /** One complete UTF-8 sequence to its code point, with mbrtowc's checks; -1 when it is no character. */
    static int decode(byte[] seq) {
        int lead = seq[0] & 0xff;
        int length = sequenceLength(lead);
        if (length == 1) return seq.length == 1 ? lead : -1;
        if (length != seq.length) return -1;
        int c = lead & (0x7f >> length);
        for (int i = 1; i < length; i++) {
            if ((seq[i] & 0xc0) != 0x80) return -1;
            c = c << 6 | (seq[i] & 0x3f);
        }
        int lowerBound = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        return c < lowerBound || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff ? -1 : c;
    }

    /** The UTF-8 bytes of one wide character (bionic encodes up to 0x1fffff), or null when it has none. */
    static byte[] encode(int c) {
        if ((c & ~0x7f) == 0) return new byte[] {(byte) c};
        int length = (c & ~0x7ff) == 0 ? 2 : (c & ~0xffff) == 0 ? 3 : (c & ~0x1fffff) == 0 ? 4 : 0;
        if (length == 0) return null;
        byte[] b = new byte[length];
        for (int i = length - 1; i > 0; i--) {
            b[i] = (byte) ((c & 0x3f) | 0x80);
            c >>= 6;
        }
        b[0] = (byte) (c | (length == 2 ? 0xc0 : length == 3 ? 0xe0 : 0xf0));
        return b;
    }

    private long wcrtomb(long s, int c, long ps) {
        long st = state(ps);
        if (s == 0) {
            mem().writeLong(st, 0);
            return 1;
        }
        if (c == 0) {
            mem().writeByte(s, 0);
            mem().writeLong(st, 0);
            return 1;
        }
        if (bytesSoFar(st) != 0) return illegal(st);
        byte[] b = encode(c);
        if (b == null) {
            process.setErrno(Errno.EILSEQ);
            return ILLEGAL;
        }
        mem().write(s, b);
        return b.length;
    }

    /** mbsnrtowcs: at most nms bytes of *src into at most len wide characters (counting only when dst is NULL). */
    private long mbsrtowcs(long dst, long srcPtr, long nms, long len, long st) {
        long src = mem().readLong(srcPtr);
        long scratch = wideScratch();
        long count = 0, used = 0;
        while (dst == 0 || count < len) {
            long r = mbrtowc(dst == 0 ? 0 : scratch, src + used, Math.min(4, nms - used), st);
            if (r == ILLEGAL) {
                if (dst != 0) mem().writeLong(srcPtr, src + used);
                return ILLEGAL;
            }
            if (r == INCOMPLETE) {
                if (nms - used >= 4) return illegal(st);
                break;
            }
            if (r == 0) {
                if (dst != 0) {
                    mem().writeInt(dst + 4 * count, 0);
                    mem().writeLong(srcPtr, 0);
                }
                return count;
            }
            if (dst != 0) mem().writeInt(dst + 4 * count, mem().readInt(scratch));
            used += r;
            count++;
            if (used >= nms) break;
        }
        mem().writeLong(st, 0);
        if (dst != 0) mem().writeLong(srcPtr, src + used);
        return count;
    }

    /** wcsnrtombs: at most nwc wide characters of *src into at most len bytes (counting only when dst is NULL). */
    private long wcsrtombs(long dst, long srcPtr, long nwc, long len) {
        long src = mem().readLong(srcPtr);
        long count = 0;
        for (long i = 0; i < nwc; i++) {
            int c = mem().readInt(src + 4 * i);
            if (c == 0) {
                if (dst != 0) {
                    if (count >= len) {
                        mem().writeLong(srcPtr, src + 4 * i);
                        return count;
                    }
                    mem().writeByte(dst + count, 0);
                    mem().writeLong(srcPtr, 0);
                }
                return count;
            }
            byte[] b = encode(c);
            if (b == null) {
                if (dst != 0) mem().writeLong(srcPtr, src + 4 * i);
                process.setErrno(Errno.EILSEQ);
                return ILLEGAL;
            }
            if (dst != 0) {
                if (count + b.length > len) {
                    mem().writeLong(srcPtr, src + 4 * i);
                    return count;
                }
                mem().write(dst + count, b);
            }
            count += b.length;
        }
        if (dst != 0) mem().writeLong(srcPtr, src + 4 * nwc);
        return count;
    }

    private long wideScratch() {
        if (wideScratch == 0) wideScratch = process.heap().calloc(1, 8);
        return wideScratch;
    }

    /** mbstowcs/wcstombs: the r-variant on a copy of the source pointer (slot) with a fresh mbstate_t (slot + 8). */
    private long viaPointer(long src, java.util.function.LongUnaryOperator conversion) {
        long slot = process.heap().calloc(1, 16);
        if (slot == 0) {
            process.setErrno(Errno.ENOMEM);
            return ILLEGAL;
        }
        mem().writeLong(slot, src);
        long r = conversion.applyAsLong(slot);
        process.heap().free(slot);
        return r;
    }
}
