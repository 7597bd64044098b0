package org.mdemu.guest.kernel.process;

/**
 * A child of the payload process as its parent's kernel tracks it: pid, process group and session, and once it has
 * ended its status, kept (a zombie) until the parent waits for it.
 */
public final class ChildProcess {
    private final int pid;
    private int processGroup;
    private int session;
    private WaitStatus status;

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

    synchronized void end(WaitStatus how) {
        status = how;
    }
}
