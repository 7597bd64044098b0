package org.mdemu.tests;

import java.util.concurrent.TimeUnit;
import org.mdemu.vsock.binder.RemoteBinder;

/** Waits for a session's binder node count (reference counting settles asynchronously). */
final class RpcSessionNodes {
    private RpcSessionNodes() {}

    static void awaitNodes(RemoteBinder any, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (any.session().nodeCount() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("session has " + any.session().nodeCount() + " nodes, expected " + count);
            }
            Thread.sleep(5);
        }
    }
}
