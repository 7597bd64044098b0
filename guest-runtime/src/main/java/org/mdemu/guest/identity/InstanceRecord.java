package org.mdemu.guest.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * The instance record: instance.img's role. Written at an instance's first boot with a random 64-byte instance
 * id and the payload identity microdroid_manager verified (package, version code, SHA-256 of the signer's
 * certificate); later boots compare the APK against it. It also keeps the instance's sealed state (the
 * rollback-protected secret, encrypted under a key only the VM can derive). Every change replaces the file
 * atomically (temporary file, then rename), so a killed JVM leaves either the old or the new record.
 */
public final class InstanceRecord {
    public static final String FILE = "instance.img.properties";
    static final int INSTANCE_ID_SIZE = 64;

    private final Path file;
    private final Properties values;
    private final boolean created;

    private InstanceRecord(Path file, Properties values, boolean created) {
        this.file = file;
        this.values = values;
        this.created = created;
    }

    /** What the instance first booted with, or what a boot presents. */
    public record Payload(String packageName, long versionCode, String signerDigest) {}

    /** The record in an instance directory, or null if the instance has never booted. */
    public static InstanceRecord read(Path instanceDirectory) throws IOException {
        Path file = instanceDirectory.resolve(FILE);
        if (!Files.exists(file)) return null;
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        for (String key : List.of("instanceId", "packageName", "versionCode", "signerDigest")) {
            if (p.getProperty(key) == null) throw new IOException(file + ": corrupt instance record (no " + key + ")");
        }
        InstanceRecord record = new InstanceRecord(file, p, false);
        if (record.instanceId().length != INSTANCE_ID_SIZE) {
            throw new IOException(file + ": corrupt instance record (instance id is not " + INSTANCE_ID_SIZE + " bytes)");
        }
        return record;
    }

    /** A first boot: a fresh instance id from the given randomness, and the payload it admits. */
    public static InstanceRecord create(Path instanceDirectory, Payload payload, Random random) throws IOException {
        byte[] id = new byte[INSTANCE_ID_SIZE];
        (random == null ? new SecureRandom() : random).nextBytes(id);
        Properties p = new Properties();
        p.setProperty("instanceId", HexFormat.of().formatHex(id));
        InstanceRecord record = new InstanceRecord(instanceDirectory.resolve(FILE), p, true);
        record.setPayload(payload);
        record.save();
        return record;
    }

    /** True only for the boot that created the record. */
    public boolean newInstance() {
        return created;
    }

    public byte[] instanceId() {
        return HexFormat.of().parseHex(values.getProperty("instanceId"));
    }

    public synchronized Payload payload() {
        return new Payload(values.getProperty("packageName"), Long.parseLong(values.getProperty("versionCode")),
                values.getProperty("signerDigest"));
    }

    /**
     * Raises the recorded version (an accepted upgrade): from then on the older version counts as a rollback.
     */
    public synchronized void recordUpgrade(long versionCode) throws IOException {
        values.setProperty("versionCode", Long.toString(versionCode));
        save();
    }

    private void setPayload(Payload payload) {
        values.setProperty("packageName", payload.packageName());
        values.setProperty("versionCode", Long.toString(payload.versionCode()));
        values.setProperty("signerDigest", payload.signerDigest());
    }

    /** A sealed value by name (hex of nonce and ciphertext), or null. */
    public synchronized byte[] sealed(String name) {
        String hex = values.getProperty("sealed." + name);
        return hex == null ? null : HexFormat.of().parseHex(hex);
    }

    /** Stores a sealed value and writes the record through before returning. */
    public synchronized void putSealed(String name, byte[] sealed) throws IOException {
        values.setProperty("sealed." + name, HexFormat.of().formatHex(sealed));
        save();
    }

    private void save() throws IOException {
        Path temporary = file.resolveSibling(FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            values.store(out, "mdemu instance record (instance.img): do not edit");
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
