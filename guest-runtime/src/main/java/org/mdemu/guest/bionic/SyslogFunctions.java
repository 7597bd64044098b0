package org.mdemu.guest.bionic;

import java.nio.charset.StandardCharsets;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * syslog.h as bionic implements it: there is no syslog daemon, each message becomes a logcat record. The tag is the
 * one given to openlog (the program name otherwise); LOG_EMERG..LOG_ERR log as ANDROID_LOG_ERROR, LOG_WARNING as WARN,
 * LOG_NOTICE and LOG_INFO as INFO, LOG_DEBUG as DEBUG; setlogmask filters; "%m" is the caller's strerror(errno);
 * lines are cut at 1023 bytes. openlog's options and facility are ignored, as in bionic.
 */
public final class SyslogFunctions implements LibrarySection {
    private static final int LOG_PRIMASK = 7, LOG_ERR = 3, LOG_WARNING = 4, LOG_INFO = 6;
    private static final int ANDROID_LOG_DEBUG = 3, ANDROID_LOG_INFO = 4, ANDROID_LOG_WARN = 5, ANDROID_LOG_ERROR = 6;
    private static final int MAX_LINE = 1023;
    private static final Support NO_OPTIONS = Support.full("options and facility are ignored, as bionic does");

    private final GuestProcess process;
    private final PrintfFormatter formatter;
    private final java.util.function.Supplier<String> programName;
    private long tag;
    private int mask = 0xff;

    /** @param programName the default tag (getprogname()) */
    public SyslogFunctions(GuestProcess process, PrintfFormatter formatter, java.util.function.Supplier<String> programName) {
        this.process = process;
        this.formatter = formatter;
        this.programName = programName;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("openlog", NO_OPTIONS, f -> tag = f.ptr(0));
        t.function("closelog", f -> tag = 0);
        t.function("setlogmask", f -> {
            int old = mask;
            if (f.i32(0) != 0) mask = f.i32(0);
            f.ret(old);
        });
        t.function("syslog", f -> log(f, f.varargs(2, 0)));
        t.function("vsyslog", f -> log(f, f.vaList(f.ptr(2))));
    }

    private void log(CallFrame f, VarArgs args) {
        int priority = f.i32(0);
        int callerErrno = process.memory().readInt(process.currentThread().errnoAddress());
        if ((mask & (1 << (priority & LOG_PRIMASK))) == 0) return;
        byte[] fmt = expandErrno(process.memory().readCBytes(f.ptr(1)), callerErrno);
        PrintfSink.Kept line = PrintfSink.kept(MAX_LINE);
        formatter.format(fmt, args, line.sink());
        String text = new String(line.bytes(), StandardCharsets.UTF_8);
        String name = tag != 0 ? process.memory().readCString(tag) : programName.get();
        process.output().log(androidPriority(priority & LOG_PRIMASK), name, text, process.currentThread().tid());
    }

    static int androidPriority(int level) {
        if (level <= LOG_ERR) return ANDROID_LOG_ERROR;
        if (level == LOG_WARNING) return ANDROID_LOG_WARN;
        if (level <= LOG_INFO) return ANDROID_LOG_INFO;
        return ANDROID_LOG_DEBUG;
    }

    /** Replaces %m by the error text, keeping %% pairs intact so that "%%m" stays a literal "%m". */
    static byte[] expandErrno(byte[] fmt, int errno) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(fmt.length);
        for (int i = 0; i < fmt.length; i++) {
            if (fmt[i] == '%' && i + 1 < fmt.length && fmt[i + 1] == 'm') {
                // The text goes through the formatter: its own percent signs must stay literal.
                byte[] text = ErrnoNames.describe(errno).replace("%", "%%").getBytes(StandardCharsets.UTF_8);
                out.write(text, 0, text.length);
                i++;
            } else if (fmt[i] == '%' && i + 1 < fmt.length && fmt[i + 1] == '%') {
                out.write('%');
                out.write('%');
                i++;
            } else {
                out.write(fmt[i]);
            }
        }
        return out.toByteArray();
    }
}
