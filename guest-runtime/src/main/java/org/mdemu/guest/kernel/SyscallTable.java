package org.mdemu.guest.kernel;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.signals.Signals;

/**
 * The arm64 Linux syscall table, as data: number, name, handler, support status. Numbers are the generic
 * (asm-generic/unistd.h) ones arm64 uses. Numbers without a row answer ENOSYS.
 */
public final class SyscallTable {
    @FunctionalInterface
    public interface SyscallHandler {
        long call(CallFrame f);
    }

    public record Syscall(int number, String name, SyscallHandler handler, Support support) {}

    public static final String FCNTL_NOTE = "F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD/F_SETFD, F_GETFL/F_SETFL, F_GETPIPE_SZ;"
            + " record locks"
            + " (F_GETLK/F_SETLK/F_SETLKW and OFD) granted, as one process never conflicts with itself; others EINVAL";

    public static final String MADVISE_NOTE = "MADV_DONTNEED gives private pages back (zeros, or the file's bytes);"
            + " other advice is accepted";

    public static final String EPOLL_NOTE = "EPOLLET, EPOLLONESHOT and nested epoll sets; EPOLLEXCLUSIVE and"
            + " EPOLLWAKEUP are accepted and ignored";

    public static final String SOCKETPAIR_NOTE = "AF_UNIX stream, datagram and seqpacket pairs; no SCM_RIGHTS, no"
            + " other socket kinds";

    public static final String MSG_NOTE = "socket pairs and AF_VSOCK streams; no ancillary data (SCM_RIGHTS): a"
            + " control buffer to send is EOPNOTSUPP; MSG_DONTWAIT and MSG_NOSIGNAL honoured";

    public static final String SEND_RECV_NOTE = "socket pairs and AF_VSOCK streams; MSG_DONTWAIT and MSG_NOSIGNAL"
            + " honoured, other flags ignored";

    public static final String SOCKET_NOTE = "AF_VSOCK SOCK_STREAM (with SOCK_NONBLOCK/SOCK_CLOEXEC) on the VM's own"
            + " CID; other families EAFNOSUPPORT (AF_UNIX only through socketpair), vsock SOCK_SEQPACKET/DGRAM"
            + " ESOCKTNOSUPPORT";

    public static final String BIND_NOTE = "AF_VSOCK: VMADDR_CID_ANY, the own CID or VMADDR_CID_LOCAL; VMADDR_PORT_ANY"
            + " picks a free port; a bound port is EADDRINUSE";

    public static final String CONNECT_NOTE = "AF_VSOCK to the host (CID 2) or the own CID; completes at once (a"
            + " non-blocking connect answers EINPROGRESS, the outcome in SO_ERROR and poll); a port nobody listens"
            + " on is ECONNRESET as on virtio-vsock; other CIDs ENETUNREACH";

    public static final String ACCEPT_NOTE = "AF_VSOCK listeners; blocks only the calling thread; SO_RCVTIMEO honoured";

    public static final String SOCKOPT_NOTE = "SOL_SOCKET: SO_TYPE, SO_DOMAIN, SO_PROTOCOL, SO_ERROR, SO_ACCEPTCONN,"
            + " SO_REUSEADDR/PORT, SO_KEEPALIVE, SO_PASSCRED, SO_LINGER, SO_SNDBUF/RCVBUF(FORCE) (stored doubled,"
            + " no effect on the fixed 256 KiB vsock buffers), SO_RCVTIMEO/SO_SNDTIMEO (honoured by vsock waits);"
            + " AF_VSOCK level: SO_VM_SOCKETS_BUFFER_SIZE/MIN/MAX and CONNECT_TIMEOUT accepted and reported; other"
            + " levels (IPPROTO_TCP) ENOPROTOOPT as Linux answers for vsock";

    public static final String EXECVE_NOTE = "never replaces the process image (Microdroid gives a payload no program"
            + " to run): ENOENT/ENOTDIR/ELOOP from the lookup, EACCES for a non-regular or non-executable file, ENOEXEC"
            + " for unknown contents or another machine's ELF, a #! script's interpreter checked in turn; an arm64 ELF"
            + " executable answers EACCES";

