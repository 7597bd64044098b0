package org.mdemu.loader.link;

import java.util.List;
import org.mdemu.loader.elf.Elf64Image;
import org.mdemu.loader.elf.ElfSymbol;

/** An ELF library mapped into the guest: where it lies and what it exports. */
public final class LoadedLibrary implements SymbolSource {
    private final Elf64Image image;
    private final String soname;
    private final String path;
    private final long bias;
    private final long size;
    final List<Long> initFunctions;
    final List<Long> finiFunctions;
    /** Link-time bounds of what was reserved for the segments (page-rounded): [lowestAddress, highestAddress). */
    final long lowestAddress, highestAddress;

    LoadedLibrary(Elf64Image image, String soname, String path, long bias, long size, List<Long> initFunctions,
                  List<Long> finiFunctions, long lowestAddress, long highestAddress) {
        this.lowestAddress = lowestAddress;
        this.highestAddress = highestAddress;
        this.image = image;
        this.soname = soname;
        this.path = path;
        this.bias = bias;
        this.size = size;
        this.initFunctions = initFunctions;
        this.finiFunctions = finiFunctions;
    }

    @Override
    public String soname() {
        return soname;
    }

    /** The guest path it was loaded from, e.g. /mnt/apk/lib/arm64-v8a/libfoo.so. */
    public String path() {
        return path;
    }

    /** Load bias: guest address of link-time address 0. */
    public long base() {
        return bias;
    }

    public long size() {
        return size;
    }

    public boolean contains(long address) {
        return address >= bias && address < bias + size;
    }

    public Elf64Image image() {
        return image;
    }

    /** DT_INIT then DT_INIT_ARRAY entries, relocated. */
    public List<Long> initFunctions() {
        return initFunctions;
    }

    /** FINI_ARRAY entries in reverse then DT_FINI, relocated: the order to call them in. */
    public List<Long> finiFunctions() {
        return finiFunctions;
    }

    @Override
    public ResolvedSymbol lookup(String name, String version) {
        ElfSymbol s = image.definition(name, version);
        if (s == null) return null;
        return new ResolvedSymbol(name, bias + s.value(), s.size(), s.type() == ElfSymbol.STT_FUNC,
                s.type() == ElfSymbol.STT_TLS, this);
    }

    /** The defined function or object symbol nearest below address, as {name, offset}, or null. */
    public Object[] symbolAt(long address) {
        ElfSymbol best = nearest(image.symbols(), address - bias, null);
        return best == null ? null : new Object[] {best.name(), address - bias - best.value()};
    }

    /**
     * As {@link #symbolAt}, also with the static functions of an unstripped file's .symtab, as debuggerd names
     * backtrace frames (dladdr and symbol binding see the dynamic symbols only).
     */
    public Object[] functionForBacktrace(long address) {
        long rel = address - bias;
        ElfSymbol best = nearest(image.staticFunctions(), rel, nearest(image.symbols(), rel, null));
        return best == null ? null : new Object[] {best.name(), rel - best.value()};
    }

    private static ElfSymbol nearest(List<ElfSymbol> symbols, long rel, ElfSymbol best) {
        for (ElfSymbol s : symbols) {
            if (!s.isDefined() || s.value() == 0 || s.value() > rel) continue;
            if (s.size() > 0 && rel >= s.value() + s.size()) continue;
            if (best == null || s.value() > best.value()) best = s;
        }
        return best;
    }
}
