package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * termios.h, pty.h and the terminal parts of unistd.h/stdlib.h. A Microdroid payload has no terminal: its standard
 * streams are not ttys and /dev has no ptmx, so the terminal controls fail with ENOTTY (EBADF for a bad descriptor)
 * and opening a pseudo-terminal with ENOENT, as on a device. The termios struct functions (cfmakeraw, the speed
 * accessors) work on the caller's struct.
 */
public final class Terminals extends GuestSection {
    private static final int C_IFLAG = 0, C_OFLAG = 4, C_CFLAG = 8, C_LFLAG = 12, C_CC = 17;
    private static final int CBAUD = 0010017, VTIME = 5, VMIN = 6;
    private static final Support NO_TTY = Support.full("no terminals in the VM: ENOTTY (EBADF for a bad descriptor)");
    private Rows rows;

    public Terminals(GuestProcess process) {
        super(process);
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        for (String name : new String[] {"tcgetattr", "tcdrain", "tcsendbreak", "tcgetsid", "tcgetpgrp"}) {
            t.function(name, NO_TTY, f -> f.ret(notATerminal(f, f.i32(0))));
        }
        t.function("tcsetpgrp", NO_TTY, f -> f.ret(notATerminal(f, f.i32(0))));
        t.function("tcsetattr", NO_TTY, f -> {
            int action = f.i32(1);
            f.ret(action < 0 || action > 2 ? fail(Errno.EINVAL) : notATerminal(f, f.i32(0)));
        });
        t.function("tcflow", NO_TTY, f -> f.ret(f.i32(1) < 0 || f.i32(1) > 3 ? fail(Errno.EINVAL) : notATerminal(f, f.i32(0))));
        t.function("tcflush", NO_TTY, f -> f.ret(f.i32(1) < 0 || f.i32(1) > 2 ? fail(Errno.EINVAL) : notATerminal(f, f.i32(0))));
        t.function("tcgetwinsize", "LIBC_V", NO_TTY, f -> f.ret(notATerminal(f, f.i32(0))));
        t.function("tcsetwinsize", "LIBC_V", NO_TTY, f -> f.ret(notATerminal(f, f.i32(0))));
        t.function("ttyname", NO_TTY, f -> {
            notATerminal(f, f.i32(0));
            f.ret(0);
        });
        t.function("ttyname_r", NO_TTY, f -> {
            notATerminal(f, f.i32(0));
            f.ret(errno());
        });
        t.function("login_tty", NO_TTY, f -> f.ret(notATerminal(f, f.i32(0))));
        t.function("grantpt", Support.full("nothing to grant, as bionic"), f -> f.ret(0));
        t.function("unlockpt", NO_TTY, f -> f.ret(notATerminal(f, f.i32(0))));
        t.function("ptsname_r", NO_TTY, f -> {
            notATerminal(f, f.i32(0));
            f.ret(errno());
        });
        t.function("ptsname", NO_TTY, f -> {
            notATerminal(f, f.i32(0));
            f.ret(0);
        });
        Support ptmx = Support.full("opens /dev/ptmx, which the VM lacks: ENOENT");
        t.function("posix_openpt", ptmx, f -> f.ret(rows.call(f, "open", constant("/dev/ptmx"), f.i32(0), 0)));
        t.function("getpt", ptmx, f -> f.ret(rows.call(f, "open", constant("/dev/ptmx"), 02 | 0400, 0)));
        t.function("openpty", ptmx, f -> f.ret(rows.call(f, "open", constant("/dev/ptmx"), 02 | 0400, 0)));
        t.function("cfgetispeed", f -> f.ret(mem().readInt(f.ptr(0) + C_CFLAG) & CBAUD));
        t.function("cfgetospeed", f -> f.ret(mem().readInt(f.ptr(0) + C_CFLAG) & CBAUD));
        for (String name : new String[] {"cfsetispeed", "cfsetospeed", "cfsetspeed"}) {
            t.function(name, f -> {
                int speed = f.i32(1);
                if ((speed & ~CBAUD) != 0) {
                    f.ret(fail(Errno.EINVAL));
                    return;
                }
                long tio = f.ptr(0);
                mem().writeInt(tio + C_CFLAG, (mem().readInt(tio + C_CFLAG) & ~CBAUD) | speed);
                f.ret(0);
            });
        }
        t.function("cfmakeraw", f -> {
            long s = f.ptr(0);
            mem().writeInt(s + C_IFLAG, mem().readInt(s + C_IFLAG) & ~(1 | 2 | 010 | 040 | 0100 | 0200 | 0400 | 02000));
            mem().writeInt(s + C_OFLAG, mem().readInt(s + C_OFLAG) & ~1);
            mem().writeInt(s + C_LFLAG, mem().readInt(s + C_LFLAG) & ~(010 | 0100 | 2 | 1 | 0100000));
            mem().writeInt(s + C_CFLAG, (mem().readInt(s + C_CFLAG) & ~(060 | 0400)) | 060);
            mem().writeByte(s + C_CC + VMIN, 1);
            mem().writeByte(s + C_CC + VTIME, 0);
        });
    }

    /** -1 with errno EBADF for a closed descriptor, else ENOTTY: nothing in the VM is a terminal. */
    private long notATerminal(CallFrame f, int fd) {
        long tty = rows.call(f, "isatty", fd);
        if (tty == 0 && errno() == Errno.EBADF) return -1;
        return fail(Errno.ENOTTY);
    }
}
