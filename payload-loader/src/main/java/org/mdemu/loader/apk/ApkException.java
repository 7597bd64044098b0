package org.mdemu.loader.apk;

/** The APK cannot be used; the message names the file and what is wrong with it. */
public class ApkException extends Exception {
    public ApkException(String message) {
        super(message);
    }

    public ApkException(String message, Throwable cause) {
        super(message, cause);
    }
}
