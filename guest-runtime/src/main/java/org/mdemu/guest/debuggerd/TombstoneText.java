package org.mdemu.guest.debuggerd;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.kernel.MemoryManager.Mapping;
import org.mdemu.guest.machine.GuestMemory;

/**
 * A tombstone as debuggerd's tombstone_proto_to_text writes it: the build header, the crashing thread (its header,
 * signal line, cause, abort message, registers, backtrace, and the memory near each register that points at
 * readable memory), the memory map with the fault address marked, then every other thread with its registers and
 * backtrace. As on a device only part of it goes to the log (the header and the crashing thread's registers and
 * backtrace); the file has all of it.
 */
public final class TombstoneText {
    private static final String FINGERPRINT = "mdemu/microdroid/arm64:14/mdemu/1:user/release-keys";
    private static final int DUMP_BYTES = 256, LINE = 16;
    private static final long PAGE = 4096;

    /** A thread as the tombstone shows it; registers are null when the thread has not run yet. */
    public record ThreadDump(int tid, String name, ThreadRegisters registers, List<CrashUnwinder.Frame> frames) {}

    /** The signal that killed the process; faultAddress is null for signals without one (SIGABRT from kill). */
    public record Signal(int number, String name, int code, String codeName, Long faultAddress) {}

    /** Who died, when, of what. */
    public record Crash(int pid, int uid, String executable, String commandLine, String timestamp, long uptimeSeconds,
                        Signal signal, String cause, String abortMessage, List<String> crashDetails,
                        ThreadDump crashing, List<ThreadDump> others) {}

    /** The whole tombstone and the lines of it that go to the log. */
    public record Text(String full, String logged) {}

    private final GuestMemory memory;
    private final List<Mapping> mappings;
    private final CodeModules modules;
    private final StringBuilder full = new StringBuilder(), logged = new StringBuilder();

    private TombstoneText(GuestMemory memory, List<Mapping> mappings, CodeModules modules) {
        this.memory = memory;
        this.mappings = mappings;
        this.modules = modules;
    }

    /** Renders the crash; memory is read with the guest's protections (an unreadable range is left out). */
    public static Text render(Crash crash, GuestMemory memory, List<Mapping> mappings, CodeModules modules) {
        TombstoneText t = new TombstoneText(memory, mappings, modules);
        t.write(crash);
        return new Text(t.full.toString(), t.logged.toString());
    }

    private void line(boolean log, String text) {
        full.append(text).append('\n');
        if (log) logged.append(text).append('\n');
    }

    private void write(Crash c) {
        line(true, "*** *** *** *** *** *** *** *** *** *** *** *** *** *** *** ***");
        line(true, "Build fingerprint: '" + FINGERPRINT + "'");
        line(true, "Revision: '0'");
        line(true, "ABI: 'arm64'");
        line(true, "Timestamp: " + c.timestamp());
        line(true, "Process uptime: " + c.uptimeSeconds() + "s");
        line(true, "Cmdline: " + c.commandLine());
        threadHeader(c, c.crashing(), true);
        Signal s = c.signal();
        String fault = s.faultAddress() == null ? "--------" : String.format("0x%x", s.faultAddress());
        line(true, String.format("signal %d (%s), code %d (%s), fault addr %s", s.number(), s.name(), s.code(),
                s.codeName(), fault));
        if (c.cause() != null) line(true, "Cause: " + c.cause());
        if (c.abortMessage() != null) line(true, "Abort message: '" + c.abortMessage() + "'");
        for (String detail : c.crashDetails()) line(true, detail);
        registers(c.crashing().registers(), true);
        backtrace(c.crashing().frames(), true);
        if (c.crashing().registers() != null) memoryNearRegisters(c.crashing().registers());
        memoryMap(s.faultAddress() == null ? 0 : s.faultAddress());
        for (ThreadDump other : c.others()) {
            line(false, "--- --- --- --- --- --- --- --- --- --- --- --- --- --- --- ---");
            threadHeader(c, other, false);
            registers(other.registers(), false);
            backtrace(other.frames(), false);
        }
    }

    private void threadHeader(Crash c, ThreadDump t, boolean log) {
        line(log, String.format("pid: %d, tid: %d, name: %s  >>> %s <<<", c.pid(), t.tid(), t.name(), c.executable()));
        line(log, "uid: " + c.uid());
    }

    private static final String[] SPECIAL = {"lr", "sp", "pc", "pst"};

    private void registers(ThreadRegisters r, boolean log) {
        if (r == null) {
            line(log, "    (no registers: the thread has not run yet)");
            return;
        }
        StringBuilder row = new StringBuilder("  ");
        int inRow = 0;
        for (int i = 0; i < 30; i++) {
            row.append(String.format("  %-3s %016x", "x" + i, r.x(i)));
            if (++inRow == 4 || i == 29) {
                line(log, row.toString());
                row = new StringBuilder("  ");
                inRow = 0;
            }
        }
        long[] special = {r.x(30), r.sp(), r.pc(), r.pstate()};
        for (int i = 0; i < SPECIAL.length; i++) row.append(String.format("  %-3s %016x", SPECIAL[i], special[i]));
        line(log, row.toString());
    }

