package org.mdemu.guest.abi;

import org.mdemu.guest.machine.HostFunction;

/**
 * The Java body of a guest-visible function. It reads its arguments from the frame and sets its result there. A
 * {@link HostFunction}, so an engine can call a row itself from compiled guest code (see {@code DirectTrap}).
 */
@FunctionalInterface
public interface FunctionHandler extends HostFunction<CallFrame> {
    @Override
    void call(CallFrame frame);
}
