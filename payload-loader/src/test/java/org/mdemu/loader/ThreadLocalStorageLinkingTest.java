package org.mdemu.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdemu.loader.elf.Elf64Image;
import org.mdemu.loader.elf.ElfSymbol;
import org.mdemu.loader.link.DynamicLinker;
import org.mdemu.loader.link.LoadedLibrary;
import org.mdemu.loader.link.StaticTlsLayout;
import org.mdemu.loader.link.SymbolSource;
import org.mdemu.loader.link.TlsModule;

/** TLS modules, the static TLS layout and TLS relocations, on the clang-built TLS fixtures. */
class ThreadLocalStorageLinkingTest {
    private static final int TPREL64 = 1030, TLSDESC = 1031;

    @Test
    void staticBlocksFollowTheTcbEachAlignedToItsSegment() {
        StaticTlsLayout layout = new StaticTlsLayout();
        assertThat(layout.reserve(0xc8, 64)).isEqualTo(64);     // bionic: TP + 8 words, rounded up
        assertThat(layout.reserve(0x28, 4)).isEqualTo(64 + 0xc8);
        assertThat(layout.reserve(0x30, 32)).isEqualTo(320);   // 0x130 rounded up to 32
        assertThat(layout.size()).isEqualTo(320 + 0x30);
        assertThat(layout.alignment()).isEqualTo(64);
        StaticTlsLayout small = new StaticTlsLayout();
        assertThat(small.reserve(8, 128)).isEqualTo(128);
        assertThatThrownBy(() -> small.reserve(8, 24)).hasMessageContaining("TLS alignment 24 is not a power of 2");
    }

    /** A system library defining every name it is asked for (any version) except the missing ones. */
    record AnyVersionLibrary(String soname, long base, List<String> missing) implements SymbolSource {
        @Override
        public ResolvedSymbol lookup(String name, String version) {
            if (missing.contains(name)) return null;
            return new ResolvedSymbol(name, base + Math.abs(name.hashCode() % 0x1000) * 16, 8, true, false, this);
        }
    }

    private static DynamicLinker linker(ElfAndLinkerTest.PageSpace space, List<String> missing) throws Exception {
        Map<String, SymbolSource> system = Map.of(
                "libc.so", new AnyVersionLibrary("libc.so", 0x1000_0000L, missing),
                "libm.so", new AnyVersionLibrary("libm.so", 0x1100_0000L, missing),
                "libdl.so", new AnyVersionLibrary("libdl.so", 0x1400_0000L, missing),
                "liblog.so", new AnyVersionLibrary("liblog.so", 0x1200_0000L, missing),
                "libvm_payload.so", new AnyVersionLibrary("libvm_payload.so", 0x1300_0000L, missing));
        Map<String, byte[]> apk = Map.of(
                "libtls_suite.so", ElfAndLinkerTest.bytes("arm64-v8a/libtls_suite.so"),
                "libtls_dep.so", ElfAndLinkerTest.bytes("arm64-v8a/libtls_dep.so"),
                "libtls_late.so", ElfAndLinkerTest.bytes("arm64-v8a/libtls_late.so"));
        return new DynamicLinker(space, system::get, apk::get, "/mnt/apk/lib/arm64-v8a/", (fn, args) -> 0, 3);
    }

    private static Elf64Image.Relocation reloc(LoadedLibrary lib, int type, String symbol) throws Exception {
        for (Elf64Image.Relocation r : lib.image().relaRelocations()) {
            if (r.type() != type) continue;
            ElfSymbol s = lib.image().symbols().get(r.symbol());
            if (symbol == null ? r.symbol() == 0 : s.name().equals(symbol)) return r;
        }
        throw new AssertionError("no relocation " + type + " for " + symbol);
    }

