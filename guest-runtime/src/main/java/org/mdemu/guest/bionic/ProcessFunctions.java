package org.mdemu.guest.bionic;

import java.util.function.Function;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.ErrnoException;
import org.mdemu.guest.kernel.FileIo;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.kernel.SyscallTable;
import org.mdemu.guest.kernel.process.ChildProcess;
import org.mdemu.guest.kernel.process.ProcessTable;
import org.mdemu.guest.kernel.process.WaitStatus;
import org.mdemu.guest.kernel.signals.SignalActions;
import org.mdemu.guest.vfs.FileTable;

/**
 * bionic's process calls that a Microdroid payload can use without a second program: getppid, the wait family, the
 * exec family, posix_spawn and its attributes and file actions, popen/pclose, system and forkpty. As on a device
 * without a shell for the payload, every exec fails: exec* return its errno (see {@link
 * org.mdemu.guest.kernel.process.ProgramImages}), and the children posix_spawn, popen and system create run their
 * attributes and file actions, fail to exec and exit with status 127, as bionic's spawn.cpp, popen and system.cpp
 * have them do. fork, vfork, _Fork, clone (for a new process) and daemon are not here: they need a second address
 * space.
 */
public final class ProcessFunctions extends GuestSection {
    /** bionic's __bionic_get_shell_path() on a device (and _PATH_BSHELL). */
    static final String SHELL = "/system/bin/sh";
    /** bionic's _PATH_DEFPATH, searched by execvp when PATH is unset. */
    private static final String DEFAULT_PATH = "/product/bin:/apex/com.android.runtime/bin:/apex/com.android.art/bin:"
            + "/system_ext/bin:/system/bin:/system/xbin:/odm/bin:/vendor/bin:/vendor/xbin";
    private static final int PATH_MAX = 4096;
    private static final int POSIX_SPAWN_RESETIDS = 1, POSIX_SPAWN_SETPGROUP = 2, POSIX_SPAWN_SETSIGDEF = 4,
            POSIX_SPAWN_SETSIGMASK = 8, POSIX_SPAWN_SETSCHEDPARAM = 16, POSIX_SPAWN_SETSCHEDULER = 32,
            POSIX_SPAWN_USEVFORK = 64, POSIX_SPAWN_SETSID = 128;
    private static final int VALID_SPAWN_FLAGS = POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF
            | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER | POSIX_SPAWN_USEVFORK
            | POSIX_SPAWN_SETSID;
    /** posix_spawnattr's private struct: flags, pgroup, sched_priority, policy, sigmask, sigdefault (8 bytes each). */
    private static final int ATTR_FLAGS = 0, ATTR_PGROUP = 4, ATTR_PRIORITY = 8, ATTR_POLICY = 12, ATTR_SIGMASK = 16,
            ATTR_SIGDEFAULT = 24, ATTR_SIZE = 32;
    /** A file action node: next, kind, fd, new fd, open flags, mode, path (malloc'ed); the list head keeps head, last. */
    private static final int ACTION_NEXT = 0, ACTION_KIND = 8, ACTION_FD = 12, ACTION_NEW_FD = 16, ACTION_FLAGS = 20,
            ACTION_MODE = 24, ACTION_PATH = 32, ACTION_SIZE = 40, LIST_SIZE = 16;
    private static final int OPEN = 0, CLOSE = 1, DUP2 = 2, CHDIR = 3, FCHDIR = 4;
    private static final int AF_UNIX = 1, SOCK_STREAM = 1, O_CLOEXEC = 02000000, EXEC_FAILED = 127;

    private final LinuxKernel kernel;
    private final FileTable files;
    private final StdioFunctions stdio;
    private final Function<String, String> environment;
    private Rows rows;

    public ProcessFunctions(GuestProcess process, LinuxKernel kernel, FileTable files, StdioFunctions stdio,
                            Function<String, String> environment) {
        super(process);
        this.kernel = kernel;
        this.files = files;
        this.stdio = stdio;
        this.environment = environment;
    }

    private ProcessTable children() {
        return kernel.processes();
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        t.function("getppid", Support.full("the parent's pid: microdroid_manager's (" + ProcessTable.PAYLOAD_PARENT_PID
                + ") for the payload, the forking process's for a child, init's (1) once orphaned"),
                f -> f.ret(children().parentPid()));
        declareForks(t);
        declareWaits(t);
        declareExecs(t);
        declareSpawn(t);
        declareShellCalls(t);
    }

