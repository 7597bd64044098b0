package org.mdemu.guest.runtime;

import org.mdemu.guest.abi.GuestCalls;
import org.mdemu.guest.kernel.FileIo;
import org.mdemu.guest.kernel.GuestHeap;
import org.mdemu.guest.kernel.GuestOutput;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.MemoryManager;
import org.mdemu.guest.kernel.ProcessControl;
import org.mdemu.guest.kernel.ThreadControl;
import org.mdemu.guest.machine.GuestMemory;

/** The payload process: the services of one running payload, wired together by the boot sequence. */
final class PayloadProcess implements GuestProcess {
    static final int PID = 1042;

    private final int pid;
    private final GuestMemory memory;
    private final MemoryManager mm;
    private final GuestOutput output;
    private FileIo files;
    private GuestHeap heap;
    private GuestCalls calls;
    private ProcessControl control;
    private ThreadControl threads;

    PayloadProcess(int pid, GuestMemory memory, MemoryManager mm, GuestOutput output) {
        this.pid = pid;
        this.memory = memory;
        this.mm = mm;
        this.output = output;
    }

    void wire(FileIo files, GuestHeap heap, GuestCalls calls, ProcessControl control, ThreadControl threads) {
        this.files = files;
        this.heap = heap;
        this.calls = calls;
        this.control = control;
        this.threads = threads;
    }

    void setHeap(GuestHeap heap) {
        this.heap = heap;
    }

    @Override public int pid() { return pid; }
    @Override public GuestMemory memory() { return memory; }
    @Override public MemoryManager mm() { return mm; }
    @Override public FileIo files() { return files; }
    @Override public GuestHeap heap() { return heap; }
    @Override public GuestOutput output() { return output; }
    @Override public GuestCalls calls() { return calls; }
    @Override public ProcessControl control() { return control; }
    @Override public ThreadControl threads() { return threads; }
    @Override public GuestThread currentThread() { return threads.current(); }
}
