package org.mdemu.test;

import org.mdemu.test.IFooCallback;
import org.mdemu.test.IFooSession;
import org.mdemu.test.Point;

/**
 * The AIDL fixture of mdemu: one interface for both sides. The payload implements it in C++ (NDK backend, BnFoo),
 * the host calls it through the Java backend's proxy. Android 10's aidl (Debian's) has no enum declarations, so
 * the shape kinds are int constants.
 */
interface IFoo {
    const int ERROR_REFUSED = 1;
    const int ERROR_NOT_FOUND = 2;

    const int SHAPE_POINT = 0;
    const int SHAPE_LINE = 1;
    const int SHAPE_POLYGON = 2;

    boolean negate(boolean b);
    byte addBytes(byte a, byte b);
    char nextChar(char c);
    int add(int a, int b);
    long multiply(long a, long b);
    float half(float f);
    double sqrt(double d);
    String echo(String s);
    @nullable String echoNullable(@nullable String s);

    int[] reverseInts(in int[] values);
    @nullable int[] reverseNullable(in @nullable int[] values);
    long[] squares(in long[] values);
    String[] sortStrings(in String[] values);
    byte[] xorBytes(in byte[] data, byte key);
    boolean[] invert(in boolean[] values);
    double[] scale(in double[] values, double factor);
    void fill(int value, out int[] values);

    Point translate(in Point p, int dx, int dy);
    Point[] mirror(in Point[] points);
    int shapeOf(in Point[] points);

    oneway void record(int value);
    int[] recorded();

    int callBack(IFooCallback callback, int value);
    void registerCallback(IFooCallback callback);
    void notifyCallbacks(String event);

    IFooSession openSession(String name);

    void fail(int errorCode, String message);
}