    private void backtrace(List<CrashUnwinder.Frame> frames, boolean log) {
        line(false, "");
        line(log, "backtrace:");
        for (int i = 0; i < frames.size(); i++) line(log, frame(i, frames.get(i)));
    }

    private String frame(int index, CrashUnwinder.Frame f) {
        String file, function = "", buildId = "";
        long pc = f.relativePc();
        if (f.module() != null) {
            file = f.module().path();
            if (f.symbol() != null) function = " (" + f.symbol().name() + "+" + f.symbol().offset() + ")";
            if (f.module().buildId() != null) buildId = " (BuildId: " + f.module().buildId() + ")";
        } else {
            Mapping m = ProbableCause.find(mappings, f.pc());
            if (m == null) {
                file = "<unknown>";
            } else {
                file = m.name() == null || m.name().isEmpty() ? String.format("<anonymous:%x>", m.start()) : m.name();
                pc = f.pc() - m.start();
            }
            if (f.trampoline()) function = " (__restore_rt)";
        }
        return String.format("      #%02d pc %016x  %s%s%s", index, pc, file, function, buildId);
    }

    private void memoryNearRegisters(ThreadRegisters r) {
        for (int i = 0; i < 34; i++) {
            String name = i < 30 ? "x" + i : SPECIAL[i - 30];
            long value = i < 30 ? r.x(i) : i == 30 ? r.x(30) : i == 31 ? r.sp() : r.pc();
            if (i == 33) break; // pst is flags, not an address
            dump(name, value);
        }
    }

    /** 256 bytes from 32 before the 16-byte line holding value; from the next page if that start is unreadable. */
    private void dump(String register, long value) {
        long start = value & ~0xfL;
        if (Long.compareUnsigned(start, 4128) >= 0) start -= 32;
        if (Long.compareUnsigned(start, -1L - DUMP_BYTES) > 0) return;
        List<byte[]> lines = readLines(start);
        if (lines.isEmpty()) {
            long nextPage = (start + PAGE) & ~(PAGE - 1);
            if (Long.compareUnsigned(nextPage, start + DUMP_BYTES) >= 0) return;
            start = nextPage;
            lines = readLines(start);
            if (lines.isEmpty()) return;
        }
        Mapping m = ProbableCause.find(mappings, value);
        line(false, "");
        line(false, String.format("memory near %s (%s):", register, m == null || m.name() == null ? "" : m.name()));
        for (int l = 0; l < lines.size(); l++) {
            byte[] b = lines.get(l);
            StringBuilder text = new StringBuilder(String.format("    %016x", start + (long) l * LINE));
            for (int w = 0; w < LINE; w += 8) {
                long word = 0;
                for (int k = 7; k >= 0; k--) word = word << 8 | (b[w + k] & 0xff);
                text.append(String.format(" %016x", word));
            }
            text.append("  ");
            for (byte c : b) text.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            line(false, text.toString());
        }
    }

    /** The readable 16-byte lines of the dump from start, up to the first one that is not. */
    private List<byte[]> readLines(long start) {
        List<byte[]> lines = new ArrayList<>();
        for (int off = 0; off < DUMP_BYTES; off += LINE) {
            try {
                lines.add(memory.read(start + off, LINE));
            } catch (RuntimeException unreadable) {
                break;
            }
        }
        return lines;
    }

    private void memoryMap(long faultAddress) {
        line(false, "");
        String header = String.format("memory map (%d %s):", mappings.size(), mappings.size() == 1 ? "entry" : "entries");
        boolean marker = faultAddress != 0;
        if (marker && !mappings.isEmpty() && Long.compareUnsigned(faultAddress, mappings.get(0).start()) < 0) {
            line(false, header);
            line(false, "--->Fault address falls at " + pointer(faultAddress) + " before any mapped regions");
            marker = false;
        } else {
            line(false, header + (marker ? " (fault address prefixed with --->)" : ""));
        }
        for (Mapping m : mappings) {
            String prefix = "    ";
            if (marker && Long.compareUnsigned(faultAddress, m.start()) < 0) {
                line(false, "--->Fault address falls at " + pointer(faultAddress) + " between mapped regions");
                marker = false;
            } else if (marker && m.contains(faultAddress)) {
                prefix = "--->";
                marker = false;
            }
            StringBuilder text = new StringBuilder(prefix).append(pointer(m.start())).append('-')
                    .append(pointer(m.end() - 1)).append(' ').append(org.mdemu.guest.machine.Prot.describe(m.prot()))
                    .append(String.format("  %8x  %8x", 0, m.end() - m.start()));
            if (m.name() != null && !m.name().isEmpty()) {
                text.append("  ").append(m.name());
                CodeModules.Module module = modules.moduleAt(m.start());
                if (module != null && module.buildId() != null && m.name().equals(module.path())) {
                    text.append(" (BuildId: ").append(module.buildId()).append(')');
                }
            }
            line(false, text.toString());
        }
        if (marker) line(false, "--->Fault address falls at " + pointer(faultAddress) + " after any mapped regions");
    }

    private static String pointer(long address) {
        return String.format("%08x'%08x", address >>> 32, address & 0xffffffffL);
    }
}
