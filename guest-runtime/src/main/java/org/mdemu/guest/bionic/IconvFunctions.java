package org.mdemu.guest.bionic;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * iconv.h with bionic's encodings: UTF-8, US-ASCII, UTF-16LE/BE, UTF-32LE/BE and WCHAR_T (names compared ignoring
 * case, punctuation and zeros not after a digit), and the //IGNORE and //TRANSLIT suffixes on the target. Like
 * bionic's there is no Latin-1 and no byte-order-guessing UTF-16/UTF-32: opening those fails with EINVAL.
 */
public final class IconvFunctions extends GuestSection {
    private enum Encoding { US_ASCII, UTF_8, UTF_16_LE, UTF_16_BE, UTF_32_LE, UTF_32_BE, WCHAR_T }

    private enum Mode { ERROR, IGNORE, TRANSLIT }

    private record Converter(Encoding from, Encoding to, Mode mode) {}

    private static final long INVALID = -1L;
    private final Map<Long, Converter> converters = new HashMap<>();

    public IconvFunctions(GuestProcess process) {
        super(process);
    }

    @Override
    public void declare(LibraryTable t) {
        Support encodings = Support.full("bionic's encodings: UTF-8, US-ASCII, UTF-16LE/BE, UTF-32LE/BE, WCHAR_T;"
                + " //IGNORE and //TRANSLIT");
        t.function("iconv_open", "LIBC_P", encodings, f -> f.ret(open(cbytes(f.ptr(0)), cbytes(f.ptr(1)))));
        t.function("iconv", "LIBC_P", encodings, this::iconv);
        t.function("iconv_close", "LIBC_P", Support.FULL, f -> {
            long handle = f.ptr(0);
            if (converters.remove(handle) == null) {
                f.ret(fail(Errno.EBADF));
                return;
            }
            heap().free(handle);
            f.ret(0);
        });
    }

    /** __match_encoding: skip non-alphanumerics and zeros not followed by a digit on the left; ignore case. */
    static boolean matches(byte[] lhs, String rhs) {
        int i = 0, j = 0;
        while (i < lhs.length && j < rhs.length()) {
            for (; i < lhs.length; i++) {
                int c = lhs[i] & 0xff;
                boolean alnum = c < 128 && Character.isLetterOrDigit(c);
                boolean nextDigit = i + 1 < lhs.length && lhs[i + 1] >= '0' && lhs[i + 1] <= '9';
                if (alnum && (c != '0' || !nextDigit)) break;
            }
            if (i >= lhs.length) break;
            if (Character.toLowerCase(lhs[i] & 0xff) != rhs.charAt(j)) break;
            i++;
            j++;
        }
        boolean rest = i >= lhs.length || (i + 1 < lhs.length && lhs[i] == '/' && lhs[i + 1] == '/');
        return rest && j == rhs.length();
    }

    private static Encoding encoding(byte[] s) {
        if (matches(s, "utf8")) return Encoding.UTF_8;
        if (matches(s, "ascii") || matches(s, "usascii")) return Encoding.US_ASCII;
        if (matches(s, "utf16le")) return Encoding.UTF_16_LE;
        if (matches(s, "utf16be")) return Encoding.UTF_16_BE;
        if (matches(s, "utf32le")) return Encoding.UTF_32_LE;
        if (matches(s, "utf32be")) return Encoding.UTF_32_BE;
        if (matches(s, "wchart")) return Encoding.WCHAR_T;
        return null;
    }

    private long open(byte[] to, byte[] from) {
        if (to == null || from == null) return fail(Errno.EINVAL);
        Mode mode = Mode.ERROR;
        String target = latin1(to);
        int suffix = target.indexOf("//");
        if (suffix >= 0) {
            String s = target.substring(suffix);
            if (s.equals("//IGNORE")) mode = Mode.IGNORE;
            else if (s.equals("//TRANSLIT")) mode = Mode.TRANSLIT;
            else return fail(Errno.EINVAL);
        }
        if (latin1(from).contains("//")) return fail(Errno.EINVAL);
        Encoding src = encoding(from), dst = encoding(to);
        if (src == null || dst == null) return fail(Errno.EINVAL);
        long handle = heap().calloc(1, 16);
        if (handle == 0) return fail(Errno.ENOMEM);
        converters.put(handle, new Converter(src, dst, mode));
        return handle;
    }

