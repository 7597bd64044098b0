package org.mdemu.test;

/** A structured parcelable. */
parcelable Point {
    int x;
    int y;
    @nullable String label;
    long[] tags;
}
