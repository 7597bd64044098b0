package android.os;

import java.io.Closeable;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * An open file, as AIDL's {@code ParcelFileDescriptor} type names it. It can be opened and used on the host, but
 * never sent: RPC binder over vsock carries no file descriptors (fd passing needs Unix domain sockets), on a device
 * as in mdemu, so writing one into a parcel or reading one out fails with the RuntimeException Android throws
 * for a parcel that does not allow them ("Not allowed to write file descriptors here"), naming the reason.
 */
public class ParcelFileDescriptor implements Parcelable, Closeable {
    public static final int MODE_WORLD_READABLE = 0x00000001;
    public static final int MODE_WORLD_WRITEABLE = 0x00000002;
    public static final int MODE_READ_ONLY = 0x10000000;
    public static final int MODE_WRITE_ONLY = 0x20000000;
    public static final int MODE_READ_WRITE = 0x30000000;
    public static final int MODE_CREATE = 0x08000000;
    public static final int MODE_TRUNCATE = 0x04000000;
    public static final int MODE_APPEND = 0x02000000;

    /** Reading a descriptor from a parcel fails as writing one does: none ever arrives over RPC binder. */
    public static final Parcelable.Creator<ParcelFileDescriptor> CREATOR = new Parcelable.Creator<>() {
        @Override
        public ParcelFileDescriptor createFromParcel(Parcel in) {
            throw notTransportable("ParcelFileDescriptor.CREATOR.createFromParcel");
        }

        @Override
        public ParcelFileDescriptor[] newArray(int size) {
            return new ParcelFileDescriptor[size];
        }
    };

    private final RandomAccessFile file;

    private ParcelFileDescriptor(RandomAccessFile file) {
        this.file = file;
    }

    /** Opens a file with MODE_* flags (MODE_APPEND is not supported on the desktop and is refused). */
    public static ParcelFileDescriptor open(File file, int mode) throws FileNotFoundException {
        if ((mode & MODE_APPEND) != 0) throw new IllegalArgumentException("MODE_APPEND is not supported by mdemu's ParcelFileDescriptor");
        int access = mode & MODE_READ_WRITE;
        if (access == 0) throw new IllegalArgumentException("Must specify MODE_READ_ONLY, MODE_WRITE_ONLY, or MODE_READ_WRITE");
        if ((mode & MODE_CREATE) == 0 && !file.exists()) throw new FileNotFoundException(file + ": no such file");
        RandomAccessFile f = new RandomAccessFile(file, access == MODE_READ_ONLY ? "r" : "rw");
        if ((mode & MODE_TRUNCATE) != 0 && access != MODE_READ_ONLY) {
            try {
                f.setLength(0);
            } catch (IOException e) {
                try {
                    f.close();
                } catch (IOException ignored) {
                    // the truncation's failure is the one to report
                }
                throw new FileNotFoundException(file + ": cannot truncate: " + e.getMessage());
            }
        }
        return new ParcelFileDescriptor(f);
    }

    public FileDescriptor getFileDescriptor() {
        try {
            return file.getFD();
        } catch (IOException e) {
            throw new IllegalStateException("file already closed", e);
        }
    }

    /** The file's size in bytes, or -1 when it cannot be known. */
    public long getStatSize() {
        try {
            return file.length();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    @Override
    public int describeContents() {
        return CONTENTS_FILE_DESCRIPTOR;
    }

    @Override
    public void writeToParcel(Parcel out, int flags) {
        throw notTransportable("ParcelFileDescriptor.writeToParcel");
    }

    static RuntimeException notTransportable(String what) {
        return new RuntimeException(what + ": Not allowed to write file descriptors here: RPC binder over vsock"
                + " carries no file descriptors (on a device as in mdemu)");
    }
}
