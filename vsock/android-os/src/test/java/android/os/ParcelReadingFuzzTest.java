package android.os;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Parcels from a misbehaving peer: any sequence of typed reads over any bytes either returns values or fails with a
 * {@link ParcelFormatException}; nothing else escapes, and no read allocates more than the parcel could hold.
 */
class ParcelReadingFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void typedReadsOfArbitraryBytesFailOnlyWithParcelFormatExceptions(FuzzedDataProvider input) {
        int reads = input.consumeInt(1, 16);
        int[] choices = new int[reads];
        for (int i = 0; i < reads; i++) choices[i] = input.consumeInt(0, 17);
        byte[] bytes = input.consumeRemainingAsBytes();
        Parcel p = Parcel.obtain();
        p.unmarshall(bytes, 0, bytes.length);
        p.setDataPosition(0);
        try {
            for (int choice : choices) read(p, choice);
        } catch (ParcelFormatException expected) {
            // the malformed part is named in the message
        }
    }

    private static void read(Parcel p, int choice) {
        switch (choice) {
            case 0 -> p.readInt();
            case 1 -> p.readLong();
            case 2 -> p.readString();
            case 3 -> p.readString16();
            case 4 -> p.createByteArray();
            case 5 -> p.createIntArray();
            case 6 -> p.createLongArray();
            case 7 -> p.createFloatArray();
            case 8 -> p.createDoubleArray();
            case 9 -> p.createBooleanArray();
            case 10 -> p.createCharArray();
            case 11 -> p.createStringArray();
            case 12 -> p.readStrongBinder();
            case 13 -> p.readBoolean();
            case 14 -> p.readDouble();
            case 15 -> p.readPersistableBundle();
            case 16 -> p.createTypedArrayList(PersistableBundle.CREATOR);
            default -> p.createBinderArray();
        }
    }
}
