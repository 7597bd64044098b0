package org.mdemu.loader.elf;

/**
 * A dynamic symbol. version is the version node name from VERSYM/VERNEED (imports) or VERDEF (definitions), or
 * null when the symbol carries none.
 */
public record ElfSymbol(int index, String name, long value, long size, int type, int binding, int shndx,
                        String version, boolean hidden) {
    public static final int STT_FUNC = 2, STT_TLS = 6, STT_GNU_IFUNC = 10, STB_WEAK = 2, STB_LOCAL = 0;

    public boolean isDefined() {
        return shndx != 0;
    }

    public boolean isWeak() {
        return binding == STB_WEAK;
    }

    public String displayName() {
        return version == null ? name : name + "@" + version;
    }
}