    /** iconv(cd, &inbuf, &inleft, &outbuf, &outleft): converts until the input ends or an error stops it. */
    private void iconv(CallFrame f) {
        Converter c = converters.get(f.ptr(0));
        if (c == null) {
            f.ret(fail(Errno.EBADF));
            return;
        }
        long inbufp = f.ptr(1), inleftp = f.ptr(2), outbufp = f.ptr(3), outleftp = f.ptr(4);
        if (inbufp == 0 || mem().readLong(inbufp) == 0) {
            f.ret(0);
            return;
        }
        long in = mem().readLong(inbufp), inLeft = mem().readLong(inleftp);
        long out = mem().readLong(outbufp), outLeft = mem().readLong(outleftp);
        int replacements = 0;
        boolean ignored = false;
        int error = 0;
        while (inLeft > 0) {
            // Read one character.
            byte[] window = mem().read(in, (int) Math.min(inLeft, 4));
            int wc = 0, used = 0;
            boolean illegal = false;
            switch (c.from()) {
                case US_ASCII -> {
                    wc = window[0] & 0xff;
                    used = 1;
                    illegal = wc > 0x7f;
                }
                case UTF_8 -> {
                    int lead = window[0] & 0xff;
                    int length = MultibyteConversions.sequenceLength(lead);
                    if (length == 0) {
                        wc = 0;
                        used = 1;
                        illegal = true;
                    } else if (length > window.length) {
                        boolean prefixOk = true;
                        for (int i = 1; i < window.length; i++) prefixOk &= (window[i] & 0xc0) == 0x80;
                        if (!prefixOk) {
                            wc = 0;
                            used = 1;
                            illegal = true;
                        } else {
                            error = Errno.EINVAL;
                            break;
                        }
                    } else {
                        wc = MultibyteConversions.decode(java.util.Arrays.copyOf(window, length));
                        used = length;
                        if (wc < 0) {
                            illegal = true;
                            used = 1;
                        }
                    }
                }
                case UTF_16_LE, UTF_16_BE -> {
                    if (window.length < 2) {
                        error = Errno.EINVAL;
                        break;
                    }
                    boolean big = c.from() == Encoding.UTF_16_BE;
                    wc = in16(window, 0, big);
                    used = 2;
                    if (wc >= 0xd800 && wc <= 0xdfff) {
                        if (wc >= 0xdc00) {
                            error = Errno.EILSEQ;
                            break;
                        }
                        if (window.length < 4) {
                            error = Errno.EINVAL;
                            break;
                        }
                        int lo = in16(window, 2, big);
                        wc = 0x10000 + ((wc - 0xd800) << 10) + (lo - 0xdc00);
                        used = 4;
                    }
                }
                default -> {
                    if (window.length < 4) {
                        error = Errno.EINVAL;
                        break;
                    }
                    boolean big = c.from() == Encoding.UTF_32_BE;
                    wc = big ? (window[0] & 0xff) << 24 | (window[1] & 0xff) << 16 | (window[2] & 0xff) << 8 | (window[3] & 0xff)
                            : (window[3] & 0xff) << 24 | (window[2] & 0xff) << 16 | (window[1] & 0xff) << 8 | (window[0] & 0xff);
                    used = 4;
                }
            }
            if (error != 0) break;
            if (illegal) {
                if (c.mode() == Mode.ERROR) {
                    error = Errno.EILSEQ;
                    break;
                }
                if (c.mode() == Mode.IGNORE) {
                    in += used;
                    inLeft -= used;
                    ignored = true;
                    continue;
                }
                wc = '?';
                replacements++;
            }
            // Write it.
            byte[] encoded = encode(c.to(), wc);
            if (encoded == null) {
                if (c.mode() == Mode.IGNORE) {
                    in += used;
                    inLeft -= used;
                    ignored = true;
                    continue;
                }
                if (c.mode() == Mode.TRANSLIT) {
                    replacements++;
                    encoded = encode(c.to(), '?');
                } else {
                    error = Errno.EILSEQ;
                    break;
                }
            }
            if (encoded.length > outLeft) {
                error = Errno.E2BIG;
                break;
            }
            mem().write(out, encoded);
            out += encoded.length;
            outLeft -= encoded.length;
            in += used;
            inLeft -= used;
        }
        mem().writeLong(inbufp, in);
        mem().writeLong(inleftp, inLeft);
        mem().writeLong(outbufp, out);
        mem().writeLong(outleftp, outLeft);
        if (error != 0) {
            f.ret(fail(error));
        } else if (c.mode() == Mode.TRANSLIT) {
            f.ret(replacements);
        } else if (ignored) {
            f.ret(fail(Errno.EILSEQ));
        } else {
            f.ret(0);
        }
    }

    private static int in16(byte[] b, int at, boolean big) {
        return big ? (b[at] & 0xff) << 8 | (b[at + 1] & 0xff) : (b[at + 1] & 0xff) << 8 | (b[at] & 0xff);
    }

    /** The bytes of wc in the target encoding, or null when it has none (EILSEQ). */
    private static byte[] encode(Encoding e, int wc) {
        switch (e) {
            case US_ASCII:
                return wc >= 0 && wc <= 0x7f ? new byte[] {(byte) wc} : null;
            case UTF_8:
                if (wc < 0 || (wc >= 0xd800 && wc <= 0xdfff) || wc > 0x10ffff) return null;
                return MultibyteConversions.encode(wc);
            case UTF_16_LE:
            case UTF_16_BE: {
                boolean big = e == Encoding.UTF_16_BE;
                if (wc < 0x10000) return out16(wc, big);
                int v = wc - 0x10000;
                byte[] hi = out16(0xd800 | (v >> 10), big), lo = out16(0xdc00 | (v & 0x3ff), big);
                return new byte[] {hi[0], hi[1], lo[0], lo[1]};
            }
            default: {
                boolean big = e == Encoding.UTF_32_BE;
                return big ? new byte[] {(byte) (wc >> 24), (byte) (wc >> 16), (byte) (wc >> 8), (byte) wc}
                        : new byte[] {(byte) wc, (byte) (wc >> 8), (byte) (wc >> 16), (byte) (wc >> 24)};
            }
        }
    }

    private static byte[] out16(int v, boolean big) {
        return big ? new byte[] {(byte) (v >> 8), (byte) v} : new byte[] {(byte) v, (byte) (v >> 8)};
    }
}
