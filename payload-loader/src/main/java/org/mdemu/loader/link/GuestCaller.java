package org.mdemu.loader.link;

/** Runs guest code on behalf of the linker: IFUNC resolvers (with AT_HWCAP in x0), constructors, destructors. */
@FunctionalInterface
public interface GuestCaller {
    long call(long function, long... args);
}
