package org.mdemu.guest.payload;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.kernel.GuestProcess;

/** Constant C strings handed to the guest, allocated once each and valid for the VM's lifetime. */
final class GuestStrings {
    private final GuestProcess process;
    private final Map<String, Long> interned = new HashMap<>();

    GuestStrings(GuestProcess process) {
        this.process = process;
    }

    long of(String s) {
        return interned.computeIfAbsent(s, text -> {
            byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            long address = process.heap().malloc(utf8.length + 1);
            process.memory().writeCString(address, text);
            return address;
        });
    }
}
