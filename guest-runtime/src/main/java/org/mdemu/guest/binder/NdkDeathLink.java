package org.mdemu.guest.binder;

import org.mdemu.vsock.binder.IBinder;

/** One AIBinder_linkToDeath: the recipient and cookie, linked to a proxy. */
record NdkDeathLink(NdkDeathRecipient recipient, long cookie, IBinder.DeathRecipient javaRecipient) {}
