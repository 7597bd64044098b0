package org.mdemu.test;

/** What ICalc calls back: implemented by the host as ICallback.Stub. */
interface ICallback {
    int onValue(int value);
}
