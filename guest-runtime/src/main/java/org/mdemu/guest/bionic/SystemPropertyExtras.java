package org.mdemu.guest.bionic;

import java.util.List;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * The rest of sys/system_properties.h: serials, waiting for a change, enumeration by index, and the property
 * service's own writer entry points. Microdroid's properties are fixed for the payload's life, so serials never
 * move: a wait returns at once if the caller's serial is already stale, and otherwise sleeps on the serial's futex
 * until its timeout, as on a device where nothing sets the property. Only init may write the property area.
 */
public final class SystemPropertyExtras extends GuestSection {
    private static final int FUTEX_WAIT = 0;
    private static final int ANDROID_LOG_ERROR = 6;
    private final PropertyFunctions properties;
    private Rows rows;

    public SystemPropertyExtras(GuestProcess process, PropertyFunctions properties) {
        super(process);
        this.properties = properties;
    }

    /** The property area's serial word (bionic's prop_area serial), kept in guest memory so futex waits can use it. */
    private long areaSerial() {
        return staticBuffer("property-area-serial", 8);
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        t.function("__system_property_area_serial", f -> f.ret(mem().readInt(areaSerial()) & 0xffffffffL));
        t.function("__system_property_serial", f -> f.ret(mem().readInt(f.ptr(0)) & 0xffffffffL));
        t.function("__system_property_find_nth", f -> {
            List<String> names = properties.names();
            long n = f.u32(0);
            f.ret(n < names.size() ? properties.find(names.get((int) n)) : 0);
        });
        t.function("__system_property_wait", "LIBC_O", Support.full("properties never change here: returns at once"
                + " for a stale serial, else sleeps until the timeout (forever without one)"),
                f -> f.ret(waitFor(f, f.ptr(0), f.u32(1), f.ptr(2), f.ptr(3)) ? 1 : 0));
        t.function("__system_property_wait_any", "LIBC_DEPRECATED", Support.full("waits on the area's serial"),
                f -> {
                    long out = heap().calloc(1, 8);
                    try {
                        waitFor(f, 0, f.u32(0), out, 0);
                        f.ret(mem().readInt(out) & 0xffffffffL);
                    } finally {
                        heap().free(out);
                    }
                });
        t.function("__system_properties_init", "LIBC_Q", Support.full("already initialised: 0"), f -> f.ret(0));
        t.functionCallingGuest("__system_properties_zygote_reload", "LIBC_V",
                Support.full("nothing to reload: 0; from a thread other than the main one, bionic's CHECK aborts"),
                f -> {
                    if (process.currentThread().tid() != process.pid()) {
                        process.control().crash(6, "__system_properties_zygote_reload: CHECK 'getpid() == gettid()'"
                                + " failed");
                        return;
                    }
                    f.ret(0);
                });
        Support initOnly = Support.partial("only init writes the property area: -1 and an \"Access denied\" log line"
                + " (on a device the payload's read-only mapping would fault)");
        t.function("__system_property_add", "LIBC_PLATFORM", initOnly, f -> {
            process.output().log(ANDROID_LOG_ERROR, "libc", "Access denied adding property \""
                    + latin1(cbytes(f.ptr(0))) + "\"", process.currentThread().tid());
            f.ret(-1);
        });
        t.function("__system_property_update", "LIBC_PLATFORM", initOnly, f -> f.ret(-1));
        t.function("__system_property_area_init", "LIBC_PLATFORM", Support.full("only init creates the property"
                + " area: -1"), f -> f.ret(-1));
        t.function("__system_property_set_filename", "LIBC_PLATFORM", Support.full("-1, as bionic always answers"),
                f -> f.ret(-1));
        t.data("__system_property_area__", "LIBC_PLATFORM", 8, 8, Support.full("NULL, as bionic keeps it"),
                address -> { });
    }

    /**
     * bionic's SystemProperties::Wait: the serial of pi (of the area when pi is NULL); true with *newSerial once it
     * differs from old, false when the relative timeout passes first.
     */
    private boolean waitFor(CallFrame f, long pi, long old, long newSerial, long timeout) {
        long serial = pi == 0 ? areaSerial() : pi;
        while (true) {
            long current = mem().readInt(serial) & 0xffffffffL;
            if (current != old) {
                mem().writeInt(newSerial, (int) current);
                return true;
            }
            long rc = rows.call(f, "syscall", 98, serial, FUTEX_WAIT, old, timeout);
            if (rc == -1 && errno() == org.mdemu.guest.kernel.Errno.ETIMEDOUT) return false;
            if (rc == -1 && errno() == org.mdemu.guest.kernel.Errno.EINTR) {
                // bionic loops; here the signal's handler runs first, then the call starts again.
                process.currentThread().restartAfterHandler = true;
                return false;
            }
        }
    }
}
