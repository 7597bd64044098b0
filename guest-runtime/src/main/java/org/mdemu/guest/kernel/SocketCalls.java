package org.mdemu.guest.kernel;

import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.OpenFile;
import org.mdemu.guest.vfs.io.GuestSocket;
import org.mdemu.guest.vfs.io.IoWait;
import org.mdemu.guest.vfs.io.SocketOptions;
import org.mdemu.guest.vfs.io.UnixSocket;
import org.mdemu.guest.vfs.io.VsockSocket;
import org.mdemu.vsock.VsockAddress;
import org.mdemu.vsock.VsockDevice;

/**
 * socket(2) and the calls that name or configure sockets: bind, listen, accept, connect, getsockname, getpeername,
 * setsockopt, getsockopt. AF_VSOCK stream sockets live on the VM's vsock device ({@link #attachVsock}); AF_UNIX
 * sockets exist only as socket pairs (socketpair in {@link IoCalls}), other families are EAFNOSUPPORT.
 *
 * <p>{@code struct sockaddr_vm} (linux/vm_sockets.h), 16 bytes: family u16 @0, reserved u16 @2, port u32 @4,
 * cid u32 @8, flags u8 @12, zero[3] @13.
 */
public final class SocketCalls {
    public static final int SOCKADDR_VM_SIZE = 16;
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2, SO_TYPE = 3, SO_ERROR = 4, SO_SNDBUF = 7, SO_RCVBUF = 8,
            SO_KEEPALIVE = 9, SO_LINGER = 13, SO_REUSEPORT = 15, SO_PASSCRED = 16, SO_RCVTIMEO = 20,
            SO_SNDTIMEO = 21, SO_ACCEPTCONN = 30, SO_SNDBUFFORCE = 32, SO_RCVBUFFORCE = 33, SO_PROTOCOL = 38,
            SO_DOMAIN = 39;
    /** AF_VSOCK-level options (level 40): the connection buffer sizes and the connect timeout. */
    public static final int SO_VM_SOCKETS_BUFFER_SIZE = 0, SO_VM_SOCKETS_BUFFER_MIN_SIZE = 1,
            SO_VM_SOCKETS_BUFFER_MAX_SIZE = 2, SO_VM_SOCKETS_CONNECT_TIMEOUT = 6;
    private static final int VSOCK_MAX_BUFFER = 256 * 1024, VSOCK_MIN_BUFFER = 128;
    private static final int SOCK_FLAGS = FileTable.O_NONBLOCK | FileTable.O_CLOEXEC;

    private final GuestProcess process;
    private final FileTable files;
    private final IoCalls io;
    private volatile VsockDevice vsock;

    SocketCalls(GuestProcess process, FileTable files, IoCalls io) {
        this.process = process;
        this.files = files;
        this.io = io;
    }

    /** Plugs in the VM's vsock device; until then AF_VSOCK is EAFNOSUPPORT, as on a kernel without vsock. */
    public void attachVsock(VsockDevice device) {
        this.vsock = device;
    }

    public VsockDevice vsock() {
        return vsock;
    }

    private GuestMemory mem() {
        return process.memory();
    }

    public long socket(int domain, int type, int protocol) {
        int kind = type & IoCalls.SOCK_TYPE_MASK, flags = type & ~IoCalls.SOCK_TYPE_MASK;
        if ((flags & ~SOCK_FLAGS) != 0) return -Errno.EINVAL;
        // Named AF_UNIX sockets and the network families do not exist here; socketpair makes AF_UNIX pairs.
        if (domain != VsockSocket.AF_VSOCK) return -Errno.EAFNOSUPPORT;
        VsockDevice device = vsock;
        if (device == null) return -Errno.EAFNOSUPPORT;
        if (kind != UnixSocket.SOCK_STREAM) return kind == UnixSocket.SOCK_DGRAM || kind == UnixSocket.SOCK_SEQPACKET
                ? -Errno.ESOCKTNOSUPPORT : -Errno.EINVAL;
        if (protocol != 0) return -Errno.EPROTONOSUPPORT;
        return install(new VsockSocket(device, io.ioWait(), flags), flags);
    }