    // ---- fork ---------------------------------------------------------------------------------------------------

    /** What every fork-like row shares: the child as fork makes it, and the limits it meets. */
    public static final String FORK_NOTE = "a child process on a machine of its own (same CPU engine): a copy of the"
            + " address space (MAP_PRIVATE and anonymous memory copied; MAP_SHARED file mappings stay shared through"
            + " their file, in step at every system call; a MAP_SHARED anonymous mapping is copied, not shared), of"
            + " the descriptor table (open file descriptions shared: pipes and socket pairs work both ways), signal"
            + " dispositions, mask, cwd, umask, rlimits, heap, atexit and atfork lists, dlopen'd libraries; only the"
            + " calling thread; EAGAIN at threads-max or RLIMIT_NPROC (counting every process's threads) and beyond"
            + " one live process per 32 MiB of VM memory (each is a machine on the host: the bound keeps a fork bomb"
            + " inside the VM), ENOMEM when"
            + " the VM's memory cannot hold the copy, ENOSYS on an engine without a second machine; under a debugger"
            + " the child runs undebugged, as gdb's detach-on-fork leaves it; as Linux, no timers (alarm, setitimer,"
            + " timer_create) and no pending signals in the child; its log lines carry its pid; /proc/self and"
            + " /proc/PID (maps, status, comm, fd, ...) name it";
    private void declareForks(LibraryTable t) {
        t.functionCallingGuest("fork", Support.partial("pthread_atfork prepare handlers (in reverse), then the child,"
                + " then parent handlers in the parent and child handlers in the child, in registration order, as"
                + " bionic; " + FORK_NOTE), f -> f.ret(fork(true, null)));
        t.functionCallingGuest("_Fork", "LIBC_V", Support.partial("fork without the atfork handlers; " + FORK_NOTE),
                f -> f.ret(fork(false, null)));
        t.functionCallingGuest("vfork", Support.partial("behaves as fork (POSIX allows it): the parent runs on at once"
                + " and the child has its own copy of memory, so a child that writes memory before _exit or exec is"
                + " not seen by the parent; no atfork handlers, as bionic's vfork; " + FORK_NOTE),
                f -> f.ret(fork(false, null)));
        t.functionCallingGuest("clone", Support.partial("a new process (no CLONE_VM): the child calls fn(arg) on the"
                + " given stack and exits with its result; CLONE_SETTLS, CLONE_PARENT_SETTID, CLONE_CHILD_SETTID,"
                + " CLONE_CHILD_CLEARTID honoured, CLONE_VFORK runs as fork, CLONE_SYSVSEM/IO/PTRACE/UNTRACED"
                + " accepted; the exit signal is SIGCHLD whatever the low byte asks; EINVAL for a null fn or stack,"
                + " CLONE_SIGHAND or CLONE_THREAD without CLONE_VM, CLONE_PIDFD; EPERM for new namespaces (no"
                + " capabilities); ENOSYS for CLONE_VM (threads: pthread_create), CLONE_FILES, CLONE_FS and"
                + " CLONE_PARENT; " + FORK_NOTE), this::cloneProcess);
        t.functionCallingGuest("daemon", Support.partial("as bionic: fork, the parent _exits 0, the child calls setsid,"
                + " chdir(\"/\") unless nochdir, and puts /dev/null on 0, 1 and 2 unless noclose; " + FORK_NOTE),
                this::daemon);
    }

    /** fork and its kin in the calling process: the child's pid, or -1 with errno (0 is returned in the child). */
    private long fork(boolean atfork, java.util.function.Consumer<ProcessTable> inChild) {
        java.util.List<SignalWaits.ForkHandlers.Handlers> handlers = atfork && forkHandlers != null
                ? forkHandlers.handlers() : java.util.List.of();
        for (int i = handlers.size() - 1; i >= 0; i--) {
            if (handlers.get(i).prepare() != 0) process.calls().call(handlers.get(i).prepare());
        }
        long[] childHandlers = handlers.stream().mapToLong(SignalWaits.ForkHandlers.Handlers::child).filter(h -> h != 0)
                .toArray();
        long result;
        try {
            result = children().fork(kernel.resources().softLimit(org.mdemu.guest.kernel.ProcessResources.RLIMIT_NPROC),
                    regs -> regs.setX(0, 0), child -> {
                        for (long h : childHandlers) child.process().calls().call(h);
                        if (inChild != null) inChild.accept(child);
                    });
        } catch (ErrnoException e) {
            result = fail(e.errno());
        }
        for (SignalWaits.ForkHandlers.Handlers h : handlers) {
            if (h.parent() != 0) process.calls().call(h.parent());
        }
        return result;
    }

