package org.mdemu.guest.trace;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.machine.GuestMemory;

/**
 * Decodes a call's arguments once, by the call's name, into strace's notation: descriptors and numbers in decimal,
 * pointers in hex, strings quoted (at most 64 bytes), flags by name. The signatures are the man pages' parameter
 * lists, written as types: {@code fd}, {@code dirfd}, {@code int}, {@code size}, {@code ptr}, {@code str},
 * {@code oflags}, {@code mode}, {@code prot}, {@code mapflags}, {@code signal}, {@code family}, {@code socktype},
 * {@code hex}. A call without a signature shows its first three integer registers.
 */
final class ArgumentDecoder {
    private static final Map<String, String[]> SIGNATURES = new HashMap<>();

    private static void sig(String names, String types) {
        String[] t = types.isEmpty() ? new String[0] : types.split(",");
        for (String n : names.split(",")) SIGNATURES.put(n, t);
    }

    static {
        // system calls (asm-generic/unistd.h names)
        sig("openat", "dirfd,str,oflags,mode");
        sig("close,fsync,fdatasync,syncfs,dup,fchdir,epoll_create1,timerfd_gettime", "fd");
        sig("read,write,pread64,pwrite64,getdents64", "fd,ptr,size");
        sig("readv,writev", "fd,ptr,int");
        sig("lseek", "fd,int,int");
        sig("exit,exit_group", "int");
        sig("getpid,getppid,getuid,geteuid,getgid,getegid,gettid,sched_yield,sync,munlockall", "");
        sig("futex", "ptr,int,int,ptr,ptr,int");
        sig("nanosleep", "ptr,ptr");
        sig("clock_gettime,clock_getres", "int,ptr");
        sig("kill,tkill", "int,signal");
        sig("tgkill", "int,int,signal");
        sig("rt_sigaction", "signal,ptr,ptr,size");
        sig("rt_sigprocmask", "int,ptr,ptr,size");
        sig("mmap", "ptr,size,prot,mapflags,fd,hex");
        sig("munmap,mlock,munlock", "ptr,size");
        sig("mprotect", "ptr,size,prot");
        sig("madvise", "ptr,size,int");
        sig("getrandom", "ptr,size,hex");
        sig("mkdirat", "dirfd,str,mode");
        sig("unlinkat", "dirfd,str,hex");
        sig("faccessat,faccessat2", "dirfd,str,int,hex");
        sig("newfstatat", "dirfd,str,ptr,hex");
        sig("fstat", "fd,ptr");
        sig("readlinkat", "dirfd,str,ptr,size");
        sig("renameat,renameat2", "dirfd,str,dirfd,str,hex");
        sig("chdir", "str");
        sig("getcwd", "ptr,size");
        sig("fcntl", "fd,int,hex");
        sig("ftruncate", "fd,int");
        sig("pipe2", "ptr,oflags");
        sig("eventfd2", "int,oflags");
        sig("ppoll", "ptr,int,ptr,ptr,size");
        sig("epoll_ctl", "fd,int,fd,ptr");
        sig("epoll_pwait", "fd,ptr,int,int,ptr,size");
        sig("socket", "family,socktype,int");
        sig("socketpair", "family,socktype,int,ptr");
        sig("bind,connect", "fd,ptr,int");
        sig("listen", "fd,int");
        sig("accept", "fd,ptr,ptr");
        sig("accept4", "fd,ptr,ptr,oflags");
        sig("sendto", "fd,ptr,size,hex,ptr,int");
        sig("recvfrom", "fd,ptr,size,hex,ptr,ptr");
        sig("sendmsg,recvmsg", "fd,ptr,hex");
        sig("shutdown", "fd,int");
        sig("setsockopt,getsockopt", "fd,int,int,ptr,int");
        sig("clone", "hex,ptr,ptr,ptr,ptr");
        sig("prctl", "int,hex,hex,hex,hex");
        sig("set_tid_address", "ptr");
        sig("uname,sysinfo", "ptr");
        sig("statx", "dirfd,str,hex,hex,ptr");
        // library rows
        sig("malloc", "size");
        sig("free", "ptr");
        sig("calloc", "size,size");
        sig("realloc", "ptr,size");
        sig("posix_memalign", "ptr,size,size");
        sig("open,fopen", "str,str");
        sig("printf,puts,perror,strlen,strdup,getenv,atoi,dlopen,unlink,remove,system", "str");
        sig("fprintf,fputs", "ptr,str");
        sig("snprintf,vsnprintf", "ptr,size,str");
        sig("fwrite,fread", "ptr,size,size,ptr");
        sig("fclose,fflush", "ptr");
        sig("memcpy,memmove", "ptr,ptr,size");
        sig("memset", "ptr,int,size");
        sig("strcmp,strstr,strcpy", "str,str");
        sig("dlsym", "ptr,str");
        sig("pthread_create", "ptr,ptr,ptr,ptr");
        sig("pthread_join", "hex,ptr");
        sig("pthread_mutex_lock,pthread_mutex_unlock,pthread_mutex_trylock,pthread_cond_signal,"
                + "pthread_cond_broadcast,sem_wait,sem_post,pthread_mutex_destroy,pthread_cond_destroy", "ptr");
        sig("pthread_cond_wait", "ptr,ptr");
        sig("pthread_setname_np", "hex,str");
        sig("usleep,sleep", "int");
        sig("sem_init", "ptr,int,int");
        sig("pthread_self,getpid,gettid,abort", "");
        sig("__android_log_write", "int,str,str");
        sig("__android_log_print", "int,str,str");
        sig("AVmPayload_runVsockRpcServer", "ptr,int,ptr,ptr");
        sig("AVmPayload_notifyPayloadReady,AVmPayload_getApkContentsPath,AVmPayload_getEncryptedStoragePath", "");
        sig("AVmPayload_getVmInstanceSecret", "ptr,size,ptr,size");
        sig("AIBinder_Class_define", "str,ptr,ptr,ptr");
        sig("AIBinder_new", "ptr,ptr");
        sig("AIBinder_prepareTransaction", "ptr,ptr");
        sig("AIBinder_transact", "ptr,int,ptr,ptr,hex");
        sig("AIBinder_incStrong,AIBinder_decStrong,AIBinder_getClass,AParcel_delete", "ptr");
        sig("AParcel_writeInt32", "ptr,int");
        sig("AParcel_readInt32", "ptr,ptr");
        sig("ABinderProcess_joinThreadPool,ABinderProcess_startThreadPool", "");
        sig("ABinderProcess_setThreadPoolMaxThreadCount", "int");
    }

