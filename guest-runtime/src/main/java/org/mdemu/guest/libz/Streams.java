package org.mdemu.guest.libz;

import static org.mdemu.guest.libz.Zlib.*;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * deflate* and inflate*: streaming compression on z_stream structs in guest memory. z_stream.state is a small guest
 * heap block standing for the java.util.zip Deflater/Inflater kept here; every call reads next_in/avail_in and
 * next_out/avail_out from the struct and writes them, the totals, adler and msg back, so callers that look at the
 * fields (all of them) see zlib's behaviour. windowBits selects zlib (8..15), raw (-8..-15) or gzip (+16) framing,
 * and for inflate automatic zlib/gzip detection (+32); the gzip header and trailer are made and checked here (zlib's
 * default header: no name, mtime 0, OS 3), the deflate data in between by zlib.
 */
final class Streams implements LibrarySection {
    private static final Support PARTIAL_FLUSH_NOTE = Support.partial(
            "Z_PARTIAL_FLUSH and Z_BLOCK flush as Z_SYNC_FLUSH (java.util.zip has no others); memLevel is zlib's default 8;"
                    + " custom zalloc/zfree are not called");
    private static final Support NO_COPY = Support.unsupported("java.util.zip streams cannot be copied: Z_STREAM_ERROR");

    private final GuestProcess process;
    private final Strings strings;
    private final Map<Long, DeflateState> deflaters = new HashMap<>();
    private final Map<Long, InflateState> inflaters = new HashMap<>();

    Streams(GuestProcess process, Strings strings) {
        this.process = process;
        this.strings = strings;
    }

    private static final class DeflateState {
        final Deflater deflater;
        final int wrap;  // 0 raw, 1 zlib, 2 gzip
        final int level, strategy;
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int pendingRead;
        long crc, size;
        boolean started, bodyFinished;

        DeflateState(int level, int wrap, int strategy) {
            this.level = level;
            this.wrap = wrap;
            this.strategy = strategy;
            deflater = new Deflater(level, wrap != 1);
            deflater.setStrategy(strategy == 1 ? Deflater.FILTERED : strategy == 2 ? Deflater.HUFFMAN_ONLY : Deflater.DEFAULT_STRATEGY);
            if (wrap == 2) queueGzipHeader();
        }