    private SignalWaits.ForkHandlers forkHandlers;

    /** Where __register_atfork keeps the handlers fork runs. */
    void useForkHandlers(SignalWaits.ForkHandlers handlers) {
        this.forkHandlers = handlers;
    }

    /** clone(fn, stack, flags, arg, parent_tid, tls, child_tid) for a new process. */
    private void cloneProcess(CallFrame f) {
        long fn = f.ptr(0), stack = f.ptr(1), arg = f.ptr(3), parentTid = f.ptr(4), tls = f.ptr(5), childTid = f.ptr(6);
        int flags = f.i32(2);
        if (fn == 0 || stack == 0) {
            f.ret(fail(Errno.EINVAL));
            return;
        }
        int refused = ProcessTable.cloneFlagsRefused(flags);
        if (refused != 0) {
            f.ret(fail(refused));
            return;
        }
        long result;
        try {
            result = children().fork(kernel.resources().softLimit(org.mdemu.guest.kernel.ProcessResources.RLIMIT_NPROC),
                    regs -> {
                        regs.setX(0, arg);
                        regs.setSp(stack & ~15L);
                        regs.setPc(fn);
                        // fn returns to where the runtime started the thread: the process ends with fn's result.
                        regs.setX(30, process.threads().returnAddress());
                        if ((flags & ProcessTable.CLONE_SETTLS) != 0) regs.setTpidr(tls);
                    }, child -> {
                        child.threadReturnIsExit = true;
                        GuestProcess p = child.process();
                        if ((flags & ProcessTable.CLONE_CHILD_SETTID) != 0 && childTid != 0) p.memory().writeInt(childTid, p.pid());
                        if ((flags & ProcessTable.CLONE_CHILD_CLEARTID) != 0) p.currentThread().setClearChildTid(childTid);
                    });
        } catch (ErrnoException e) {
            f.ret(fail(e.errno()));
            return;
        }
        if ((flags & ProcessTable.CLONE_PARENT_SETTID) != 0 && parentTid != 0) mem().writeInt(parentTid, (int) result);
        f.ret(result);
    }

    /** daemon(nochdir, noclose) as bionic's: only the child returns, with 0. */
    private void daemon(CallFrame f) {
        boolean nochdir = f.i32(0) != 0, noclose = f.i32(1) != 0;
        long pid = fork(false, child -> {
            child.setsid();
            FileTable childFiles = (FileTable) child.process().files();
            if (!nochdir) childFiles.chdir("/");
            if (!noclose) {
                long fd = childFiles.openat(FileTable.AT_FDCWD, "/dev/null", 02, 0);
                if (fd >= 0) {
                    for (int i = 0; i <= 2; i++) childFiles.dup3((int) fd, i, 0);
                    if (fd > 2) childFiles.close((int) fd);
                }
            }
        });
        if (pid == -1) {
            f.ret(-1);
            return;
        }
        process.control().exit(0);
    }

    // ---- wait ---------------------------------------------------------------------------------------------------

    private void declareWaits(LibraryTable t) {
        Support waits = Support.full(SyscallTable.WAIT_NOTE);
        t.function("wait", waits, f -> f.ret(process.libcResult(children().wait4(-1, f.ptr(0), 0, 0))));
        t.function("waitpid", waits, f -> f.ret(process.libcResult(children().wait4(f.i32(0), f.ptr(1), f.i32(2), 0))));
        t.function("wait4", waits,
                f -> f.ret(process.libcResult(children().wait4(f.i32(0), f.ptr(1), f.i32(2), f.ptr(3)))));
        t.function("waitid", waits,
                f -> f.ret(process.libcResult(children().waitid(f.i32(0), f.i32(1), f.ptr(2), f.i32(3), 0))));
    }

