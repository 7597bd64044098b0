package org.mdemu.tests.aidl;

import android.os.RemoteException;
import android.os.ServiceSpecificException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.mdemu.test.IFoo;
import org.mdemu.test.IFooCallback;
import org.mdemu.test.IFooSession;
import org.mdemu.test.Point;

/**
 * IFoo in Java, as a host app would implement it with the generated Stub: the reference the payload's C++ service
 * (tests/payloads/src/aidl_foo.cpp) must agree with, method for method ({@link FooContract} runs against both).
 */
final class JavaFoo extends IFoo.Stub {
    private final List<Integer> recorded = new CopyOnWriteArrayList<>();
    private final List<IFooCallback> callbacks = new CopyOnWriteArrayList<>();

    @Override public boolean negate(boolean b) { return !b; }
    @Override public byte addBytes(byte a, byte b) { return (byte) (a + b); }
    @Override public char nextChar(char c) { return (char) (c + 1); }
    @Override public int add(int a, int b) { return a + b; }
    @Override public long multiply(long a, long b) { return a * b; }
    @Override public float half(float f) { return f / 2; }
    @Override public double sqrt(double d) { return Math.sqrt(d); }
    @Override public String echo(String s) { return s; }
    @Override public String echoNullable(String s) { return s; }

    @Override
    public int[] reverseInts(int[] values) {
        int[] r = new int[values.length];
        for (int i = 0; i < values.length; i++) r[i] = values[values.length - 1 - i];
        return r;
    }

    @Override
    public int[] reverseNullable(int[] values) {
        return values == null ? null : reverseInts(values);
    }

    @Override
    public long[] squares(long[] values) {
        return Arrays.stream(values).map(v -> v * v).toArray();
    }

    @Override
    public String[] sortStrings(String[] values) {
        String[] r = values.clone();
        Arrays.sort(r);
        return r;
    }

    @Override
    public byte[] xorBytes(byte[] data, byte key) {
        byte[] r = new byte[data.length];
        for (int i = 0; i < data.length; i++) r[i] = (byte) (data[i] ^ key);
        return r;
    }

    @Override
    public boolean[] invert(boolean[] values) {
        boolean[] r = new boolean[values.length];
        for (int i = 0; i < values.length; i++) r[i] = !values[i];
        return r;
    }

    @Override
    public double[] scale(double[] values, double factor) {
        return Arrays.stream(values).map(v -> v * factor).toArray();
    }

    @Override
    public void fill(int value, int[] values) {
        Arrays.fill(values, value);
    }

    @Override
    public Point translate(Point p, int dx, int dy) {
        Point r = new Point();
        r.x = p.x + dx;
        r.y = p.y + dy;
        r.label = p.label;
        r.tags = p.tags;
        return r;
    }

    @Override
    public Point[] mirror(Point[] points) {
        Point[] r = new Point[points.length];
        for (int i = 0; i < points.length; i++) r[i] = translate(points[i], -2 * points[i].x, -2 * points[i].y);
        return r;
    }

    @Override
    public int shapeOf(Point[] points) {
        return switch (points.length) {
            case 0 -> throw new ServiceSpecificException(ERROR_REFUSED, "no points, no shape");
            case 1 -> SHAPE_POINT;
            case 2 -> SHAPE_LINE;
            default -> SHAPE_POLYGON;
        };
    }

    @Override
    public void record(int value) {
        recorded.add(value);
    }

    @Override
    public int[] recorded() {
        return new ArrayList<>(recorded).stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int callBack(IFooCallback callback, int value) throws RemoteException {
        return callback.onValue(value) + 1;
    }

    @Override
    public void registerCallback(IFooCallback callback) {
        callbacks.add(callback);
    }

    @Override
    public void notifyCallbacks(String event) throws RemoteException {
        for (IFooCallback c : callbacks) c.onEvent(event);
    }

    @Override
    public IFooSession openSession(String name) {
        AtomicInteger count = new AtomicInteger();
        return new IFooSession.Stub() {
            @Override public String name() { return name; }
            @Override public int increment() { return count.incrementAndGet(); }
            @Override public int getInterfaceVersion() { return IFooSession.VERSION; }
        };
    }

    @Override
    public void fail(int errorCode, String message) {
        throw new ServiceSpecificException(errorCode, message);
    }

    @Override
    public int getInterfaceVersion() {
        return IFoo.VERSION;
    }
}