    public static final String WAIT_NOTE = "children are forked processes and those whose exec failed (posix_spawn,"
            + " popen, system): blocks until a child ends (EINTR on a signal, restarted with SA_RESTART), zombies"
            + " until reaped, exit status or terminating signal (WIFSIGNALED; never a core dump, RLIMIT_CORE is 0),"
            + " WNOHANG, process groups, ECHILD, EINVAL for unknown options, SIGCHLD ignored or SA_NOCLDWAIT reaps at"
            + " once; stops (WUNTRACED/WSTOPPED) and continues (WCONTINUED) reported once each, SIGCHLD with"
            + " CLD_STOPPED/CLD_CONTINUED unless SA_NOCLDSTOP; rusage carries the child's CPU time (its main host"
            + " thread's, plus its waited-for children's), other rusage fields 0";

    private final Syscall[] byNumber = new Syscall[512];

    public SyscallTable(LinuxKernel k, ThreadSyscalls t) {
        add(56, "openat", f -> k.openat(f.i32(0), f.ptr(1), f.i32(2), f.i32(3)));
        add(57, "close", f -> k.close(f.i32(0)));
        add(62, "lseek", f -> k.lseek(f.i32(0), f.i64(1), f.i32(2)));
        add(63, "read", f -> k.read(f.i32(0), f.ptr(1), f.i64(2)));
        add(64, "write", f -> k.write(f.i32(0), f.ptr(1), f.i64(2)));
        add(66, "writev", f -> k.writev(f.i32(0), f.ptr(1), f.i32(2)));
        add(67, "pread64", f -> k.pread(f.i32(0), f.ptr(1), f.i64(2), f.i64(3)));
        add(93, "exit", f -> t.exitThread(f.i32(0)));
        add(94, "exit_group", f -> k.exitGroup(f.i32(0)));
        add(96, "set_tid_address", f -> t.setTidAddress(f.ptr(0)));
        add(98, "futex", Support.full("WAIT, WAKE, REQUEUE, CMP_REQUEUE, WAIT_BITSET, WAKE_BITSET, private and shared alike;"
                + " WAKE_OP and the PI operations answer ENOSYS"),
                f -> t.futex(f.ptr(0), f.i32(1), f.i32(2), f.ptr(3), f.ptr(4), f.i32(5)));
        add(101, "nanosleep", f -> t.nanosleep(f.ptr(0)));
        add(113, "clock_gettime", f -> k.clockGettime(f.i32(0), f.ptr(1)));
        add(124, "sched_yield", f -> t.schedYield());
        Support waits = Support.partial(Signals.DELIVERY_NOTE);
        add(129, "kill", waits, f -> t.signals().kill(f.i32(0), f.i32(1)));
        add(130, "tkill", waits, f -> t.signals().tgkill(-1, f.i32(0), f.i32(1)));
        add(131, "tgkill", waits, f -> t.signals().tgkill(f.i32(0), f.i32(1), f.i32(2)));
        add(132, "sigaltstack", f -> t.signals().sigaltstack(f.ptr(0), f.ptr(1)));
        add(134, "rt_sigaction", f -> f.i64(3) != 8 ? -Errno.EINVAL : t.signals().rtSigaction(f.i32(0), f.ptr(1), f.ptr(2)));
        add(135, "rt_sigprocmask", f -> f.i64(3) != 8 ? -Errno.EINVAL : t.signals().sigprocmask(f.i32(0), f.ptr(1), f.ptr(2)));
        add(136, "rt_sigpending", f -> t.signals().sigpending(f.ptr(0)));
        add(139, "rt_sigreturn", f -> t.signals().sigreturn(f.registers()));
        add(160, "uname", f -> k.uname(f.ptr(0)));
        add(172, "getpid", f -> k.getpid());
        add(173, "getppid", Support.full("the payload's parent is microdroid_manager (pid "
                + org.mdemu.guest.kernel.process.ProcessTable.PAYLOAD_PARENT_PID + "), a forked child's the forking"
                + " process, an orphan's init (1)"), f -> k.processes().parentPid());
        add(174, "getuid", f -> 0);
        add(175, "geteuid", f -> 0);
        add(176, "getgid", f -> 0);
        add(177, "getegid", f -> 0);
        add(178, "gettid", f -> t.gettid());
        add(214, "brk", Support.full("the break moves up from a fixed start while the pages are free, within the VM memory"
                + " and RLIMIT_AS"), f -> k.brk(f.ptr(0)));
        add(215, "munmap", f -> k.munmap(f.ptr(0), f.i64(1)));
        add(222, "mmap", Support.full("anonymous, private file and shared file mappings; a shared one agrees with its file at every"
                + " system call"),
                f -> k.mmap(f.ptr(0), f.i64(1), f.i32(2), f.i32(3), f.i32(4), f.i64(5)));
        add(220, "clone", Support.partial("threads (CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD) and new"
                + " processes (no CLONE_VM: fork's child, returning 0 on newsp if given; CLONE_SETTLS, CLONE_PARENT_SETTID,"
                + " CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID honoured, CLONE_VFORK runs as fork; EINVAL for"
                + " CLONE_THREAD/CLONE_SIGHAND/CLONE_PIDFD without CLONE_VM, EPERM for namespaces, ENOSYS for"
                + " CLONE_FILES/CLONE_FS/CLONE_PARENT; the exit signal is always SIGCHLD)"),
                f -> (f.i64(0) & org.mdemu.guest.kernel.process.ProcessTable.CLONE_VM) != 0
                        ? t.clone(f.i64(0), f.ptr(1), f.ptr(2), f.ptr(3), f.ptr(4))
                        : k.cloneProcess(f.i32(0), f.ptr(1), f.ptr(2), f.ptr(3), f.ptr(4)));
        add(226, "mprotect", f -> k.mprotect(f.ptr(0), f.i64(1), f.i32(2)));
        add(233, "madvise", Support.full(MADVISE_NOTE), f -> k.madvise(f.ptr(0), f.i64(1), f.i32(2)));
        add(278, "getrandom", f -> k.getrandom(f.ptr(0), f.i64(1)));
        fileSystemRows(k == null ? null : k.fs());
        processRows(k, k == null ? null : k.resources());
        ioRows(k == null ? null : k.io());
        socketRows(k == null ? null : k.sockets());
        childRows(k);
    }

