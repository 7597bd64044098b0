package org.mdemu.guest.abi;

/** The Java body of a guest-visible function. It reads its arguments from the frame and sets its result there. */
@FunctionalInterface
public interface FunctionHandler {
    void call(CallFrame frame);
}
