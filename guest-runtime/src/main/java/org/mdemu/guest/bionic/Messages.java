package org.mdemu.guest.bionic;

import java.io.ByteArrayOutputStream;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * Diagnostics to stderr and the names of signals and errors: err.h (BSD's err/warn family), error.h (GNU's error and
 * error_at_line with their counters and hook), psignal/psiginfo, sys_siglist/sys_signame, sig2str/str2sig and
 * strerrorname_np, worded as bionic words them.
 */
public final class Messages extends GuestSection {
    static final String[] SIGNAL_NAMES = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
        "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
        "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
    private static final String[] SIGNAL_TEXTS = {null, "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trap",
        "Aborted", "Bus error", "Floating point exception", "Killed", "User signal 1", "Segmentation fault",
        "User signal 2", "Broken pipe", "Alarm clock", "Terminated", "Stack fault", "Child exited", "Continue",
        "Stopped (signal)", "Stopped", "Stopped (tty input)", "Stopped (tty output)", "Urgent I/O condition",
        "CPU time limit exceeded", "File size limit exceeded", "Virtual timer expired", "Profiling timer expired",
        "Window size changed", "I/O possible", "Power failure", "Bad system call"};
    static final int SIGRTMIN = 42, SIGRTMAX = 64, NSIG = 65;
    /** bionic_errdefs.h's names, by Linux errno (gaps at 41 and 58). */
    private static final String[] ERROR_NAMES = new String[134];

    static {
        String[] low = {"0", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF", "ECHILD",
            "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR",
            "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK",
            "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP"};
        String[] middle = {"ENOMSG", "EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT", "EL3RST", "ELNRNG", "EUNATCH", "ENOCSI",
            "EL2HLT", "EBADE", "EBADR", "EXFULL", "ENOANO", "EBADRQC", "EBADSLT"};
        String[] high = {"EBFONT", "ENOSTR", "ENODATA", "ETIME", "ENOSR", "ENONET", "ENOPKG", "EREMOTE", "ENOLINK",
            "EADV", "ESRMNT", "ECOMM", "EPROTO", "EMULTIHOP", "EDOTDOT", "EBADMSG", "EOVERFLOW", "ENOTUNIQ", "EBADFD",
            "EREMCHG", "ELIBACC", "ELIBBAD", "ELIBSCN", "ELIBMAX", "ELIBEXEC", "EILSEQ", "ERESTART", "ESTRPIPE",
            "EUSERS", "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT",
            "ESOCKTNOSUPPORT", "EOPNOTSUPP", "EPFNOSUPPORT", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN",
            "ENETUNREACH", "ENETRESET", "ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN",
            "ETOOMANYREFS", "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN", "EHOSTUNREACH", "EALREADY", "EINPROGRESS",
            "ESTALE", "EUCLEAN", "ENOTNAM", "ENAVAIL", "EISNAM", "EREMOTEIO", "EDQUOT", "ENOMEDIUM", "EMEDIUMTYPE",
            "ECANCELED", "ENOKEY", "EKEYEXPIRED", "EKEYREVOKED", "EKEYREJECTED", "EOWNERDEAD", "ENOTRECOVERABLE",
            "ERFKILL", "EHWPOISON"};
        System.arraycopy(low, 0, ERROR_NAMES, 0, low.length);
        System.arraycopy(middle, 0, ERROR_NAMES, 42, middle.length);
        System.arraycopy(high, 0, ERROR_NAMES, 59, high.length);
    }

    private final StdioFunctions stdio;
    private final PrintfFormatter formatter;
    private Rows rows;
    private long messageCount, onePerLine, printProgname;
    private String lastFile;
    private long lastLine = -1;