    private void childRows(LinuxKernel k) {
        add(221, "execve", Support.partial(EXECVE_NOTE), f -> k.programs().execve(f.memory().readCString(f.ptr(0))));
        add(260, "wait4", Support.full(WAIT_NOTE), f -> k.processes().wait4(f.i32(0), f.ptr(1), f.i32(2), f.ptr(3)));
        add(95, "waitid", Support.full(WAIT_NOTE + "; P_PIDFD answers EBADF (no pidfd names a child)"),
                f -> k.processes().waitid(f.i32(0), f.i32(1), f.ptr(2), f.i32(3), f.ptr(4)));
    }

    private void fileSystemRows(FileSystemCalls fs) {
        add(17, "getcwd", f -> fs.getcwd(f.ptr(0), f.i64(1)));
        add(23, "dup", f -> fs.dup(f.i32(0)));
        add(24, "dup3", f -> fs.dup3(f.i32(0), f.i32(1), f.i32(2)));
        add(25, "fcntl", Support.partial(FCNTL_NOTE), f -> fs.fcntl(f.i32(0), f.i32(1), f.i64(2)));
        add(32, "flock", Support.full("one process holds every lock, so none ever conflicts"),
                f -> fs.flock(f.i32(0), f.i32(1)));
        add(29, "ioctl", Support.partial(FileSystemCalls.IOCTL_NOTE), f -> fs.ioctl(f.i32(0), f.u32(1), f.ptr(2)));
        add(34, "mkdirat", f -> fs.mkdirat(f.i32(0), f.ptr(1), f.i32(2)));
        add(35, "unlinkat", f -> fs.unlinkat(f.i32(0), f.ptr(1), f.i32(2)));
        add(36, "symlinkat", f -> fs.symlinkat(f.ptr(0), f.i32(1), f.ptr(2)));
        add(37, "linkat", f -> fs.linkat(f.i32(0), f.ptr(1), f.i32(2), f.ptr(3), f.i32(4)));
        add(38, "renameat", f -> fs.renameat2(f.i32(0), f.ptr(1), f.i32(2), f.ptr(3), 0));
        add(43, "statfs", f -> fs.statfs(f.ptr(0), f.ptr(1)));
        add(44, "fstatfs", f -> fs.fstatfs(f.i32(0), f.ptr(1)));
        add(45, "truncate", f -> fs.truncate(f.ptr(0), f.i64(1)));
        add(46, "ftruncate", f -> fs.ftruncate(f.i32(0), f.i64(1)));
        add(47, "fallocate", Support.partial("mode 0, FALLOC_FL_KEEP_SIZE and PUNCH_HOLE; others EOPNOTSUPP"),
                f -> fs.fallocate(f.i32(0), f.i32(1), f.i64(2), f.i64(3)));
        add(48, "faccessat", f -> fs.faccessat(f.i32(0), f.ptr(1), f.i32(2), 0));
        add(49, "chdir", f -> fs.chdir(f.ptr(0)));
        add(50, "fchdir", f -> fs.fchdir(f.i32(0)));
        add(52, "fchmod", f -> fs.fchmod(f.i32(0), f.i32(1)));
        add(53, "fchmodat", f -> fs.fchmodat(f.i32(0), f.ptr(1), f.i32(2), 0));
        add(54, "fchownat", Support.partial("ownership stays root:root; read-only mounts answer EROFS"),
                f -> fs.fchownat(f.i32(0), f.ptr(1), f.i32(4)));
        add(55, "fchown", Support.partial("ownership stays root:root; read-only mounts answer EROFS"),
                f -> fs.fchown(f.i32(0)));
        add(61, "getdents64", f -> fs.getdents64(f.i32(0), f.ptr(1), f.i64(2)));
        add(65, "readv", f -> fs.readv(f.i32(0), f.ptr(1), f.i32(2), -1));
        add(68, "pwrite64", f -> fs.pwrite(f.i32(0), f.ptr(1), f.i64(2), f.i64(3)));
        add(69, "preadv", f -> f.i64(3) < 0 ? -Errno.EINVAL : fs.readv(f.i32(0), f.ptr(1), f.i32(2), f.i64(3)));
        add(70, "pwritev", f -> fs.pwritev(f.i32(0), f.ptr(1), f.i32(2), f.i64(3)));
        add(78, "readlinkat", f -> fs.readlinkat(f.i32(0), f.ptr(1), f.ptr(2), f.i64(3)));
        add(79, "newfstatat", f -> fs.newfstatat(f.i32(0), f.ptr(1), f.ptr(2), f.i32(3)));
        add(80, "fstat", f -> fs.fstat(f.i32(0), f.ptr(1)));
        add(81, "sync", Support.full("memory is the storage; the encrypted store is written back to its host image"), f -> fs.sync());
        add(82, "fsync", Support.full("memory is the storage; the encrypted store is written back to its host image"), f -> fs.fsync(f.i32(0)));
        add(83, "fdatasync", Support.full("memory is the storage; the encrypted store is written back to its host image"), f -> fs.fsync(f.i32(0)));
        add(88, "utimensat", f -> fs.utimensat(f.i32(0), f.ptr(1), f.ptr(2), f.i32(3)));
        add(166, "umask", f -> fs.umask(f.i32(0)));
        add(223, "fadvise64", Support.full("advice is checked and accepted"),
                f -> fs.fadvise(f.i32(0), f.i64(1), f.i64(2), f.i32(3)));
        add(267, "syncfs", Support.full("memory is the storage; the encrypted store is written back to its host image"), f -> fs.fsync(f.i32(0)));
        add(276, "renameat2", Support.partial("RENAME_NOREPLACE and RENAME_EXCHANGE; RENAME_WHITEOUT is EINVAL"),
                f -> fs.renameat2(f.i32(0), f.ptr(1), f.i32(2), f.ptr(3), f.i32(4)));
        add(291, "statx", Support.full("basic stats; no birth time"),
                f -> fs.statx(f.i32(0), f.ptr(1), f.i32(2), f.i32(3), f.ptr(4)));
        add(439, "faccessat2", f -> fs.faccessat(f.i32(0), f.ptr(1), f.i32(2), f.i32(3)));
    }

