/**
 * The vsock device and its wire protocols. {@code org.mdemu.vsock.binder} holds binder RPC, pure Java and
 * transport-agnostic: {@code Parcel} (Android's wire encoding), {@code RpcWire} (RpcWireFormat.h), the symmetric
 * session engine {@code RpcSession}, {@code RpcServer} and {@code RpcClient}, over any blocking {@code RpcTransport}.
 */
package org.mdemu.vsock;
