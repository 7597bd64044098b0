package org.mdemu.loader.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed ELF64 little-endian AArch64 shared object (ET_DYN): program headers, the dynamic section, dynamic
 * symbols with their versions. Every read is bounds-checked so a damaged file gives an error naming the offset.
 */
public final class Elf64Image {
    public static final int PT_LOAD = 1, PT_DYNAMIC = 2, PT_TLS = 7, PT_GNU_RELRO = 0x6474e552;
    public static final int PF_X = 1, PF_W = 2, PF_R = 4;
    public static final long DT_NULL = 0, DT_NEEDED = 1, DT_PLTRELSZ = 2, DT_HASH = 4, DT_STRTAB = 5,
            DT_SYMTAB = 6, DT_RELA = 7, DT_RELASZ = 8, DT_STRSZ = 10, DT_INIT = 12, DT_FINI = 13,
            DT_SONAME = 14, DT_JMPREL = 23, DT_INIT_ARRAY = 25, DT_FINI_ARRAY = 26, DT_INIT_ARRAYSZ = 27,
            DT_FINI_ARRAYSZ = 28, DT_RELRSZ = 35, DT_RELR = 36, DT_GNU_HASH = 0x6ffffef5,
            DT_VERSYM = 0x6ffffff0, DT_VERDEF = 0x6ffffffc, DT_VERDEFNUM = 0x6ffffffd, DT_VERNEED = 0x6ffffffe,
            DT_VERNEEDNUM = 0x6fffffff, DT_ANDROID_REL = 0x6000000f, DT_ANDROID_RELA = 0x60000011,
            DT_ANDROID_RELASZ = 0x60000012, DT_ANDROID_RELR = 0x6fffe000, DT_ANDROID_RELRSZ = 0x6fffe001;
    private static final int EM_AARCH64 = 183;

    public record Segment(int type, int flags, long offset, long vaddr, long fileSize, long memSize, long align) {}

    public record Relocation(long offset, int type, int symbol, long addend) {}

    private final String name;
    private final byte[] bytes;
    private final ByteBuffer buf;
    private final List<Segment> segments = new ArrayList<>();
    private final Map<Long, List<Long>> dynamic = new HashMap<>();
    private final List<ElfSymbol> symbols = new ArrayList<>();
    private Map<String, ElfSymbol> exports;
    private final long phoff;
    private final int phnum;

