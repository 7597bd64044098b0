package org.mdemu.guest.runtime;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.GuestMemory;

/**
 * A crash report in the shape of Android's tombstones (debuggerd): the signal and fault address, the registers
 * of the crashing thread, and a backtrace found by walking the frame-pointer chain (AArch64 NDK code keeps x29 as
 * frame pointer), each frame with module, offset and symbol.
 */
final class Tombstone {
    private static final int MAX_FRAMES = 64;

    record Signal(int number, String name, int code, String codeName) {}

    private Tombstone() {}

    private static final String[] NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
        "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    static String signalName(int signal) {
        return signal > 0 && signal < NAMES.length ? NAMES[signal] : "signal " + signal;
    }

    static String render(int pid, int tid, String threadName, String executable, Signal signal, long faultAddress,
                         String abortMessage, CpuRegisters regs, GuestMemory memory, CodeLocation.Resolver resolver) {
        return render(pid, tid, threadName, executable, signal, faultAddress, abortMessage, List.of(), regs, memory,
                resolver);
    }

    /** As above, with the "Extra crash detail" lines of android_crash_detail_register after the abort message. */
    static String render(int pid, int tid, String threadName, String executable, Signal signal, long faultAddress,
                         String abortMessage, List<String> crashDetails, CpuRegisters regs, GuestMemory memory,
                         CodeLocation.Resolver resolver) {
        StringBuilder out = new StringBuilder();
        out.append("*** *** *** *** *** *** *** *** *** *** *** *** *** *** *** ***\n");
        out.append("Build fingerprint: 'mdemu/microdroid/arm64:14/mdemu/1:user/release-keys'\n");
        out.append("ABI: 'arm64'\n");
        out.append(String.format("pid: %d, tid: %d, name: %s  >>> %s <<<%n", pid, tid, threadName, executable));
        String fault = signal.number() == 6 ? "--------" : String.format("0x%x", faultAddress);
        out.append(String.format("signal %d (%s), code %d (%s), fault addr %s%n", signal.number(), signal.name(),
                signal.code(), signal.codeName(), fault));
        if (abortMessage != null) out.append("Abort message: '").append(abortMessage).append("'\n");
        for (String detail : crashDetails) out.append(detail).append('\n');
        for (int i = 0; i < 29; i += 4) {
            StringBuilder line = new StringBuilder("   ");
            for (int r = i; r < Math.min(i + 4, 29); r++) {
                line.append(String.format(" x%-2d %016x", r, regs.x(r)));
            }
            out.append(line).append('\n');
        }
        out.append(String.format("    x29 %016x  lr  %016x  sp  %016x  pc  %016x%n",
                regs.x(29), regs.x(30), regs.sp(), regs.pc()));
        out.append('\n').append("backtrace:\n");
        List<Long> frames = backtrace(regs, memory);
        for (int i = 0; i < frames.size(); i++) {
            long pc = frames.get(i);
            CodeLocation where = resolver.locate(pc);
            if (where == null && i > 0) break; // the host's return address ends the guest's frames
            String text = where == null
                    ? String.format("      #%02d pc %016x  <unknown>", i, pc)
                    : String.format("      #%02d pc %016x  %s", i, where.offset(), where.describe());
            out.append(text).append('\n');
        }
        return out.toString();
    }

    /** pc, then lr if the crash happened before the frame was set up, then return addresses on the fp chain. */
    static List<Long> backtrace(CpuRegisters regs, GuestMemory memory) {
        return backtrace(regs.pc(), regs.x(30), regs.x(29), memory);
    }

    /** The backtrace from a thread's pc, link register and frame pointer. */
    static List<Long> backtrace(long pc, long lr, long fp, GuestMemory memory) {
        List<Long> frames = new ArrayList<>();
        frames.add(pc);
        boolean lrSaved = false;
        if (fp != 0 && memory.isMapped(fp, 16)) {
            lrSaved = memory.readLong(fp + 8) == lr;
        }
        if (!lrSaved && lr != 0) frames.add(lr - 4);
        while (fp != 0 && (fp & 7) == 0 && frames.size() < MAX_FRAMES && memory.isMapped(fp, 16)) {
            long next = memory.readLong(fp);
            long ret = memory.readLong(fp + 8);
            if (ret == 0) break;
            frames.add(ret - 4);
            if (next <= fp) break;
            fp = next;
        }
        return frames;
    }
}