    /** waitpid(pid, &status, 0) for popen's and system's child: its status, or -1 with errno. */
    private long reap(int pid) {
        long status = heap().calloc(1, 4);
        try {
            long r = children().wait4(pid, status, 0, 0);
            if (Errno.isError(r)) return fail((int) -r);
            return mem().readInt(status);
        } finally {
            heap().free(status);
        }
    }

    // ---- exec ---------------------------------------------------------------------------------------------------

    private void declareExecs(LibraryTable t) {
        Support exec = Support.partial(SyscallTable.EXECVE_NOTE);
        for (String name : new String[] {"execve", "execv", "execl", "execle"}) {
            t.function(name, exec, f -> f.ret(fail(execve(f.ptr(0)))));
        }
        Support search = Support.partial("searches PATH as bionic's execvpe (EACCES if any candidate was EACCES; a"
                + " file no format accepts is run by " + SHELL + ", which a payload lacks: ENOENT); " + SyscallTable.EXECVE_NOTE);
        for (String name : new String[] {"execvp", "execvpe", "execlp"}) {
            t.function(name, search, f -> f.ret(fail(execvpe(f.ptr(0)))));
        }
        t.function("fexecve", "LIBC_P", Support.partial("execve of /proc/self/fd/N, ENOENT reported as EBADF, as bionic;"
                + " " + SyscallTable.EXECVE_NOTE), f -> {
                    int errno = execve("/proc/self/fd/" + f.i32(0));
                    f.ret(fail(errno == Errno.ENOENT ? Errno.EBADF : errno));
                });
    }

    /** The errno execve leaves for the path at address (it never returns success). */
    private int execve(long path) {
        if (path == 0) return Errno.EFAULT;
        return execve(new String(mem().readCBytes(path), java.nio.charset.StandardCharsets.UTF_8));
    }

    private int execve(String path) {
        return (int) -kernel.programs().execve(path);
    }

    private int execvpe(long nameAddress) {
        if (nameAddress == 0) return Errno.EFAULT;
        String name = new String(mem().readCBytes(nameAddress), java.nio.charset.StandardCharsets.UTF_8);
        if (name.isEmpty()) return Errno.ENOENT;
        if (name.contains("/")) {
            int errno = execve(name);
            return errno == Errno.ENOEXEC ? execve(SHELL) : errno;
        }
        String path = java.util.Objects.requireNonNullElse(environment.apply("PATH"), DEFAULT_PATH);
        boolean sawEacces = false;
        int last = Errno.ENOENT;
        for (String dir : path.split(":", -1)) {
            if (dir.length() + name.length() + 2 > PATH_MAX) continue;
            last = execve((dir.isEmpty() ? "." : dir) + "/" + name);
            switch (last) {
                case Errno.ENOEXEC -> {
                    return execve(SHELL);
                }
                case Errno.EACCES -> sawEacces = true;
                case Errno.EISDIR, Errno.ELOOP, Errno.ENAMETOOLONG, Errno.ENOENT, Errno.ENOTDIR -> { }
                default -> {
                    return last;
                }
            }
        }
        return sawEacces ? Errno.EACCES : last;
    }

    // ---- posix_spawn --------------------------------------------------------------------------------------------

