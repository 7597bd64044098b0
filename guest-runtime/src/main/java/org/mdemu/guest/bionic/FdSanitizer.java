package org.mdemu.guest.bionic;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;

/**
 * android/fdsan.h and the platform's fdtrack: close() goes through fdsan, which checks the descriptor's owner tag
 * (android_fdsan_exchange_owner_tag) and reports a mismatch or a double close at the process's error level (fatal by
 * default, as bionic initialises it; the debug.fdsan property overrides). The tag table is bionic's FdTable, in
 * guest memory (android_fdsan_get_fd_table): a version word, the error level, 128 inline entries and an overflow
 * table sized by RLIMIT_NOFILE. The fdtrack hook is called when descriptors are closed.
 */
public final class FdSanitizer extends GuestSection {
    public static final int LEVEL_DISABLED = 0, LEVEL_WARN_ONCE = 1, LEVEL_WARN_ALWAYS = 2, LEVEL_FATAL = 3;
    private static final int INLINE_FDS = 128;
    private static final long ERROR_LEVEL = 4, ENTRIES = 8, OVERFLOW = ENTRIES + 8L * INLINE_FDS;
    private static final int TABLE_SIZE = (int) OVERFLOW + 8;
    private static final int ANDROID_LOG_ERROR = 6, ANDROID_LOG_FATAL = 7;
    private static final int FDTRACK_EVENT_CLOSE = 1;
    private static final String[] TYPES = {"native object of unknown type", "FILE*", "DIR*", "unique_fd", "sqlite",
        "FileInputStream", "FileOutputStream", "RandomAccessFile", "ParcelFileDescriptor", "ART FdFile",
        "DatagramSocketImpl", "SocketImpl", "ZipArchive", "native_handle_t", "Parcel"};

    private final LinuxKernel kernel;
    private final Map<String, String> properties;
    private long table;
    private Rows rows;
    /** fdtrack: the hook, whether it is globally off, and the threads that turned it off for themselves. */
    private long fdtrackHook;
    private boolean fdtrackGloballyDisabled;
    private final Map<Integer, Boolean> fdtrackDisabled = new HashMap<>();

    public FdSanitizer(GuestProcess process, LinuxKernel kernel, Map<String, String> properties) {
        super(process);
        this.kernel = kernel;
        this.properties = properties;
    }

    /** The FdTable, made on first use with the level __libc_init_fdsan would choose. */
    private long table() {
        if (table == 0) {
            table = heap().calloc(1, TABLE_SIZE);
            mem().writeInt(table + ERROR_LEVEL, initialLevel());
        }
        return table;
    }

    private int initialLevel() {
        String value = properties == null ? null : properties.get("debug.fdsan");
        if (value == null) return LEVEL_FATAL;
        if (value.equalsIgnoreCase("1") || value.equalsIgnoreCase("fatal")) return LEVEL_FATAL;
        if (value.equalsIgnoreCase("warn")) return LEVEL_WARN_ALWAYS;
        if (value.equalsIgnoreCase("warn_once")) return LEVEL_WARN_ONCE;
        if (!value.isEmpty() && !value.equals("0")) {
            process.output().log(ANDROID_LOG_ERROR, "libc", "debug.fdsan set to unknown value '" + value
                    + "', disabling", process.currentThread().tid());
        }
        return LEVEL_FATAL;
    }