    /**
     * A vsock stream socket for Java code of the guest (a system service such as the binder RPC server), outside
     * the descriptor table; see {@link VsockSocket} for its use. EAFNOSUPPORT (as ErrnoException) without a device.
     */
    public VsockSocket newVsockSocket(int flags) {
        VsockDevice device = vsock;
        if (device == null) throw new ErrnoException(Errno.EAFNOSUPPORT);
        return new VsockSocket(device, io.ioWait(), flags);
    }

    private long install(GuestSocket s, int flags) {
        long fd = files.install(s, "socket:[" + System.identityHashCode(s) + "]", FileTable.O_RDWR | flags);
        if (fd < 0) s.close();
        return fd;
    }

    GuestSocket socket(int fd) {
        OpenFile f = files.get(fd);
        if (f == null) throw new ErrnoException(Errno.EBADF);
        if (!(f instanceof GuestSocket s)) throw new ErrnoException(Errno.ENOTSOCK);
        return s;
    }

    private VsockSocket vsockSocket(int fd, int otherwise) {
        if (!(socket(fd) instanceof VsockSocket v)) throw new ErrnoException(otherwise);
        return v;
    }

    /** The (cid, port) of a guest struct sockaddr_vm, checked as Linux's vsock_addr_cast does. */
    private VsockAddress readAddress(long address, long length) {
        // move_addr_to_kernel: nothing longer than a sockaddr_storage (128 bytes) is copied.
        if (length < 0 || length > 128) throw new ErrnoException(Errno.EINVAL);
        if (address == 0) throw new ErrnoException(Errno.EFAULT);
        if (length < SOCKADDR_VM_SIZE) throw new ErrnoException(Errno.EINVAL);
        if ((mem().readShort(address) & 0xffff) != VsockSocket.AF_VSOCK) throw new ErrnoException(Errno.EAFNOSUPPORT);
        if ((mem().readByte(address + 12) & ~1) != 0) throw new ErrnoException(Errno.EINVAL);
        return new VsockAddress(mem().readInt(address + 8), mem().readInt(address + 4));
    }

    /** Writes a sockaddr_vm to a (buffer, socklen_t*) pair, truncated to the buffer, the full size in *length. */
    private void writeAddress(long address, long length, VsockAddress a) {
        if (length == 0) throw new ErrnoException(Errno.EFAULT);
        int room = mem().readInt(length);
        if (room < 0) throw new ErrnoException(Errno.EINVAL);
        byte[] b = new byte[SOCKADDR_VM_SIZE];
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putShort(0, (short) VsockSocket.AF_VSOCK).putInt(4, a.port()).putInt(8, a.cid());
        int n = Math.min(room, SOCKADDR_VM_SIZE);
        if (n > 0) mem().write(address, b, 0, n);
        mem().writeInt(length, SOCKADDR_VM_SIZE);
    }

    public long bind(int fd, long address, long length) {
        return ErrnoException.resultOf(() -> {
            VsockSocket s = vsockSocket(fd, Errno.EOPNOTSUPP);
            VsockAddress a = readAddress(address, length);
            return s.bind(a.cid(), a.port());
        });
    }

    public long listen(int fd, int backlog) {
        return ErrnoException.resultOf(() -> vsockSocket(fd, Errno.EOPNOTSUPP).listen(backlog));
    }

    /** accept4: flags SOCK_NONBLOCK and SOCK_CLOEXEC for the new descriptor; the peer's address if asked for. */
    public long accept4(int fd, long address, long length, int flags) {
        return ErrnoException.resultOf(() -> {
            if ((flags & ~SOCK_FLAGS) != 0) return -Errno.EINVAL;
            VsockSocket s = vsockSocket(fd, Errno.EOPNOTSUPP);
            VsockSocket accepted = s.accept(flags);
            long newFd = install(accepted, flags);
            if (newFd >= 0 && address != 0) writeAddress(address, length, accepted.peerAddress());
            return newFd;
        });
    }

