package org.mdemu.test;

/** Implemented by the host (IFooCallback.Stub) and called by the payload, during a call or later. */
interface IFooCallback {
    int onValue(int value);
    oneway void onEvent(String event);
}
