package org.mdemu.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdemu.loader.elf.Elf64Image;
import org.mdemu.loader.elf.ElfException;
import org.mdemu.loader.elf.ElfSymbol;
import org.mdemu.loader.link.AddressSpace;
import org.mdemu.loader.link.DynamicLinker;
import org.mdemu.loader.link.LinkException;
import org.mdemu.loader.link.LoadedLibrary;
import org.mdemu.loader.link.SymbolSource;

/** The ELF reader and linker on the clang-built payload fixtures (tests/fixtures/lib). */
class ElfAndLinkerTest {
    static Path lib(String path) {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("tests/fixtures/lib"))) dir = dir.getParent();
        return dir.resolve("tests/fixtures/lib").resolve(path);
    }

    static byte[] bytes(String path) throws Exception {
        return Files.readAllBytes(lib(path));
    }

    @Test
    void importsCarryTheirVersionNodes() throws Exception {
        Elf64Image image = Elf64Image.parse("libhello.so", bytes("arm64-v8a/libhello.so"));
        assertThat(image.needed()).containsExactly("libc.so", "libm.so", "libdl.so", "liblog.so", "libvm_payload.so");
        assertThat(image.symbols()).filteredOn(s -> !s.isDefined() && !s.name().isEmpty())
                .extracting(ElfSymbol::displayName)
                .contains("printf@LIBC", "__android_log_print@LIBLOG", "AVmPayload_getApkContentsPath@LIBVM_PAYLOAD");
        assertThat(image.exported("AVmPayload_main")).isNotNull();
        assertThat(image.relrAddresses()).isNotEmpty();
    }

    @Test
    void androidPackedRelocationsDecodeToTheSameEntriesAsRelrPlusRela() throws Exception {
        Elf64Image packed = Elf64Image.parse("libsuite_aps2.so", bytes("arm64-v8a/libsuite_aps2.so"));
        assertThat(packed.hasDyn(Elf64Image.DT_ANDROID_RELA)).isTrue();
        List<Elf64Image.Relocation> relocs = packed.relaRelocations();
        assertThat(relocs).filteredOn(r -> r.type() == 1025)
                .extracting(r -> packed.symbols().get(r.symbol()).displayName()).containsExactly("stderr@LIBC");
        // The same source linked with RELR: its relative relocations are the RELR addresses plus any left in RELA
        // (the suite's four-pointer table and crtbegin_so's pointers).
        Elf64Image relr = Elf64Image.parse("libsuite.so", bytes("arm64-v8a/libsuite.so"));
        long relativeInRela = relr.relaRelocations().stream().filter(r -> r.type() == 1027).count();
        assertThat(relocs).filteredOn(r -> r.type() == 1027).hasSize((int) (relr.relrAddresses().size() + relativeInRela))
                .hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void damagedFilesAreRejectedWithPreciseMessages() throws Exception {
        byte[] hello = bytes("arm64-v8a/libhello.so");
        assertThatThrownBy(() -> Elf64Image.parse("x.so", "hello".getBytes())).hasMessage("x.so: not an ELF file");
        assertThatThrownBy(() -> Elf64Image.parse("x86.so", bytes("x86_64/libhello.so")))
                .hasMessage("x86.so: machine 62 (x86-64) is not AArch64 (183)");
        byte[] class32 = hello.clone();
        class32[4] = 1;
        assertThatThrownBy(() -> Elf64Image.parse("c.so", class32)).hasMessageContaining("ELFCLASS32 is not supported");
        assertThatThrownBy(() -> Elf64Image.parse("t.so", Arrays.copyOf(hello, 300)))
                .isInstanceOf(ElfException.class).hasMessageContaining("t.so: truncated").hasMessageContaining("300 bytes");
        assertThatThrownBy(() -> Elf64Image.parse("h.so", Arrays.copyOf(hello, 40)))
                .hasMessageContaining("h.so: truncated: the ELF header needs 64 bytes");
    }

    /** A page map standing in for guest memory, recording protections. */
    static final class PageSpace implements AddressSpace {
        final Map<Long, byte[]> pages = new HashMap<>();
        final Map<Long, Integer> prot = new HashMap<>();
        long next = 0x7000_0000L;

        @Override
        public long reserve(long size, long alignment, String name) {
            long base = (next + alignment - 1) & -alignment;
            next = base + size + 0x10000;
            for (long p = base; p < base + size; p += 4096) pages.put(p, new byte[4096]);
            return base;
        }

        @Override public void release(long address, long size) { }

        @Override
        public void write(long address, byte[] data, int offset, int length) {
            for (int i = 0; i < length; i++) pages.get((address + i) & -4096L)[(int) ((address + i) & 4095)] = data[offset + i];
        }

        @Override
        public byte[] read(long address, int length) {
            byte[] b = new byte[length];
            for (int i = 0; i < length; i++) b[i] = pages.get((address + i) & -4096L)[(int) ((address + i) & 4095)];
            return b;
        }

        @Override
        public void protect(long address, long size, int p) {
            for (long a = address; a < address + size; a += 4096) prot.put(a, p);
        }
    }

    /** A system library that defines every name it is asked for at a made-up address, under one version. */
    record FakeSystemLibrary(String soname, String version, long base, List<String> missing) implements SymbolSource {
        @Override
        public ResolvedSymbol lookup(String name, String v) {
            if (missing.contains(name) || (v != null && !v.equals(version))) return null;
            return new ResolvedSymbol(name, base + Math.abs(name.hashCode() % 0x1000) * 16, 8, true, false, this);
        }
    }

    private static DynamicLinker linker(PageSpace space, List<String> missing) throws Exception {
        Map<String, SymbolSource> system = Map.of(
                "libc.so", new FakeSystemLibrary("libc.so", "LIBC", 0x1000_0000L, missing),
                "libm.so", new FakeSystemLibrary("libm.so", "LIBC", 0x1100_0000L, missing),
                "libdl.so", new FakeSystemLibrary("libdl.so", "LIBC", 0x1400_0000L, missing),
                "liblog.so", new FakeSystemLibrary("liblog.so", "LIBLOG", 0x1200_0000L, missing),
                "libvm_payload.so", new FakeSystemLibrary("libvm_payload.so", "LIBVM_PAYLOAD", 0x1300_0000L, missing));
        byte[] hello = bytes("arm64-v8a/libhello.so");
        byte[] unresolved = bytes("arm64-v8a/libunresolved.so");
        return new DynamicLinker(space, system::get,
                n -> n.equals("libhello.so") ? hello : n.equals("libunresolved.so") ? unresolved : null,
                "/mnt/apk/lib/arm64-v8a/", (fn, args) -> 0, 3);
    }

    @Test
    void linkingBindsImportsToTheRightVersionAndProtectsSegments() throws Exception {
        PageSpace space = new PageSpace();
        List<LoadedLibrary> fresh = new ArrayList<>();
        LoadedLibrary hello = linker(space, List.of()).load("libhello.so", fresh);
        assertThat(fresh).containsExactly(hello);
        assertThat(hello.path()).isEqualTo("/mnt/apk/lib/arm64-v8a/libhello.so");
        Elf64Image image = hello.image();
        // Every GOT/PLT slot of an import now holds the address the system library gave for that name.
        for (Elf64Image.Relocation r : image.relaRelocations()) {
            ElfSymbol s = image.symbols().get(r.symbol());
            if (r.symbol() == 0 || s.isDefined()) continue;
            long expected = new FakeSystemLibrary(null, null, 0, List.of()).lookup(s.name(), null).address();
            assertThat(space.readLong(hello.base() + r.offset()) & 0xffffff).as(s.name()).isEqualTo(expected & 0xffffff);
        }
        // Code is read-execute, RELRO read-only after relocation.
        for (Elf64Image.Segment seg : image.segments()) {
            if (seg.type() == Elf64Image.PT_LOAD && (seg.flags() & Elf64Image.PF_X) != 0) {
                assertThat(space.prot.get((hello.base() + seg.vaddr()) & -4096L)).isEqualTo(5);
            }
            if (seg.type() == Elf64Image.PT_GNU_RELRO && seg.memSize() >= 4096) {
                assertThat(space.prot.get((hello.base() + seg.vaddr()) & -4096L)).isEqualTo(1);
            }
        }
        assertThat(hello.lookup("AVmPayload_main", null)).isNotNull();
        Object[] sym = hello.symbolAt(hello.lookup("AVmPayload_main", null).address() + 8);
        assertThat(sym).containsExactly("AVmPayload_main", 8L);
    }

    @Test
    void allUnresolvedImportsAreReportedTogether() throws Exception {
        assertThatThrownBy(() -> linker(new PageSpace(), List.of("mdemu_missing_one", "mdemu_missing_two"))
                .load("libunresolved.so", new ArrayList<>()))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("cannot locate symbol \"mdemu_missing_one@LIBC\" referenced by \"libunresolved.so\"")
                .hasMessageContaining("cannot locate symbol \"mdemu_missing_two@LIBC\" referenced by \"libunresolved.so\"");
    }

    @Test
    void versionMismatchIsAnUnresolvedImport() throws Exception {
        PageSpace space = new PageSpace();
        Map<String, SymbolSource> system = Map.of(
                "libc.so", new FakeSystemLibrary("libc.so", "LIBC_N", 0x1000_0000L, List.of()),
                "libm.so", new FakeSystemLibrary("libm.so", "LIBM_ONLY", 0x1100_0000L, List.of()),
                "libdl.so", new FakeSystemLibrary("libdl.so", "LIBDL_ONLY", 0x1400_0000L, List.of()),
                "liblog.so", new FakeSystemLibrary("liblog.so", "LIBLOG", 0x1200_0000L, List.of()),
                "libvm_payload.so", new FakeSystemLibrary("libvm_payload.so", "LIBVM_PAYLOAD", 0x1300_0000L, List.of()));
        byte[] hello = bytes("arm64-v8a/libhello.so");
        DynamicLinker linker = new DynamicLinker(space, system::get, n -> n.equals("libhello.so") ? hello : null,
                "/mnt/apk/lib/arm64-v8a/", (fn, args) -> 0, 3);
        assertThatThrownBy(() -> linker.load("libhello.so", new ArrayList<>()))
                .hasMessageContaining("cannot locate symbol \"printf@LIBC\" referenced by \"libhello.so\"");
    }

    @Test
    void missingDependencyIsNamedWithTheLibraryNeedingIt() throws Exception {
        byte[] hello = bytes("arm64-v8a/libhello.so");
        DynamicLinker linker = new DynamicLinker(new PageSpace(), soname -> null, n -> n.equals("libhello.so") ? hello : null,
                "/mnt/apk/lib/arm64-v8a/", (fn, args) -> 0, 3);
        assertThatThrownBy(() -> linker.load("libhello.so", new ArrayList<>()))
                .hasMessageContaining("library \"libc.so\" not found: needed by libhello.so");
    }
}