    /** The address of fd's close tag, or 0 when fd has none (negative, or past the overflow table). */
    private long entry(CallFrame f, int fd) {
        if (fd < 0) return 0;
        long t = table();
        if (fd < INLINE_FDS) return t + ENTRIES + 8L * fd;
        long overflow = mem().readLong(t + OVERFLOW);
        if (overflow == 0) {
            long max = 32768;
            long rlimit = heap().calloc(1, 16);
            try {
                if (rows.call(f, "getrlimit", 7, rlimit) == 0) {
                    long hard = mem().readLong(rlimit + 8);
                    max = hard == -1 ? 32768 : hard;
                }
            } finally {
                heap().free(rlimit);
            }
            if (fd > max) return 0;
            long count = Math.max(0, max - INLINE_FDS);
            long bytes = ((8 + 8 * count) + 4095) & ~4095L;
            overflow = heap().calloc(1, bytes);
            mem().writeLong(overflow, (bytes - 8) / 8);
            mem().writeLong(t + OVERFLOW, overflow);
        }
        long offset = fd - INLINE_FDS;
        if (mem().readLong(overflow) <= offset) return 0;
        return overflow + 8 + 8 * offset;
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        t.function("close", Support.full("through android_fdsan_close_with_tag(fd, 0); EINTR is reported as"
                + " success, as bionic does"), f -> {
            long rc = closeWithTag(f, f.i32(0), 0);
            f.ret(rc == -1 && errno() == Errno.EINTR ? 0 : rc);
        });
        Support fdsan = Support.full("bionic's owner tags and error levels; a warning is logged (bionic also asks"
                + " debuggerd for a tombstone)");
        t.function("android_fdsan_close_with_tag", "LIBC_Q", fdsan, f -> f.ret(closeWithTag(f, f.i32(0), f.i64(1))));
        t.function("android_fdsan_exchange_owner_tag", "LIBC_Q", fdsan, f -> exchange(f, f.i32(0), f.i64(1), f.i64(2)));
        t.function("android_fdsan_get_owner_tag", "LIBC_Q", Support.FULL, f -> {
            long e = entry(f, f.i32(0));
            f.ret(e == 0 ? 0 : mem().readLong(e));
        });
        t.function("android_fdsan_create_owner_tag", "LIBC_Q", Support.FULL, f -> {
            int type = f.i32(0);
            long tag = f.i64(1);
            if (tag == 0) {
                f.ret(0);
            } else if ((type & 0xff) != type) {
                fatal(String.format("invalid android_fdsan_owner_type value: %x", type));
            } else {
                f.ret(((long) type << 56) | (tag & ((1L << 56) - 1)));
            }
        });
        t.function("android_fdsan_get_tag_type", "LIBC_Q", Support.FULL, f -> f.ret(constant(tagType(f.i64(0)))));
        t.function("android_fdsan_get_tag_value", "LIBC_Q", Support.FULL, f -> f.ret(tagValue(f.i64(0))));
        t.function("android_fdsan_get_error_level", "LIBC_Q", Support.FULL,
                f -> f.ret(mem().readInt(table() + ERROR_LEVEL)));
        t.function("android_fdsan_set_error_level", "LIBC_Q", Support.FULL, f -> {
            int old = mem().readInt(table() + ERROR_LEVEL);
            mem().writeInt(table() + ERROR_LEVEL, f.i32(0));
            f.ret(old);
        });
        t.function("android_fdsan_get_fd_table", "LIBC_PLATFORM", Support.full("bionic's FdTable layout"),
                f -> f.ret(table()));
        Support track = Support.partial("the hook is called for closes (close, android_fdsan_close_with_tag); bionic"
                + " also calls it as each descriptor-creating function returns, which mdemu does not");
        t.function("android_fdtrack_compare_exchange_hook", "LIBC_PLATFORM", track, f -> {
            long expectedAddress = f.ptr(0);
            long expected = mem().readLong(expectedAddress);
            synchronized (this) {
                if (fdtrackHook == expected) {
                    fdtrackHook = f.ptr(1);
                    f.ret(1);
                } else {
                    mem().writeLong(expectedAddress, fdtrackHook);
                    f.ret(0);
                }
            }
        });
        t.function("android_fdtrack_get_enabled", "LIBC_PLATFORM", track, f -> f.ret(fdtrackEnabled() ? 1 : 0));
        t.function("android_fdtrack_set_enabled", "LIBC_PLATFORM", track, f -> {
            int tid = process.currentThread().tid();
            boolean previous = !fdtrackDisabled.getOrDefault(tid, false);
            fdtrackDisabled.put(tid, (f.i32(0) & 0xff) == 0);
            f.ret(previous ? 1 : 0);
        });
        t.function("android_fdtrack_set_globally_enabled", "LIBC_PLATFORM", track,
                f -> fdtrackGloballyDisabled = (f.i32(0) & 0xff) == 0);
    }

