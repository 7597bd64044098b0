package org.mdemu.test;

/** An interface a call of IFoo returns: each openSession makes a new object in the payload. */
interface IFooSession {
    String name();
    int increment();
}
