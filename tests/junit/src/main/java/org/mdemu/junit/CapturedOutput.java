package org.mdemu.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A VM output stream read to its end on a thread of its own (so the guest never blocks on a full buffer), kept
 * whole and readable at any time: what a test asserts on, and what a failure report quotes.
 */
final class CapturedOutput {
    private final StringBuilder text = new StringBuilder();
    private final CountDownLatch ended = new CountDownLatch(1);

    CapturedOutput(InputStream in, String threadName) {
        Thread reader = new Thread(() -> read(in), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    /** For a VM whose output is not captured: always empty. */
    CapturedOutput() {
        ended.countDown();
    }

    private void read(InputStream in) {
        char[] buffer = new char[8192];
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = r.read(buffer)) > 0) {
                synchronized (text) {
                    text.append(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            synchronized (text) {
                text.append("\n[mdemu-junit: reading the output failed: ").append(e.getMessage()).append("]\n");
            }
        } finally {
            ended.countDown();
        }
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    /** Complete lines so far (and the last, unterminated one once the stream has ended). */
    List<String> lines() {
        String all = text();
        List<String> lines = new ArrayList<>(List.of(all.split("\n", -1)));
        String last = lines.remove(lines.size() - 1);
        if (!last.isEmpty() && ended.getCount() == 0) lines.add(last);
        return lines;
    }

    /** Waits for the end of the stream (the VM stopped and everything it wrote was read). */
    boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    List<String> lastLines(int n) {
        List<String> all = lines();
        return all.subList(Math.max(0, all.size() - n), all.size());
    }
}
