package org.mdemu.guest.payload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.attestation.AttestationAuthority;
import org.mdemu.guest.attestation.AttestedKey;
import org.mdemu.guest.attestation.VmComponent;
import org.mdemu.guest.dice.MicrodroidDice;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * VM remote attestation (vm_payload.h, API 35): the attestation request and the AVmAttestationResult accessors.
 * A result lives in one guest heap block (the private key and the certificates, DER) that
 * {@code AVmAttestationResult_free} releases; the key's signing half is kept beside it on the host.
 */
public final class AttestationFunctions implements LibrarySection {
    static final int ATTESTATION_OK = 0;
    static final int ATTESTATION_ERROR_INVALID_CHALLENGE = -10001;
    static final int ATTESTATION_ERROR_ATTESTATION_FAILED = -10002;
    static final int ATTESTATION_ERROR_UNSUPPORTED = -10003;
    static final int MAX_CHALLENGE_SIZE = 64;
    private static final int SIGABRT = 6;
    private static final int ANDROID_LOG_ERROR = 6;

    private final GuestProcess process;
    private final PayloadDice dice;
    private final GuestStrings strings;
    /** Live results by their guest address. */
    private final Map<Long, Result> results = new HashMap<>();
    /** Keys, serial numbers and signature nonces: the VM's random source (seeded in deterministic mode). */
    private final java.security.SecureRandom random;

    /** Where a result's parts are in its guest block. */
    private record Result(AttestedKey key, long keyAddress, int keySize, long[] certAddresses, int[] certSizes) {}

    public AttestationFunctions(GuestProcess process, PayloadDice dice, java.security.SecureRandom random) {
        this.process = process;
        this.dice = dice;
        this.random = random;
        this.strings = new GuestStrings(process);
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("AVmPayload_requestAttestation", Support.full("protected VMs get a fresh EC P-256 key and the chain"
                        + " [leaf, mdemu's local root CA kept in the mdemu home] instead of a remotely provisioned"
                        + " chain; the leaf carries AVF's attestation extension (challenge, secure = not debuggable,"
                        + " the payload's APK); non-protected VMs get ATTESTATION_ERROR_UNSUPPORTED"),
                f -> requestAttestation(f, false));
        t.function("AVmPayload_requestAttestationForTesting", Support.full("as requestAttestation, certified by the"
                        + " test root that `mdemu enable-test-attestation` creates; ATTESTATION_ERROR_ATTESTATION_FAILED"
                        + " until then, as on a device"),
                f -> requestAttestation(f, true));
        t.function("AVmAttestationStatus_toString", f -> f.ret(strings.of(statusText(f.i32(0)))));
        t.function("AVmAttestationResult_free", Support.full("releases the result's guest memory; NULL is ignored, a"
                + " result freed twice aborts (undefined on a device)"), this::free);
        t.function("AVmAttestationResult_getPrivateKey", f -> {
            Result r = result(f, "AVmAttestationResult_getPrivateKey");
            if (r != null) f.ret(copy(f.ptr(1), f.i64(2), r.keyAddress(), r.keySize()));
        });
        t.function("AVmAttestationResult_sign", this::sign);
        t.function("AVmAttestationResult_getCertificateCount", f -> {
            Result r = result(f, "AVmAttestationResult_getCertificateCount");
            if (r != null) f.ret(r.certAddresses().length);
        });
        t.function("AVmAttestationResult_getCertificateAt", Support.full("an index out of range aborts the payload"),
                this::getCertificateAt);
    }

    private void requestAttestation(CallFrame f, boolean testMode) {
        long challengeAddress = f.ptr(0), challengeSize = f.i64(1), resultOut = f.ptr(2);
        if (Long.compareUnsigned(challengeSize, MAX_CHALLENGE_SIZE) > 0) {
            f.ret(ATTESTATION_ERROR_INVALID_CHALLENGE);
            return;
        }
        if (resultOut == 0) {
            abort((testMode ? "AVmPayload_requestAttestationForTesting" : "AVmPayload_requestAttestation")
                    + ": result must point at an AVmAttestationResult* (got NULL)");
            return;
        }
        byte[] challenge = challengeSize == 0 ? new byte[0] : process.memory().read(challengeAddress, (int) challengeSize);
        AttestationAuthority authority = testMode ? dice.testAttestation() : dice.attestation();
        if (dice.attestation() == null || !dice.protectedVm()) {
            fail(f, ATTESTATION_ERROR_UNSUPPORTED, dice.attestation() == null ? "Remote attestation is disabled"
                    : "Remote attestation is only supported for protected VMs");
            return;
        }
        if (authority == null) {
            fail(f, ATTESTATION_ERROR_ATTESTATION_FAILED, "No key blob for testing: test attestation is not enabled on"
                    + " the host (mdemu enable-test-attestation)");
            return;
        }
        AttestedKey key = new AttestedKey(AttestationAuthority.newP256KeyPair(random), random);
        List<VmComponent> components = new ArrayList<>();
        for (MicrodroidDice.Subcomponent s : dice.artifacts().subcomponents()) {
            components.add(new VmComponent(s.name(), s.version(), s.codeHash(), s.authorityHash()));
        }
        List<byte[]> chain = authority.attest(key.pair().getPublic(), challenge, dice.artifacts().secure(), components,
                random);
        process.memory().writeLong(resultOut, place(key, chain));
        f.ret(ATTESTATION_OK);
    }

