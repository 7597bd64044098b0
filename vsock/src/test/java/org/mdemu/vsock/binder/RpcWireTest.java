package org.mdemu.vsock.binder;

import android.os.IBinder;
import android.os.Parcel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Byte layouts from RpcWireFormat.h. */
class RpcWireTest {
    @Test
    void connectionHeaderIsSixteenBytesWithSessionIdSizeLast() {
        byte[] b = new RpcWire.ConnectionHeader(1, RpcWire.CONNECTION_OPTION_INCOMING, 0, 32).encode();
        assertThat(b).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0);
        RpcWire.ConnectionHeader h = RpcWire.ConnectionHeader.decode(b);
        assertThat(h).isEqualTo(new RpcWire.ConnectionHeader(1, 1, 0, 32));
    }

    @Test
    void newSessionResponseAndConnectionInit() {
        assertThat(RpcWire.newSessionResponse(1)).containsExactly(1, 0, 0, 0, 0, 0, 0, 0);
        assertThat(RpcWire.connectionInit()).containsExactly('c', 'c', 'i', 0, 0, 0, 0, 0);
    }

    @Test
    void transactionIsHeaderPlusFortyBytesPlusData() {
        long address = RpcWire.address(RpcWire.ADDRESS_OPTION_CREATED | RpcWire.ADDRESS_OPTION_FOR_SERVER, 5);
        byte[] b = RpcWire.transaction(address, 7, IBinder.FLAG_ONEWAY, 3, new byte[] {9, 9, 9, 9}, 4);
        assertThat(b).hasSize(16 + 40 + 4);
        assertThat(RpcWire.getInt(b, 0)).isEqualTo(RpcWire.COMMAND_TRANSACT);
        assertThat(RpcWire.getInt(b, 4)).isEqualTo(44);
        assertThat(RpcWire.getInt(b, 16)).isEqualTo(3);  // address.options
        assertThat(RpcWire.getInt(b, 20)).isEqualTo(5);  // address.address
        assertThat(RpcWire.getInt(b, 24)).isEqualTo(7);  // code
        assertThat(RpcWire.getInt(b, 28)).isEqualTo(1);  // flags
        assertThat(RpcWire.getLong(b, 32)).isEqualTo(3);  // asyncNumber
        assertThat(RpcWire.getInt(b, 40)).isEqualTo(4);  // parcelDataSize
        assertThat(b[56]).isEqualTo((byte) 9);
    }

    @Test
    void replyIsTwentyBytesFromVersionOneAndFourBefore() {
        byte[] v1 = RpcWire.reply(1, -74, new byte[] {1, 2, 3, 4}, 4);
        assertThat(v1).hasSize(16 + 20 + 4);
        assertThat(RpcWire.getInt(v1, 0)).isEqualTo(RpcWire.COMMAND_REPLY);
        assertThat(RpcWire.getInt(v1, 4)).isEqualTo(24);
        assertThat(RpcWire.getInt(v1, 16)).isEqualTo(-74);
        assertThat(RpcWire.getInt(v1, 20)).isEqualTo(4);
        byte[] v0 = RpcWire.reply(0, 0, new byte[] {1, 2, 3, 4}, 4);
        assertThat(v0).hasSize(16 + 4 + 4);
        assertThat(RpcWire.getInt(v0, 4)).isEqualTo(8);
    }

    @Test
    void decStrongIsAddressAmountReserved() {
        byte[] b = RpcWire.decStrong(RpcWire.address(1, 2), 3);
        assertThat(b).containsExactly(2, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void versionsAtOrAboveNextAreUnusable() {
        assertThat(RpcWire.isUsableVersion(0)).isTrue();
        assertThat(RpcWire.isUsableVersion(1)).isTrue();
        assertThat(RpcWire.isUsableVersion(2)).isFalse();
        assertThat(RpcWire.isUsableVersion(RpcWire.PROTOCOL_VERSION_EXPERIMENTAL)).isFalse();
    }
}
