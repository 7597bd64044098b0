package org.mdemu.guest.bionic;

import java.util.ArrayDeque;
import java.util.Deque;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.FileIo;
import org.mdemu.guest.kernel.GuestHeap;
import org.mdemu.guest.machine.GuestMemory;

/**
 * One guest {@code FILE}: where its bytes come from and go to (a descriptor, or guest memory for fmemopen and
 * open_memstream), the bytes ungetc pushed back, and the end-of-file and error indicators. Unbuffered: every write
 * reaches the backing at once, which keeps output ordered with raw write(2) calls.
 */
final class StdioStream implements ScanfParser.Input {
    static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;

    /** Results are a count or position, or {@code -errno}, as the syscalls return them. */
    interface Backing {
        long read(byte[] b, int off, int len);

        long write(byte[] b, int off, int len);

        long seek(long offset, int whence);

        long close();

        default int fd() {
            return -1;
        }

        /** Whether reaching the backing calls guest code (funopen's functions), which cannot run inside a trap. */
        default boolean callsGuest() {
            return false;
        }
    }

    private Backing backing;
    private int accessMode;
    private boolean lastWasWrite;
    private final Deque<Integer> pushback = new ArrayDeque<>();
    private boolean eof;
    private boolean error;
    private int lastErrno;

    /** @param openFlags the open(2) flags the stream was opened with (only O_ACCMODE matters) */
    StdioStream(Backing backing, int openFlags) {
        this.backing = backing;
        this.accessMode = openFlags & 3;
    }

    boolean readable() {
        return accessMode != 1;
    }

    boolean writable() {
        return accessMode != 0;
    }

    /** __freading: read-only, or the last operation was a read. */
    boolean reading() {
        return accessMode == 0 || (readable() && !lastWasWrite);
    }

    /** __fwriting: write-only, or the last operation was a write. */
    boolean writing() {
        return accessMode == 1 || (writable() && lastWasWrite);
    }

    /** __fpurge: drops what was pushed back (there is no buffer to discard). */
    void purge() {
        pushback.clear();
    }

    int fd() {
        return backing.fd();
    }

    boolean eof() {
        return eof;
    }

    boolean error() {
        return error;
    }

    /** The errno of the last failed operation (0 if none), for the caller to report. */
    int lastErrno() {
        return lastErrno;
    }

    boolean callsGuest() {
        return backing.callsGuest();
    }

    /** __fseterr: sets the error indicator. */
    void markError() {
        error = true;
    }

    /** __freadahead: bytes read ahead and not yet consumed (only pushed-back ones: the streams do not buffer). */
    int pushedBack() {
        return pushback.size();
    }

    void clearErrors() {
        eof = false;
        error = false;
    }

    /** freopen: the same FILE now reads and writes a new backing. */
    void replace(Backing next, int openFlags) {
        backing = next;
        accessMode = openFlags & 3;
        pushback.clear();
        clearErrors();
    }

    @Override
    public int read() {
        lastWasWrite = false;
        if (!pushback.isEmpty()) return pushback.pop();
        if (!readable()) {
            fail(-Errno.EBADF);
            return -1;
        }
        byte[] one = new byte[1];
        long n = backing.read(one, 0, 1);
        if (n == 1) return one[0] & 0xff;
        fail(n);
        return -1;
    }

    /** ungetc and scanf's pushback; clears end-of-file as ungetc does. */
    @Override
    public void unread(int c) {
        if (c < 0) return;
        pushback.push(c & 0xff);
        eof = false;
    }

    /** Reads up to len bytes, stopping early only at end of file or an error. */
    int read(byte[] b, int off, int len) {
        lastWasWrite = false;
        int done = 0;
        while (done < len && !pushback.isEmpty()) b[off + done++] = (byte) (int) pushback.pop();
        if (done < len && !readable()) {
            fail(-Errno.EBADF);
            return done;
        }
        while (done < len) {
            long n = backing.read(b, off + done, len - done);
            if (n <= 0) {
                fail(n);
                break;
            }
            done += (int) n;
        }
        return done;
    }

    /** Writes all bytes; returns how many reached the backing (fewer only on an error, which sets the indicator). */
    long write(byte[] b, int off, int len) {
        lastWasWrite = true;
        pushback.clear();
        if (!writable()) {
            fail(-Errno.EBADF);
            return 0;
        }
        int done = 0;
        while (done < len) {
            long n = backing.write(b, off + done, len - done);
            if (n <= 0) {
                fail(n == 0 ? -Errno.ENOSPC : n);
                break;
            }
            done += (int) n;
        }
        return done;
    }

    /** fseek: 0 or -errno; drops pushback and clears end-of-file. SEEK_CUR counts pushed-back bytes as unread. */
    long seek(long offset, int whence) {
        if (whence == SEEK_CUR) offset -= pushback.size();
        long r = backing.seek(offset, whence);
        if (Errno.isError(r)) return r;
        pushback.clear();
        eof = false;
        return 0;
    }