    /** Copies the key and certificates into one guest block: [key][cert 0][cert 1]... */
    private long place(AttestedKey key, List<byte[]> chain) {
        byte[] der = key.ecPrivateKeyDer();
        long total = der.length;
        for (byte[] c : chain) total += c.length;
        long block = process.heap().malloc(total);
        process.memory().write(block, der);
        long[] addresses = new long[chain.size()];
        int[] sizes = new int[chain.size()];
        long at = block + der.length;
        for (int i = 0; i < chain.size(); i++) {
            process.memory().write(at, chain.get(i));
            addresses[i] = at;
            sizes[i] = chain.get(i).length;
            at += sizes[i];
        }
        results.put(block, new Result(key, block, der.length, addresses, sizes));
        return block;
    }

    private void fail(CallFrame f, int status, String why) {
        process.output().log(ANDROID_LOG_ERROR, "vm_payload", "Remote attestation failed: " + why,
                process.currentThread().tid());
        f.ret(status);
    }

    private void free(CallFrame f) {
        long address = f.ptr(0);
        if (address == 0) return;
        if (results.remove(address) == null) {
            abort("AVmAttestationResult_free: " + String.format("0x%x", address)
                    + " is not a live attestation result (freed twice?)");
            return;
        }
        process.heap().free(address);
    }

    private void sign(CallFrame f) {
        Result r = result(f, "AVmAttestationResult_sign");
        if (r == null) return;
        long messageSize = f.i64(2);
        if (messageSize > Integer.MAX_VALUE) {
            abort("AVmAttestationResult_sign: message of " + messageSize + " bytes is larger than mdemu's limit");
            return;
        }
        byte[] message = messageSize == 0 ? new byte[0] : process.memory().read(f.ptr(1), (int) messageSize);
        f.ret(SizedCopy.to(process.memory(), f.ptr(3), f.i64(4), r.key().sign(message)));
    }

    private void getCertificateAt(CallFrame f) {
        Result r = result(f, "AVmAttestationResult_getCertificateAt");
        if (r == null) return;
        long index = f.i64(1);
        if (index < 0 || index >= r.certAddresses().length) {
            abort("AVmAttestationResult_getCertificateAt: index " + index + " is out of range: the chain has "
                    + r.certAddresses().length + " certificates");
            return;
        }
        int i = (int) index;
        f.ret(copy(f.ptr(2), f.i64(3), r.certAddresses()[i], r.certSizes()[i]));
    }

    private long copy(long data, long size, long from, int length) {
        return SizedCopy.to(process.memory(), data, size, process.memory().read(from, length));
    }

    /** The live result the first argument points at, or null after aborting the payload. */
    private Result result(CallFrame f, String function) {
        Result r = results.get(f.ptr(0));
        if (r == null) abort(function + ": " + String.format("0x%x", f.ptr(0)) + " is not a live attestation result");
        return r;
    }

    private void abort(String message) {
        process.control().crash(SIGABRT, message);
    }

    static String statusText(int status) {
        return switch (status) {
            case ATTESTATION_OK -> "The remote attestation completes successfully.";
            case ATTESTATION_ERROR_INVALID_CHALLENGE -> "The challenge size is not between 0 and 64.";
            case ATTESTATION_ERROR_ATTESTATION_FAILED -> "Failed to attest the VM. Please retry at a later time.";
            case ATTESTATION_ERROR_UNSUPPORTED -> "Remote attestation is not supported in the current environment.";
            default -> "Unknown attestation status " + status + ".";
        };
    }
}
