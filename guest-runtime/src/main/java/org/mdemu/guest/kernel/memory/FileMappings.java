package org.mdemu.guest.kernel.memory;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.vfs.FileWindow;
import org.mdemu.guest.vfs.GuestFileSystem;

/**
 * The process's file mappings. A MAP_SHARED one is a {@link FileWindow} attached to its file, so the file's bytes and
 * the mapped memory agree at every system call: reads of the file see what the guest stored, writes to the file
 * show in the mapping, and unmapping leaves the stored bytes in the file. A MAP_PRIVATE one is a copy that
 * remembers its source, so MADV_DONTNEED can put the file's bytes back. Bytes past the end of the file are not kept.
 */
public final class FileMappings {
    private static final int PAGE = 4096;
    private final GuestMemory memory;
    private final List<Window> windows = new ArrayList<>();
    private final List<Window> privateCopies = new ArrayList<>();

    /** @param memory the process's memory; file contents move as the kernel moves them, whatever the protection */
    public FileMappings(GuestMemory memory) {
        this.memory = memory.privileged();
    }

    private final class Window implements FileWindow {
        final long address;
        final long length;
        final long offset;
        final GuestFileSystem.RegularFile file;

        Window(long address, long length, long offset, GuestFileSystem.RegularFile file) {
            this.address = address;
            this.length = length;
            this.offset = offset;
            this.file = file;
        }

        boolean contains(long at) {
            return at >= address && at < address + length;
        }

        boolean overlaps(long start, long end) {
            return address < end && address + length > start;
        }

        @Override
        public void copyFromMemory(byte[] data, int fileLength) {
            long n = Math.min(length, fileLength - offset);
            if (n > 0) memory.read(address, data, (int) offset, (int) n);
        }

        @Override
        public void copyToMemory(byte[] data, int fileLength, long from, long to) {
            long start = Math.max(from, offset), end = Math.min(Math.min(to, offset + length), fileLength);
            if (end > start) memory.write(address + start - offset, data, (int) start, (int) (end - start));
        }
    }

    /** A shared mapping: fills freshly mapped memory from the file and keeps the two in step from now on. */
    public synchronized void mapShared(long address, long length, GuestFileSystem.RegularFile file, long offset) {
        Window w = new Window(address, length, offset, file);
        synchronized (file) {
            file.copyTo(w, 0, Long.MAX_VALUE);
            file.attach(w);
        }
        windows.add(w);
    }

    /**
     * After fork copied the parent's windows into this (the child's) table: each shared one joins its file, so the
     * file, the parent's mapping and the child's agree at every system call, as a MAP_SHARED mapping is shared.
     */
    public synchronized void attachSharedWindows() {
        for (Window w : windows) w.file.attach(w);
    }

    /** A private mapping: a copy of the file's bytes now, the rest of the range zero. */
    public synchronized void mapPrivate(long address, long length, GuestFileSystem.RegularFile file, long offset) {
        Window w = new Window(address, length, offset, file);
        file.copyTo(w, 0, Long.MAX_VALUE);
        privateCopies.add(w);
    }

    /** The range is going away (munmap, or a new mapping over it): shared stores are kept, the rest stays mapped. */
    public synchronized void unmap(long address, long length) {
        long end = address + length;
        for (Window w : new ArrayList<>(windows)) {
            if (!w.overlaps(address, end)) continue;
            synchronized (w.file) {
                w.file.sync();
                w.file.detach(w);
            }
            windows.remove(w);
            for (Window rest : outside(w, address, end)) {
                rest.file.attach(rest);
                windows.add(rest);
            }
        }
        for (Window w : new ArrayList<>(privateCopies)) {
            if (!w.overlaps(address, end)) continue;
            privateCopies.remove(w);
            privateCopies.addAll(outside(w, address, end));
        }
    }

    /** The parts of a window before and after [start, end). */
    private List<Window> outside(Window w, long start, long end) {
        List<Window> parts = new ArrayList<>();
        if (w.address < start) parts.add(new Window(w.address, start - w.address, w.offset, w.file));
        if (w.address + w.length > end) {
            parts.add(new Window(end, w.address + w.length - end, w.offset + (end - w.address), w.file));
        }
        return parts;
    }

    /** mremap moved or resized a mapping that started at oldAddress: its file view follows, grown parts filled. */
    public synchronized void remapped(long oldAddress, long newAddress, long newLength) {
        for (Window w : new ArrayList<>(windows)) {
            if (w.address != oldAddress) continue;
            synchronized (w.file) {
                w.file.sync();
                w.file.detach(w);
            }
            windows.remove(w);
            mapShared(newAddress, newLength, w.file, w.offset);
        }
        for (Window w : new ArrayList<>(privateCopies)) {
            if (w.address != oldAddress) continue;
            privateCopies.remove(w);
            privateCopies.add(new Window(newAddress, Math.min(w.length, newLength), w.offset, w.file));
        }
    }

    /**
     * MADV_DONTNEED: private pages go back to their source (the file's bytes, or zeros for anonymous memory); shared
     * pages already are the file's bytes.
     */
    public synchronized void discard(long address, long length) {
        byte[] zeros = new byte[PAGE];
        for (long page = address; page < address + length; page += PAGE) {
            long at = page;
            if (windows.stream().anyMatch(w -> w.contains(at))) continue;
            memory.write(page, zeros);
            for (Window w : privateCopies) {
                if (w.contains(page)) w.file.copyTo(w, w.offset + (page - w.address), w.offset + (page - w.address) + PAGE);
            }
        }
    }

    public synchronized boolean covers(long address) {
        return windows.stream().anyMatch(w -> w.contains(address)) || privateCopies.stream().anyMatch(w -> w.contains(address));
    }
}
