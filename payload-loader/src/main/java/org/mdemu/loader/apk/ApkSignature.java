package org.mdemu.loader.apk;

import com.android.apksig.ApkVerifier;
import com.android.apksig.apk.ApkFormatException;
import com.android.apksig.apk.ApkUtils;
import com.android.apksig.util.DataSources;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What microdroid_manager learns from a verified APK: the signer's certificates and, from the binary
 * AndroidManifest.xml, the package name and version code. Only APK Signature Scheme v2 and v3 count, as in the
 * guest's apkverify: a v1 (JAR) signature alone leaves the APK unverified.
 *
 * <p>The manifest is read with apksig's public {@link ApkUtils} (package name and long version code from the binary
 * XML), so the bytes the signature covers and the values read come from one parser.
 *
 * @param packageName the manifest's package attribute
 * @param versionCode the manifest's versionCode, with versionCodeMajor in the upper 32 bits
 * @param signerCertificates DER certificates of the signer, leaf first
 */
public record ApkSignature(String packageName, long versionCode, List<byte[]> signerCertificates) {
    /** Microdroid verifies for its own SDK level (ro.build.version.sdk). */
    private static final int PLATFORM_SDK = 34;

    public ApkSignature {
        signerCertificates = List.copyOf(signerCertificates);
    }

    /** Verifies the APK's v2/v3 signature and reads its identity; the exception names the APK and what failed. */
    public static ApkSignature verify(Path apk) throws ApkException {
        ApkVerifier.Result result;
        try {
            result = new ApkVerifier.Builder(apk.toFile())
                    .setMinCheckedPlatformVersion(PLATFORM_SDK)
                    .setMaxCheckedPlatformVersion(PLATFORM_SDK)
                    .build()
                    .verify();
        } catch (ApkFormatException e) {
            throw new ApkException(apk + ": signature verification failed: malformed APK: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ApkException(apk + ": cannot read for signature verification: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new ApkException(apk + ": signature verification failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ApkException(apk + ": signature verification failed: " + e, e);
        }
        if (!result.isVerifiedUsingV2Scheme() && !result.isVerifiedUsingV3Scheme()) {
            throw new ApkException(apk + ": signature verification failed: " + describeFailure(result));
        }
        List<byte[]> certificates = new ArrayList<>();
        try {
            for (X509Certificate c : result.getSignerCertificates()) certificates.add(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new ApkException(apk + ": signer certificate cannot be encoded: " + e.getMessage(), e);
        }
        try (RandomAccessFile file = new RandomAccessFile(apk.toFile(), "r")) {
            ByteBuffer manifest = ApkUtils.getAndroidManifest(DataSources.asDataSource(file));
            String packageName = ApkUtils.getPackageNameFromBinaryAndroidManifest(manifest.duplicate());
            long versionCode = ApkUtils.getLongVersionCodeFromBinaryAndroidManifest(manifest.duplicate());
            return new ApkSignature(packageName, versionCode, certificates);
        } catch (ApkFormatException e) {
            throw new ApkException(apk + ": AndroidManifest.xml: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ApkException(apk + ": cannot read AndroidManifest.xml: " + e.getMessage(), e);
        }
    }

    private static String describeFailure(ApkVerifier.Result result) {
        List<String> problems = new ArrayList<>();
        for (ApkVerifier.IssueWithParams issue : result.getAllErrors()) problems.add(issue.toString());
        if (problems.isEmpty()) {
            return result.isVerifiedUsingV1Scheme()
                    ? "only a v1 (JAR) signature; Microdroid requires APK Signature Scheme v2 or v3"
                    : "the APK is not signed (no APK Signature Scheme v2 or v3 block)";
        }
        return String.join("; ", problems);
    }

    /** SHA-256 of the signer's leaf certificate, hex: what the instance record compares across boots. */
    public String signerDigest() {
        return digest(signerCertificates.isEmpty() ? new byte[0] : signerCertificates.get(0));
    }

    static String digest(byte[] certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
