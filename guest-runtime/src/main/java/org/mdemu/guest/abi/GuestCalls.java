package org.mdemu.guest.abi;

/**
 * Calls from Java into guest code and back, for callbacks such as qsort's comparator, atexit handlers,
 * pthread_once routines, IFUNC resolvers and constructors. Nested calls are allowed: the caller's registers are
 * preserved around the call.
 */
public interface GuestCalls {
    /** Calls the guest function at address with integer-class arguments; returns x0. */
    long call(long function, long... args);
}