    private Elf64Image(String name, byte[] bytes) throws ElfException {
        this.name = name;
        this.bytes = bytes;
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 4 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new ElfException(name + ": not an ELF file");
        }
        if (bytes.length < 64) throw new ElfException(name + ": truncated: the ELF header needs 64 bytes, the file has " + bytes.length);
        if (bytes[4] != 2) throw new ElfException(name + ": ELFCLASS32 is not supported (expected ELFCLASS64)");
        if (bytes[5] != 1) throw new ElfException(name + ": big-endian ELF is not supported");
        int type = u16(16);
        int machine = u16(18);
        if (machine != EM_AARCH64) {
            throw new ElfException(name + ": machine " + machine + " (" + machineName(machine) + ") is not AArch64 (183)");
        }
        if (type != 3) throw new ElfException(name + ": ELF type " + type + " is not a shared object (ET_DYN)");
        phoff = u64(32);
        int phentsize = u16(54);
        phnum = u16(56);
        for (int i = 0; i < phnum; i++) {
            long at = phoff + (long) i * phentsize;
            if (!inFile(at, 56)) {
                throw new ElfException(String.format("%s: truncated: program header %d at offset 0x%x extends past the"
                        + " end of the file (%d bytes)", name, i, at, bytes.length));
            }
            Segment s = new Segment((int) u32(at), (int) u32(at + 4), u64(at + 8), u64(at + 16), u64(at + 32),
                    u64(at + 40), u64(at + 48));
            if (s.type() == PT_LOAD && !inFile(s.offset(), s.fileSize())) {
                throw new ElfException(String.format("%s: truncated: segment %d (offset 0x%x, 0x%x bytes) extends past"
                        + " the end of the file (%d bytes)", name, i, s.offset(), s.fileSize(), bytes.length));
            }
            segments.add(s);
        }
        if (segments.stream().noneMatch(s -> s.type() == PT_LOAD)) throw new ElfException(name + ": no PT_LOAD segment");
        readDynamic();
        readSymbols();
    }

    public static Elf64Image parse(String name, byte[] bytes) throws ElfException {
        try {
            return new Elf64Image(name, bytes);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new ElfException(name + ": truncated or damaged: " + e.getMessage());
        }
    }

    private static String machineName(int m) {
        return switch (m) {
            case 3 -> "x86";
            case 40 -> "ARM";
            case 62 -> "x86-64";
            case 243 -> "RISC-V";
            default -> "unknown";
        };
    }

    private void readDynamic() throws ElfException {
        Segment dyn = segments.stream().filter(s -> s.type() == PT_DYNAMIC).findFirst()
                .orElseThrow(() -> new ElfException(name + ": no PT_DYNAMIC segment (not a dynamic library)"));
        if (!inFile(dyn.offset(), dyn.fileSize())) {
            throw new ElfException(String.format("%s: truncated: dynamic section at 0x%x extends past the end", name, dyn.offset()));
        }
        for (long at = dyn.offset(); at + 16 <= dyn.offset() + dyn.fileSize(); at += 16) {
            long tag = u64(at);
            if (tag == DT_NULL) break;
            dynamic.computeIfAbsent(tag, k -> new ArrayList<>()).add(u64(at + 8));
        }
    }

    private void readSymbols() throws ElfException {
        long symtab = dyn(DT_SYMTAB);
        long strtab = dyn(DT_STRTAB);
        if (symtab == 0 || strtab == 0) return;
        int count = symbolCount();
        Map<Integer, String> versionNames = versionNames();
        long versym = dyn(DT_VERSYM);
        for (int i = 0; i < count; i++) {
            long at = fileOffset(symtab + 24L * i, 24);
            String symName = string(strtab, u32(at));
            int info = bytes[(int) at + 4] & 0xff;
            int other = bytes[(int) at + 5] & 0xff;
            int shndx = u16(at + 6);
            String version = null;
            if (versym != 0) {
                int v = u16(fileOffset(versym + 2L * i, 2)) & 0x7fff;
                if (v > 1) version = versionNames.get(v);
            }
            symbols.add(new ElfSymbol(i, symName, u64(at + 8), u64(at + 16), info & 0xf, info >> 4, shndx, version,
                    (other & 3) == 2));
        }
    }

    private int symbolCount() throws ElfException {
        long hash = dyn(DT_HASH);
        if (hash != 0) return (int) u32(fileOffset(hash + 4, 4));
        long gnu = dyn(DT_GNU_HASH);
        if (gnu == 0) return 0;
        long h = fileOffset(gnu, 16);
        int nbuckets = (int) u32(h);
        int symoffset = (int) u32(h + 4);
        int bloomSize = (int) u32(h + 8);
        long buckets = gnu + 16 + 8L * bloomSize;
        int max = 0;
        for (int b = 0; b < nbuckets; b++) max = Math.max(max, (int) u32(fileOffset(buckets + 4L * b, 4)));
        if (max < symoffset) return symoffset;
        long chains = buckets + 4L * nbuckets;
        int i = max;
        while ((u32(fileOffset(chains + 4L * (i - symoffset), 4)) & 1) == 0) i++;
        return i + 1;
    }

    private Map<Integer, String> versionNames() throws ElfException {
        Map<Integer, String> names = new HashMap<>();
        long strtab = dyn(DT_STRTAB);
        long need = dyn(DT_VERNEED);
        for (long n = 0, at = need; need != 0 && n < dyn(DT_VERNEEDNUM); n++) {
            long v = fileOffset(at, 16);
            int cnt = u16(v + 2);
            long aux = at + u32(v + 8);
            for (int k = 0; k < cnt; k++) {
                long a = fileOffset(aux, 16);
                names.put(u16(a + 6) & 0x7fff, string(strtab, u32(a + 8)));
                aux += u32(a + 12);
            }
            long next = u32(v + 12);
            if (next == 0) break;
            at += next;
        }
        long def = dyn(DT_VERDEF);
        for (long n = 0, at = def; def != 0 && n < dyn(DT_VERDEFNUM); n++) {
            long v = fileOffset(at, 20);
            int index = u16(v + 4);
            int flags = u16(v + 2);
            long aux = at + u32(v + 12);
            if ((flags & 1) == 0) names.put(index, string(strtab, u32(fileOffset(aux, 8))));
            long next = u32(v + 16);
            if (next == 0) break;
            at += next;
        }
        return names;
    }

    /**
     * Whether size bytes from offset lie inside the file. The values come from the file, so they are read as the
     * unsigned 64-bit numbers they are, and sums that would wrap around are refused.
     */
    private boolean inFile(long offset, long size) {
        return Long.compareUnsigned(offset, bytes.length) <= 0 && Long.compareUnsigned(size, bytes.length - offset) <= 0;
    }

    /** File offset of a virtual address range, through the PT_LOAD segment that holds it. */
    public long fileOffset(long vaddr, long length) throws ElfException {
        for (Segment s : segments) {
            long into = vaddr - s.vaddr();
            if (s.type() == PT_LOAD && Long.compareUnsigned(vaddr, s.vaddr()) >= 0
                    && Long.compareUnsigned(into, s.fileSize()) <= 0
                    && Long.compareUnsigned(length, s.fileSize() - into) <= 0) {
                return s.offset() + into;
            }
        }
        throw new ElfException(String.format("%s: address 0x%x (+%d) is outside the file's loaded segments", name, vaddr, length));
    }

    private String string(long strtab, long index) throws ElfException {
        long start = fileOffset(strtab + index, 1);
        int end = (int) start;
        while (end < bytes.length && bytes[end] != 0) end++;
        return new String(bytes, (int) start, end - (int) start, StandardCharsets.UTF_8);
    }

    public String name() {
        return name;
    }

    public byte[] bytes() {
        return bytes;
    }

    public List<Segment> segments() {
        return segments;
    }

    public long programHeaderOffset() {
        return phoff;
    }

    /**
     * Guest address of the program headers once loaded at bias: PT_PHDR's address, else the load segment that maps
     * the headers' file offset; 0 if they are not mapped.
     */
    public long programHeaderAddress(long bias) {
        for (Segment s : segments) if (s.type() == 6) return bias + s.vaddr();
        for (Segment s : segments) {
            if (s.type() == PT_LOAD && phoff >= s.offset() && phoff < s.offset() + s.fileSize()) {
                return bias + s.vaddr() + (phoff - s.offset());
            }
        }
        return 0;
    }

    public int programHeaderCount() {
        return phnum;
    }

    private static final int PT_NOTE = 4, NT_GNU_BUILD_ID = 3;

    /**
     * The NT_GNU_BUILD_ID note of the PT_NOTE segments as lowercase hex (what readelf -n prints and debuggerd shows
     * as BuildId), or null when the file has none. A malformed note ends the search rather than failing.
     */
    public String buildId() {
        for (Segment s : segments) {
            if (s.type() != PT_NOTE || !inFile(s.offset(), s.fileSize())) continue;
            long at = s.offset(), end = s.offset() + s.fileSize();
            while (at + 12 <= end) {
                long nameSize = u32(at), descSize = u32(at + 4), type = u32(at + 8);
                long name = at + 12, desc = name + ((nameSize + 3) & ~3L), next = desc + ((descSize + 3) & ~3L);
                if (desc + descSize > end || next <= at) break;
                if (type == NT_GNU_BUILD_ID && nameSize == 4 && bytes[(int) name] == 'G' && bytes[(int) name + 1] == 'N'
                        && bytes[(int) name + 2] == 'U' && bytes[(int) name + 3] == 0) {
                    StringBuilder hex = new StringBuilder();
                    for (long i = 0; i < descSize; i++) hex.append(String.format("%02x", bytes[(int) (desc + i)] & 0xff));
                    return hex.toString();
                }
                at = next;
            }
        }
        return null;
    }

    private static final int SHT_SYMTAB = 2;
    private List<ElfSymbol> staticFunctions;

    /**
     * The defined functions of the .symtab section (static ones included) when the file was not stripped, as
     * debuggerd's unwinder names frames; empty for a stripped file. Read lazily, only for backtraces; a malformed
     * section table gives what could be read. The dynamic linker never uses these.
     */
    public synchronized List<ElfSymbol> staticFunctions() {
        if (staticFunctions != null) return staticFunctions;
        List<ElfSymbol> out = new ArrayList<>();
        try {
            long shoff = u64(0x28);
            int shentsize = u16(0x3a), shnum = u16(0x3c);
            if (shoff > 0 && shentsize >= 64 && inFile(shoff, (long) shentsize * shnum)) {
                for (int i = 0; i < shnum; i++) {
                    long sh = shoff + (long) shentsize * i;
                    if (u32(sh + 4) != SHT_SYMTAB) continue;
                    long offset = u64(sh + 24), size = u64(sh + 32), link = u32(sh + 40);
                    if (link >= shnum || !inFile(offset, size)) continue;
                    long strSh = shoff + (long) shentsize * link;
                    long strOffset = u64(strSh + 24), strSize = u64(strSh + 32);
                    if (!inFile(strOffset, strSize)) continue;
                    for (long at = offset; at + 24 <= offset + size; at += 24) {
                        int info = bytes[(int) at + 4] & 0xff;
                        int shndx = u16(at + 6);
                        long value = u64(at + 8);
                        if ((info & 0xf) != ElfSymbol.STT_FUNC || shndx == 0 || value == 0) continue;
                        String symName = sectionString(strOffset, strSize, u32(at));
                        if (symName == null || symName.isEmpty()) continue;
                        out.add(new ElfSymbol((int) ((at - offset) / 24), symName, value, u64(at + 16), info & 0xf,
                                info >> 4, shndx, null, false));
                    }
                }
            }
        } catch (IndexOutOfBoundsException e) {
            // a section table pointing past the file: keep what was read
        }
        staticFunctions = List.copyOf(out);
        return staticFunctions;
    }

    private String sectionString(long tableOffset, long tableSize, long index) {
        if (index >= tableSize) return null;
        int start = (int) (tableOffset + index), end = start;
        while (end < tableOffset + tableSize && bytes[end] != 0) end++;
        return new String(bytes, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** First value of a dynamic tag, or 0. */
    public long dyn(long tag) {
        List<Long> v = dynamic.get(tag);
        return v == null ? 0 : v.get(0);
    }

    public boolean hasDyn(long tag) {
        return dynamic.containsKey(tag);
    }

    public List<String> needed() throws ElfException {
        List<String> names = new ArrayList<>();
        for (long off : dynamic.getOrDefault(DT_NEEDED, List.of())) names.add(string(dyn(DT_STRTAB), off));
        return names;
    }

    public String soname() throws ElfException {
        return hasDyn(DT_SONAME) ? string(dyn(DT_STRTAB), dyn(DT_SONAME)) : name;
    }

    public List<ElfSymbol> symbols() {
        return symbols;
    }

    /** Defined, exported (global or weak, not hidden) symbol by name, or null. */
    public ElfSymbol exported(String symbol) {
        return exports().get(symbol);
    }

    /**
     * The exported symbols by name, the first definition of each in table order. Built once: binding a library's
     * relocations asks for every imported name, and a linear search over a library of thousands of symbols (as
     * OpenBLAS's 7000) made linking quadratic where bionic's linker uses the ELF hash tables.
     */
    private synchronized Map<String, ElfSymbol> exports() {
        if (exports == null) {
            Map<String, ElfSymbol> byName = new HashMap<>();
            for (ElfSymbol s : symbols) {
                if (s.isDefined() && s.binding() != ElfSymbol.STB_LOCAL && !s.hidden()) byName.putIfAbsent(s.name(), s);
            }
            exports = byName;
        }
        return exports;
    }

    /**
     * The exported definition a reference of this version binds to, or null: an unversioned reference takes any
     * definition of the name, a versioned one a definition of that version or an unversioned one (as bionic's linker
     * accepts).
     */
    public ElfSymbol definition(String symbol, String version) {
        ElfSymbol s = exported(symbol);
        if (s == null || (version != null && s.version() != null && !version.equals(s.version()))) return null;
        return s;
    }

    /** RELA entries from DT_RELA, Android's packed DT_ANDROID_RELA, and DT_JMPREL. */
    public List<Relocation> relaRelocations() throws ElfException {
        List<Relocation> relocs = new ArrayList<>();
        if (hasDyn(DT_ANDROID_RELA)) {
            long size = dyn(DT_ANDROID_RELASZ);
            relocs.addAll(AndroidPackedRelocations.decode(bytes, (int) fileOffset(dyn(DT_ANDROID_RELA), size), (int) size, name));
        }
        readRela(dyn(DT_RELA), dyn(DT_RELASZ), relocs);
        readRela(dyn(DT_JMPREL), dyn(DT_PLTRELSZ), relocs);
        return relocs;
    }

    private void readRela(long vaddr, long size, List<Relocation> out) throws ElfException {
        if (vaddr == 0 || size == 0) return;
        long at = fileOffset(vaddr, size);
        for (long i = 0; i < size / 24; i++) {
            long p = at + 24 * i;
            long info = u64(p + 8);
            out.add(new Relocation(u64(p), (int) info, (int) (info >>> 32), u64(p + 16)));
        }
    }

    /** Addresses (link-time) that RELR marks for relative relocation. */
    public List<Long> relrAddresses() throws ElfException {
        long vaddr = hasDyn(DT_RELR) ? dyn(DT_RELR) : dyn(DT_ANDROID_RELR);
        long size = hasDyn(DT_RELR) ? dyn(DT_RELRSZ) : dyn(DT_ANDROID_RELRSZ);
        List<Long> out = new ArrayList<>();
        if (vaddr == 0 || size == 0) return out;
        long at = fileOffset(vaddr, size);
        long base = 0;
        for (long i = 0; i < size / 8; i++) {
            long entry = u64(at + 8 * i);
            if ((entry & 1) == 0) {
                out.add(entry);
                base = entry + 8;
            } else {
                long bits = entry >>> 1;
                for (int b = 0; b < 63; b++) if ((bits >>> b & 1) != 0) out.add(base + 8L * b);
                base += 63 * 8;
            }
        }
        return out;
    }

    int u16(long at) {
        return buf.getShort((int) at) & 0xffff;
    }

    long u32(long at) {
        return buf.getInt((int) at) & 0xffffffffL;
    }

    long u64(long at) {
        return buf.getLong((int) at);
    }
}
