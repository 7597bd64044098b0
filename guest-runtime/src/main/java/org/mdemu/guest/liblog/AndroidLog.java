package org.mdemu.guest.liblog;

import java.nio.charset.StandardCharsets;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.bionic.PrintfFormatter;
import org.mdemu.guest.bionic.PrintfSink;
import org.mdemu.guest.kernel.GuestProcess;

/** liblog.so: the NDK logging API (android/log.h), writing records to the VM's logcat stream. */
public final class AndroidLog implements LibrarySection {
    public static final String SONAME = "liblog.so";
    public static final String VERSION = "LIBLOG";
    private static final int ANDROID_LOG_FATAL = 7;

    private final GuestProcess process;
    private static final int LOG_BUF_SIZE = 1024;

    private final PrintfFormatter formatter;
    private final org.mdemu.guest.bionic.AbortMessage abortMessage;

    /** @param abortMessage libc's abort message, which __android_log_assert sets as liblog's default aborter does */
    public AndroidLog(GuestProcess process, PrintfFormatter formatter, org.mdemu.guest.bionic.AbortMessage abortMessage) {
        this.process = process;
        this.formatter = formatter;
        this.abortMessage = abortMessage;
    }

    public static LibraryTable newTable() {
        return new LibraryTable(SONAME, VERSION);
    }

    /** The message set by android_set_abort_message, for the tombstone. */
    public String abortMessage() {
        return abortMessage.get();
    }

    /** Sets the abort message unless one is set already (bionic keeps the first). */
    public void setAbortMessage(String message) {
        abortMessage.set(message);
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("__android_log_write", f -> f.ret(log(f.i32(0), f.cstr(1), f.cstr(2))));
        t.function("__android_log_print", f -> f.ret(log(f.i32(0), f.cstr(1), format(f.ptr(2), f.varargs(3, 0)))));
        t.function("__android_log_vprint", f -> f.ret(log(f.i32(0), f.cstr(1), format(f.ptr(2), f.vaList(f.ptr(3))))));
        t.function("__android_log_buf_write", Support.partial("every buffer goes to the one log stream"),
                f -> f.ret(log(f.i32(1), f.cstr(2), f.cstr(3))));
        t.function("__android_log_buf_print", Support.partial("every buffer goes to the one log stream"),
                f -> f.ret(log(f.i32(1), f.cstr(2), format(f.ptr(3), f.varargs(4, 0)))));
        t.function("__android_log_assert", f -> {
            String message = f.ptr(2) == 0 ? "assertion failed: " + f.cstr(0) : format(f.ptr(2), f.varargs(3, 0));
            log(ANDROID_LOG_FATAL, f.cstr(1), message);
            abortMessage.crash(message);
        });
        t.function("__android_log_is_loggable", f -> f.ret(f.i32(0) >= 4));
    }

    /** liblog formats into a LOG_BUF_SIZE (1024) stack buffer with vsnprintf: longer messages are cut there. */
    private String format(long fmt, VarArgs args) {
        PrintfSink.Kept message = PrintfSink.kept(LOG_BUF_SIZE - 1);
        formatter.format(process.memory().readCBytes(fmt), args, message.sink());
        return new String(message.bytes(), StandardCharsets.UTF_8);
    }

    private long log(int priority, String tag, String message) {
        String text = message == null ? "" : message;
        process.output().log(priority, tag == null ? "" : tag, text, process.currentThread().tid());
        return text.length();
    }
}
