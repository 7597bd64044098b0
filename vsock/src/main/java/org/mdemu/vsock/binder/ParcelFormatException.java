package org.mdemu.vsock.binder;

/** A parcel's bytes do not hold what is being read (a length past the end, a malformed object). */
public final class ParcelFormatException extends RuntimeException {
    public ParcelFormatException(String message) {
        super(message);
    }
}
