package org.mdemu.emulator.cpu;

import com.github.unidbg.arm.backend.unicorn.Unicorn;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads Unicorn 2's JNI library from the unidbg-unicorn2 jar. Its resource path ({@code natives/<os>/libunicorn.so})
 * is the same as Unicorn 1's, so a class-path lookup could find the wrong one: the file is read from the jar that
 * holds the binding class, copied under a name of its own and loaded by path.
 *
 * <p>The copy is a cache, not a temporary file: its name carries a digest of the library's bytes, in a directory of
 * the user's under the temporary directory, so every JVM loads the same file and one that crashes or is killed leaves
 * nothing new behind (a deleteOnExit copy per JVM stayed after every crash).
 */
final class Unicorn2Natives {
    private static boolean loaded;

    private Unicorn2Natives() {}

    static synchronized void load() {
        if (loaded) return;
        String entry = "natives/" + platform() + "/" + System.mapLibraryName("unicorn");
        URL source = Unicorn.class.getProtectionDomain().getCodeSource().getLocation();
        try {
            URL library = source.getPath().endsWith("/") ? new URL(source, entry) : new URL("jar:" + source + "!/" + entry);
            byte[] bytes;
            try (InputStream in = library.openStream()) {
                bytes = in.readAllBytes();
            }
            String name = library.getPath();
            Path copy = cached(bytes, name.substring(name.lastIndexOf('.')));
            System.load(copy.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot load Unicorn 2: no " + entry + " in " + source + " (" + e.getMessage() + ")", e);
        }
        loaded = true;
    }

    /** The library's copy in the per-user cache, written once (atomically, so racing JVMs never see half a file). */
    private static Path cached(byte[] bytes, String suffix) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "mdemu-natives-" + System.getProperty("user.name"));
        Files.createDirectories(dir);
        Path copy = dir.resolve("unicorn2-" + digest(bytes) + suffix);
        if (Files.isRegularFile(copy) && Files.size(copy) == bytes.length) return copy;
        Path partial = Files.createTempFile(dir, "unicorn2-", ".partial");
        try {
            Files.write(partial, bytes);
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return copy;
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            return java.util.HexFormat.of().formatHex(d, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch").toLowerCase();
        String osPart = os.contains("mac") ? "osx" : os.contains("win") ? "windows" : "linux";
        String archPart = arch.equals("aarch64") || arch.equals("arm64") ? "_arm64" : "_64";
        return osPart + archPart;
    }
}
