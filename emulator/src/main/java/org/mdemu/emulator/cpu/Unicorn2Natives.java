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
            String name = library.getPath();
            Path copy = Files.createTempFile("mdemu-unicorn2-", name.substring(name.lastIndexOf('.')));
            copy.toFile().deleteOnExit();
            try (InputStream in = library.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            System.load(copy.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot load Unicorn 2: no " + entry + " in " + source + " (" + e.getMessage() + ")", e);
        }
        loaded = true;
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch").toLowerCase();
        String osPart = os.contains("mac") ? "osx" : os.contains("win") ? "windows" : "linux";
        String archPart = arch.equals("aarch64") || arch.equals("arm64") ? "_arm64" : "_64";
        return osPart + archPart;
    }
}
