package org.mdemu.test;

import android.os.PersistableBundle;
import org.mdemu.test.ICallback;

/**
 * The interface the C payloads binder_service and binder_local implement by hand with libbinder_ndk's C API
 * (tests/payloads/src/binder_calc.h): the same methods in the same order, so the same transaction codes. mix
 * answers with several values, which no AIDL method can describe: call it with parcels, not through this proxy.
 */
interface ICalc {
    int add(int a, int b);
    String echo(String s);
    byte[] secret();
    int callBack(ICallback cb, int value);
    void fail(int code, String message);
    long[] mix(in int[] ints, long l, double d, in boolean[] flags, in String[] names, char c, in byte[] bytes, float f);
    oneway void record(int value);
    int[] recorded();
    void watch(IBinder b);
    int deaths();
    ICalc child();
    void later(ICallback cb, int value);
    int[] laterOutcome();
    int destroyed();
    PersistableBundle bundleEcho(in PersistableBundle b);
}