    private boolean fdtrackEnabled() {
        return !fdtrackDisabled.getOrDefault(process.currentThread().tid(), false) && !fdtrackGloballyDisabled;
    }

    static String tagType(long tag) {
        int type = (int) (tag >>> 56);
        if (type == 255) return (tag >>> 48) == 0xffff ? "native object of unknown type" : "Java object of unknown type";
        return type < TYPES.length ? TYPES[type] : TYPES[0];
    }

    static long tagValue(long tag) {
        return (tag << 8) >> 8;
    }

    /** bionic's android_fdsan_close_with_tag. */
    private long closeWithTag(CallFrame f, int fd, long expected) {
        if (fd != -1 && fdtrackHook != 0 && fdtrackEnabled()) {
            process.threads().scheduler().requireOutsideTrap();
            int tid = process.currentThread().tid();
            int savedErrno = errno();
            fdtrackDisabled.put(tid, true);
            long event = heap().calloc(1, 16);
            try {
                mem().writeInt(event, fd);
                mem().writeByte(event + 4, FDTRACK_EVENT_CLOSE);
                process.calls().call(fdtrackHook, event);
            } finally {
                heap().free(event);
                fdtrackDisabled.put(tid, false);
            }
            process.setErrno(savedErrno);
        }
        long e = entry(f, fd);
        if (e != 0) {
            long actual = mem().readLong(e);
            if (actual == expected) {
                mem().writeLong(e, 0);
            } else {
                String prefix = "attempted to close file descriptor " + fd + ", ";
                if (expected != 0 && actual != 0) {
                    error(prefix + String.format("expected to be owned by %s 0x%x, actually owned by %s 0x%x",
                            tagType(expected), tagValue(expected), tagType(actual), tagValue(actual)));
                } else if (expected != 0) {
                    error(prefix + String.format("expected to be owned by %s 0x%x, actually unowned",
                            tagType(expected), tagValue(expected)));
                } else {
                    error(prefix + String.format("expected to be unowned, actually owned by %s 0x%x",
                            tagType(actual), tagValue(actual)));
                }
            }
        }
        long rc = process.libcResult(kernel.close(fd));
        if (expected != 0 && rc == -1 && errno() == Errno.EBADF) {
            error("double-close of file descriptor " + fd + " detected");
            process.setErrno(Errno.EBADF);
        }
        return rc;
    }

    private void exchange(CallFrame f, int fd, long expected, long tag) {
        long e = entry(f, fd);
        if (e == 0) return;
        long actual = mem().readLong(e);
        if (actual == expected) {
            mem().writeLong(e, tag);
            return;
        }
        String prefix = "failed to exchange ownership of file descriptor: fd " + fd + " is ";
        if (expected != 0 && actual != 0) {
            error(prefix + String.format("owned by %s 0x%x, was expected to be owned by %s 0x%x", tagType(actual),
                    tagValue(actual), tagType(expected), tagValue(expected)));
        } else if (expected != 0) {
            error(prefix + String.format("unowned, was expected to be owned by %s 0x%x", tagType(expected),
                    tagValue(expected)));
        } else {
            error(prefix + String.format("owned by %s 0x%x, was expected to be unowned", tagType(actual),
                    tagValue(actual)));
        }
    }

    /** fdsan_error: by the error level, nothing, a log line (once, then disabled) or an abort. */
    private void error(String message) {
        long levelAddress = table() + ERROR_LEVEL;
        int level = mem().readInt(levelAddress);
        switch (level) {
            case LEVEL_DISABLED -> { }
            case LEVEL_FATAL -> fatal(message);
            case LEVEL_WARN_ONCE, LEVEL_WARN_ALWAYS -> {
                process.output().log(ANDROID_LOG_ERROR, "fdsan", message, process.currentThread().tid());
                if (level == LEVEL_WARN_ONCE) mem().writeInt(levelAddress, LEVEL_DISABLED);
            }
            default -> { }
        }
    }

    /** async_safe_fatal("fdsan", ...): the message is logged and becomes the abort message. */
    private void fatal(String message) {
        process.output().log(ANDROID_LOG_FATAL, "fdsan", message, process.currentThread().tid());
        process.control().crash(6, message);
    }
}
