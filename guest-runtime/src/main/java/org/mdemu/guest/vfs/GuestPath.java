package org.mdemu.guest.vfs;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Guest path normalisation. "." and ".." are resolved lexically and ".." never rises above "/", so no path can
 * name anything outside the guest's own tree: there is no host filesystem behind it at all.
 */
public final class GuestPath {
    public static final int PATH_MAX = 4096;

    private GuestPath() {}

    /** The absolute normalised form of path, relative paths taken from cwd. */
    public static String normalize(String cwd, String path) {
        String full = path.startsWith("/") ? path : cwd + "/" + path;
        Deque<String> parts = new ArrayDeque<>();
        for (String part : full.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (!parts.isEmpty()) parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    public static String parent(String normalized) {
        int slash = normalized.lastIndexOf('/');
        return slash <= 0 ? "/" : normalized.substring(0, slash);
    }
}
