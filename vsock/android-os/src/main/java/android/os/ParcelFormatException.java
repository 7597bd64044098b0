package android.os;

/**
 * A parcel does not hold what is being read from it: a length past its end, a malformed object. Where Android's
 * Parcel returns zeros past the end of its data, mdemu's throws this, so a malformed parcel is named at once.
 */
public class ParcelFormatException extends RuntimeException {
    public ParcelFormatException() {
    }

    public ParcelFormatException(String reason) {
        super(reason);
    }
}