    /** ftell: the position or -errno. */
    long tell() {
        long r = backing.seek(0, SEEK_CUR);
        return Errno.isError(r) ? r : Math.max(0, r - pushback.size());
    }

    long close() {
        return backing.close();
    }

    private void fail(long result) {
        if (result == 0) {
            eof = true;
        } else {
            error = true;
            lastErrno = (int) -result;
        }
    }

    /** A stream on a file descriptor. */
    static Backing descriptor(FileIo files, int fd) {
        return new Backing() {
            @Override public long read(byte[] b, int off, int len) { return files.read(fd, b, off, len); }
            @Override public long write(byte[] b, int off, int len) { return files.write(fd, b, off, len); }
            @Override public long seek(long offset, int whence) { return files.lseek(fd, offset, whence); }
            @Override public long close() { return files.close(fd); }
            @Override public int fd() { return fd; }
        };
    }

    /** fmemopen's stream over a fixed guest buffer, with bionic's size, NUL and append rules. */
    static final class FixedMemory implements Backing {
        private final GuestMemory memory;
        private final GuestHeap heap;
        private final long buffer;
        private final long allocation;
        private final long capacity;
        private final boolean append;
        private long size;
        private long offset;

        FixedMemory(GuestMemory memory, GuestHeap heap, long buffer, long allocation, long capacity, char mode) {
            this.memory = memory;
            this.heap = heap;
            this.buffer = buffer;
            this.allocation = allocation;
            this.capacity = capacity;
            this.append = mode == 'a';
            if (mode == 'a') {
                size = memory.strlen(buffer, (int) Math.min(capacity, Integer.MAX_VALUE));
                offset = size;
            } else if (mode == 'r') {
                size = capacity;
            } else if (capacity > 0) {
                memory.writeByte(buffer, 0);
            }
        }

        @Override
        public long read(byte[] b, int off, int len) {
            int n = (int) Math.max(0, Math.min(len, size - offset));
            if (n > 0) {
                memory.read(buffer + offset, b, off, n);
                offset += n;
            }
            return n;
        }

        @Override
        public long write(byte[] b, int off, int len) {
            int spaceForNul = len > 0 && b[off + len - 1] != 0 ? 1 : 0;
            if (append) offset = size;
            int n = len;
            if (n + spaceForNul > capacity - offset) {
                n = (int) (capacity - offset - spaceForNul);
                if (n <= 0) return -Errno.ENOSPC;
            }
            memory.write(buffer + offset, b, off, n);
            offset += n;
            if (offset >= size) {
                if (b[off + n - 1] != 0) memory.writeByte(buffer + offset, 0);
                size = offset;
            }
            return n;
        }

        @Override
        public long seek(long to, int whence) {
            if (whence == SEEK_SET && to >= 0 && to <= capacity) return offset = to;
            if (whence == SEEK_CUR && offset + to >= 0 && offset + to <= capacity) return offset += to;
            if (whence == SEEK_END && to <= 0 && -to <= size) return offset = size + to;
            return -Errno.EINVAL;
        }

        @Override
        public long close() {
            if (allocation != 0) heap.free(allocation);
            return 0;
        }
    }

    /**
     * open_memstream's stream: a heap buffer that grows on write, always NUL-terminated, whose address and length
     * the guest sees through the char** and size_t* it passed (kept current after every write and seek).
     */
    static final class GrowingMemory implements Backing {
        private final GuestMemory memory;
        private final GuestHeap heap;
        private final long bufferOut;
        private final long sizeOut;
        private long buffer;
        private long capacity;
        private long length;
        private long offset;

        GrowingMemory(GuestMemory memory, GuestHeap heap, long bufferOut, long sizeOut) {
            this.memory = memory;
            this.heap = heap;
            this.bufferOut = bufferOut;
            this.sizeOut = sizeOut;
        }

        /** Allocates the initial buffer; false when the heap is exhausted. */
        boolean open() {
            capacity = 128;
            buffer = heap.calloc(1, capacity);
            publish();
            return buffer != 0;
        }

        @Override
        public long read(byte[] b, int off, int len) {
            return -Errno.EBADF;
        }

        @Override
        public long write(byte[] b, int off, int len) {
            long end = offset + len;
            if (end + 1 > capacity) {
                long grown = Math.max(end + 1, capacity * 2);
                long p = heap.realloc(buffer, grown);
                if (p == 0) return -Errno.ENOMEM;
                memory.write(p + capacity, new byte[(int) (grown - capacity)]);
                buffer = p;
                capacity = grown;
            }
            memory.write(buffer + offset, b, off, len);
            offset = end;
            length = Math.max(length, end);
            publish();
            return len;
        }

        @Override
        public long seek(long to, int whence) {
            long base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? offset : length;
            if (base + to < 0) return -Errno.EINVAL;
            offset = base + to;
            publish();
            return offset;
        }

        @Override
        public long close() {
            publish();
            return 0;
        }

        private void publish() {
            memory.writeLong(bufferOut, buffer);
            memory.writeLong(sizeOut, Math.min(offset, length));
        }
    }
}
