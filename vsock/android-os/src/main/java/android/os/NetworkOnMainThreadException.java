package android.os;

/** Thrown when an application does network I/O on its main thread (EX_NETWORK_MAIN_THREAD across a call). */
public class NetworkOnMainThreadException extends RuntimeException {
}
