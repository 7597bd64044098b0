package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;

/**
 * sys/sendfile.h: copies from a seekable file to any descriptor without the bytes passing through the caller. As on
 * Linux the input must be a file one can seek in (EINVAL for pipes and sockets); with an offset pointer the input's
 * position is left alone and the offset advanced, without one the position moves. One call moves at most 1 MiB, a
 * short count the caller loops on as it must for Linux's 2 GiB cap. Reads with pread first, so a write that has to
 * wait changes nothing before the call is made again.
 */
public final class SendfileFunctions extends IoSection {
    private static final int CHUNK = 1 << 20;
    private static final int SEEK_SET = 0, SEEK_CUR = 1;

    public SendfileFunctions(GuestProcess process, LinuxKernel kernel) {
        super(process, kernel);
    }

    @Override
    public void declare(LibraryTable t) {
        Support note = Support.full("input must be seekable (EINVAL otherwise); at most 1 MiB per call");
        t.function("sendfile", note, this::sendfile);
        t.function("sendfile64", note, this::sendfile);
    }

    private void sendfile(CallFrame f) {
        int out = f.i32(0), in = f.i32(1);
        long offsetPointer = f.ptr(2), count = f.i64(3);
        long position = offsetPointer != 0 ? process.memory().readLong(offsetPointer) : kernel.lseek(in, 0, SEEK_CUR);
        if (position < 0) {
            f.ret(libc(position == -Errno.ESPIPE ? -Errno.EINVAL : position));
            return;
        }
        if (count <= 0) {
            f.ret(0);
            return;
        }
        int length = (int) Math.min(count, CHUNK);
        long buffer = process.heap().malloc(length);
        if (buffer == 0) {
            f.ret(libc(-Errno.ENOMEM));
            return;
        }
        try {
            long read = kernel.pread(in, buffer, length, position);
            if (read <= 0) {
                f.ret(libc(read == -Errno.ESPIPE ? -Errno.EINVAL : read));
                return;
            }
            long written = kernel.write(out, buffer, read);
            if (written > 0) {
                if (offsetPointer != 0) process.memory().writeLong(offsetPointer, position + written);
                else kernel.lseek(in, position + written, SEEK_SET);
            }
            f.ret(libc(written));
        } finally {
            process.heap().free(buffer);
        }
    }
}
