package org.mdemu.test.shelf;

import android.os.ParcelFileDescriptor;
import android.os.PersistableBundle;
import org.mdemu.test.Point;

/**
 * What the Java backend supports beyond the NDK backend of Android 10's aidl (lists of parcelables, nullable
 * parcelables, inout arrays, bundles, file descriptors): compiled for Java only and served by the host in the tests.
 */
interface IShelf {
    List<Point> sortByX(in List<Point> points);
    List<String> upper(in List<String> words);
    void split(in List<Point> points, out List<Point> left, out List<Point> right);
    @nullable Point nearest(in @nullable Point p);
    void swap(inout int[] pair);
    PersistableBundle annotate(in PersistableBundle b);
    IBinder echoBinder(IBinder b);
    List<IBinder> binders(in List<IBinder> list);
    void store(in ParcelFileDescriptor fd);
    oneway void drop(in @nullable Point p);
}
