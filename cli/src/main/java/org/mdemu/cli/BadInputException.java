package org.mdemu.cli;

/** The user gave input mdemu cannot use (file, APK, payload name); the message says which and why. */
final class BadInputException extends RuntimeException {
    BadInputException(String message) {
        super(message);
    }
}
