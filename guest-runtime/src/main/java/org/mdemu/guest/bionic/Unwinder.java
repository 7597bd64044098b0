package org.mdemu.guest.bionic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.machine.CpuRegisters;

/**
 * unwind.h as bionic's arm64 libc exports it (LLVM libunwind's level-1 API) and execinfo.h over it: frames are
 * stepped with the DWARF call frame information of the loaded libraries' .eh_frame (found through
 * PT_GNU_EH_FRAME) and of frames registered with __register_frame; exceptions are raised in libunwind's two phases,
 * calling the frames' personality routines, and a handler's context is installed by setting the CPU's registers.
 *
 * <p>The first frame is the caller of the unwinding function (the function itself is Java). The walk ends where
 * the guest's stack meets the runtime: a return address outside every loaded module (such as where the launcher
 * called AVmPayload_main, or a Java function calling guest code) is the end of the stack, so an exception does not
 * propagate through qsort, pthread_once or the other rows that call guest code.
 */
public final class Unwinder extends GuestSection {
    // _Unwind_Reason_Code.
    static final int URC_NO_REASON = 0, URC_FOREIGN_EXCEPTION_CAUGHT = 1, URC_FATAL_PHASE2_ERROR = 2,
            URC_FATAL_PHASE1_ERROR = 3, URC_END_OF_STACK = 5, URC_HANDLER_FOUND = 6, URC_INSTALL_CONTEXT = 7,
            URC_CONTINUE_UNWIND = 8;
    // _Unwind_Action.
    static final int UA_SEARCH_PHASE = 1, UA_CLEANUP_PHASE = 2, UA_HANDLER_FRAME = 4, UA_FORCE_UNWIND = 8,
            UA_END_OF_STACK = 16;
    private static final int PT_LOAD = 1, PT_GNU_EH_FRAME = 0x6474e550;
    private static final int MAX_FRAMES = 10_000;

    private final CodeMap code;
    private final DwarfCfi cfi;
    private Rows rows;
    /** Live _Unwind_Context handles (guest addresses) and the frames they stand for. */
    private final Map<Long, Frame> contexts = new HashMap<>();
    /** FDEs registered with __register_frame, by the address it was given. */
    private final Map<Long, List<DwarfCfi.Fde>> registered = new java.util.LinkedHashMap<>();

    public Unwinder(GuestProcess process, CodeMap code) {
        super(process);
        this.code = code;
        this.cfi = new DwarfCfi(process == null ? null : process.memory());
    }

    /** One frame: the registers as they are in it at its call site, and its return address. */
    static final class Frame {
        final long[] x = new long[32];
        final long[] v = new long[32];
        long pc;
        DwarfCfi.Fde fde;
        /** 1: FDE found; 0: the pc is outside every module (the end of the guest's stack); -1: no FDE in a module. */
        int info = Integer.MIN_VALUE;

