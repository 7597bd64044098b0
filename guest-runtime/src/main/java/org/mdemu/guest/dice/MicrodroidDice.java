package org.mdemu.guest.dice;

import com.upokecenter.cbor.CBORObject;
import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.identity.PayloadIdentity;

/**
 * The DICE chain of a Microdroid VM as AVF builds it, from the device secret (UDS) through three layers:
 * <ol>
 *   <li>the firmware ({@code pvmfw}), certified by the UDS key as a device's bootloader does;</li>
 *   <li>the Microdroid kernel ({@code vm_entry}), as pvmfw derives it: its hidden input carries the instance salt of
 *       a protected VM, its configuration descriptor the instance hash;</li>
 *   <li>the payload ({@code Microdroid payload}), as microdroid_manager derives it: code hash from the APK, authority
 *       hash from its signer, the APK named in the sub-components, and the instance id in the hidden input of a
 *       non-protected VM.</li>
 * </ol>
 * The encoded chain is the DiceCertChain CDDL: {@code [UDS public COSE_Key, + COSE_Sign1 certificate]}.
 */
public final class MicrodroidDice {
    public static final int COMPONENT_NAME = -70002;
    public static final int COMPONENT_VERSION = -70003;
    public static final int SECURITY_VERSION = -70005;
    public static final int PAYLOAD_CONFIG_PATH = -71000;
    public static final int PAYLOAD_CONFIG = -71001;
    public static final int SUBCOMPONENTS = -71002;
    public static final int INSTANCE_HASH = -71003;

    public static final String FIRMWARE_NAME = "pvmfw";
    public static final String KERNEL_NAME = "vm_entry";
    public static final String PAYLOAD_NAME = "Microdroid payload";

    /** The images mdemu plays (no real kernel or firmware is loaded): stable names stand for their digests. */
    private static final byte[] FIRMWARE_CODE = OpenDice.hash(OpenDice.ascii("mdemu pvmfw image"));
    private static final byte[] FIRMWARE_AUTHORITY = OpenDice.hash(OpenDice.ascii("mdemu pvmfw signing key"));
    private static final byte[] KERNEL_AUTHORITY = OpenDice.hash(OpenDice.ascii("mdemu microdroid signing key"));

    private MicrodroidDice() {}

    /** What the payload node describes, besides the identity microdroid_manager verified. */
    public record Payload(PayloadIdentity identity, byte[] apkRootHash, String payloadConfigPath,
                          String payloadBinaryName) {}

    /** An APK or APEX named in the payload node's configuration descriptor. */
    public record Subcomponent(String name, long version, byte[] codeHash, byte[] authorityHash) {}

    /** The payload's DICE artifacts: its CDIs, the whole chain, and the sub-components of its node. */
    public record Artifacts(byte[] cdiAttest, byte[] cdiSeal, byte[] chain, List<Subcomponent> subcomponents,
                            boolean secure) {}

