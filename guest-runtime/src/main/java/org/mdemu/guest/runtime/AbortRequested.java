package org.mdemu.guest.runtime;

/**
 * A library function implemented in Java gives up as bionic's would, by calling abort(): thrown out of the function,
 * it makes the calling thread continue in the guest-code abort() (with the function's caller as return address),
 * so SIGABRT reaches the payload's handler and, unless the handler leaves with siglongjmp, ends the process.
 */
final class AbortRequested extends RuntimeException {
    static final AbortRequested INSTANCE = new AbortRequested();

    private AbortRequested() {
        super("abort", null, false, false);
    }
}