    private void ioRows(IoCalls io) {
        add(19, "eventfd2", f -> io.eventfd2(f.u32(0), f.i32(1)));
        add(20, "epoll_create1", f -> io.epollCreate1(f.i32(0)));
        add(21, "epoll_ctl", f -> io.epollCtl(f.i32(0), f.i32(1), f.i32(2), f.ptr(3)));
        add(22, "epoll_pwait", Support.full(EPOLL_NOTE),
                f -> io.withSignalMask(f.ptr(4), f.i64(5),
                        () -> io.epollWait(f.i32(0), f.ptr(1), f.i32(2), io.deadlineFromMillis(f.i32(3)))));
        add(59, "pipe2", Support.full("64 KiB buffer, PIPE_BUF atomicity, EOF, and EPIPE with SIGPIPE"),
                f -> io.pipe2(f.ptr(0), f.i32(1)));
        add(72, "pselect6", Support.partial("the timeout is not updated with the time left"),
                f -> io.withPselectMask(f.ptr(5),
                        () -> io.select(f.i32(0), f.ptr(1), f.ptr(2), f.ptr(3), io.deadlineFromTimespec(f.ptr(4)))));
        add(73, "ppoll", Support.partial("the timeout is not updated with the time left"),
                f -> io.withSignalMask(f.ptr(3), f.i64(4),
                        () -> io.poll(f.ptr(0), f.i64(1), io.deadlineFromTimespec(f.ptr(2)))));
        add(85, "timerfd_create", f -> io.timerfdCreate(f.i32(0), f.i32(1)));
        add(86, "timerfd_settime", f -> io.timerfdSettime(f.i32(0), f.i32(1), f.ptr(2), f.ptr(3)));
        add(87, "timerfd_gettime", f -> io.timerfdGettime(f.i32(0), f.ptr(1)));
        add(199, "socketpair", Support.partial(SOCKETPAIR_NOTE), f -> io.socketpair(f.i32(0), f.i32(1), f.i32(2), f.ptr(3)));
        add(206, "sendto", Support.partial(SEND_RECV_NOTE),
                f -> io.sendto(f.i32(0), f.ptr(1), f.i64(2), f.i32(3), f.ptr(4)));
        add(207, "recvfrom", Support.partial(SEND_RECV_NOTE),
                f -> io.recvfrom(f.i32(0), f.ptr(1), f.i64(2), f.i32(3), f.ptr(4), f.ptr(5)));
        add(210, "shutdown", f -> io.shutdown(f.i32(0), f.i32(1)));
        add(211, "sendmsg", Support.partial(MSG_NOTE), f -> io.sendmsg(f.i32(0), f.ptr(1), f.i32(2)));
        add(212, "recvmsg", Support.partial(MSG_NOTE), f -> io.recvmsg(f.i32(0), f.ptr(1), f.i32(2)));
        add(441, "epoll_pwait2", Support.full(EPOLL_NOTE),
                f -> io.withSignalMask(f.ptr(4), f.i64(5),
                        () -> io.epollWait(f.i32(0), f.ptr(1), f.i32(2), io.deadlineFromTimespec(f.ptr(3)))));
    }

