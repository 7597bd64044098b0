package org.mdemu.guest.binder;

/** An AIBinder_Class: the interface descriptor and the guest's onCreate/onDestroy/onTransact callbacks. */
final class NdkClass {
    final String descriptor;
    final long descriptorCString;
    final long onCreate, onDestroy, onTransact;
    long onDump;
    /** The AIBinder_Class pointer the guest holds. */
    long handle;
    /** Whether transactions start with the interface token (AIBinder_Class_disableInterfaceTokenHeader clears it). */
    boolean writeHeader = true;

    NdkClass(String descriptor, long descriptorCString, long onCreate, long onDestroy, long onTransact) {
        this.descriptor = descriptor;
        this.descriptorCString = descriptorCString;
        this.onCreate = onCreate;
        this.onDestroy = onDestroy;
        this.onTransact = onTransact;
    }
}
