package org.mdemu.guest.bionic;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * sys/system_properties.h over Microdroid's read-only property set. Each property gets a guest {@code prop_info}
 * laid out as bionic's (serial, 92-byte value, name), made on first use; setting a property is refused, as init's
 * property service refuses a payload that lacks the set_prop permission.
 */
public final class PropertyFunctions implements LibrarySection {
    public static final int PROP_VALUE_MAX = 92, PROP_NAME_MAX = 32;
    private static final int PROP_ERROR_PERMISSION_DENIED = 0x18;
    private static final int ANDROID_LOG_WARN = 5;

    private final GuestProcess process;
    private final Map<String, String> properties;
    private final Map<String, Long> infos = new LinkedHashMap<>();

    public PropertyFunctions(GuestProcess process, Map<String, String> properties) {
        this.process = process;
        this.properties = properties;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("__system_property_get", this::get);
        t.function("__system_property_find", f -> f.ret(find(f.cstr(0))));
        t.function("__system_property_read", Support.full("name copied up to PROP_NAME_MAX"), this::read);
        t.functionCallingGuest("__system_property_read_callback", "LIBC_O", Support.full("calls the guest callback"),
                this::readCallback);
        t.functionCallingGuest("__system_property_foreach", Support.full("calls the guest function per property"),
                this::foreach);
        t.function("__system_property_set", Support.full("refused: -1, as init answers a payload without set_prop"),
                this::set);
    }

    private void get(CallFrame f) {
        String value = properties.getOrDefault(f.cstr(0), "");
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, PROP_VALUE_MAX - 1);
        process.memory().write(f.ptr(1), Arrays.copyOf(b, n + 1));
        f.ret(n);
    }

    /** The prop_info for a name, or 0 if the property does not exist. */
    synchronized long find(String name) {
        if (name == null || !properties.containsKey(name)) return 0;
        return infos.computeIfAbsent(name, n -> {
            byte[] nameBytes = n.getBytes(StandardCharsets.UTF_8);
            long info = process.heap().malloc(96L + nameBytes.length + 1);
            byte[] block = new byte[96 + nameBytes.length + 1];
            byte[] value = properties.get(n).getBytes(StandardCharsets.UTF_8);
            int length = Math.min(value.length, PROP_VALUE_MAX - 1);
            System.arraycopy(value, 0, block, 4, length);
            // The serial: the value's length in the top byte, as bionic's prop_info keeps it (no change count).
            block[3] = (byte) length;
            System.arraycopy(nameBytes, 0, block, 96, nameBytes.length);
            process.memory().write(info, block);
            return info;
        });
    }

    /** The property names in the order __system_property_foreach visits them. */
    java.util.List<String> names() {
        return java.util.List.copyOf(properties.keySet());
    }

    /** A property's value, or null. */
    String value(String name) {
        return properties.get(name);
    }

    private void read(CallFrame f) {
        long info = f.ptr(0), name = f.ptr(1), value = f.ptr(2);
        String propertyName = process.memory().readCString(info + 96);
        String propertyValue = process.memory().readCString(info + 4);
        if (name != 0) {
            byte[] b = propertyName.getBytes(StandardCharsets.UTF_8);
            process.memory().write(name, Arrays.copyOf(b, Math.min(b.length, PROP_NAME_MAX - 1) + 1));
            process.memory().writeByte(name + Math.min(b.length, PROP_NAME_MAX - 1), 0);
        }
        if (value != 0) process.memory().writeCString(value, propertyValue);
        f.ret(propertyValue.getBytes(StandardCharsets.UTF_8).length);
    }

    private void readCallback(CallFrame f) {
        long info = f.ptr(0), callback = f.ptr(1), cookie = f.ptr(2);
        process.calls().call(callback, cookie, info + 96, info + 4, process.memory().readInt(info));
    }

    private void foreach(CallFrame f) {
        long function = f.ptr(0), cookie = f.ptr(1);
        for (String name : properties.keySet()) process.calls().call(function, find(name), cookie);
        f.ret(0);
    }

    private void set(CallFrame f) {
        String key = f.cstr(0), value = f.cstr(1);
        if (key == null || value == null || value.length() >= PROP_VALUE_MAX && !key.startsWith("ro.")) {
            f.ret(-1);
            return;
        }
        String message = String.format("Unable to set property \"%s\" to \"%s\": PROP_ERROR_PERMISSION_DENIED (0x%x)",
                key, value, PROP_ERROR_PERMISSION_DENIED);
        process.output().log(ANDROID_LOG_WARN, "libc", message, process.currentThread().tid());
        f.ret(-1);
    }
}
