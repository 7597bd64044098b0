package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;

/**
 * unistd.h's _FORTIFY_SOURCE entry points: bionic's count and buffer checks, then the same kernel operation the
 * plain read/pread/write rows call.
 */
public final class FortifiedIo implements LibrarySection {
    private final GuestProcess process;
    private final LinuxKernel kernel;
    private final Fortify fortify;

    public FortifiedIo(GuestProcess process, LinuxKernel kernel) {
        this.process = process;
        this.kernel = kernel;
        this.fortify = new Fortify(process);
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("__read_chk", f -> {
            check("read", "write into", f.i64(2), f.i64(3));
            f.ret(process.libcResult(kernel.read(f.i32(0), f.ptr(1), f.i64(2))));
        });
        for (String name : new String[] {"pread", "pread64"}) {
            t.function("__" + name + "_chk", f -> {
                check(name, "write into", f.i64(2), f.i64(4));
                f.ret(process.libcResult(kernel.pread(f.i32(0), f.ptr(1), f.i64(2), f.i64(3))));
            });
        }
        t.function("__write_chk", "LIBC_N", Support.FULL, f -> {
            check("write", "read from", f.i64(2), f.i64(3));
            f.ret(process.libcResult(kernel.write(f.i32(0), f.ptr(1), f.i64(2))));
        });
    }

    private void check(String function, String action, long count, long bufferSize) {
        fortify.checkCount(function, "count", count);
        fortify.checkAccess(function, action, count, bufferSize);
    }
}
