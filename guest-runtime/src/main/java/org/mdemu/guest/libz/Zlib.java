package org.mdemu.guest.libz;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;

/**
 * libz.so, which Microdroid carries in /system/lib64 (AOSP's external/zlib): zlib's API on java.util.zip, which is
 * zlib itself, so compressed bytes are the ones zlib makes. Version nodes follow AOSP's libz.map.txt (zlib's own
 * zlib.map): the zlib 1.1 API is unversioned (the table's base version, the soname), later additions carry
 * ZLIB_1.2.0 ... ZLIB_1.2.9.
 */
public final class Zlib {
    public static final String SONAME = "libz.so";
    /** The version zlibVersion() reports and deflateInit_/inflateInit_ check the first digit of. */
    public static final String VERSION = "1.3.0.1";

    static final int Z_OK = 0, Z_STREAM_END = 1, Z_NEED_DICT = 2, Z_ERRNO = -1, Z_STREAM_ERROR = -2,
            Z_DATA_ERROR = -3, Z_MEM_ERROR = -4, Z_BUF_ERROR = -5, Z_VERSION_ERROR = -6;
    static final int Z_NO_FLUSH = 0, Z_PARTIAL_FLUSH = 1, Z_SYNC_FLUSH = 2, Z_FULL_FLUSH = 3, Z_FINISH = 4,
            Z_BLOCK = 5, Z_TREES = 6;

    private Zlib() {}

    /** The binding table with every section's rows. */
    public static LibraryTable newTable(GuestProcess process, LinuxKernel kernel) {
        LibraryTable t = new LibraryTable(SONAME, SONAME);
        Strings strings = new Strings(process);
        t.declare(new Checksums(process), new Streams(process, strings), new Utility(process, strings),
                new GzFiles(process, kernel, strings));
        return t;
    }

    /** Constant C strings (zError texts, z_stream.msg, version) allocated once on the guest heap. */
    static final class Strings {
        private final GuestProcess process;
        private final Map<String, Long> cache = new HashMap<>();

        Strings(GuestProcess process) {
            this.process = process;
        }

        long of(String s) {
            return cache.computeIfAbsent(s, k -> {
                byte[] b = k.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                long p = process.heap().malloc(b.length + 1L);
                process.memory().write(p, java.util.Arrays.copyOf(b, b.length + 1));
                return p;
            });
        }
    }

    /** zError's texts, indexed by 2 - code (Z_NEED_DICT .. Z_VERSION_ERROR), as zlib's z_errmsg. */
    static String errorText(int code) {
        String[] texts = {"need dictionary", "stream end", "", "file error", "stream error", "data error",
            "insufficient memory", "buffer error", "incompatible version"};
        return code > 2 || code < -6 ? "" : texts[2 - code];
    }
}
