package org.mdemu.guest.runtime;

import org.mdemu.guest.abi.CallFrame;

/** Routes a raw {@code svc #0} (number in x8, arguments in x0..x5) to the kernel; returns the value for x0. */
@FunctionalInterface
public interface SyscallDispatch {
    long invoke(int number, CallFrame frame);
}
