package org.mdemu.loader.apk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An APK opened as the zip it is. Entry names that could escape a directory ({@code ..} segments, absolute paths,
 * backslashes) are reported as unsafe and never handed out as contents.
 */
public final class Apk implements AutoCloseable {
    public static final String ARM64_LIB_DIR = "lib/arm64-v8a/";
    private static final long MAX_ENTRY = 512L << 20;

    private final Path path;
    private final ZipFile zip;
    private final List<String> entries = new ArrayList<>();
    private final List<String> unsafeEntries = new ArrayList<>();

    private Apk(Path path, ZipFile zip) {
        this.path = path;
        this.zip = zip;
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            if (e.isDirectory()) continue;
            if (isSafe(e.getName())) entries.add(e.getName());
            else unsafeEntries.add(e.getName());
        }
    }

    public static Apk open(Path path) throws ApkException {
        if (!Files.isRegularFile(path)) throw new ApkException(path + ": no such file");
        try {
            return new Apk(path, new ZipFile(path.toFile()));
        } catch (ZipException e) {
            throw new ApkException(path + ": not an APK (not a zip archive: " + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ApkException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    static boolean isSafe(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0) return false;
        for (String part : name.split("/")) if (part.equals("..")) return false;
        return true;
    }

    public Path path() {
        return path;
    }

    /** Names of the file entries, in zip order. */
    public List<String> entries() {
        return List.copyOf(entries);
    }

    public List<String> unsafeEntries() {
        return List.copyOf(unsafeEntries);
    }

    public boolean contains(String name) {
        return entries.contains(name);
    }

    /** ABIs with native libraries, e.g. [arm64-v8a, x86_64]. */
    public List<String> abis() {
        TreeSet<String> abis = new TreeSet<>();
        for (String e : entries) {
            if (e.startsWith("lib/") && e.indexOf('/', 4) > 4) abis.add(e.substring(4, e.indexOf('/', 4)));
        }
        return new ArrayList<>(abis);
    }

    /** File names of the libraries in lib/arm64-v8a. */
    public List<String> arm64Libraries() {
        List<String> libs = new ArrayList<>();
        for (String e : entries) {
            if (e.startsWith(ARM64_LIB_DIR) && e.indexOf('/', ARM64_LIB_DIR.length()) < 0) {
                libs.add(e.substring(ARM64_LIB_DIR.length()));
            }
        }
        return libs;
    }

    public long size(String name) {
        ZipEntry e = zip.getEntry(name);
        return e == null ? -1 : e.getSize();
    }

    public byte[] read(String name) throws ApkException {
        ZipEntry e = zip.getEntry(name);
        if (e == null || !entries.contains(name)) throw new ApkException(path + ": no entry " + name);
        if (e.getSize() > MAX_ENTRY) throw new ApkException(path + ": entry " + name + " is too large");
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new ApkException(path + ": cannot read entry " + name + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
