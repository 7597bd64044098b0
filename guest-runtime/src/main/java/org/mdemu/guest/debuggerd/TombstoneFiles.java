package org.mdemu.guest.debuggerd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * tombstoned's /data/tombstones on the host: tombstone_00 to tombstone_31 in a directory of the VM's instance. A new
 * tombstone takes the first free name, and once all 32 exist it replaces the oldest (by modification time; the
 * lowest number among equals), as tombstoned rotates them.
 */
public final class TombstoneFiles {
    public static final int MAX_TOMBSTONES = 32;

    private final Path directory;

    public TombstoneFiles(Path directory) {
        this.directory = directory;
    }

    /** Writes the tombstone; returns its file. */
    public synchronized Path write(String text) throws IOException {
        Files.createDirectories(directory);
        Path target = null;
        FileTime oldest = null;
        for (int i = 0; i < MAX_TOMBSTONES; i++) {
            Path candidate = directory.resolve(name(i));
            if (!Files.exists(candidate)) {
                target = candidate;
                break;
            }
            FileTime time = Files.getLastModifiedTime(candidate);
            if (oldest == null || time.compareTo(oldest) < 0) {
                oldest = time;
                target = candidate;
            }
        }
        Path partial = directory.resolve(".tombstone.partial");
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        // Strictly newer than every other tombstone, so that the rotation stays exact within one clock tick.
        Files.setLastModifiedTime(target, FileTime.fromMillis(Math.max(System.currentTimeMillis(),
                newest() == null ? 0 : newest().toMillis() + 1)));
        return target;
    }

    private FileTime newest() throws IOException {
        FileTime newest = null;
        for (int i = 0; i < MAX_TOMBSTONES; i++) {
            Path p = directory.resolve(name(i));
            if (!Files.exists(p)) continue;
            FileTime t = Files.getLastModifiedTime(p);
            if (newest == null || t.compareTo(newest) > 0) newest = t;
        }
        return newest;
    }

    static String name(int index) {
        return String.format("tombstone_%02d", index);
    }
}