    private void declareSpawn(LibraryTable t) {
        Support spawn = Support.partial("the child applies the attributes (process group, session) and the file"
                + " actions to its own descriptor table, fails to exec (no program to run in a payload) and exits"
                + " with status 127, as bionic's child does; EAGAIN at the kernel's task limit");
        t.function("posix_spawn", "LIBC_P", spawn, f -> f.ret(spawn(f.ptr(0), f.ptr(2), f.ptr(3))));
        t.function("posix_spawnp", "LIBC_P", spawn, f -> f.ret(spawn(f.ptr(0), f.ptr(2), f.ptr(3))));
        t.function("posix_spawnattr_init", "LIBC_P", Support.FULL, f -> {
            long attr = heap().calloc(1, ATTR_SIZE);
            if (attr == 0) {
                f.ret(Errno.ENOMEM);
                return;
            }
            mem().writeLong(f.ptr(0), attr);
            f.ret(0);
        });
        t.function("posix_spawnattr_destroy", "LIBC_P", Support.FULL, f -> {
            heap().free(mem().readLong(f.ptr(0)));
            mem().writeLong(f.ptr(0), 0);
            f.ret(0);
        });
        t.function("posix_spawnattr_setflags", "LIBC_P", Support.FULL, f -> {
            short flags = (short) f.i32(1);
            if ((flags & ~VALID_SPAWN_FLAGS) != 0) {
                f.ret(Errno.EINVAL);
                return;
            }
            mem().writeShort(attr(f) + ATTR_FLAGS, flags);
            f.ret(0);
        });
        t.function("posix_spawnattr_getflags", "LIBC_P", Support.FULL, f -> {
            mem().writeShort(f.ptr(1), mem().readShort(attr(f) + ATTR_FLAGS));
            f.ret(0);
        });
        attrInt(t, "pgroup", ATTR_PGROUP, false);
        attrInt(t, "schedpolicy", ATTR_POLICY, false);
        attrInt(t, "schedparam", ATTR_PRIORITY, true);
        for (String suffix : new String[] {"", "64"}) {
            attrSet(t, "sigmask" + suffix, ATTR_SIGMASK);
            attrSet(t, "sigdefault" + suffix, ATTR_SIGDEFAULT);
        }
        t.function("posix_spawn_file_actions_init", "LIBC_P", Support.FULL, f -> {
            long list = heap().calloc(1, LIST_SIZE);
            if (list == 0) {
                f.ret(Errno.ENOMEM);
                return;
            }
            mem().writeLong(f.ptr(0), list);
            f.ret(0);
        });
        t.function("posix_spawn_file_actions_destroy", "LIBC_P", Support.FULL, f -> {
            long list = mem().readLong(f.ptr(0));
            for (long a = mem().readLong(list); a != 0; ) {
                long next = mem().readLong(a + ACTION_NEXT);
                heap().free(mem().readLong(a + ACTION_PATH));
                heap().free(a);
                a = next;
            }
            heap().free(list);
            mem().writeLong(f.ptr(0), 0);
            f.ret(0);
        });
        t.function("posix_spawn_file_actions_addopen", "LIBC_P", Support.FULL,
                f -> f.ret(f.i32(1) < 0 ? Errno.EBADF : addAction(f.ptr(0), OPEN, -1, f.i32(1), f.ptr(2), f.i32(3), f.i32(4))));
        t.function("posix_spawn_file_actions_addclose", "LIBC_P", Support.FULL,
                f -> f.ret(f.i32(1) < 0 ? Errno.EBADF : addAction(f.ptr(0), CLOSE, f.i32(1), -1, 0, 0, 0)));
        t.function("posix_spawn_file_actions_adddup2", "LIBC_P", Support.FULL,
                f -> f.ret(f.i32(1) < 0 || f.i32(2) < 0 ? Errno.EBADF : addAction(f.ptr(0), DUP2, f.i32(1), f.i32(2), 0, 0, 0)));
        t.function("posix_spawn_file_actions_addchdir_np", "LIBC_U", Support.FULL,
                f -> f.ret(addAction(f.ptr(0), CHDIR, -1, -1, f.ptr(1), 0, 0)));
        t.function("posix_spawn_file_actions_addfchdir_np", "LIBC_U", Support.FULL,
                f -> f.ret(f.i32(1) < 0 ? Errno.EBADF : addAction(f.ptr(0), FCHDIR, f.i32(1), -1, 0, 0, 0)));
    }

    private long attr(CallFrame f) {
        return mem().readLong(f.ptr(0));
    }

    /** get/set of an int attribute: by value (pgroup, policy) or through a pointer (struct sched_param). */
    private void attrInt(LibraryTable t, String name, int offset, boolean byPointer) {
        t.function("posix_spawnattr_set" + name, "LIBC_P", Support.FULL, f -> {
            mem().writeInt(attr(f) + offset, byPointer ? mem().readInt(f.ptr(1)) : f.i32(1));
            f.ret(0);
        });
        t.function("posix_spawnattr_get" + name, "LIBC_P", Support.FULL, f -> {
            mem().writeInt(f.ptr(1), mem().readInt(attr(f) + offset));
            f.ret(0);
        });
    }

