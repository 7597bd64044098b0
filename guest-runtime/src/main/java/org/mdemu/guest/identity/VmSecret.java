package org.mdemu.guest.identity;

/**
 * The VM's sealing secret (the role of microdroid_manager's VM secret): derives a stable secret per identifier,
 * the same for the same instance and payload identity on every boot. AVmPayload_getVmInstanceSecret and the
 * encrypted store's key both come from here.
 */
public interface VmSecret {
    /** {@code size} bytes (1..32) bound to this VM and {@code identifier}. */
    byte[] derive(byte[] identifier, int size);
}