        void queueGzipHeader() {
            int xfl = level == 9 ? 2 : (strategy >= 2 || (level >= 0 && level < 2)) ? 4 : 0;
            pending.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, 3});
        }

        int drain(byte[] out, int at) {
            byte[] p = pending.toByteArray();
            int n = Math.min(p.length - pendingRead, out.length - at);
            System.arraycopy(p, pendingRead, out, at, n);
            pendingRead += n;
            if (pendingRead == p.length) {
                pending.reset();
                pendingRead = 0;
            }
            return n;
        }

        boolean hasPending() {
            return pending.size() > pendingRead;
        }
    }

    private enum Phase { DETECT, HEADER, BODY, TRAILER, DONE }

    private static final class InflateState {
        final int window;  // as given: negative raw, 8..15 zlib, +16 gzip, +32 automatic
        Inflater inflater;
        Phase phase;
        final ByteArrayOutputStream framing = new ByteArrayOutputStream();
        long crc, size;
        boolean gzip;

        InflateState(int window) {
            this.window = window;
            reset();
        }

        void reset() {
            if (inflater != null) inflater.end();
            inflater = null;
            framing.reset();
            crc = 0;
            size = 0;
            gzip = false;
            if (window < 0) start(true);
            else if (window >= 32) phase = Phase.DETECT;
            else if (window >= 16) {
                gzip = true;
                phase = Phase.HEADER;
            } else start(false);
        }

        void start(boolean raw) {
            inflater = new Inflater(raw);
            phase = Phase.BODY;
        }
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("deflateInit_", PARTIAL_FLUSH_NOTE, f -> f.ret(deflateInit(f.ptr(0), f.i32(1), 8, 15, 8, 0, f.ptr(2), f.i32(3))));
        t.function("deflateInit2_", PARTIAL_FLUSH_NOTE,
                f -> f.ret(deflateInit(f.ptr(0), f.i32(1), f.i32(2), f.i32(3), f.i32(4), f.i32(5), f.ptr(6), f.i32(7))));
        t.function("deflate", PARTIAL_FLUSH_NOTE, f -> f.ret(deflate(f.ptr(0), f.i32(1))));
        t.function("deflateEnd", f -> f.ret(deflateEnd(f.ptr(0))));
        t.function("deflateReset", f -> f.ret(deflateReset(f.ptr(0))));
        t.function("deflateResetKeep", "ZLIB_1.2.5.2", Support.FULL, f -> f.ret(deflateReset(f.ptr(0))));
        t.function("deflateParams", Support.partial("takes effect from the next deflate call, as java.util.zip applies it"),
                f -> f.ret(deflateParams(f.ptr(0), f.i32(1), f.i32(2))));
        t.function("deflateSetDictionary", f -> f.ret(deflateSetDictionary(f.ptr(0), f.ptr(1), f.i32(2))));
        t.function("deflateBound", "ZLIB_1.2.0", Support.FULL, f -> f.ret(deflateBound(f.ptr(0), f.i64(1))));
        t.function("deflateTune", "ZLIB_1.2.2.3", Support.partial("accepted and ignored: java.util.zip keeps zlib's tuning"),
                f -> f.ret(deflater(f.ptr(0)) == null ? Z_STREAM_ERROR : Z_OK));
        t.function("deflatePending", "ZLIB_1.2.5.1", Support.partial("counts framing bytes mdemu holds; zlib's own buffer is drained by each call"),
                f -> f.ret(deflatePending(f.ptr(0), f.ptr(1), f.ptr(2))));
        t.function("deflateCopy", NO_COPY, f -> f.ret(Z_STREAM_ERROR));
        t.function("deflatePrime", "ZLIB_1.2.0.8", Support.unsupported("bit-level insertion is not possible on java.util.zip: Z_STREAM_ERROR"),
                f -> f.ret(Z_STREAM_ERROR));
        t.function("deflateSetHeader", "ZLIB_1.2.2", Support.unsupported("custom gzip headers: Z_STREAM_ERROR; the default header is written"),
                f -> f.ret(Z_STREAM_ERROR));
        t.function("deflateGetDictionary", "ZLIB_1.2.9", Support.unsupported("the sliding window is not readable: Z_STREAM_ERROR"),
                f -> f.ret(Z_STREAM_ERROR));

        t.function("inflateInit_", f -> f.ret(inflateInit(f.ptr(0), 15, f.ptr(1), f.i32(2))));
        t.function("inflateInit2_", f -> f.ret(inflateInit(f.ptr(0), f.i32(1), f.ptr(2), f.i32(3))));
        t.function("inflate", Support.partial("flush values are accepted; Z_BLOCK and Z_TREES do not stop at block boundaries"),
                f -> f.ret(inflate(f.ptr(0))));
        t.function("inflateEnd", f -> f.ret(inflateEnd(f.ptr(0))));
        t.function("inflateReset", f -> f.ret(inflateReset(f.ptr(0), null)));
        t.function("inflateResetKeep", "ZLIB_1.2.5.2", Support.FULL, f -> f.ret(inflateReset(f.ptr(0), null)));
        t.function("inflateReset2", "ZLIB_1.2.3.4", Support.FULL, f -> f.ret(inflateReset(f.ptr(0), f.i32(1))));
        t.function("inflateSetDictionary", f -> f.ret(inflateSetDictionary(f.ptr(0), f.ptr(1), f.i32(2))));
        t.function("inflateUndermine", "ZLIB_1.2.3.3", Support.full("Z_DATA_ERROR, as zlib built without INFLATE_ALLOW_INVALID_DISTANCE_TOOFAR_ARRR"),
                f -> f.ret(inflater(f.ptr(0)) == null ? Z_STREAM_ERROR : Z_DATA_ERROR));
        t.function("inflateValidate", "ZLIB_1.2.9", Support.partial("accepted; the check value is always verified"),
                f -> f.ret(inflater(f.ptr(0)) == null ? Z_STREAM_ERROR : Z_OK));
        t.function("inflateMark", "ZLIB_1.2.3.4", Support.partial("answers -65536 (no position known), as zlib does for a bad stream"),
                f -> f.ret(-65536L));
        t.function("inflateCodesUsed", "ZLIB_1.2.9", Support.unsupported("answers (unsigned long)-1, zlib's answer for a bad stream"),
                f -> f.ret(-1L));
        t.function("inflateCopy", "ZLIB_1.2.0", NO_COPY, f -> f.ret(Z_STREAM_ERROR));
        Support unsupported = Support.unsupported("not available on java.util.zip: Z_STREAM_ERROR");
        t.function("inflateSync", unsupported, f -> f.ret(Z_STREAM_ERROR));
        t.function("inflateSyncPoint", unsupported, f -> f.ret(Z_STREAM_ERROR));
        t.function("inflatePrime", "ZLIB_1.2.2.4", unsupported, f -> f.ret(Z_STREAM_ERROR));
        t.function("inflateGetHeader", "ZLIB_1.2.2", unsupported, f -> f.ret(Z_STREAM_ERROR));
        t.function("inflateGetDictionary", "ZLIB_1.2.7.1", unsupported, f -> f.ret(Z_STREAM_ERROR));
        t.function("inflateBackInit_", "ZLIB_1.2.0", unsupported, f -> f.ret(Z_STREAM_ERROR));
        t.function("inflateBack", "ZLIB_1.2.0", unsupported, f -> f.ret(Z_STREAM_ERROR));
        t.function("inflateBackEnd", "ZLIB_1.2.0", unsupported, f -> f.ret(Z_STREAM_ERROR));
    }

    private boolean versionMismatch(long version, int streamSize) {
        return version == 0 || process.memory().readByte(version) != VERSION.charAt(0) || streamSize != ZStream.SIZE;
    }

    private long newHandle() {
        return process.heap().malloc(16);
    }

    private DeflateState deflater(long strm) {
        return strm == 0 ? null : deflaters.get(process.memory().readLong(strm + ZStream.STATE));
    }

    private InflateState inflater(long strm) {
        return strm == 0 ? null : inflaters.get(process.memory().readLong(strm + ZStream.STATE));
    }

    private int deflateInit(long strm, int level, int method, int windowBits, int memLevel, int strategy, long version, int size) {
        if (versionMismatch(version, size)) return Z_VERSION_ERROR;
        if (strm == 0) return Z_STREAM_ERROR;
        if (level == -1) level = 6;
        int wrap = 1;
        if (windowBits < 0) {
            wrap = 0;
            windowBits = -windowBits;
        } else if (windowBits > 15) {
            wrap = 2;
            windowBits -= 16;
        }
        if (windowBits == 8) windowBits = 9;
        if (memLevel < 1 || memLevel > 9 || method != 8 || windowBits < 9 || windowBits > 15 || level < 0 || level > 9
                || strategy < 0 || strategy > 4 || (windowBits == 8 && wrap != 1)) {
            return Z_STREAM_ERROR;
        }
        long handle = newHandle();
        if (handle == 0) return Z_MEM_ERROR;
        deflaters.put(handle, new DeflateState(level, wrap, strategy));
        ZStream.initialise(process.memory(), strm, handle);
        process.memory().writeLong(strm + ZStream.ADLER, wrap == 2 ? 0 : 1);
        return Z_OK;
    }

    private int deflate(long strm, int flush) {
        DeflateState st = deflater(strm);
        if (st == null || flush < Z_NO_FLUSH || flush > Z_BLOCK) return Z_STREAM_ERROR;
        ZStream z = new ZStream(process.memory(), strm);
        if (z.nextOut == 0 || (z.availIn != 0 && z.nextIn == 0)) return Z_STREAM_ERROR;
        if (z.availOut == 0) {
            z.setMessage(strings.of(errorText(Z_BUF_ERROR)));
            return Z_BUF_ERROR;
        }
        byte[] input = z.input();
        byte[] out = new byte[z.availOut];
        int produced = st.drain(out, 0);
        int consumed = 0;
        if (!st.bodyFinished && produced < out.length) {
            Deflater d = st.deflater;
            long before = d.getBytesRead();
            d.setInput(input);
            if (flush == Z_FINISH) d.finish();
            int mode = flush == Z_FULL_FLUSH ? Deflater.FULL_FLUSH
                    : flush == Z_NO_FLUSH || flush == Z_FINISH ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
            while (produced < out.length) {
                int space = out.length - produced;
                int n = d.deflate(out, produced, space, mode);
                produced += n;
                if (n < space) break;
            }
            consumed = (int) (d.getBytesRead() - before);
            st.started |= consumed > 0 || produced > 0;
            if (st.wrap == 2) {
                st.crc = Checksums.crc32(st.crc, input, 0, consumed);
                st.size += consumed;
            }
            if (d.finished()) {
                st.bodyFinished = true;
                if (st.wrap == 2) {
                    st.pending.writeBytes(littleEndian(st.crc));
                    st.pending.writeBytes(littleEndian(st.size));
                }
                produced += st.drain(out, produced);
            }
        }
        z.advance(consumed, out, produced);
        z.setAdler(st.wrap == 2 ? st.crc : st.wrap == 1 ? st.deflater.getAdler() : 1);
        if (st.bodyFinished && !st.hasPending()) return Z_STREAM_END;
        return consumed == 0 && produced == 0 && flush != Z_FINISH ? Z_BUF_ERROR : Z_OK;
    }

    private static byte[] littleEndian(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private int deflateEnd(long strm) {
        DeflateState st = deflater(strm);
        if (st == null) return Z_STREAM_ERROR;
        long handle = process.memory().readLong(strm + ZStream.STATE);
        deflaters.remove(handle);
        st.deflater.end();
        process.heap().free(handle);
        process.memory().writeLong(strm + ZStream.STATE, 0);
        return st.started && !st.bodyFinished ? Z_DATA_ERROR : Z_OK;
    }

    private int deflateReset(long strm) {
        DeflateState old = deflater(strm);
        if (old == null) return Z_STREAM_ERROR;
        long handle = process.memory().readLong(strm + ZStream.STATE);
        old.deflater.end();
        DeflateState fresh = new DeflateState(old.level, old.wrap, old.strategy);
        deflaters.put(handle, fresh);
        ZStream.initialise(process.memory(), strm, handle);
        process.memory().writeLong(strm + ZStream.ADLER, fresh.wrap == 2 ? 0 : 1);
        return Z_OK;
    }

    private int deflateParams(long strm, int level, int strategy) {
        DeflateState st = deflater(strm);
        if (st == null) return Z_STREAM_ERROR;
        if (level == -1) level = 6;
        if (level < 0 || level > 9 || strategy < 0 || strategy > 4) return Z_STREAM_ERROR;
        st.deflater.setLevel(level);
        st.deflater.setStrategy(strategy == 1 ? Deflater.FILTERED : strategy == 2 ? Deflater.HUFFMAN_ONLY : Deflater.DEFAULT_STRATEGY);
        return Z_OK;
    }

    private int deflateSetDictionary(long strm, long dictionary, int length) {
        DeflateState st = deflater(strm);
        if (st == null || dictionary == 0 || st.wrap == 2 || st.started) return Z_STREAM_ERROR;
        byte[] dict = process.memory().read(dictionary, length);
        st.deflater.setDictionary(dict);
        if (st.wrap == 1) process.memory().writeLong(strm + ZStream.ADLER, Checksums.adler32(1, dict));
        return Z_OK;
    }

    /** zlib's bound for the default window and memLevel (what java.util.zip uses), plus the framing. */
    private long deflateBound(long strm, long sourceLen) {
        DeflateState st = deflater(strm);
        int wrapLength = st == null ? 6 : st.wrap == 0 ? 0 : st.wrap == 1 ? 6 : 18;
        return sourceLen + (sourceLen >>> 12) + (sourceLen >>> 14) + (sourceLen >>> 25) + 7 + wrapLength;
    }

    private int deflatePending(long strm, long pendingOut, long bitsOut) {
        DeflateState st = deflater(strm);
        if (st == null) return Z_STREAM_ERROR;
        if (pendingOut != 0) process.memory().writeInt(pendingOut, st.pending.size() - st.pendingRead);
        if (bitsOut != 0) process.memory().writeInt(bitsOut, 0);
        return Z_OK;
    }

    private int inflateInit(long strm, int windowBits, long version, int size) {
        if (versionMismatch(version, size)) return Z_VERSION_ERROR;
        if (strm == 0) return Z_STREAM_ERROR;
        if (!validWindow(windowBits)) return Z_STREAM_ERROR;
        long handle = newHandle();
        if (handle == 0) return Z_MEM_ERROR;
        inflaters.put(handle, new InflateState(windowBits));
        ZStream.initialise(process.memory(), strm, handle);
        process.memory().writeLong(strm + ZStream.ADLER, 1);
        return Z_OK;
    }

    /** 0 (zlib, window from the header), -8..-15 raw, 8..15 zlib, +16 gzip, +32 automatic zlib or gzip. */
    private static boolean validWindow(int w) {
        if (w < 0) return w >= -15 && w <= -8;
        int bits = w & 15;
        return w <= 47 && (bits == 0 || bits >= 8);
    }

    private int inflate(long strm) {
        InflateState st = inflater(strm);
        if (st == null) return Z_STREAM_ERROR;
        ZStream z = new ZStream(process.memory(), strm);
        if (z.nextOut == 0 || (z.availIn != 0 && z.nextIn == 0)) return Z_STREAM_ERROR;
        byte[] in = z.input();
        byte[] out = new byte[z.availOut];
        int pos = 0, produced = 0, result = Z_OK;
        loop:
        while (true) {
            switch (st.phase) {
                case DETECT -> {
                    if (pos == in.length) break loop;
                    if ((in[pos] & 0xff) == 0x1f) {
                        st.gzip = true;
                        st.phase = Phase.HEADER;
                    } else {
                        st.start(false);
                    }
                }
                case HEADER -> {
                    if (pos == in.length) break loop;
                    st.framing.write(in[pos++]);
                    int length = GzipHeader.length(st.framing.toByteArray());
                    if (length == GzipHeader.INVALID) {
                        result = dataError(z, "incorrect header check");
                        break loop;
                    }
                    if (length > 0) {
                        st.framing.reset();
                        st.inflater = new Inflater(true);
                        st.phase = Phase.BODY;
                    }
                }
                case BODY -> {
                    Inflater inf = st.inflater;
                    inf.setInput(in, pos, in.length - pos);
                    int n;
                    try {
                        n = inf.inflate(out, produced, out.length - produced);
                    } catch (DataFormatException e) {
                        result = dataError(z, e.getMessage() == null ? "invalid data" : e.getMessage());
                        break loop;
                    }
                    pos = in.length - inf.getRemaining();
                    if (st.gzip) {
                        st.crc = Checksums.crc32(st.crc, out, produced, n);
                        st.size += n;
                    }
                    produced += n;
                    if (inf.needsDictionary()) {
                        z.setAdler(inf.getAdler());
                        result = Z_NEED_DICT;
                        break loop;
                    }
                    if (inf.finished()) {
                        st.phase = st.gzip ? Phase.TRAILER : Phase.DONE;
                        continue;
                    }
                    break loop;
                }
                case TRAILER -> {
                    while (pos < in.length && st.framing.size() < 8) st.framing.write(in[pos++]);
                    if (st.framing.size() < 8) break loop;
                    byte[] t = st.framing.toByteArray();
                    long crc = (t[0] & 0xff) | (t[1] & 0xff) << 8 | (t[2] & 0xff) << 16 | (t[3] & 0xffL) << 24;
                    long isize = (t[4] & 0xff) | (t[5] & 0xff) << 8 | (t[6] & 0xff) << 16 | (t[7] & 0xffL) << 24;
                    if (crc != st.crc) {
                        result = dataError(z, "incorrect data check");
                        break loop;
                    }
                    if (isize != (st.size & 0xffffffffL)) {
                        result = dataError(z, "incorrect length check");
                        break loop;
                    }
                    st.phase = Phase.DONE;
                }
                case DONE -> {
                    result = Z_STREAM_END;
                    break loop;
                }
            }
        }
        z.advance(pos, out, produced);
        if (st.gzip) z.setAdler(st.crc);
        else if (st.inflater != null && result != Z_NEED_DICT) z.setAdler(st.inflater.getAdler());
        if (result == Z_OK && pos == 0 && produced == 0) return Z_BUF_ERROR;
        return result;
    }

    private int dataError(ZStream z, String message) {
        z.setMessage(strings.of(message));
        return Z_DATA_ERROR;
    }

    private int inflateEnd(long strm) {
        InflateState st = inflater(strm);
        if (st == null) return Z_STREAM_ERROR;
        long handle = process.memory().readLong(strm + ZStream.STATE);
        inflaters.remove(handle);
        if (st.inflater != null) st.inflater.end();
        process.heap().free(handle);
        process.memory().writeLong(strm + ZStream.STATE, 0);
        return Z_OK;
    }

    private int inflateReset(long strm, Integer windowBits) {
        InflateState st = inflater(strm);
        if (st == null) return Z_STREAM_ERROR;
        if (windowBits != null && !validWindow(windowBits)) return Z_STREAM_ERROR;
        long handle = process.memory().readLong(strm + ZStream.STATE);
        if (st.inflater != null) st.inflater.end();
        st.inflater = null;
        inflaters.put(handle, new InflateState(windowBits == null ? st.window : windowBits));
        ZStream.initialise(process.memory(), strm, handle);
        process.memory().writeLong(strm + ZStream.ADLER, 1);
        return Z_OK;
    }

    private int inflateSetDictionary(long strm, long dictionary, int length) {
        InflateState st = inflater(strm);
        if (st == null || dictionary == 0 || st.inflater == null) return Z_STREAM_ERROR;
        byte[] dict = process.memory().read(dictionary, length);
        try {
            st.inflater.setDictionary(dict);
        } catch (IllegalArgumentException e) {
            return Z_DATA_ERROR;
        }
        return Z_OK;
    }
}
