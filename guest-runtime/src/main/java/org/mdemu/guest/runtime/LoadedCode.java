package org.mdemu.guest.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.debuggerd.CodeModules;
import org.mdemu.loader.elf.Elf64Image;
import org.mdemu.loader.link.DynamicLinker;
import org.mdemu.loader.link.LoadedLibrary;

/**
 * The process's code for tombstones: the payload's libraries and the guest-code part of libc as linker64 loaded
 * them (with their .eh_frame_hdr and build ids), and the trap gate's stubs shown as functions of the system library
 * whose row they serve.
 */
final class LoadedCode implements CodeModules {
    private static final int PT_GNU_EH_FRAME = 0x6474e550;
    private static final String SYSTEM_LIB_DIR = "/system/lib64/";

    private final List<DynamicLinker> linkers = new ArrayList<>();
    private final TrapGate gate;
    private final Map<LoadedLibrary, Module> modules = new HashMap<>();

    LoadedCode(TrapGate gate, DynamicLinker... linkers) {
        this.gate = gate;
        for (DynamicLinker l : linkers) if (l != null) this.linkers.add(l);
    }

    @Override
    public Module moduleAt(long address) {
        for (DynamicLinker linker : linkers) {
            LoadedLibrary lib = linker.libraryAt(address);
            if (lib != null) return modules.computeIfAbsent(lib, LoadedCode::module);
        }
        TrapGate.Entry entry = gate == null ? null : gate.entryContaining(address);
        if (entry == null) return null;
        long stub = gate.base() + (address - gate.base()) / TrapGate.STUB_SIZE * TrapGate.STUB_SIZE;
        return new Module(SYSTEM_LIB_DIR + entry.library(), gate.base(), stub, stub + TrapGate.STUB_SIZE, 0, null,
                a -> new Symbol(entry.name(), a - stub));
    }

    private static Module module(LoadedLibrary lib) {
        Elf64Image image = lib.image();
        long hdr = 0;
        for (Elf64Image.Segment s : image.segments()) if (s.type() == PT_GNU_EH_FRAME) hdr = lib.base() + s.vaddr();
        return new Module(lib.path(), lib.base(), lib.base(), lib.base() + lib.size(), hdr, image.buildId(), a -> {
            Object[] sym = lib.functionForBacktrace(a);
            return sym == null ? null : new Symbol((String) sym[0], (Long) sym[1]);
        });
    }
}
