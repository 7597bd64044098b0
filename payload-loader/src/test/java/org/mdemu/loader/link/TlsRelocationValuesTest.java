package org.mdemu.loader.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each TLS relocation type stores, for a static and a dlopen'ed module (clang never emits DTPMOD on arm64). */
class TlsRelocationValuesTest {
    private static final int DTPMOD64 = 1028, DTPREL64 = 1029, TPREL64 = 1030, TLSDESC = 1031;

    /** A flat 1 MiB address space from 0x10000, enough for the resolver and index pages. */
    static final class FlatSpace implements AddressSpace {
        final byte[] memory = new byte[1 << 20];
        long next = 0x20000;

        @Override public long reserve(long size, long alignment, String name) {
            long at = (next + alignment - 1) & -alignment;
            next = at + size;
            return at;
        }
        @Override public void release(long address, long size) { }
        @Override public void write(long address, byte[] data, int offset, int length) {
            System.arraycopy(data, offset, memory, (int) (address - 0x10000), length);
        }
        @Override public byte[] read(long address, int length) {
            byte[] b = new byte[length];
            System.arraycopy(memory, (int) (address - 0x10000), b, 0, length);
            return b;
        }
        @Override public long readLong(long address) {
            long v = 0;
            for (int i = 7; i >= 0; i--) v = v << 8 | (memory[(int) (address - 0x10000) + i] & 0xff);
            return v;
        }
        @Override public void writeLong(long address, long value) {
            for (int i = 0; i < 8; i++) memory[(int) (address - 0x10000) + i] = (byte) (value >>> (8 * i));
        }
        @Override public void protect(long address, long size, int prot) { }
    }

    @Test
    void eachTypeStoresItsValue() {
        FlatSpace space = new FlatSpace();
        ThreadLocalModules tls = new ThreadLocalModules(space, () -> 0x4000_0000L);
        TlsModule staticModule = new TlsModule(1, "libs.so", 0, 8, 64, 16, 80);
        TlsModule dynamicModule = new TlsModule(2, "libd.so", 0, 8, 64, 16, TlsModule.DYNAMIC);
        List<String> problems = new ArrayList<>();
        long got = 0x10000;
        tls.apply(DTPMOD64, got, new ThreadLocalModules.Target(dynamicModule, 24), 0, "libx.so", problems);
        tls.apply(DTPREL64, got + 8, new ThreadLocalModules.Target(dynamicModule, 24), 4, "libx.so", problems);
        tls.apply(TPREL64, got + 16, new ThreadLocalModules.Target(staticModule, 24), 4, "libx.so", problems);
        tls.apply(TLSDESC, got + 32, new ThreadLocalModules.Target(staticModule, 8), 0, "libx.so", problems);
        tls.apply(TLSDESC, got + 48, new ThreadLocalModules.Target(dynamicModule, 8), 2, "libx.so", problems);
        assertThat(problems).isEmpty();
        assertThat(space.readLong(got)).isEqualTo(2);
        assertThat(space.readLong(got + 8)).isEqualTo(28);
        assertThat(space.readLong(got + 16)).isEqualTo(80 + 28);
        assertThat(space.readLong(got + 40)).isEqualTo(88);
        long dynamicResolver = space.readLong(got + 48);
        assertThat(dynamicResolver).isEqualTo(space.readLong(got + 32) + 8);
        long index = space.readLong(got + 56);
        assertThat(space.readLong(index)).isEqualTo(2);
        assertThat(space.readLong(index + 8)).isEqualTo(10);
        assertThat(space.readLong(dynamicResolver + 32)).isEqualTo(0x4000_0000L);
    }

    @Test
    void initialExecOfADlopenedModuleIsRefusedNamingBoth() {
        ThreadLocalModules tls = new ThreadLocalModules(new FlatSpace(), () -> 0);
        TlsModule dynamicModule = new TlsModule(2, "libd.so", 0, 8, 64, 16, TlsModule.DYNAMIC);
        List<String> problems = new ArrayList<>();
        tls.apply(TPREL64, 0x10000, new ThreadLocalModules.Target(dynamicModule, 0), 0, "libx.so", problems);
        assertThat(problems).containsExactly(
                "\"libx.so\" uses the initial-exec TLS model for \"libd.so\", which was dlopen'ed and has no static TLS");
    }
}