    public long connect(int fd, long address, long length) {
        return ErrnoException.resultOf(() -> {
            GuestSocket g = socket(fd);
            if (!(g instanceof VsockSocket s)) return -Errno.EISCONN;
            VsockAddress a = readAddress(address, length);
            return s.connect(a.cid(), a.port());
        });
    }

    public long getsockname(int fd, long address, long length) {
        return ErrnoException.resultOf(() -> {
            GuestSocket g = socket(fd);
            if (g instanceof VsockSocket s) {
                writeAddress(address, length, s.localAddress());
            } else {
                unnamedUnix(address, length);
            }
            return 0;
        });
    }

    public long getpeername(int fd, long address, long length) {
        return ErrnoException.resultOf(() -> {
            GuestSocket g = socket(fd);
            if (g instanceof VsockSocket s) {
                VsockAddress peer = s.peerAddress();
                if (peer == null) return -Errno.ENOTCONN;
                writeAddress(address, length, peer);
            } else {
                unnamedUnix(address, length);
            }
            return 0;
        });
    }

    /** A socket pair's ends are unnamed: just the family. */
    private void unnamedUnix(long address, long length) {
        if (length == 0) throw new ErrnoException(Errno.EFAULT);
        if (mem().readInt(length) >= 2) mem().writeShort(address, (short) IoCalls.AF_UNIX);
        mem().writeInt(length, 2);
    }

    public long setsockopt(int fd, int level, int name, long value, long length) {
        return ErrnoException.resultOf(() -> {
            GuestSocket s = socket(fd);
            if (level == SOL_SOCKET) return setSocketLevel(s.options(), name, value, length);
            if (level == VsockSocket.AF_VSOCK && s instanceof VsockSocket) return setVsockLevel(name, value, length);
            return -Errno.ENOPROTOOPT;
        });
    }

    private int intValue(long value, long length) {
        if (length < 4) throw new ErrnoException(Errno.EINVAL);
        if (value == 0) throw new ErrnoException(Errno.EFAULT);
        return mem().readInt(value);
    }

    /** struct timeval {long tv_sec; long tv_usec} as ns; EDOM for an out-of-range tv_usec, as Linux. */
    private long timevalNanos(long value, long length) {
        if (length < 16) throw new ErrnoException(Errno.EINVAL);
        long sec = mem().readLong(value), usec = mem().readLong(value + 8);
        if (usec < 0 || usec >= 1_000_000) throw new ErrnoException(Errno.EDOM);
        if (sec < 0) return 0;
        return sec > 1_000_000_000L ? 0 : sec * 1_000_000_000L + usec * 1000;
    }

    private long setSocketLevel(SocketOptions o, int name, long value, long length) {
        switch (name) {
            case SO_REUSEADDR -> o.reuseAddress = intValue(value, length) != 0;
            case SO_REUSEPORT -> o.reusePort = intValue(value, length) != 0;
            case SO_KEEPALIVE -> o.keepAlive = intValue(value, length) != 0;
            case SO_PASSCRED -> o.passCredentials = intValue(value, length) != 0;
            case SO_SNDBUF, SO_SNDBUFFORCE -> o.sendBuffer = bufferSize(intValue(value, length), 4608);
            case SO_RCVBUF, SO_RCVBUFFORCE -> o.receiveBuffer = bufferSize(intValue(value, length), 2304);
            case SO_RCVTIMEO -> o.receiveTimeoutNanos = timevalNanos(value, length);
            case SO_SNDTIMEO -> o.sendTimeoutNanos = timevalNanos(value, length);
            case SO_LINGER -> {
                if (length < 8) return -Errno.EINVAL;
                o.lingerOnOff = mem().readInt(value);
                o.lingerSeconds = mem().readInt(value + 4);
            }
            default -> {
                return -Errno.ENOPROTOOPT;
            }
        }
        return 0;
    }