    /** get/set of a signal set (sigset_t and sigset64_t are both 8 bytes on arm64). */
    private void attrSet(LibraryTable t, String name, int offset) {
        t.function("posix_spawnattr_set" + name, "LIBC_P", Support.FULL, f -> {
            mem().writeLong(attr(f) + offset, mem().readLong(f.ptr(1)));
            f.ret(0);
        });
        t.function("posix_spawnattr_get" + name, "LIBC_P", Support.FULL, f -> {
            mem().writeLong(f.ptr(1), mem().readLong(attr(f) + offset));
            f.ret(0);
        });
    }

    private long addAction(long actions, int kind, int fd, int newFd, long path, int flags, int mode) {
        long list = mem().readLong(actions);
        long node = heap().calloc(1, ACTION_SIZE);
        if (node == 0) return Errno.ENOMEM;
        if (path != 0) {
            long copy = mallocString(mem().readCBytes(path));
            if (copy == 0) {
                heap().free(node);
                return Errno.ENOMEM;
            }
            mem().writeLong(node + ACTION_PATH, copy);
        }
        mem().writeInt(node + ACTION_KIND, kind);
        mem().writeInt(node + ACTION_FD, fd);
        mem().writeInt(node + ACTION_NEW_FD, newFd);
        mem().writeInt(node + ACTION_FLAGS, flags);
        mem().writeInt(node + ACTION_MODE, mode);
        long last = mem().readLong(list + 8);
        mem().writeLong(last == 0 ? list : last + ACTION_NEXT, node);
        mem().writeLong(list + 8, node);
        return 0;
    }

    /** posix_spawn(p): returns 0 with the child's pid, or the error number (EAGAIN at the task limit). */
    private long spawn(long pidOut, long actions, long attrPointer) {
        process.threads().scheduler().requireOutsideTrap();
        long attr = attrPointer == 0 ? 0 : mem().readLong(attrPointer);
        long list = actions == 0 ? 0 : mem().readLong(actions);
        ChildProcess child;
        try {
            child = children().startEnded(c -> runSpawnedChild(c, attr, list), WaitStatus.exited(EXEC_FAILED));
        } catch (ErrnoException e) {
            return e.errno();
        }
        if (pidOut != 0) mem().writeInt(pidOut, child.pid());
        return 0;
    }

    /**
     * What bionic's child does before its exec fails: the attributes that outlive it in the parent's view (process
     * group, session), then the file actions on its own copy of the descriptor table (files they create or truncate
     * stay so), stopping at the first failure as its _exit(127) would; then it exits, closing its descriptors.
     * Signal dispositions and masks, the scheduler and ids change only in the child, which never runs code.
     */
    private void runSpawnedChild(ChildProcess child, long attr, long actions) {
        int flags = attr == 0 ? 0 : mem().readShort(attr + ATTR_FLAGS);
        if ((flags & POSIX_SPAWN_SETPGROUP) != 0) {
            int group = mem().readInt(attr + ATTR_PGROUP);
            if (group != 0 && group != children().ownGroup() && !children().groupExists(group)) return;
            child.setProcessGroup(group);
        }
        if ((flags & POSIX_SPAWN_SETSID) != 0) {
            if (child.processGroup() == child.pid()) return;
            child.newSession();
        }
        FileTable own = files.forkCopy();
        try {
            for (long a = actions == 0 ? 0 : mem().readLong(actions); a != 0; a = mem().readLong(a + ACTION_NEXT)) {
                if (!runFileAction(own, a)) return;
            }
        } finally {
            own.closeAll();
        }
    }

    private boolean runFileAction(FileTable own, long action) {
        int fd = mem().readInt(action + ACTION_FD), newFd = mem().readInt(action + ACTION_NEW_FD);
        long path = mem().readLong(action + ACTION_PATH);
        switch (mem().readInt(action + ACTION_KIND)) {
            case OPEN -> {
                long opened = own.openat(FileIo.AT_FDCWD, mem().readCString(path), mem().readInt(action + ACTION_FLAGS),
                        mem().readInt(action + ACTION_MODE));
                if (Errno.isError(opened)) return false;
                if (opened != newFd) {
                    if (Errno.isError(own.dup3((int) opened, newFd, 0))) return false;
                    own.close((int) opened);
                }
                return true;
            }
            case CLOSE -> {
                own.close(fd);
                return true;
            }
            case DUP2 -> {
                return fd == newFd ? own.get(fd) != null : !Errno.isError(own.dup3(fd, newFd, 0));
            }
            case CHDIR -> {
                return !Errno.isError(own.chdir(mem().readCString(path)));
            }
            default -> {
                return !Errno.isError(own.fchdir(fd));
            }
        }
    }

