package org.mdemu.guest.vfs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.ErrnoException;

/**
 * The VM's encrypted storage (the role of Microdroid's encryptedstore: an ext4 file system on dm-crypt over a
 * host-provided block device, mounted at {@code /mnt/encryptedstore}). Its contents live in the guest's VFS while
 * the VM runs, with a capacity of their own, and in one host image file encrypted with AES-256-GCM under a key
 * derived from the VM secret: the host sees a header, a nonce and ciphertext padded to whole 4 KiB blocks, never a
 * file name or byte of data.
 *
 * <p>The image is rewritten (temporary file, then an atomic rename) when the guest syncs a file of the store
 * (fsync, fdatasync, syncfs, sync) and when the payload ends normally, as microdroid_manager syncs the store after
 * the payload. A VM that is killed or crashes loses what was written since the last sync, as with a power cut on
 * a device; the image itself is always one complete earlier state. Hard links are stored as separate files.
 */
public final class EncryptedStore {
    public static final String MOUNT_POINT = "/mnt/encryptedstore";
    /** ext4's statfs magic: encryptedstore formats the store as ext4. */
    public static final long EXT4_MAGIC = 0xEF53L;
    private static final byte[] MAGIC = "mdemu-encryptedstore-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final int BLOCK = 4096;

    private final Path image;
    private final SecretKeySpec key;
    private final long capacity;
    private final SecureRandom random = new SecureRandom();
    private final List<GuestFileSystem.StoredNode> loaded;
    private GuestFileSystem fs;
    private Mount mount;

    private EncryptedStore(Path image, SecretKeySpec key, long capacity, List<GuestFileSystem.StoredNode> loaded) {
        this.image = image;
        this.key = key;
        this.capacity = capacity;
        this.loaded = loaded;
    }

    /**
     * Opens the store kept in image (empty if the file does not exist yet). Fails if the image cannot be decrypted
     * with this key (another VM identity, or a damaged file) or holds more than capacity bytes.
     */
    public static EncryptedStore open(Path image, byte[] key, long capacity) throws IOException {
        if (key.length != 32) throw new IllegalArgumentException("the store key must be 32 bytes, got " + key.length);
        SecretKeySpec spec = new SecretKeySpec(key, "AES");
        List<GuestFileSystem.StoredNode> nodes = List.of();
        if (Files.exists(image)) nodes = decode(image, decrypt(image, spec, Files.readAllBytes(image)), capacity);
        return new EncryptedStore(image, spec, capacity, nodes);
    }

    public long capacity() {
        return capacity;
    }

    /** Mounts the store at {@link #MOUNT_POINT} with what the image held. */
    public synchronized void mountInto(GuestFileSystem fileSystem) {
        fs = fileSystem;
        mount = fileSystem.mountWithCapacity(MOUNT_POINT, "ext4", EXT4_MAGIC, capacity, this::syncFromGuest);
        fileSystem.restore(mount, loaded);
    }

    private void syncFromGuest() {
        try {
            persist();
        } catch (IOException e) {
            throw new ErrnoException(Errno.EIO);
        }
    }

    /** Writes the mounted contents to the image. */
    public synchronized void persist() throws IOException {
        if (fs == null) return;
        byte[] plain = encode(fs.export(mount));
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] sealed;
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(MAGIC);
            sealed = gcm.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + NONCE + sealed.length);
        out.put(MAGIC).put(nonce).put(sealed);
        Path temporary = image.resolveSibling(image.getFileName() + ".tmp");
        Files.write(temporary, out.array());
        try {
            Files.move(temporary, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, image, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] decrypt(Path image, SecretKeySpec key, byte[] file) throws IOException {
        if (file.length < MAGIC.length + NONCE + TAG_BITS / 8
                || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw new IOException(image + ": not an mdemu encrypted storage image");
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, file, MAGIC.length, NONCE));
            gcm.updateAAD(MAGIC);
            return gcm.doFinal(file, MAGIC.length + NONCE, file.length - MAGIC.length - NONCE);
        } catch (AEADBadTagException e) {
            throw new IOException(image + ": cannot decrypt the encrypted storage: the VM's identity differs from"
                    + " the one that wrote it, or the image is damaged");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
    }

    /** The tree as records, zero-padded to whole blocks so the image size shows only how many blocks are used. */
    private static byte[] encode(List<GuestFileSystem.StoredNode> nodes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(nodes.size());
        for (GuestFileSystem.StoredNode n : nodes) {
            out.writeUTF(n.path());
            out.writeInt(n.type());
            out.writeInt(n.permissions());
            out.writeLong(n.atime());
            out.writeLong(n.mtime());
            out.writeLong(n.ctime());
            if (n.data() != null) {
                out.writeInt(n.data().length);
                out.write(n.data());
            } else {
                out.writeInt(-1);
            }
            out.writeUTF(n.target() == null ? "" : n.target());
        }
        out.flush();
        int size = bytes.size();
        return Arrays.copyOf(bytes.toByteArray(), (size + BLOCK - 1) / BLOCK * BLOCK);
    }

    private static List<GuestFileSystem.StoredNode> decode(Path image, byte[] plain, long capacity) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
        int count = in.readInt();
        List<GuestFileSystem.StoredNode> nodes = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            String path = in.readUTF();
            int type = in.readInt(), permissions = in.readInt();
            long atime = in.readLong(), mtime = in.readLong(), ctime = in.readLong();
            int length = in.readInt();
            byte[] data = length < 0 ? null : in.readNBytes(length);
            String target = in.readUTF();
            bytes += Math.max(0, length);
            nodes.add(new GuestFileSystem.StoredNode(path, type, permissions, atime, mtime, ctime, data,
                    type == GuestFileSystem.S_IFLNK ? target : null));
        }
        if (bytes > capacity) {
            throw new IOException(image + ": the encrypted storage holds " + bytes + " bytes, more than the configured "
                    + capacity);
        }
        return nodes;
    }
}