    private void socketRows(SocketCalls s) {
        add(198, "socket", Support.partial(SOCKET_NOTE), f -> s.socket(f.i32(0), f.i32(1), f.i32(2)));
        add(200, "bind", Support.partial(BIND_NOTE), f -> s.bind(f.i32(0), f.ptr(1), f.u32(2)));
        add(201, "listen", f -> s.listen(f.i32(0), f.i32(1)));
        add(202, "accept", Support.partial(ACCEPT_NOTE), f -> s.accept4(f.i32(0), f.ptr(1), f.ptr(2), 0));
        add(203, "connect", Support.partial(CONNECT_NOTE), f -> s.connect(f.i32(0), f.ptr(1), f.u32(2)));
        add(204, "getsockname", f -> s.getsockname(f.i32(0), f.ptr(1), f.ptr(2)));
        add(205, "getpeername", f -> s.getpeername(f.i32(0), f.ptr(1), f.ptr(2)));
        add(208, "setsockopt", Support.partial(SOCKOPT_NOTE),
                f -> s.setsockopt(f.i32(0), f.i32(1), f.i32(2), f.ptr(3), f.u32(4)));
        add(209, "getsockopt", Support.partial(SOCKOPT_NOTE),
                f -> s.getsockopt(f.i32(0), f.i32(1), f.i32(2), f.ptr(3), f.ptr(4)));
        add(242, "accept4", Support.partial(ACCEPT_NOTE), f -> s.accept4(f.i32(0), f.ptr(1), f.ptr(2), f.i32(3)));
    }

