/**
 * debuggerd's part of the guest: what a device's crash_dump and tombstoned do when a process dies of a signal. The
 * crashing thread and every other thread of the process are unwound through the libraries' call frame information
 * ({@link org.mdemu.guest.debuggerd.CrashUnwinder}, libunwindstack's role), the probable cause is named
 * ({@link org.mdemu.guest.debuggerd.ProbableCause}), the tombstone is written as text
 * ({@link org.mdemu.guest.debuggerd.TombstoneText}) and kept in rotating files
 * ({@link org.mdemu.guest.debuggerd.TombstoneFiles}).
 */
package org.mdemu.guest.debuggerd;
