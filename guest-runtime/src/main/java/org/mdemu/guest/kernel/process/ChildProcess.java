package org.mdemu.guest.kernel.process;

/**
 * A child of the payload process as its parent's kernel tracks it: pid, process group and session, a stop or continue
 * not yet reported to a wait, and once it has ended its status and CPU time, kept (a zombie) until the parent waits
 * for it.
 */
public final class ChildProcess {
    private final int pid;
    private int processGroup;
    private int session;
    private WaitStatus status;
    /** The signal that stopped it, until a wait with WUNTRACED/WSTOPPED reports it (0: none to report). */
    private int stopSignal;
    /** A SIGCONT resumed it, until a wait with WCONTINUED reports it. */
    private boolean continued;
    private CpuTime usage = CpuTime.ZERO;

    ChildProcess(int pid, int processGroup, int session) {
        this.pid = pid;
        this.processGroup = processGroup;
        this.session = session;
    }

    public int pid() {
        return pid;
    }

    public synchronized int processGroup() {
        return processGroup;
    }

    public synchronized int session() {
        return session;
    }

    /** setpgid in the child: 0 makes it the leader of a group of its own. */
    public synchronized void setProcessGroup(int group) {
        processGroup = group == 0 ? pid : group;
    }

    /** setsid in the child, which is never a group leader when it starts: a new session and group it leads. */
    public synchronized void newSession() {
        session = pid;
        processGroup = pid;
    }

    synchronized WaitStatus status() {
        return status;
    }

    synchronized void end(WaitStatus how, CpuTime used) {
        status = how;
        usage = used;
        stopSignal = 0;
        continued = false;
    }

    /** Its CPU time and its waited-for descendants' (what wait4's rusage reports), once it has ended. */
    synchronized CpuTime usage() {
        return usage;
    }

    synchronized void stopped(int signal) {
        stopSignal = signal;
        continued = false;
    }

    synchronized void continued() {
        stopSignal = 0;
        continued = true;
    }

    synchronized int stopSignal() {
        return stopSignal;
    }

    synchronized boolean continuedUnreported() {
        return continued;
    }

    /** A wait reported the stop or the continue. */
    synchronized void reported(boolean stop) {
        if (stop) stopSignal = 0;
        else continued = false;
    }
}
