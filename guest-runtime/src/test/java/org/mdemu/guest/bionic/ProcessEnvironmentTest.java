package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.GuestSymbol;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.testing.BumpHeap;
import org.mdemu.guest.testing.FakeProcess;

class ProcessEnvironmentTest {
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");
    private final long environ;

    ProcessEnvironmentTest() {
        BumpHeap.on(process);
        Map<String, String> initial = new LinkedHashMap<>();
        initial.put("PATH", "/system/bin");
        initial.put("HOME", "/");
        libc.declare(new ProcessEnvironment(process, initial));
        environ = initData("environ");
        initData("__progname");
    }

    private long initData(String name) {
        long address = process.alloc(8);
        ((GuestSymbol.DataObject) libc.lookup(name).implementation()).initializer().initialize(address);
        return address;
    }

    private List<String> environ() {
        List<String> out = new ArrayList<>();
        for (long p = process.memory().readLong(environ); process.memory().readLong(p) != 0; p += 8) {
            out.add(process.readCString(process.memory().readLong(p)));
        }
        return out;
    }

    private String getenv(String name) {
        long p = process.call(libc, "getenv", process.cstring(name));
        return p == 0 ? null : process.readCString(p);
    }

    @Test
    void environStartsWithTheInitialVariablesInOrder() {
        assertThat(environ()).containsExactly("PATH=/system/bin", "HOME=/");
        assertThat(getenv("PATH")).isEqualTo("/system/bin");
        assertThat(getenv("PAT")).isNull();
    }

    @Test
    void setenvAndUnsetenvEditTheGuestArray() {
        assertThat(process.call(libc, "setenv", process.cstring("A"), process.cstring("1"), 0)).isZero();
        assertThat(process.call(libc, "setenv", process.cstring("A"), process.cstring("2"), 0)).isZero();
        assertThat(process.call(libc, "setenv", process.cstring("HOME"), process.cstring("/data"), 1)).isZero();
        assertThat(environ()).containsExactly("PATH=/system/bin", "HOME=/data", "A=1");
        assertThat(process.call(libc, "unsetenv", process.cstring("PATH"))).isZero();
        assertThat(environ()).containsExactly("HOME=/data", "A=1");
        assertThat(process.call(libc, "setenv", process.cstring("B=C"), process.cstring("1"), 1)).isEqualTo(-1);
        assertThat(process.errno()).isEqualTo(22);
    }

    @Test
    void putenvUsesTheCallersStringAndGetenvSeesDirectEdits() {
        long s = process.cstring("X=old");
        assertThat(process.call(libc, "putenv", s)).isZero();
        process.memory().write(s + 2, "new".getBytes());
        assertThat(getenv("X")).isEqualTo("new");
        assertThat(process.call(libc, "putenv", process.cstring("noequals"))).isEqualTo(-1);
    }

    @Test
    void clearenvEmptiesTheArray() {
        assertThat(process.call(libc, "clearenv")).isZero();
        assertThat(environ()).isEmpty();
        assertThat(getenv("PATH")).isNull();
    }

    @Test
    void prognameIsTheLauncherUntilSetToABasename() {
        assertThat(process.readCString(process.call(libc, "getprogname"))).isEqualTo("microdroid_launcher");
        process.call(libc, "setprogname", process.cstring("/bin/tool"));
        assertThat(process.readCString(process.call(libc, "getprogname"))).isEqualTo("tool");
    }
}