    @Test
    void initialLoadSetGetsStaticOffsetsAndRelocationsStoreThem() throws Exception {
        ElfAndLinkerTest.PageSpace space = new ElfAndLinkerTest.PageSpace();
        DynamicLinker linker = linker(space, List.of());
        List<LoadedLibrary> fresh = new ArrayList<>();
        LoadedLibrary suite = linker.load("libtls_suite.so", fresh);
        LoadedLibrary dep = linker.find("libtls_dep.so");
        // PT_TLS of libtls_suite.so: 0xc8 bytes aligned to 64; libtls_dep.so: 0x3028 bytes aligned to 4.
        assertThat(linker.tlsModules()).extracting(TlsModule::id, TlsModule::soname, TlsModule::staticOffset,
                TlsModule::fileSize, TlsModule::memSize).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "libtls_suite.so", 64L, 0x48L, 0xc8L),
                        org.assertj.core.groups.Tuple.tuple(2, "libtls_dep.so", 64L + 0xc8, 8L, 0x3028L));
        assertThat(linker.staticTls().size()).isEqualTo(64 + 0xc8 + 0x3028);
        assertThat(linker.tlsModule(2).imageAddress()).isGreaterThan(dep.base());

        // Initial-exec: the TP offset of dep_ie_value (offset 4 in libtls_dep.so's block).
        Elf64Image.Relocation ie = reloc(suite, TPREL64, "dep_ie_value");
        assertThat(space.readLong(suite.base() + ie.offset())).isEqualTo(64 + 0xc8 + 4);
        // TLSDESC against another module's symbol: static resolver and the TP offset.
        Elf64Image.Relocation desc = reloc(suite, TLSDESC, "dep_buffer");
        long resolver = space.readLong(suite.base() + desc.offset());
        assertThat(space.readLong(suite.base() + desc.offset() + 8)).isEqualTo(64 + 0xc8 + 8);
        assertThat(space.read(resolver, 8)).containsExactly(0x00, 0x04, 0x40, 0xf9, 0xc0, 0x03, 0x5f, 0xd6);
        assertThat(space.prot.get(resolver & -4096L)).isEqualTo(5);
        // TLSDESC of a local variable (symbol 0): own module's offset plus the addend.
        Elf64Image.Relocation local = reloc(suite, TLSDESC, null);
        assertThat(space.readLong(suite.base() + local.offset() + 8)).isEqualTo(64 + local.addend());
    }

    @Test
    void dlopenedModuleIsDynamicAndItsDescriptorsCallTlsGetAddr() throws Exception {
        ElfAndLinkerTest.PageSpace space = new ElfAndLinkerTest.PageSpace();
        DynamicLinker linker = linker(space, List.of());
        linker.load("libtls_suite.so", new ArrayList<>());
        long staticSize = linker.staticTls().size();
        LoadedLibrary late = linker.load("libtls_late.so", new ArrayList<>());
        TlsModule module = linker.tlsModule(3);
        assertThat(module.soname()).isEqualTo("libtls_late.so");
        assertThat(module.isStatic()).isFalse();
        assertThat(linker.staticTls().size()).isEqualTo(staticSize);
        Elf64Image.Relocation desc = reloc(late, TLSDESC, null);
        long resolver = space.readLong(late.base() + desc.offset());
        long index = space.readLong(late.base() + desc.offset() + 8);
        assertThat(space.readLong(index)).isEqualTo(3);
        assertThat(space.readLong(index + 8)).isEqualTo(desc.addend());
        long tlsGetAddr = new AnyVersionLibrary("libc.so", 0x1000_0000L, List.of())
                .lookup("__tls_get_addr", null).address();
        assertThat(space.readLong(resolver + 32)).isEqualTo(tlsGetAddr); // the literal after 8 instructions
    }

    @Test
    void dynamicTlsWithoutTlsGetAddrIsALinkError() throws Exception {
        DynamicLinker linker = linker(new ElfAndLinkerTest.PageSpace(), List.of("__tls_get_addr"));
        linker.load("libtls_suite.so", new ArrayList<>());
        assertThatThrownBy(() -> linker.load("libtls_late.so", new ArrayList<>()))
                .hasMessageContaining("\"libtls_late.so\": TLS of dlopen'ed \"libtls_late.so\" needs __tls_get_addr"
                        + " from libc.so");
        assertThat(linker.tlsModules()).hasSize(2);
    }
}
