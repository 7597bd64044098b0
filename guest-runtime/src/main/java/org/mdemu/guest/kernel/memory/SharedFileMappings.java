package org.mdemu.guest.kernel.memory;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.vfs.FileWindow;
import org.mdemu.guest.vfs.GuestFileSystem;

/**
 * The process's MAP_SHARED file mappings. Each is a {@link FileWindow} attached to its file, so the file's bytes and
 * the mapped memory agree at every system call: reads of the file see what the guest stored, writes to the file
 * show in the mapping. Unmapping leaves the stored bytes in the file. Bytes past the end of the file are not kept.
 */
public final class SharedFileMappings {
    private final GuestMemory memory;
    private final List<Window> windows = new ArrayList<>();

    public SharedFileMappings(GuestMemory memory) {
        this.memory = memory;
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

        @Override
        public void copyFromMemory(byte[] data) {
            long n = Math.min(length, data.length - offset);
            if (n > 0) memory.read(address, data, (int) offset, (int) n);
        }

        @Override
        public void copyToMemory(byte[] data, long from, long to) {
            long start = Math.max(from, offset), end = Math.min(Math.min(to, offset + length), data.length);
            if (end > start) memory.write(address + start - offset, data, (int) start, (int) (end - start));
        }
    }

    /** Fills freshly mapped memory from the file and keeps the two in step from now on. */
    public synchronized void map(long address, long length, GuestFileSystem.RegularFile file, long offset) {
        Window w = new Window(address, length, offset, file);
        synchronized (file) {
            byte[] data = file.data();
            w.copyToMemory(data, 0, data.length);
            file.attach(w);
        }
        windows.add(w);
    }

    /** The range is going away (munmap, or a fixed mapping over it): stores what it holds, keeps the rest mapped. */
    public synchronized void unmap(long address, long length) {
        long end = address + length;
        for (Window w : new ArrayList<>(windows)) {
            if (w.address >= end || w.address + w.length <= address) continue;
            synchronized (w.file) {
                w.file.data();
                w.file.detach(w);
            }
            windows.remove(w);
            if (w.address < address) attach(new Window(w.address, address - w.address, w.offset, w.file));
            if (w.address + w.length > end) {
                attach(new Window(end, w.address + w.length - end, w.offset + (end - w.address), w.file));
            }
        }
    }

    private void attach(Window w) {
        w.file.attach(w);
        windows.add(w);
    }

    /** mremap moved or resized a mapping that started at oldAddress: its window follows, grown parts filled. */
    public synchronized void remapped(long oldAddress, long newAddress, long newLength) {
        for (Window w : new ArrayList<>(windows)) {
            if (w.address != oldAddress) continue;
            synchronized (w.file) {
                w.file.data();
                w.file.detach(w);
            }
            windows.remove(w);
            map(newAddress, newLength, w.file, w.offset);
        }
    }

    public synchronized boolean covers(long address) {
        for (Window w : windows) if (address >= w.address && address < w.address + w.length) return true;
        return false;
    }
}
