package org.mdemu.guest.testing;

import java.nio.charset.StandardCharsets;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.FunctionHandler;
import org.mdemu.guest.abi.GuestCalls;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.FileIo;
import org.mdemu.guest.kernel.GuestHeap;
import org.mdemu.guest.kernel.GuestOutput;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.MemoryManager;
import org.mdemu.guest.kernel.ProcessControl;
import org.mdemu.guest.machine.Prot;

/**
 * A guest process for unit tests: fake memory and registers, services that tests plug in as needed, a scratch
 * area for arguments, and a way to call a library function by name with integer or FP arguments.
 */
public final class FakeProcess implements GuestProcess {
    public static final long ERRNO = 0x1000;
    public static final long SCRATCH = 0x100000;
    public static final long SCRATCH_SIZE = 0x100000;
    public static final long STACK_TOP = 0x300000;

    public final FakeMemory memory = new FakeMemory();
    public final FakeRegisters regs = new FakeRegisters();
    public MemoryManager mm;
    public FileIo files;
    public GuestHeap heap;
    public GuestOutput output;
    public GuestCalls calls;
    public ProcessControl control;
    public org.mdemu.guest.kernel.ThreadControl threads;
    private final GuestThread thread = new GuestThread(1, ERRNO, 0);
    private long scratchNext = SCRATCH;

    public FakeProcess() {
        memory.map(ERRNO & -4096, 4096, Prot.RW);
        memory.map(SCRATCH, SCRATCH_SIZE, Prot.RW);
        memory.map(STACK_TOP - 0x10000, 0x10000, Prot.RW);
        regs.setSp(STACK_TOP - 0x1000);
    }

    @Override public int pid() { return 1; }
    @Override public FakeMemory memory() { return memory; }
    @Override public MemoryManager mm() { return mm; }
    @Override public FileIo files() { return files; }
    @Override public GuestHeap heap() { return heap; }
    @Override public GuestOutput output() { return output; }
    /** The process's clocks; the only part of thread control a single-threaded fake has. */
    public org.mdemu.guest.kernel.GuestClock clock = new org.mdemu.guest.kernel.GuestClock();

    @Override public org.mdemu.guest.kernel.ThreadControl threads() { return threads != null ? threads : new ClockOnly(); }

    private final class ClockOnly implements org.mdemu.guest.kernel.ThreadControl {
        @Override public org.mdemu.guest.kernel.sched.Scheduler scheduler() { throw new UnsupportedOperationException("no scheduler in FakeProcess"); }
        @Override public org.mdemu.guest.kernel.sched.Futex futex() { throw new UnsupportedOperationException("no futex in FakeProcess"); }
        @Override public org.mdemu.guest.kernel.GuestClock clock() { return clock; }
        @Override public org.mdemu.guest.kernel.GuestThread spawn(long tlsBase, long errnoAddress,
                java.util.function.Consumer<org.mdemu.guest.machine.CpuRegisters> setup,
                java.util.function.LongConsumer onReturn) { throw new UnsupportedOperationException("no threads in FakeProcess"); }
        @Override public long returnAddress() { throw new UnsupportedOperationException("no threads in FakeProcess"); }
        @Override public void exitCurrent() { throw new UnsupportedOperationException("no threads in FakeProcess"); }
        @Override public org.mdemu.guest.kernel.signals.Signals signals() { return null; }
    }
    @Override public GuestCalls calls() { return calls; }
    @Override public ProcessControl control() { return control; }
    @Override public GuestThread currentThread() { return thread; }

    public int errno() {
        return memory.readInt(ERRNO);
    }

    /** Bytes still free in the scratch area. */
    public long scratchLeft() {
        return SCRATCH + SCRATCH_SIZE - scratchNext;
    }

    /** Allocates n zeroed bytes in the scratch area (16-byte aligned). */
    public long alloc(int n) {
        long a = scratchNext;
        scratchNext = (scratchNext + n + 15) & ~15L;
        memory.write(a, new byte[n]);
        return a;
    }

    /** Copies a NUL-terminated UTF-8 string into the scratch area and returns its address. */
    public long cstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long a = alloc(b.length + 1);
        memory.write(a, b);
        return a;
    }

    public String readCString(long address) {
        return memory.readCString(address);
    }

    /** Calls a handler with integer-class arguments in x0..x7 (then the stack); returns x0. */
    public long call(FunctionHandler handler, long... args) {
        for (int i = 0; i < args.length && i < 8; i++) regs.setX(i, args[i]);
        for (int i = 8; i < args.length; i++) memory.writeLong(regs.sp() + 8L * (i - 8), args[i]);
        handler.call(new CallFrame(regs, memory));
        return regs.x(0);
    }

    /** Calls the Java function declared under name in the table. */
    public long call(LibraryTable table, String name, long... args) {
        var symbol = table.lookup(name);
        if (symbol == null) throw new AssertionError(table.soname() + " does not declare " + name);
        var impl = (org.mdemu.guest.abi.GuestSymbol.JavaFunction) symbol.implementation();
        return call(impl.handler(), args);
    }
}
