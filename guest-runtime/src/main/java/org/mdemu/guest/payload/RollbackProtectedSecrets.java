package org.mdemu.guest.payload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.identity.InstanceRecord;
import org.mdemu.guest.identity.VmSecret;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * The rollback-protected secret of API 36 (AVmPayload_write/readRollbackProtectedSecret): 32 bytes per instance
 * that a device keeps in Secretkeeper. mdemu keeps them in the instance record, sealed with AES-256-GCM under a
 * key derived from the VM secret, so the host file holds no plaintext; each write reaches the record before the
 * call returns. Deleting the instance deletes the secret, as deleting a VM removes its Secretkeeper entry.
 */
public final class RollbackProtectedSecrets implements LibrarySection {
    static final int ACCESS_OK = 0;
    static final int ENTRY_NOT_FOUND = -1;
    static final int ACCESS_FAILED = -2;
    static final int SECRET_SIZE = 32;
    private static final String ENTRY = "rollbackProtectedSecret";
    private static final byte[] KEY_IDENTIFIER = "mdemu rollback-protected secret sealing key".getBytes(StandardCharsets.UTF_8);
    private static final int NONCE = 12;

    private final GuestProcess process;
    private final InstanceRecord record;
    private final VmSecret secret;

    public RollbackProtectedSecrets(GuestProcess process, InstanceRecord record, VmSecret secret) {
        this.process = process;
        this.record = record;
        this.secret = secret;
    }

    @Override
    public void declare(LibraryTable t) {
        String note = "sealed in the instance record (Secretkeeper's role); a size other than 32 is ACCESS_FAILED";
        t.function("AVmPayload_writeRollbackProtectedSecret", Support.full(note), this::write);
        t.function("AVmPayload_readRollbackProtectedSecret", Support.full(note), this::read);
    }

    private void write(CallFrame f) {
        long data = f.ptr(0), size = f.i64(1);
        if (size != SECRET_SIZE || data == 0) {
            f.ret(ACCESS_FAILED);
            return;
        }
        byte[] nonce = new byte[NONCE];
        new SecureRandom().nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce).doFinal(process.memory().read(data, SECRET_SIZE));
            byte[] stored = Arrays.copyOf(nonce, NONCE + sealed.length);
            System.arraycopy(sealed, 0, stored, NONCE, sealed.length);
            record.putSealed(ENTRY, stored);
            f.ret(ACCESS_OK);
        } catch (GeneralSecurityException | IOException e) {
            f.ret(ACCESS_FAILED);
        }
    }

    private void read(CallFrame f) {
        long out = f.ptr(0), size = f.i64(1);
        if (size != SECRET_SIZE || out == 0) {
            f.ret(ACCESS_FAILED);
            return;
        }
        byte[] stored = record.sealed(ENTRY);
        if (stored == null) {
            f.ret(ENTRY_NOT_FOUND);
            return;
        }
        try {
            byte[] plain = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(stored, NONCE))
                    .doFinal(stored, NONCE, stored.length - NONCE);
            process.memory().write(out, plain);
            f.ret(ACCESS_OK);
        } catch (GeneralSecurityException e) {
            f.ret(ACCESS_FAILED);
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, new SecretKeySpec(secret.derive(KEY_IDENTIFIER, 32), "AES"), new GCMParameterSpec(128, nonce));
        return gcm;
    }
}
