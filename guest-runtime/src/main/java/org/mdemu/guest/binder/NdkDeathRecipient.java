package org.mdemu.guest.binder;

import java.util.ArrayList;
import java.util.List;

/** An AIBinder_DeathRecipient: the guest's onBinderDied and (API 33) onUnlinked callbacks, and its live links. */
final class NdkDeathRecipient {
    final long onBinderDied;
    long onUnlinked;
    final List<NdkBinder> linkedTo = new ArrayList<>();

    NdkDeathRecipient(long onBinderDied) {
        this.onBinderDied = onBinderDied;
    }
}
