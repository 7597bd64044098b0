package org.mdemu.loader.elf;

/** The file is not a loadable AArch64 ELF library; the message names the file and the offset concerned. */
public class ElfException extends Exception {
    public ElfException(String message) {
        super(message);
    }
}
