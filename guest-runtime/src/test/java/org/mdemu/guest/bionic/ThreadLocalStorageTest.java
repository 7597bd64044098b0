package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.memory.ProcessMemory;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.testing.FakeProcess;
import org.mdemu.loader.link.AddressSpace;
import org.mdemu.loader.link.DynamicLinker;
import org.mdemu.loader.link.SymbolSource;
import org.mdemu.loader.link.TlsModule;

/** Thread blocks sized and initialised from the TLS modules the linker reports, and __tls_get_addr per thread. */
class ThreadLocalStorageTest {
    private final FakeProcess process = new FakeProcess();
    private final ThreadLocalStorage tls = new ThreadLocalStorage(process);
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");

    ThreadLocalStorageTest() {
        process.mm = new ProcessMemory(process.memory, 0x1000_0000L, 0x2000_0000L, 64 << 20);
        libc.declare(tls);
    }

    private static byte[] fixture(String name) throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("tests/fixtures/lib"))) dir = dir.getParent();
        return Files.readAllBytes(dir.resolve("tests/fixtures/lib/arm64-v8a").resolve(name));
    }

    /** The TLS suite linked into the fake process (system imports bound to dummy addresses). */
    private DynamicLinker link() throws Exception {
        AddressSpace space = new AddressSpace() {
            @Override public long reserve(long size, long alignment, String name) {
                return process.mm.mapAnonymous(size, Math.max(alignment, 4096), Prot.RW, name);
            }
            @Override public void release(long address, long size) { process.mm.munmap(address, size); }
            @Override public void write(long address, byte[] data, int offset, int length) {
                process.memory.write(address, data, offset, length);
            }
            @Override public byte[] read(long address, int length) { return process.memory.read(address, length); }
            @Override public long readLong(long address) { return process.memory.readLong(address); }
            @Override public void writeLong(long address, long value) { process.memory.writeLong(address, value); }
            @Override public void protect(long address, long size, int prot) { process.mm.mprotect(address, size, prot); }
        };
        SymbolSource anything = new SymbolSource() {
            @Override public String soname() { return "libc.so"; }
            @Override public ResolvedSymbol lookup(String name, String version) {
                return new ResolvedSymbol(name, 0x4000_0000L, 8, true, false, this);
            }
        };
        Map<String, byte[]> apk = Map.of("libtls_suite.so", fixture("libtls_suite.so"),
                "libtls_dep.so", fixture("libtls_dep.so"), "libtls_late.so", fixture("libtls_late.so"));
        DynamicLinker linker = new DynamicLinker(space, soname -> anything, apk::get, "/mnt/apk/lib/arm64-v8a/",
                (fn, args) -> 0, 0);
        linker.load("libtls_suite.so", new ArrayList<>());
        tls.attach(linker);
        return linker;
    }

    @Test
    void threadBlockHoldsTheStaticTlsInitialisedFromTheImages() throws Exception {
        DynamicLinker linker = link();
        ThreadBlock block = ThreadBlock.allocate(process.mm, process.memory, 7, 0x1234_5600L, tls);
        long staticSize = linker.staticTls().size();
        assertThat(block.tp() - block.base() + staticSize).isLessThanOrEqualTo(block.size());
        assertThat(block.size()).isGreaterThan(4096).isEqualTo((block.tp() - block.base() + staticSize + 4095) & ~4095L);
        assertThat(block.tp() % 64).isZero();
        assertThat(ThreadBlock.canaryOf(process.memory, block.tp())).isEqualTo(0x1234_5600L);
        for (TlsModule m : linker.tlsModules()) {
            long at = block.tp() + m.staticOffset();
            assertThat(process.memory.read(at, (int) m.fileSize())).as(m.soname())
                    .isEqualTo(process.memory.read(m.imageAddress(), (int) m.fileSize()));
            assertThat(process.memory.read(at + m.fileSize(), (int) (m.memSize() - m.fileSize())))
                    .containsOnly(0);
        }
        // libtls_dep.so's .tdata starts with dep_counter = 7.
        assertThat(process.memory.readInt(block.tp() + linker.tlsModule(2).staticOffset())).isEqualTo(7);
    }

    @Test
    void tlsGetAddrGivesEachThreadItsOwnInitialisedBlockOfADlopenedModule() throws Exception {
        DynamicLinker linker = link();
        linker.load("libtls_late.so", new ArrayList<>());
        TlsModule late = linker.tlsModule(3);
        long index = process.alloc(16);
        process.memory.writeLong(index, late.id());
        process.memory.writeLong(index + 8, 0);
        ThreadBlock first = ThreadBlock.allocate(process.mm, process.memory, 8, 0, tls);
        ThreadBlock second = ThreadBlock.allocate(process.mm, process.memory, 9, 0, tls);
        process.currentThread().setTlsBase(first.tp());
        long a = process.call(libc, "__tls_get_addr", index);
        assertThat(process.call(libc, "__tls_get_addr", index)).isEqualTo(a);
        process.currentThread().setTlsBase(second.tp());
        long b = process.call(libc, "__tls_get_addr", index);
        assertThat(b).isNotEqualTo(a);
        assertThat(process.memory.read(b, (int) late.fileSize())).isEqualTo(process.memory.read(late.imageAddress(),
                (int) late.fileSize()));
        // A static module's variable is found at its offset from the thread pointer.
        process.memory.writeLong(index, 2);
        process.memory.writeLong(index + 8, 4);
        assertThat(process.call(libc, "__tls_get_addr", index))
                .isEqualTo(second.tp() + linker.tlsModule(2).staticOffset() + 4);
        tls.forget(first.tp());
        assertThat(process.memory.isMapped(a, 1)).isFalse();
        assertThat(process.memory.isMapped(b, 1)).isTrue();
    }
}
