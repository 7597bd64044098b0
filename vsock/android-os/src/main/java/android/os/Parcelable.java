package android.os;

/** An object that writes itself into a Parcel and is rebuilt from one by its class's CREATOR. */
public interface Parcelable {
    /** writeToParcel flag: the object is a return value (resources it holds may be released). */
    int PARCELABLE_WRITE_RETURN_VALUE = 0x0001;
    /** writeToParcel flag: the parent writes state shared by several objects once (hidden on Android). */
    int PARCELABLE_ELIDE_DUPLICATES = 0x0002;
    /** describeContents bit: the flattened object holds a file descriptor. */
    int CONTENTS_FILE_DESCRIPTOR = 0x0001;

    /** Kinds of special objects the flattened form holds (CONTENTS_FILE_DESCRIPTOR), usually 0. */
    int describeContents();

    void writeToParcel(Parcel dest, int flags);

    /** Rebuilds instances of a Parcelable class from a Parcel: the static CREATOR field every Parcelable has. */
    interface Creator<T> {
        T createFromParcel(Parcel source);

        T[] newArray(int size);
    }

    /** A Creator that is also told the ClassLoader the object is read with. */
    interface ClassLoaderCreator<T> extends Creator<T> {
        T createFromParcel(Parcel source, ClassLoader loader);
    }
}