    /** Linux doubles a requested buffer size (bookkeeping room) and keeps it above a floor; capped at rmem_max. */
    private static int bufferSize(int requested, int floor) {
        long doubled = Math.min(Math.max(requested, 0), SocketOptions.DEFAULT_BUFFER) * 2L;
        return (int) Math.max(doubled, floor);
    }

    private long setVsockLevel(int name, long value, long length) {
        switch (name) {
            case SO_VM_SOCKETS_BUFFER_SIZE, SO_VM_SOCKETS_BUFFER_MIN_SIZE, SO_VM_SOCKETS_BUFFER_MAX_SIZE -> {
                if (length < 8) return -Errno.EINVAL;
                return 0;
            }
            case SO_VM_SOCKETS_CONNECT_TIMEOUT -> {
                if (length < 16) return -Errno.EINVAL;
                return 0;
            }
            default -> {
                return -Errno.ENOPROTOOPT;
            }
        }
    }

    public long getsockopt(int fd, int level, int name, long value, long length) {
        return ErrnoException.resultOf(() -> {
            GuestSocket s = socket(fd);
            if (length == 0) return -Errno.EFAULT;
            int room = mem().readInt(length);
            if (room < 0) return -Errno.EINVAL;
            byte[] out;
            if (level == SOL_SOCKET) {
                out = socketLevel(s, name);
            } else if (level == VsockSocket.AF_VSOCK && s instanceof VsockSocket) {
                out = vsockLevel(name);
            } else {
                return -Errno.ENOPROTOOPT;
            }
            if (out == null) return -Errno.ENOPROTOOPT;
            int n = Math.min(room, out.length);
            if (n > 0) mem().write(value, out, 0, n);
            mem().writeInt(length, n);
            return 0;
        });
    }

    private static byte[] ints(int... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int v : values) b.putInt(v);
        return b.array();
    }

    private static byte[] longs(long... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : values) b.putLong(v);
        return b.array();
    }

    private static byte[] timeval(long nanos) {
        return longs(nanos / 1_000_000_000L, nanos % 1_000_000_000L / 1000);
    }

    private static byte[] socketLevel(GuestSocket s, int name) {
        SocketOptions o = s.options();
        return switch (name) {
            case SO_TYPE -> ints(s.type());
            case SO_DOMAIN -> ints(s.family());
            case SO_PROTOCOL -> ints(0);
            case SO_ERROR -> ints(s instanceof VsockSocket v ? v.takeError() : 0);
            case SO_ACCEPTCONN -> ints(s instanceof VsockSocket v && v.listening() ? 1 : 0);
            case SO_REUSEADDR -> ints(o.reuseAddress ? 1 : 0);
            case SO_REUSEPORT -> ints(o.reusePort ? 1 : 0);
            case SO_KEEPALIVE -> ints(o.keepAlive ? 1 : 0);
            case SO_PASSCRED -> ints(o.passCredentials ? 1 : 0);
            case SO_SNDBUF -> ints(o.sendBuffer);
            case SO_RCVBUF -> ints(o.receiveBuffer);
            case SO_LINGER -> ints(o.lingerOnOff, o.lingerSeconds);
            case SO_RCVTIMEO -> timeval(o.receiveTimeoutNanos);
            case SO_SNDTIMEO -> timeval(o.sendTimeoutNanos);
            default -> null;
        };
    }

    private static byte[] vsockLevel(int name) {
        return switch (name) {
            case SO_VM_SOCKETS_BUFFER_SIZE, SO_VM_SOCKETS_BUFFER_MAX_SIZE -> longs(VSOCK_MAX_BUFFER);
            case SO_VM_SOCKETS_BUFFER_MIN_SIZE -> longs(VSOCK_MIN_BUFFER);
            case SO_VM_SOCKETS_CONNECT_TIMEOUT -> timeval(2_000_000_000L);
            default -> null;
        };
    }
}
