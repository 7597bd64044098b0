package org.mdemu.emulator.gdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mdemu.guest.debug.DebugListener;
import org.mdemu.guest.debug.GuestDebugger;
import org.mdemu.guest.debug.GuestInspector;
import org.mdemu.guest.debug.RegisterFile;
import org.mdemu.guest.debug.ResumePlan;
import org.mdemu.guest.debug.StopEvent;
import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.machine.Prot;

/**
 * One gdb client on the remote serial protocol, in all-stop mode, driving a {@link GuestDebugger}. Packets that
 * cannot be parsed get an error reply ({@code E01}, or {@code E.text}), unknown ones the empty reply; nothing a
 * client sends ends the VM except {@code k}. When the client goes away, breakpoints and watchpoints are removed and
 * the payload runs on.
 */
final class GdbSession implements DebugListener {
    /** The largest packet accepted; advertised as PacketSize. */
    static final int PACKET_SIZE = 0x4000;
    private static final int MAX_MEMORY_READ = (PACKET_SIZE - 16) / 2;

    private final GuestDebugger debugger;
    private final InputStream in;
    private final OutputStream out;
    private final Runnable kill;
    private final long stopWaitMillis;
    private boolean noAck;
    private boolean swbreak;
    /** The thread g/G/p/P/m work on (Hg); 0 = the stopped one. */
    private int selectedThread;
    /** True while the process runs on the client's behalf: its next stop or end is a reply. */
    private volatile boolean running;
    private volatile boolean ended;
    private volatile boolean closed;
    private final TargetFiles files;

    GdbSession(GuestDebugger debugger, InputStream in, OutputStream out, Runnable kill, long stopWaitMillis) {
        this.debugger = debugger;
        this.in = in;
        this.out = out;
        this.kill = kill;
        this.stopWaitMillis = stopWaitMillis;
        this.files = new TargetFiles(path -> debugger.whileStopped(i -> i.libraries().stream()
                .filter(l -> l.path().equals(path)).findFirst().map(l -> l.file().get()).orElse(null)));
    }

    /** Serves the client until it detaches, kills or goes away. */
    void serve() throws IOException {
        RspReader reader = new RspReader(in, PACKET_SIZE);
        try {
            while (!closed) {
                RspReader.Unit unit = reader.next();
                if (unit == null) break;
                if (unit instanceof RspReader.Unit.Interrupt) {
                    interrupt();
                } else if (unit instanceof RspReader.Unit.Corrupt || unit instanceof RspReader.Unit.TooLong) {
                    if (!noAck) ack('-');
                    if (unit instanceof RspReader.Unit.TooLong) send("E.packet too long");
                } else if (unit instanceof RspReader.Unit.Packet p) {
                    if (!noAck) ack('+');
                    String packet = new String(p.data(), StandardCharsets.ISO_8859_1);
                    String reply;
                    try {
                        reply = handle(packet);
                    } catch (RuntimeException e) {
                        reply = error(e);
                    }
                    if (reply != null) send(reply);
                }
            }
        } finally {
            if (!closed && !ended) leave();
        }
    }

