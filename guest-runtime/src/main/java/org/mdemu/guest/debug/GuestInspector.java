package org.mdemu.guest.debug;

import java.util.List;

/** What a stopped process shows a debugger; valid only inside {@link GuestDebugger#whileStopped}. */
public interface GuestInspector {
    record ThreadInfo(int tid, String name) {}

    /**
     * A library mapped from the APK: its path in the guest, load bias, the addresses of its dynamic section, program
     * headers and entry point (e_entry relocated), its program header count, and the file's bytes as the APK holds
     * them (what a debugger reads through the target when it has no local copy). The first one listed is the payload.
     */
    record SharedLibrary(String path, long base, long dynamic, long phdr, int phnum, long entry,
                         java.util.function.Supplier<byte[]> file) {}

    List<ThreadInfo> threads();

    /** The registers of a live thread, or null for an unknown one. */
    RegisterFile registers(int tid);

    /** Sets a live thread's registers; false for an unknown thread. fpsr/fpcr of -1 are left alone. */
    boolean setRegisters(int tid, RegisterFile registers);

    /** Guest memory; throws {@link org.mdemu.guest.machine.GuestFault} where nothing is mapped. */
    byte[] readMemory(long address, int length);

    void writeMemory(long address, byte[] bytes);

    List<SharedLibrary> libraries();
}