    private ArgumentDecoder() {}

    /** The call's arguments, e.g. {@code AT_FDCWD, "/mnt/apk/x", O_RDONLY|O_CLOEXEC, 0}. */
    static String decode(String name, CallFrame f, int first) {
        String[] types = SIGNATURES.get(name);
        StringBuilder s = new StringBuilder();
        if (types == null) {
            for (int i = 0; i < 3; i++) s.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(f.i64(first + i)));
            return s.append(", ...").toString();
        }
        for (int i = 0; i < types.length; i++) {
            if (i > 0) s.append(", ");
            s.append(value(types[i], f.i64(first + i), f.memory()));
        }
        return s.toString();
    }

    static String value(String type, long v, GuestMemory memory) {
        return switch (type) {
            case "fd", "int" -> Integer.toString((int) v);
            case "size" -> Long.toUnsignedString(v);
            case "dirfd" -> (int) v == -100 ? "AT_FDCWD" : Integer.toString((int) v);
            case "str" -> string(v, memory);
            case "oflags" -> flags((int) v, OPEN_FLAGS, "O_RDONLY");
            case "mode" -> "0" + Integer.toOctalString((int) v);
            case "prot" -> flags((int) v, PROT_FLAGS, "PROT_NONE");
            case "mapflags" -> flags((int) v, MAP_FLAGS, "0");
            case "signal" -> signal((int) v);
            case "family" -> switch ((int) v) {
                case 1 -> "AF_UNIX";
                case 40 -> "AF_VSOCK";
                case 2 -> "AF_INET";
                case 10 -> "AF_INET6";
                default -> Integer.toString((int) v);
            };
            case "socktype" -> socketType((int) v);
            default -> v == 0 ? "NULL" : "0x" + Long.toHexString(v);
        };
    }

    private static String string(long address, GuestMemory memory) {
        if (address == 0) return "NULL";
        try {
            int n = memory.strlen(address, 65);
            byte[] b = memory.read(address, Math.min(n, 64));
            StringBuilder s = new StringBuilder("\"");
            for (byte x : b) {
                int c = x & 0xff;
                if (c == '"' || c == '\\') s.append('\\').append((char) c);
                else if (c == '\n') s.append("\\n");
                else if (c == '\t') s.append("\\t");
                else if (c < 0x20 || c >= 0x7f) s.append(String.format("\\x%02x", c));
                else s.append((char) c);
            }
            return s.append(n > 64 ? "\"..." : "\"").toString();
        } catch (GuestFault f) {
            return "0x" + Long.toHexString(address);
        }
    }

    private static final Object[][] OPEN_FLAGS = {{1, "O_WRONLY"}, {2, "O_RDWR"}, {0100, "O_CREAT"}, {0200, "O_EXCL"},
            {01000, "O_TRUNC"}, {02000, "O_APPEND"}, {04000, "O_NONBLOCK"}, {040000, "O_DIRECTORY"},
            {0100000, "O_NOFOLLOW"}, {02000000, "O_CLOEXEC"}, {0200000, "O_LARGEFILE"}};
    private static final Object[][] PROT_FLAGS = {{1, "PROT_READ"}, {2, "PROT_WRITE"}, {4, "PROT_EXEC"}};
    private static final Object[][] MAP_FLAGS = {{1, "MAP_SHARED"}, {2, "MAP_PRIVATE"}, {0x10, "MAP_FIXED"},
            {0x20, "MAP_ANONYMOUS"}, {0x4000, "MAP_NORESERVE"}, {0x100000, "MAP_FIXED_NOREPLACE"}};

    private static String flags(int v, Object[][] names, String zero) {
        StringBuilder s = new StringBuilder();
        int rest = v;
        for (Object[] n : names) {
            int bit = (Integer) n[0];
            if ((v & bit) == bit) {
                s.append(s.length() == 0 ? "" : "|").append(n[1]);
                rest &= ~bit;
            }
        }
        if (rest != 0) s.append(s.length() == 0 ? "" : "|").append("0x").append(Integer.toHexString(rest));
        if (s.length() == 0) return zero;
        if (names == OPEN_FLAGS && (v & 3) == 0) s.insert(0, "O_RDONLY|");
        return s.toString();
    }

    private static String socketType(int v) {
        String base = switch (v & 0xf) {
            case 1 -> "SOCK_STREAM";
            case 2 -> "SOCK_DGRAM";
            case 5 -> "SOCK_SEQPACKET";
            default -> Integer.toString(v & 0xf);
        };
        if ((v & 04000) != 0) base += "|SOCK_NONBLOCK";
        if ((v & 02000000) != 0) base += "|SOCK_CLOEXEC";
        return base;
    }

    private static final String[] SIGNALS = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    static String signal(int n) {
        return n > 0 && n < SIGNALS.length ? SIGNALS[n] : Integer.toString(n);
    }

    private static final String[] ERRNO = {null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG",
            "ENOEXEC", "EBADF", "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV",
            "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC",
            "ESPIPE", "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS",
            "ENOTEMPTY", "ELOOP"};

    /** The errno's name (Linux numbers), e.g. ENOENT. */
    static String errno(int n) {
        if (n > 0 && n < ERRNO.length) return ERRNO[n];
        return switch (n) {
            case 61 -> "ENODATA";
            case 75 -> "EOVERFLOW";
            case 88 -> "ENOTSOCK";
            case 92 -> "ENOPROTOOPT";
            case 95 -> "EOPNOTSUPP";
            case 97 -> "EAFNOSUPPORT";
            case 98 -> "EADDRINUSE";
            case 101 -> "ENETUNREACH";
            case 104 -> "ECONNRESET";
            case 106 -> "EISCONN";
            case 107 -> "ENOTCONN";
            case 110 -> "ETIMEDOUT";
            case 111 -> "ECONNREFUSED";
            case 115 -> "EINPROGRESS";
            default -> "E" + n;
        };
    }
}
