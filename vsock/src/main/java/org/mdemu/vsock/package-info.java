/**
 * The vsock device and its wire protocols (Parcel, binder RPC) on Netty. Empty until the vsock/binder issue: the
 * module exists so the reactor already has the layer the architecture names.
 */
package org.mdemu.vsock;