    public static Artifacts derive(byte[] deviceSecret, Payload payload, boolean debuggable, boolean protectedVm) {
        if (deviceSecret.length != OpenDice.CDI_SIZE) {
            throw new IllegalArgumentException("device secret must be " + OpenDice.CDI_SIZE + " bytes");
        }
        int mode = debuggable ? DiceInputs.MODE_DEBUG : DiceInputs.MODE_NORMAL;
        byte[] instanceId = payload.identity().instanceId();
        CBORObject chain = CBORObject.NewArray().Add(CborCertificate.coseKey(
                OpenDice.publicKey(OpenDice.privateKeySeed(deviceSecret))));

        OpenDice.Layer firmware = OpenDice.mainFlow(deviceSecret, deviceSecret, new DiceInputs(FIRMWARE_CODE,
                descriptor(FIRMWARE_NAME, 1, null), FIRMWARE_AUTHORITY, DiceInputs.MODE_NORMAL,
                new byte[OpenDice.HIDDEN_SIZE]));
        chain.Add(CBORObject.DecodeFromBytes(firmware.certificate()));

        byte[] salt = protectedVm ? instanceId : new byte[OpenDice.HIDDEN_SIZE];
        byte[] kernelCode = OpenDice.hash(OpenDice.hash(OpenDice.ascii("mdemu microdroid kernel")),
                OpenDice.hash(OpenDice.ascii(debuggable ? "mdemu microdroid initrd debug" : "mdemu microdroid initrd")));
        OpenDice.Layer kernel = OpenDice.mainFlow(firmware.cdiAttest(), firmware.cdiSeal(), new DiceInputs(kernelCode,
                descriptor(KERNEL_NAME, 0, OpenDice.hash(instanceId)), KERNEL_AUTHORITY, mode,
                OpenDice.hash(new byte[] {0}, salt, new byte[] {0})));
        chain.Add(CBORObject.DecodeFromBytes(kernel.certificate()));

        PayloadIdentity id = payload.identity();
        byte[] signer = id.signerCertificates().isEmpty() ? new byte[0] : id.signerCertificates().get(0);
        byte[] certHash = OpenDice.hash(signer);
        Subcomponent apk = new Subcomponent("apk:" + id.packageName(), id.versionCode(), payload.apkRootHash(),
                certHash);
        byte[] hidden = protectedVm ? new byte[OpenDice.HIDDEN_SIZE] : OpenDice.hash(instanceId);
        OpenDice.Layer app = OpenDice.mainFlow(kernel.cdiAttest(), kernel.cdiSeal(), new DiceInputs(
                OpenDice.hash(payload.apkRootHash()), payloadDescriptor(payload, List.of(apk)),
                OpenDice.hash(certHash), mode, hidden));
        chain.Add(CBORObject.DecodeFromBytes(app.certificate()));
        return new Artifacts(app.cdiAttest(), app.cdiSeal(), chain.EncodeToBytes(), List.of(apk), !debuggable);
    }

    /** A firmware or kernel configuration descriptor, as pvmfw writes them. */
    private static byte[] descriptor(String name, long securityVersion, byte[] instanceHash) {
        CBORObject d = CBORObject.NewOrderedMap().Add(COMPONENT_NAME, name).Add(SECURITY_VERSION, securityVersion);
        if (instanceHash != null) d.Add(INSTANCE_HASH, instanceHash);
        return d.EncodeToBytes();
    }

    /** The payload node's configuration descriptor, as microdroid_manager formats it. */
    static byte[] payloadDescriptor(Payload payload, List<Subcomponent> subcomponents) {
        CBORObject d = CBORObject.NewOrderedMap().Add(COMPONENT_NAME, PAYLOAD_NAME);
        if (payload.payloadConfigPath() != null) {
            d.Add(PAYLOAD_CONFIG_PATH, payload.payloadConfigPath());
        } else {
            d.Add(PAYLOAD_CONFIG, CBORObject.NewOrderedMap().Add(1, payload.payloadBinaryName()));
        }
        CBORObject list = CBORObject.NewArray();
        for (Subcomponent s : subcomponents) {
            list.Add(CBORObject.NewOrderedMap().Add(1, s.name()).Add(2, s.version()).Add(3, s.codeHash())
                    .Add(4, s.authorityHash()));
        }
        d.Add(SUBCOMPONENTS, list);
        d.Add(SECURITY_VERSION, 0);
        return d.EncodeToBytes();
    }

    /** The sub-components a payload configuration descriptor names (for the attestation service). */
    public static List<Subcomponent> subcomponentsOf(byte[] configDescriptor) {
        CBORObject list = CBORObject.DecodeFromBytes(configDescriptor).get(CBORObject.FromObject(SUBCOMPONENTS));
        List<Subcomponent> result = new ArrayList<>();
        if (list == null) return result;
        for (CBORObject s : list.getValues()) {
            result.add(new Subcomponent(s.get(1).AsString(), s.get(2).AsNumber().ToInt64Checked(),
                    s.get(3).GetByteString(), s.get(4).GetByteString()));
        }
        return result;
    }
}