    private void processRows(LinuxKernel k, ProcessResources r) {
        add(99, "set_robust_list", Support.partial("accepted: the list is not walked at thread exit"),
                f -> f.i64(1) != 24 ? -Errno.EINVAL : 0);
        add(114, "clock_getres", f -> k.clockGetres(f.i32(0), f.ptr(1)));
        add(115, "clock_nanosleep", f -> k.clockNanosleep(f.i32(0), f.i32(1), f.ptr(2), f.ptr(3)));
        add(123, "sched_getaffinity", f -> r.schedGetaffinity(f.i32(0), f.i64(1), f.ptr(2)));
        add(163, "getrlimit", f -> r.getrlimit(f.i32(0), f.ptr(1)));
        add(164, "setrlimit", f -> r.setrlimit(f.i32(0), f.ptr(1)));
        add(165, "getrusage", Support.full("CPU time is the host thread's time running the guest"),
                f -> r.getrusage(f.i32(0), f.ptr(1)));
        add(167, "prctl", Support.partial("PR_SET_NAME, PR_GET_NAME, PR_SET_VMA anonymous names; others EINVAL"),
                f -> r.prctl(f.i32(0), f.i64(1), f.i64(2), f.i64(3), f.i64(4)));
        add(168, "getcpu", f -> r.getcpu(f.ptr(0), f.ptr(1)));
        add(169, "gettimeofday", f -> k.gettimeofday(f.ptr(0), f.ptr(1)));
        add(179, "sysinfo", f -> r.sysinfo(f.ptr(0)));
        add(216, "mremap", f -> k.mremap(f.ptr(0), f.i64(1), f.i64(2), f.i32(3), f.ptr(4)));
        add(227, "msync", Support.full("memory is the backing store: checks the range"),
                f -> k.msync(f.ptr(0), f.i64(1), f.i32(2)));
        add(228, "mlock", Support.full("guest memory is always resident"), f -> k.mlock(f.ptr(0), f.i64(1)));
        add(229, "munlock", f -> k.mlock(f.ptr(0), f.i64(1)));
        add(230, "mlockall", Support.full("guest memory is always resident"), f -> k.mlockall(f.i32(0)));
        add(231, "munlockall", f -> 0);
        add(261, "prlimit64", f -> r.prlimit(f.i32(0), f.i32(1), f.ptr(2), f.ptr(3)));
        add(283, "membarrier", Support.unsupported("ENOSYS, as a kernel built without CONFIG_MEMBARRIER answers"),
                f -> -Errno.ENOSYS);
        add(293, "rseq", Support.unsupported("ENOSYS as an older kernel answers; bionic then runs without it"),
                f -> -Errno.ENOSYS);
    }

    private void add(int number, String name, SyscallHandler handler) {
        add(number, name, Support.FULL, handler);
    }

    private void add(int number, String name, Support support, SyscallHandler handler) {
        byNumber[number] = new Syscall(number, name, handler, support);
    }

    /** The row for number, or null. */
    public Syscall entry(int number) {
        return number >= 0 && number < byNumber.length ? byNumber[number] : null;
    }

    /** Runs the syscall; unknown numbers answer -ENOSYS, bad guest pointers -EFAULT. */
    public long invoke(int number, CallFrame frame) {
        Syscall s = entry(number);
        return s == null ? -Errno.ENOSYS : ErrnoException.resultOf(() -> s.handler().call(frame));
    }

    public List<Syscall> rows() {
        List<Syscall> rows = new ArrayList<>();
        for (Syscall s : byNumber) if (s != null) rows.add(s);
        return rows;
    }
}