        Frame copy() {
            Frame f = new Frame();
            System.arraycopy(x, 0, f.x, 0, 32);
            System.arraycopy(v, 0, f.v, 0, 32);
            f.pc = pc;
            return f;
        }
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        String version = "LIBC_R";
        Support dwarf = Support.full("DWARF .eh_frame CFI of loaded and registered code; the guest's stack ends"
                + " at the runtime's frames");
        t.functionCallingGuest("_Unwind_Backtrace", version, dwarf, f -> f.ret(backtraceWalk(f, f.ptr(0), f.ptr(1))));
        t.function("_Unwind_GetIP", version, dwarf, f -> f.ret(frame(f.ptr(0)) == null ? 0 : frame(f.ptr(0)).pc));
        t.function("_Unwind_GetIPInfo", version, dwarf, f -> {
            Frame fr = frame(f.ptr(0));
            if (f.ptr(1) != 0) {
                mem().writeInt(f.ptr(1), fr != null && lookup(fr) > 0 && fr.fde.signalFrame() ? 1 : 0);
            }
            f.ret(fr == null ? 0 : fr.pc);
        });
        t.function("_Unwind_SetIP", version, dwarf, f -> {
            Frame fr = frame(f.ptr(0));
            if (fr != null) fr.pc = f.ptr(1);
        });
        t.function("_Unwind_GetCFA", version, Support.full("the frame's stack pointer, as LLVM libunwind answers"),
                f -> f.ret(frame(f.ptr(0)) == null ? 0 : frame(f.ptr(0)).x[DwarfCfi.SP]));
        t.function("_Unwind_GetGR", version, dwarf, f -> {
            Frame fr = frame(f.ptr(0));
            int reg = f.i32(1);
            f.ret(fr == null ? 0 : reg >= 0 && reg < 32 ? fr.x[reg] : reg >= 64 && reg < 96 ? fr.v[reg - 64] : 0);
        });
        t.function("_Unwind_SetGR", version, dwarf, f -> {
            Frame fr = frame(f.ptr(0));
            int reg = f.i32(1);
            if (fr == null) return;
            if (reg >= 0 && reg < 32) fr.x[reg] = f.i64(2);
            else if (reg >= 64 && reg < 96) fr.v[reg - 64] = f.i64(2);
        });
        t.function("_Unwind_GetRegionStart", version, dwarf, f -> {
            Frame fr = frame(f.ptr(0));
            f.ret(fr != null && lookup(fr) > 0 ? fr.fde.pcBegin() : 0);
        });
        t.function("_Unwind_GetLanguageSpecificData", version, dwarf, f -> {
            Frame fr = frame(f.ptr(0));
            f.ret(fr != null && lookup(fr) > 0 ? fr.fde.lsda() : 0);
        });
        Support notOnArm64 = Support.full("aborts: LLVM libunwind implements it only for x86");
        t.function("_Unwind_GetDataRelBase", version, notOnArm64,
                f -> process.control().crash(6, "_Unwind_GetDataRelBase() not implemented"));
        t.function("_Unwind_GetTextRelBase", version, notOnArm64,
                f -> process.control().crash(6, "_Unwind_GetTextRelBase() not implemented"));
        t.function("_Unwind_Find_FDE", version, dwarf, f -> {
            DwarfCfi.Fde fde = findFde(f.ptr(0));
            long bases = f.ptr(1);
            if (bases != 0) {
                mem().writeLong(bases, 0);
                mem().writeLong(bases + 8, 0);
                mem().writeLong(bases + 16, fde == null ? 0 : fde.pcBegin());
            }
            f.ret(fde == null ? 0 : fde.address());
        });
        t.function("_Unwind_FindEnclosingFunction", version, dwarf, f -> {
            DwarfCfi.Fde fde = findFde(f.ptr(0));
            f.ret(fde == null ? 0 : fde.pcBegin());
        });
        t.functionCallingGuest("_Unwind_RaiseException", version, dwarf, this::raise);
        t.functionCallingGuest("_Unwind_Resume", version, dwarf, this::resume);
        t.functionCallingGuest("_Unwind_Resume_or_Rethrow", version, dwarf, f -> {
            if (mem().readLong(f.ptr(0) + 16) == 0) raise(f);
            else resume(f);
        });
        t.functionCallingGuest("_Unwind_ForcedUnwind", version, dwarf, f -> {
            long exception = f.ptr(0);
            mem().writeLong(exception + 16, f.ptr(1));
            mem().writeLong(exception + 24, f.ptr(2));
            int result = phase2Forced(f, initial(f), exception);
            if (result >= 0) f.ret(result); // else a landing pad's context is installed
        });
        t.functionCallingGuest("_Unwind_DeleteException", version, dwarf, f -> {
            long exception = f.ptr(0);
            long cleanup = mem().readLong(exception + 8);
            if (cleanup != 0) process.calls().call(cleanup, URC_FOREIGN_EXCEPTION_CAUGHT, exception);
        });
        Support register = Support.full("an .eh_frame section (when the pointer is at a CIE) or a single FDE");
        t.function("__register_frame", version, register, f -> registerFrame(f.ptr(0)));
        t.function("__deregister_frame", version, register, f -> {
            synchronized (registered) {
                registered.remove(f.ptr(0));
            }
        });
        Support exec = Support.full("over _Unwind_Backtrace, as bionic's execinfo; symbols from dladdr");
        t.functionCallingGuest("backtrace", "LIBC_T", exec, this::backtrace);
        t.function("backtrace_symbols", "LIBC_T", exec, f -> f.ret(backtraceSymbols(f.ptr(0), f.i32(1))));
        t.function("backtrace_symbols_fd", "LIBC_T", exec, f -> {
            int size = f.i32(1), fd = f.i32(2);
            if (size <= 0 || fd < 0) return;
            byte[] text = symbolLines(f.ptr(0), size).getBytes(StandardCharsets.UTF_8);
            long buffer = heap().malloc(Math.max(1, text.length));
            try {
                mem().write(buffer, text);
                rows.call(f, "write", fd, buffer, text.length);
            } finally {
                heap().free(buffer);
            }
        });
    }