    public Messages(GuestProcess process, StdioFunctions stdio, PrintfFormatter formatter) {
        super(process);
        this.stdio = stdio;
        this.formatter = formatter;
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        Support exits = Support.full("writes to stderr, then exit(status) with its handlers");
        t.functionCallingGuest("err", "LIBC", exits, f -> report(f, f.i32(0), f.ptr(1), f.varargs(2, 0), true, true));
        t.functionCallingGuest("verr", "LIBC", exits, f -> report(f, f.i32(0), f.ptr(1), f.vaList(f.ptr(2)), true, true));
        t.functionCallingGuest("errx", "LIBC", exits, f -> report(f, f.i32(0), f.ptr(1), f.varargs(2, 0), false, true));
        t.functionCallingGuest("verrx", "LIBC", exits, f -> report(f, f.i32(0), f.ptr(1), f.vaList(f.ptr(2)), false, true));
        t.function("warn", f -> report(f, 0, f.ptr(0), f.varargs(1, 0), true, false));
        t.function("vwarn", f -> report(f, 0, f.ptr(0), f.vaList(f.ptr(1)), true, false));
        t.function("warnx", f -> report(f, 0, f.ptr(0), f.varargs(1, 0), false, false));
        t.function("vwarnx", f -> report(f, 0, f.ptr(0), f.vaList(f.ptr(1)), false, false));
        t.data("error_message_count", "LIBC", 4, 4, Support.FULL, a -> messageCount = a);
        t.data("error_one_per_line", "LIBC", 4, 4, Support.FULL, a -> onePerLine = a);
        t.data("error_print_progname", "LIBC", 8, 8, Support.FULL, a -> printProgname = a);
        Support gnu = Support.full("GNU's format: program name (or error_print_progname), message, strerror;"
                + " exit(status) when status is not 0");
        t.functionCallingGuest("error", "LIBC", gnu, f -> error(f, f.i32(0), f.i32(1), null, 0, f.ptr(2), f.varargs(3, 0)));
        t.functionCallingGuest("error_at_line", "LIBC", gnu,
                f -> error(f, f.i32(0), f.i32(1), cbytes(f.ptr(2)), f.u32(3), f.ptr(4), f.varargs(5, 0)));
        t.function("psignal", f -> psignal(f.i32(0), cbytes(f.ptr(1))));
        t.function("psiginfo", f -> psignal(mem().readInt(f.ptr(0)), cbytes(f.ptr(1))));
        t.data("sys_siglist", "LIBC", NSIG * 8, 8, Support.FULL, a -> {
            for (int i = 1; i < SIGNAL_TEXTS.length; i++) mem().writeLong(a + 8L * i, constant(SIGNAL_TEXTS[i]));
        });
        t.data("sys_signame", "LIBC", NSIG * 8, 8, Support.FULL, a -> {
            for (int i = 1; i < SIGNAL_NAMES.length; i++) mem().writeLong(a + 8L * i, constant(SIGNAL_NAMES[i]));
        });
        t.function("sig2str", "LIBC_36", Support.FULL, f -> {
            String name = sig2str(f.i32(0));
            if (name == null) {
                f.ret(-1);
                return;
            }
            mem().writeCString(f.ptr(1), name);
            f.ret(0);
        });
        t.function("str2sig", "LIBC_36", Support.FULL, f -> {
            int sig = str2sig(latin1(cbytes(f.ptr(0))));
            if (sig < 0) {
                f.ret(-1);
                return;
            }
            mem().writeInt(f.ptr(1), sig);
            f.ret(0);
        });
        t.function("strerrorname_np", "LIBC_V", Support.FULL, f -> {
            int e = f.i32(0);
            f.ret(e < 0 || e >= ERROR_NAMES.length || ERROR_NAMES[e] == null ? 0 : constant(ERROR_NAMES[e]));
        });
    }

    static String sig2str(int sig) {
        if (sig >= 1 && sig <= 31) return SIGNAL_NAMES[sig];
        if (sig == SIGRTMIN) return "RTMIN";
        if (sig == SIGRTMAX) return "RTMAX";
        if (sig > SIGRTMIN && sig < SIGRTMAX) {
            return sig - SIGRTMIN <= SIGRTMAX - sig ? "RTMIN+" + (sig - SIGRTMIN) : "RTMAX-" + (SIGRTMAX - sig);
        }
        return null;
    }