    // ---- popen, pclose, system, forkpty -------------------------------------------------------------------------

    private void declareShellCalls(LibraryTable t) {
        t.function("popen", Support.partial("as bionic's: a pipe (a socket pair for \"r+\"), a child that runs "
                + SHELL + " -c, which a payload lacks, so it exits 127: reading gives end of file, writing EPIPE"
                + " with SIGPIPE; pclose/fclose wait for the child"), f -> f.ret(popen(f.ptr(1))));
        t.function("pclose", Support.full("closes the stream and returns the popen child's wait status"),
                f -> f.ret(rows.call(f, "fclose", f.ptr(0))));
        t.function("system", Support.partial("as bionic's: 1 for NULL (bionic does not look for the shell);"
                + " otherwise the child fails to exec " + SHELL + " and system returns its status, exit 127 (0x7f00),"
                + " with SIGCHLD blocked meanwhile"), f -> f.ret(system(f.ptr(0))));
        t.function("forkpty", Support.partial("Microdroid has no pseudo-terminals: openpty's failure (ENOENT)"), f -> {
            long master = rows.call(f, "open", constant("/dev/ptmx"), 02 | 0400, 0);
            if ((int) master < 0) {
                f.ret(-1);
                return;
            }
            // Only reachable once the VM gains a /dev/ptmx; forking the process is not emulated yet.
            files.close((int) master);
            f.ret(fail(Errno.EAGAIN));
        });
    }

    private long popen(long modeAddress) {
        process.threads().scheduler().requireOutsideTrap();
        String mode = new String(mem().readCBytes(modeAddress), java.nio.charset.StandardCharsets.ISO_8859_1);
        boolean bidirectional = mode.contains("+");
        String streamMode = bidirectional ? "r+" : mode.indexOf('r') >= 0 ? "r" : "w";
        long fds = heap().calloc(2, 4);
        try {
            long made = bidirectional ? kernel.io().socketpair(AF_UNIX, SOCK_STREAM | O_CLOEXEC, 0, fds)
                    : kernel.io().pipe2(fds, O_CLOEXEC);
            if (Errno.isError(made)) return failNull((int) -made);
            int parentEnd = mem().readInt(fds + (streamMode.charAt(0) == 'r' ? 0 : 4));
            int childEnd = mem().readInt(fds + (streamMode.charAt(0) == 'r' ? 4 : 0));
            ChildProcess child;
            try {
                // The child closes the parent's end, moves its own to stdin/stdout, fails to exec the shell and
                // exits: nothing of that reaches the parent's descriptors.
                child = children().startEnded(c -> { }, WaitStatus.exited(EXEC_FAILED));
            } catch (ErrnoException e) {
                files.close(parentEnd);
                files.close(childEnd);
                return failNull(e.errno());
            }
            long stream = stdio.fdopenForPopen(parentEnd, streamMode);
            if (stream == 0) {
                int errno = errno();
                files.close(parentEnd);
                files.close(childEnd);
                return failNull(errno);
            }
            files.close(childEnd);
            stdio.markPopened(stream, child.pid(), this::reap);
            return stream;
        } finally {
            heap().free(fds);
        }
    }

    /**
     * bionic's system: SIGCHLD blocked while the child runs, so a handler sees it only after system returns (it stays
     * pending after the wait). SIGINT and SIGQUIT are ignored meanwhile in bionic; nothing can send them during this
     * call here, so their dispositions are left alone.
     */
    private long system(long command) {
        if (command == 0) return 1;
        process.threads().scheduler().requireOutsideTrap();
        GuestThread caller = process.currentThread();
        long mask = caller.signalMask;
        caller.signalMask = mask | SignalActions.bit(SignalActions.SIGCHLD);
        try {
            ChildProcess child;
            try {
                child = children().startEnded(c -> { }, WaitStatus.exited(EXEC_FAILED));
            } catch (ErrnoException e) {
                return fail(e.errno());
            }
            return reap(child.pid());
        } finally {
            caller.signalMask = mask;
        }
    }
}
