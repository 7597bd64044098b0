package org.mdemu.loader.link;

/**
 * A loaded library's PT_TLS segment as a TLS module: its id (what R_AARCH64_TLS_DTPMOD64 stores, from 1), where its
 * initialisation image lies in guest memory (fileSize bytes of .tdata; the rest of memSize is .tbss, zero), its
 * alignment, and its offset from the thread pointer in the static TLS block, or {@link #DYNAMIC} for a library
 * dlopen'ed after the initial load, whose block each thread allocates on first use.
 */
public record TlsModule(int id, String soname, long imageAddress, long fileSize, long memSize, long align,
                        long staticOffset) {
    public static final long DYNAMIC = -1;

    public boolean isStatic() {
        return staticOffset != DYNAMIC;
    }
}
