package org.mdemu.guest.binder;

import android.os.IBinder;

/** One AIBinder_linkToDeath: the recipient and cookie, linked to a proxy. */
record NdkDeathLink(NdkDeathRecipient recipient, long cookie, IBinder.DeathRecipient javaRecipient) {}