    private Frame frame(long context) {
        synchronized (contexts) {
            return contexts.get(context);
        }
    }

    /** The caller of the unwinding function, with the registers it had at the call. */
    private Frame initial(CallFrame f) {
        CpuRegisters r = f.registers();
        Frame fr = new Frame();
        for (int i = 0; i < 31; i++) fr.x[i] = r.x(i);
        fr.x[DwarfCfi.SP] = r.sp();
        for (int i = 0; i < 32; i++) fr.v[i] = r.d64(i);
        fr.pc = r.x(30);
        return fr;
    }

    /** Finds the frame's FDE (once): see {@link Frame#info}. */
    private int lookup(Frame fr) {
        if (fr.info != Integer.MIN_VALUE) return fr.info;
        // A return address points after the call: look up the call itself.
        long pc = fr.pc - 1;
        fr.fde = findFde(pc);
        fr.info = fr.fde != null ? 1 : inModule(pc) ? -1 : 0;
        return fr.info;
    }

    private boolean inModule(long pc) {
        for (CodeMap.Module m : code.modules()) {
            for (int i = 0; i < m.phdrCount(); i++) {
                long ph = m.phdrAddress() + 56L * i;
                if (mem().readInt(ph) != PT_LOAD) continue;
                long start = m.bias() + mem().readLong(ph + 16), size = mem().readLong(ph + 40);
                if (pc >= start && pc < start + size) return true;
            }
        }
        return false;
    }

    /** The FDE covering pc: registered frames first, then the module holding pc through its .eh_frame_hdr. */
    DwarfCfi.Fde findFde(long pc) {
        synchronized (registered) {
            for (List<DwarfCfi.Fde> list : registered.values()) {
                for (DwarfCfi.Fde fde : list) if (pc >= fde.pcBegin() && pc < fde.pcEnd()) return fde;
            }
        }
        for (CodeMap.Module m : code.modules()) {
            long hdr = 0;
            boolean holds = false;
            for (int i = 0; i < m.phdrCount(); i++) {
                long ph = m.phdrAddress() + 56L * i;
                int type = mem().readInt(ph);
                long start = m.bias() + mem().readLong(ph + 16), size = mem().readLong(ph + 40);
                if (type == PT_LOAD && pc >= start && pc < start + size) holds = true;
                if (type == PT_GNU_EH_FRAME) hdr = start;
            }
            if (holds) return hdr == 0 ? null : cfi.findThroughHeader(hdr, pc);
        }
        return null;
    }