    /** str2sig: a name, RTMIN/RTMAX, RTMIN+n/RTMAX-n, or a number of a regular signal; -1 otherwise. */
    static int str2sig(String s) {
        for (int i = 1; i <= 31; i++) if (s.equals(SIGNAL_NAMES[i])) return i;
        if (s.equals("RTMIN")) return SIGRTMIN;
        if (s.equals("RTMAX")) return SIGRTMAX;
        int base = 0;
        String number = s;
        if (s.startsWith("RTMIN+")) {
            base = SIGRTMIN;
            number = s.substring(5);
        } else if (s.startsWith("RTMAX-")) {
            base = SIGRTMAX;
            number = s.substring(5);
        }
        Long value = wholeDecimal(number);
        if (value == null) return -1;
        long result = base + value;
        boolean regular = base == 0 && result >= 1 && result <= 31;
        boolean realtime = result >= SIGRTMIN && result <= SIGRTMAX;
        return regular || realtime ? (int) result : -1;
    }

    /** strtol(s, &end, 10) that must use the whole string without overflowing; null otherwise. */
    private static Long wholeDecimal(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) i++;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
        int digits = i;
        long v = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            v = v * 10 + (s.charAt(i++) - '0');
            if (v > Integer.MAX_VALUE + 1L) return null;
        }
        if (i == digits) return s.isEmpty() ? Long.valueOf(0) : null; // a boxed 0L here unboxed the null: an NPE
        if (i != s.length()) return null;
        return negative ? -v : v;
    }

    private String progname(CallFrame f) {
        long p = rows.call(f, "getprogname");
        return p == 0 ? "" : latin1(mem().readCBytes(p));
    }

    private void writeStderr(byte[] b) {
        stdio.writeTo(stdio.standardStream(2), b);
    }

    /** vfprintf(stderr, fmt, args): the formatted text goes to the stream in chunks, as it is produced. */
    private void printStderr(long fmt, VarArgs args) {
        StdioStream err = stdio.stream(stdio.standardStream(2));
        if (err != null) formatter.format(mem().readCBytes(fmt), args, stdio.sinkTo(err));
    }

    /** err/warn: "progname: message: strerror(errno)\n" (x forms: no strerror); err forms then exit. */
    private void report(CallFrame f, int status, long fmt, VarArgs args, boolean withErrno, boolean exit) {
        int saved = errno();
        writeStderr(latin1(progname(f) + ": "));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (fmt != 0) {
            printStderr(fmt, args);
            if (withErrno) out.writeBytes(latin1(": "));
        }
        if (withErrno) out.writeBytes(latin1(ErrnoNames.describe(saved)));
        out.write('\n');
        writeStderr(out.toByteArray());
        if (exit) rows.call(f, "exit", status);
    }

    private void error(CallFrame f, int status, int errnum, byte[] file, long line, long fmt, VarArgs args) {
        if (file != null && mem().readInt(onePerLine) != 0) {
            String name = latin1(file);
            if (name.equals(lastFile) && line == lastLine) return;
            lastFile = name;
            lastLine = line;
        }
        mem().writeInt(messageCount, mem().readInt(messageCount) + 1);
        long hook = mem().readLong(printProgname);
        if (hook != 0) process.calls().call(hook);
        else writeStderr(latin1(progname(f) + ":"));
        writeStderr(file != null ? latin1(latin1(file) + ":" + (int) line + ": ") : latin1(" "));
        printStderr(fmt, args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (errnum != 0) out.writeBytes(latin1(": " + ErrnoNames.describe(errnum)));
        out.write('\n');
        writeStderr(out.toByteArray());
        if (status != 0) rows.call(f, "exit", status);
    }

    private void psignal(int sig, byte[] prefix) {
        String text = SignalNames.describe(sig);
        StringBuilder s = new StringBuilder();
        if (prefix != null && prefix.length > 0) s.append(latin1(prefix)).append(": ");
        s.append(text).append('\n');
        writeStderr(latin1(s.toString()));
    }
}