    /** The client vanished or detached: the payload must run on without it. */
    private void leave() {
        closed = true;
        try {
            if (!debugger.isStopped() && !debugger.ended()) debugger.interrupt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        debugger.detach();
    }

    private String error(RuntimeException e) {
        if (e instanceof GuestFault) return "E14"; // EFAULT
        if (e instanceof NumberFormatException || e instanceof IndexOutOfBoundsException
                || e instanceof IllegalArgumentException) {
            return "E01";
        }
        if (e instanceof IllegalStateException) return "E.process is not stopped";
        if (e instanceof UnsupportedOperationException) return "E." + e.getMessage();
        return "E." + e.getClass().getSimpleName();
    }

    private String handle(String p) {
        if (p.isEmpty()) return "";
        char c = p.charAt(0);
        switch (c) {
            case '?': return stopReply();
            case 'g': return readRegisters();
            case 'G': return writeRegisters(p.substring(1));
            case 'p': return readRegister(Integer.parseInt(p.substring(1), 16));
            case 'P': return writeRegister(p.substring(1));
            case 'm': return readMemory(p.substring(1));
            case 'M': return writeMemory(p.substring(1), false);
            case 'X': return writeMemory(p.substring(1), true);
            case 'H': return selectThread(p.substring(1));
            case 'T': return threadAlive(p.substring(1));
            case 'c', 'C', 's', 'S': return legacyResume(c, p.substring(1));
            case 'Z': return breakpoint(p.substring(1), true);
            case 'z': return breakpoint(p.substring(1), false);
            case 'k':
                closed = true;
                kill.run();
                return null;
            case 'D':
                send("OK");
                closed = true;
                debugger.detach();
                return null;
            case 'q': return query(p);
            case 'Q': return p.equals("QStartNoAckMode") ? noAckMode() : "";
            case 'v': return vPacket(p);
            default: return "";
        }
    }

    private String noAckMode() {
        send("OK");
        noAck = true;
        return null;
    }

    private String query(String p) {
        if (p.startsWith("qSupported")) {
            swbreak = p.contains("swbreak+");
            return "PacketSize=" + Integer.toHexString(PACKET_SIZE) + ";qXfer:features:read+;qXfer:libraries-svr4:read+"
                    + ";qXfer:threads:read+;qXfer:auxv:read+;qXfer:exec-file:read+;QStartNoAckMode+;vContSupported+" + (swbreak ? ";swbreak+" : "");
        }
        if (p.equals("qAttached")) return "1";
        if (p.equals("qC")) {
            StopEvent s = debugger.lastStop();
            return s == null ? "" : "QC" + Integer.toHexString(s.tid());
        }
        if (p.equals("qfThreadInfo")) {
            List<GuestInspector.ThreadInfo> threads = debugger.whileStopped(GuestInspector::threads);
            StringBuilder b = new StringBuilder("m");
            for (int i = 0; i < threads.size(); i++) {
                if (i > 0) b.append(',');
                b.append(Integer.toHexString(threads.get(i).tid()));
            }
            return threads.isEmpty() ? "l" : b.toString();
        }
        if (p.equals("qsThreadInfo")) return "l";
        if (p.startsWith("qThreadExtraInfo,")) {
            int tid = Integer.parseInt(p.substring(17), 16);
            String name = debugger.whileStopped(i -> i.threads().stream().filter(t -> t.tid() == tid)
                    .map(GuestInspector.ThreadInfo::name).findFirst().orElse(null));
            return name == null ? "E01" : hex(name.getBytes(StandardCharsets.UTF_8));
        }
        if (p.startsWith("qXfer:")) return xfer(p.substring(6));
        if (p.equals("qSymbol::")) return "OK";
        return "";
    }

    /** qXfer:OBJECT:read:ANNEX:OFFSET,LENGTH */
    private String xfer(String rest) {
        String[] parts = rest.split(":", 4);
        if (parts.length != 4 || !parts[1].equals("read")) return "";
        String document = switch (parts[0]) {
            case "features" -> parts[2].equals("target.xml") ? TargetDescription.xml() : null;
            case "libraries-svr4" -> libraries();
            case "auxv" -> auxv();
            case "threads" -> threads();
            case "exec-file" -> execFile();
            default -> "";
        };
        if (document == null) return "E00";
        if (document.isEmpty() && !parts[0].equals("features")) return "";
        String[] range = parts[3].split(",", 2);
        int offset = Integer.parseInt(range[0], 16);
        int length = Integer.parseInt(range[1], 16);
        if (offset < 0 || length < 0) return "E01";
        byte[] b = document.getBytes(parts[0].equals("auxv") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        if (offset >= b.length) return "l";
        int n = Math.min(Math.min(length, b.length - offset), PACKET_SIZE - 8);
        String chunk = escapeBinary(b, offset, n);
        return (offset + n >= b.length ? "l" : "m") + chunk;
    }

    /**
     * The payload plays the main program, as gdbserver lists a process: it is left out of the library list (its
     * link map is main-lm), and the auxiliary vector locates it (AT_PHDR, AT_ENTRY), so gdb given the payload as its
     * file relocates it and then loads the other libraries from the list.
     */
    private String libraries() {
        List<GuestInspector.SharedLibrary> libs = debugger.whileStopped(GuestInspector::libraries);
        StringBuilder s = new StringBuilder("<library-list-svr4 version=\"1.0\"");
        if (!libs.isEmpty()) s.append(String.format(" main-lm=\"0x%x\"", libs.get(0).base()));
        s.append('>');
        for (GuestInspector.SharedLibrary l : libs.subList(Math.min(1, libs.size()), libs.size())) {
            s.append(String.format("<library name=\"%s\" lm=\"0x%x\" l_addr=\"0x%x\" l_ld=\"0x%x\" lmid=\"0x0\"/>",
                    xmlEscape(l.path()), l.base(), l.base(), l.dynamic()));
        }
        return s.append("</library-list-svr4>").toString();
    }

    /** The payload's path: gdb started without a file reads it through {@link TargetFiles} (sysroot "target:"). */
    private String execFile() {
        List<GuestInspector.SharedLibrary> libs = debugger.whileStopped(GuestInspector::libraries);
        return libs.isEmpty() ? null : libs.get(0).path();
    }

    /** The auxiliary vector as the kernel would give the payload if it were the program: AT_PHDR, AT_ENTRY, ... */
    private String auxv() {
        List<GuestInspector.SharedLibrary> libs = debugger.whileStopped(GuestInspector::libraries);
        if (libs.isEmpty()) return "";
        GuestInspector.SharedLibrary main = libs.get(0);
        long[] pairs = {3, main.phdr(), 4, 56, 5, main.phnum(), 6, 4096, 7, 0, 9, main.entry(), 0, 0};
        StringBuilder s = new StringBuilder();
        for (long v : pairs) {
            for (int i = 0; i < 8; i++) s.append((char) ((v >>> (8 * i)) & 0xff));
        }
        return s.toString();
    }

    private String threads() {
        List<GuestInspector.ThreadInfo> threads = debugger.whileStopped(GuestInspector::threads);
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?>\n<threads>\n");
        for (GuestInspector.ThreadInfo t : threads) {
            s.append(String.format("<thread id=\"%x\" core=\"0\" name=\"%s\"/>\n", t.tid(), xmlEscape(t.name())));
        }
        return s.append("</threads>\n").toString();
    }

    private String vPacket(String p) {
        if (p.equals("vMustReplyEmpty")) return "";
        if (p.equals("vCont?")) return "vCont;c;C;s;S";
        if (p.startsWith("vCont;")) return vCont(p.substring(6));
        if (p.startsWith("vFile:")) return files.handle(p.substring(6));
        if (p.startsWith("vKill")) {
            closed = true;
            kill.run();
            return "OK";
        }
        return "";
    }

    private int stoppedThread() {
        StopEvent s = debugger.lastStop();
        if (s == null) throw new IllegalStateException("not stopped");
        return s.tid();
    }

    private String vCont(String actions) {
        int stopped = stoppedThread();
        int step = -1, signal = 0, signalTid = -1;
        for (String action : actions.split(";")) {
            if (action.isEmpty()) throw new IllegalArgumentException("empty vCont action");
            String[] a = action.split(":", 2);
            int tid = a.length == 2 ? threadId(a[1]) : -1;
            char kind = a[0].charAt(0);
            int target = tid <= 0 ? stopped : tid;
            switch (kind) {
                case 'c' -> { }
                case 's' -> {
                    if (step == -1) step = target;
                }
                case 'C', 'S' -> {
                    int sig = GdbSignals.toLinux(Integer.parseInt(a[0].substring(1), 16));
                    if (signalTid == -1) {
                        signal = sig;
                        signalTid = target;
                    }
                    if (kind == 'S' && step == -1) step = target;
                }
                default -> throw new IllegalArgumentException("vCont action " + action);
            }
        }
        return resume(new ResumePlan(step, signalTid, signal));
    }

    private String legacyResume(char kind, String args) {
        int stopped = stoppedThread();
        int signal = 0;
        if (kind == 'C' || kind == 'S') {
            String sig = args.split(";", 2)[0];
            signal = GdbSignals.toLinux(Integer.parseInt(sig, 16));
        } else if (!args.isEmpty()) {
            throw new IllegalArgumentException("resuming at an address is not supported");
        }
        int step = kind == 's' || kind == 'S' ? stopped : -1;
        return resume(new ResumePlan(step, signal != 0 ? stopped : -1, signal));
    }

    private String resume(ResumePlan plan) {
        if (!debugger.isStopped()) return "E.process is not stopped";
        running = true;
        debugger.resume(plan);
        return null;
    }

    private void interrupt() {
        if (!running || ended) return;
        try {
            debugger.interrupt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stopped(StopEvent event) {
        if (running && !closed) {
            running = false;
            send(stopReply(event));
        }
    }

    @Override
    public void processEnded(boolean signalled, int code) {
        ended = true;
        if (running && !closed) {
            running = false;
            send(signalled ? String.format("X%02x", GdbSignals.toGdb(code)) : String.format("W%02x", code & 0xff));
        }
    }

    private String stopReply() {
        try {
            if (!debugger.isStopped() && !debugger.awaitStop(stopWaitMillis)) {
                return debugger.ended() ? "W00" : "E.process is running";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "E.interrupted";
        }
        return stopReply(debugger.lastStop());
    }

    private String stopReply(StopEvent e) {
        StringBuilder s = new StringBuilder(String.format("T%02x", GdbSignals.toGdb(e.signal())));
        if (e.reason() == StopEvent.Reason.WATCHPOINT) {
            String kind = e.watchAccess() == Prot.WRITE ? "watch" : e.watchAccess() == Prot.READ ? "rwatch" : "awatch";
            s.append(kind).append(':').append(Long.toHexString(e.watchAddress())).append(';');
        } else if (e.reason() == StopEvent.Reason.BREAKPOINT && swbreak) {
            s.append("swbreak:;");
        } else if (e.reason() == StopEvent.Reason.INITIAL || e.reason() == StopEvent.Reason.LIBRARY) {
            // The library list changed (the first linking, or a dlopen): gdb reads it and loads symbols now.
            s.append("library:;");
        }
        s.append("thread:").append(Integer.toHexString(e.tid())).append(';');
        return s.toString();
    }

    private int threadFor() {
        return selectedThread > 0 ? selectedThread : stoppedThread();
    }

    private String selectThread(String args) {
        if (args.isEmpty()) return "E01";
        int tid = threadId(args.substring(1));
        if (args.charAt(0) == 'g') selectedThread = Math.max(tid, 0);
        return "OK";
    }

    private static int threadId(String text) {
        if (text.equals("-1")) return -1;
        if (text.startsWith("p")) throw new IllegalArgumentException("multiprocess thread ids are not supported");
        long v = Long.parseLong(text, 16);
        if (v < 0 || v > Integer.MAX_VALUE) throw new IllegalArgumentException("thread id " + text);
        return (int) v;
    }

    private String threadAlive(String args) {
        int tid = threadId(args);
        boolean alive = debugger.whileStopped(i -> i.threads().stream().anyMatch(t -> t.tid() == tid));
        return alive ? "OK" : "E01";
    }

    private RegisterFile registers() {
        int tid = threadFor();
        RegisterFile r = debugger.whileStopped(i -> i.registers(tid));
        if (r == null) throw new IllegalArgumentException("no thread " + tid);
        return r;
    }

    private String readRegisters() {
        RegisterFile r = registers();
        StringBuilder s = new StringBuilder();
        for (int n = 0; n < TargetDescription.COUNT; n++) s.append(register(r, n));
        return s.toString();
    }

    private String readRegister(int n) {
        if (n < 0 || n >= TargetDescription.COUNT) return "E01";
        return register(registers(), n);
    }

    private static String register(RegisterFile r, int n) {
        if (n <= 30) return le(r.x()[n], 8);
        if (n == TargetDescription.SP) return le(r.sp(), 8);
        if (n == TargetDescription.PC) return le(r.pc(), 8);
        if (n == TargetDescription.CPSR) return le(r.cpsr(), 4);
        if (n < TargetDescription.FPSR) {
            int v = n - TargetDescription.V0;
            return le(r.vLow()[v], 8) + le(r.vHigh()[v], 8);
        }
        long value = n == TargetDescription.FPSR ? r.fpsr() : r.fpcr();
        return value == -1 ? "xxxxxxxx" : le(value, 4);
    }

    private String writeRegisters(String hex) {
        RegisterFile r = registers();
        long[] values = new long[TargetDescription.COUNT];
        long[] highs = new long[32];
        int at = 0;
        for (int n = 0; n < TargetDescription.COUNT; n++) {
            int size = TargetDescription.size(n);
            if (at + size * 2 > hex.length()) throw new IllegalArgumentException("G packet too short");
            String field = hex.substring(at, at + size * 2);
            at += size * 2;
            if (field.contains("x")) {
                values[n] = Long.MIN_VALUE;
                continue;
            }
            if (size == 16) {
                values[n] = parseLe(field.substring(0, 16));
                highs[n - TargetDescription.V0] = parseLe(field.substring(16));
            } else {
                values[n] = parseLe(field);
            }
        }
        long[] x = r.x().clone();
        for (int i = 0; i <= 30; i++) if (values[i] != Long.MIN_VALUE) x[i] = values[i];
        long[] lo = r.vLow().clone(), hi = r.vHigh().clone();
        for (int i = 0; i < 32; i++) {
            if (values[TargetDescription.V0 + i] != Long.MIN_VALUE) {
                lo[i] = values[TargetDescription.V0 + i];
                hi[i] = highs[i];
            }
        }
        RegisterFile updated = new RegisterFile(x, pick(values[31], r.sp()), pick(values[32], r.pc()),
                pick(values[33], r.cpsr()), lo, hi, pick(values[66], r.fpsr()), pick(values[67], r.fpcr()));
        return store(updated);
    }

    private static long pick(long value, long old) {
        return value == Long.MIN_VALUE ? old : value;
    }

    private String writeRegister(String args) {
        String[] kv = args.split("=", 2);
        int n = Integer.parseInt(kv[0], 16);
        if (n < 0 || n >= TargetDescription.COUNT || kv.length != 2 || kv[1].length() != TargetDescription.size(n) * 2) {
            return "E01";
        }
        RegisterFile r = registers();
        long[] x = r.x().clone(), lo = r.vLow().clone(), hi = r.vHigh().clone();
        long sp = r.sp(), pc = r.pc(), cpsr = r.cpsr(), fpsr = r.fpsr(), fpcr = r.fpcr();
        if (n <= 30) x[n] = parseLe(kv[1]);
        else if (n == TargetDescription.SP) sp = parseLe(kv[1]);
        else if (n == TargetDescription.PC) pc = parseLe(kv[1]);
        else if (n == TargetDescription.CPSR) cpsr = parseLe(kv[1]);
        else if (n == TargetDescription.FPSR) fpsr = parseLe(kv[1]);
        else if (n == TargetDescription.FPCR) fpcr = parseLe(kv[1]);
        else {
            lo[n - TargetDescription.V0] = parseLe(kv[1].substring(0, 16));
            hi[n - TargetDescription.V0] = parseLe(kv[1].substring(16));
        }
        return store(new RegisterFile(x, sp, pc, cpsr, lo, hi, fpsr, fpcr));
    }

    private String store(RegisterFile r) {
        int tid = threadFor();
        return debugger.whileStopped(i -> i.setRegisters(tid, r)) ? "OK" : "E01";
    }

    private String readMemory(String args) {
        String[] a = args.split(",", 2);
        long address = Long.parseUnsignedLong(a[0], 16);
        int length = Integer.parseInt(a[1], 16);
        if (length < 0) return "E01";
        int n = Math.min(length, MAX_MEMORY_READ);
        byte[] b = debugger.whileStopped(i -> readPartly(i, address, n));
        return b.length == 0 && n > 0 ? "E14" : hex(b);
    }

    /** As gdbserver, a read that runs into unmapped memory returns what it could read. */
    private static byte[] readPartly(GuestInspector i, long address, int length) {
        try {
            return i.readMemory(address, length);
        } catch (GuestFault f) {
            long readable = f.address() - address;
            if (readable <= 0 || readable >= length) return new byte[0];
            return i.readMemory(address, (int) readable);
        }
    }

    private String writeMemory(String args, boolean binary) {
        int colon = args.indexOf(':');
        if (colon < 0) return "E01";
        String[] a = args.substring(0, colon).split(",", 2);
        long address = Long.parseUnsignedLong(a[0], 16);
        int length = Integer.parseInt(a[1], 16);
        String data = args.substring(colon + 1);
        byte[] bytes = binary ? data.getBytes(StandardCharsets.ISO_8859_1) : unhex(data);
        if (bytes.length != length) return "E01";
        if (length == 0) return "OK";
        debugger.whileStopped(i -> {
            i.writeMemory(address, bytes);
            return null;
        });
        return "OK";
    }

    /** Z/z TYPE,ADDR,KIND: 0 software and 1 hardware breakpoints, 2 write, 3 read and 4 access watchpoints. */
    private String breakpoint(String args, boolean insert) {
        String[] a = args.split(",", 4);
        if (a.length < 3) return "E01";
        int type = Integer.parseInt(a[0]);
        long address = Long.parseUnsignedLong(a[1], 16);
        int kind = Integer.parseInt(a[2].split(";", 2)[0], 16);
        switch (type) {
            case 0, 1 -> {
                if (kind != 4) return "E01";
                boolean ok = insert ? debugger.insertBreakpoint(address) : debugger.removeBreakpoint(address);
                return ok || !insert ? "OK" : "E14";
            }
            case 2, 3, 4 -> {
                if (kind <= 0 || kind > 8) return "E01";
                int access = type == 2 ? Prot.WRITE : type == 3 ? Prot.READ : Prot.RW;
                if (insert) debugger.insertWatchpoint(address, kind, access);
                else debugger.removeWatchpoint(address, kind, access);
                return "OK";
            }
            default -> {
                return "";
            }
        }
    }

    // ---- wire ----

    private void ack(char c) {
        synchronized (out) {
            try {
                out.write(c);
                out.flush();
            } catch (IOException e) {
                closed = true;
            }
        }
    }

    /** Sends one packet (from the reader or a stopping guest thread); a write failure ends the session. */
    void send(String payload) {
        byte[] body = escapeForPacket(payload.getBytes(StandardCharsets.ISO_8859_1));
        int sum = 0;
        for (byte b : body) sum += b & 0xff;
        ByteArrayOutputStream packet = new ByteArrayOutputStream(body.length + 4);
        packet.write('$');
        packet.write(body, 0, body.length);
        packet.writeBytes(String.format("#%02x", sum & 0xff).getBytes(StandardCharsets.US_ASCII));
        synchronized (out) {
            try {
                out.write(packet.toByteArray());
                out.flush();
            } catch (IOException e) {
                closed = true;
            }
        }
    }

    /** '$', '#' and '}' inside a packet are escaped; binary replies are escaped already by escapeBinary. */
    private static byte[] escapeForPacket(byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(b.length);
        for (byte x : b) {
            if (x == '$' || x == '#' || x == '*') {
                o.write('}');
                o.write(x ^ 0x20);
            } else {
                o.write(x);
            }
        }
        return o.toByteArray();
    }

    /** Binary data for qXfer and vFile: '}' escaped here; '$', '#', '*' by escapeForPacket. */
    static String escapeBinary(byte[] b, int offset, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = offset; i < offset + n; i++) {
            int x = b[i] & 0xff;
            if (x == '}') s.append('}').append((char) (x ^ 0x20));
            else s.append((char) x);
        }
        return s.toString();
    }

    private static String le(long value, int bytes) {
        StringBuilder s = new StringBuilder(bytes * 2);
        for (int i = 0; i < bytes; i++) s.append(String.format("%02x", (value >>> (8 * i)) & 0xff));
        return s.toString();
    }

    private static long parseLe(String hex) {
        if (hex.length() % 2 != 0 || hex.length() > 16) throw new IllegalArgumentException("register value " + hex);
        long v = 0;
        for (int i = hex.length() / 2 - 1; i >= 0; i--) v = v << 8 | Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        return v;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) s.append(String.format("%02x", x & 0xff));
        return s.toString();
    }

    private static byte[] unhex(String s) {
        if (s.length() % 2 != 0) throw new IllegalArgumentException("odd hex length");
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return b;
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