    /**
     * The caller's frame: the CFA from the rules at the frame's pc, each saved register read back, sp the CFA and
     * the pc the restored return address. Null at the end of the stack (no FDE, an undefined or zero return
     * address, or rules this reader cannot evaluate).
     */
    private Frame step(Frame fr) {
        if (lookup(fr) <= 0) return null;
        DwarfCfi.Step step;
        try {
            step = cfi.step(fr.fde, fr.pc - 1, fr.x, fr.v);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        if (step == null) return null;
        long ra = step.returnAddress();
        if (ra == 0 || (ra == fr.pc && step.cfa() == fr.x[DwarfCfi.SP])) return null;
        Frame next = new Frame();
        System.arraycopy(step.x(), 0, next.x, 0, 32);
        System.arraycopy(step.v(), 0, next.v, 0, 32);
        next.pc = ra;
        return next;
    }

    /** A context handle for the frame while guest code looks at it. */
    private long handle(Frame fr) {
        long h = heap().calloc(1, 16);
        synchronized (contexts) {
            contexts.put(h, fr);
        }
        return h;
    }

    private void release(long handle) {
        synchronized (contexts) {
            contexts.remove(handle);
        }
        heap().free(handle);
    }

    private long backtraceWalk(CallFrame f, long trace, long arg) {
        Frame fr = initial(f);
        for (int n = 0; n < MAX_FRAMES && fr != null; n++) {
            lookup(fr);
            long h = handle(fr);
            int result;
            try {
                result = (int) process.calls().call(trace, h, arg);
            } finally {
                release(h);
            }
            if (result != URC_NO_REASON) return result;
            fr = step(fr);
        }
        return URC_END_OF_STACK;
    }

    /** personality(1, actions, exception_class, exception, context), or -1 when the frame has none. */
    private int personality(Frame fr, int actions, long exception) {
        long personality = fr.fde.personality();
        if (personality == 0) return -1;
        long h = handle(fr);
        try {
            return (int) process.calls().call(personality, 1, actions, mem().readLong(exception), exception, h);
        } finally {
            release(h);
        }
    }

    private void raise(CallFrame f) {
        long exception = f.ptr(0);
        mem().writeLong(exception + 16, 0);
        mem().writeLong(exception + 24, 0);
        // Phase 1: search for a handler.
        Frame fr = initial(f);
        int n = 0;
        while (true) {
            if (fr == null || n++ >= MAX_FRAMES) {
                f.ret(URC_END_OF_STACK);
                return;
            }
            int info = lookup(fr);
            if (info == 0) {
                f.ret(URC_END_OF_STACK);
                return;
            }
            if (info < 0) {
                f.ret(URC_FATAL_PHASE1_ERROR);
                return;
            }
            int result = personality(fr, UA_SEARCH_PHASE, exception);
            if (result == URC_HANDLER_FOUND) {
                mem().writeLong(exception + 24, fr.x[DwarfCfi.SP]);
                break;
            }
            if (result != -1 && result != URC_CONTINUE_UNWIND) {
                f.ret(URC_FATAL_PHASE1_ERROR);
                return;
            }
            fr = step(fr);
        }
        int result = phase2(f, initial(f), exception);
        if (result >= 0) f.ret(result);
    }

    private void resume(CallFrame f) {
        long exception = f.ptr(0);
        int result = mem().readLong(exception + 16) != 0 ? phase2Forced(f, initial(f), exception)
                : phase2(f, initial(f), exception);
        if (result >= 0) process.control().crash(6, "_Unwind_Resume() can't return");
    }

    /** Phase 2 (cleanup); returns a reason code, or -1 after installing a landing pad's context. */
    private int phase2(CallFrame f, Frame fr, long exception) {
        long handlerSp = mem().readLong(exception + 24);
        for (int n = 0; n < MAX_FRAMES; n++) {
            if (fr == null) return URC_END_OF_STACK;
            int info = lookup(fr);
            if (info == 0) return URC_END_OF_STACK;
            if (info < 0) return URC_FATAL_PHASE2_ERROR;
            boolean handlerFrame = fr.x[DwarfCfi.SP] == handlerSp;
            int result = personality(fr, UA_CLEANUP_PHASE | (handlerFrame ? UA_HANDLER_FRAME : 0), exception);
            if (result == URC_INSTALL_CONTEXT) {
                install(f, fr);
                return -1;
            }
            if (result == URC_CONTINUE_UNWIND && handlerFrame) {
                process.control().crash(6, "during phase1 personality function said it would stop here, but now in"
                        + " phase2 it did not stop here");
                return -1;
            }
            if (result != -1 && result != URC_CONTINUE_UNWIND) return URC_FATAL_PHASE2_ERROR;
            fr = step(fr);
        }
        return URC_END_OF_STACK;
    }

    /** Forced unwinding: the stop function sees every frame first, then the end of the stack. */
    private int phase2Forced(CallFrame f, Frame fr, long exception) {
        long stop = mem().readLong(exception + 16), parameter = mem().readLong(exception + 24);
        long exceptionClass = mem().readLong(exception);
        Frame last = fr;
        for (int n = 0; n < MAX_FRAMES && fr != null && lookup(fr) != 0; n++) {
            last = fr;
            int action = UA_FORCE_UNWIND | UA_CLEANUP_PHASE;
            long h = handle(fr);
            int stopResult;
            try {
                stopResult = (int) process.calls().call(stop, 1, action, exceptionClass, exception, h, parameter);
            } finally {
                release(h);
            }
            if (stopResult != URC_NO_REASON) return URC_FATAL_PHASE2_ERROR;
            if (fr.info > 0) {
                int result = personality(fr, action, exception);
                if (result == URC_INSTALL_CONTEXT) {
                    install(f, fr);
                    return -1;
                }
                if (result != -1 && result != URC_CONTINUE_UNWIND) return URC_FATAL_PHASE2_ERROR;
            }
            fr = step(fr);
        }
        long h = handle(last);
        try {
            process.calls().call(stop, 1, UA_FORCE_UNWIND | UA_CLEANUP_PHASE | UA_END_OF_STACK, exceptionClass,
                    exception, h, parameter);
        } finally {
            release(h);
        }
        return URC_FATAL_PHASE2_ERROR;
    }

    /** Resumes the guest in the frame (at the landing pad its personality chose), as libunwind's jumpto does. */
    private void install(CallFrame f, Frame fr) {
        CpuRegisters r = f.registers();
        for (int i = 0; i < 30; i++) r.setX(i, fr.x[i]);
        for (int i = 0; i < 32; i++) r.setD64(i, fr.v[i]);
        r.setSp(fr.x[DwarfCfi.SP]);
        r.setX(30, fr.pc);
        r.setPc(fr.pc);
    }

    private void registerFrame(long address) {
        List<DwarfCfi.Fde> fdes = new ArrayList<>();
        if (address == 0) return;
        if (cfi.isCie(address)) {
            int guard = 0;
            for (long at = address; at != 0 && guard++ < 1_000_000; at = cfi.next(at)) {
                if (cfi.isCie(at)) continue;
                DwarfCfi.Fde fde = cfi.fde(at);
                if (fde != null) fdes.add(fde);
            }
        } else {
            DwarfCfi.Fde fde = cfi.fde(address);
            if (fde != null) fdes.add(fde);
        }
        synchronized (registered) {
            registered.put(address, fdes);
        }
    }

    /** bionic's backtrace: the frames from backtrace itself outwards, each return address less one instruction. */
    private void backtrace(CallFrame f) {
        long buffer = f.ptr(0);
        int size = f.i32(1);
        if (size <= 0) {
            f.ret(0);
            return;
        }
        int count = 0;
        long self = code.symbol("backtrace");
        mem().writeLong(buffer, self);
        count++;
        Frame fr = initial(f);
        while (count < size && fr != null && count < MAX_FRAMES) {
            lookup(fr);
            mem().writeLong(buffer + 8L * count++, fr.pc == 0 ? 0 : fr.pc - 4);
            fr = step(fr);
        }
        f.ret(count);
    }

    /** backtrace_symbols_fd's lines: "path(symbol+0xoffset) [address]", as bionic formats them. */
    private String symbolLines(long buffer, int size) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < size; i++) {
            long address = mem().readLong(buffer + 8L * i);
            CodeMap.Location where = code.locate(address);
            if (where != null) {
                if (where.path() != null) out.append(where.path());
                if (where.symbol() != null) {
                    out.append('(').append(where.symbol()).append("+0x")
                            .append(Long.toHexString(address - where.symbolAddress())).append(") ");
                } else {
                    out.append("(+0x").append(Long.toHexString(0)).append(") ");
                }
            }
            out.append("[0x").append(Long.toHexString(address)).append("]\n");
        }
        return out.toString();
    }

    /** One block: size pointers, then the lines they point at. */
    private long backtraceSymbols(long buffer, int size) {
        if (size <= 0) return 0;
        String text = symbolLines(buffer, size);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long block = heap().malloc(8L * size + bytes.length + 1);
        if (block == 0) return 0;
        long strings = block + 8L * size;
        mem().write(strings, bytes);
        long at = strings;
        int line = 0;
        for (int i = 0; i < bytes.length && line < size; i++) {
            if (bytes[i] == '\n') {
                mem().writeLong(block + 8L * line++, at);
                mem().writeByte(strings + i, 0);
                at = strings + i + 1;
            }
        }
        return block;
    }
}
