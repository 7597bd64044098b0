package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jazzer over argument values (issue 16): an input picks a row (any function row of any guest library table, or
 * any syscall number) and six integer arguments from the classes hostile and careless payloads pass: zero, small
 * counts, sizes around a page, huge and negative values, pointers into read-write, read-only, no-access,
 * execute-only and unmapped pages, pointers a few bytes before a page whose next page is a guard, strings without
 * a terminator, anything. rowfuzz.apk makes the call in one long-lived VM and keeps going after a guest signal (its
 * handler siglongjmps back to its loop); a call that ends or blocks the process gets a fresh VM, as in
 * {@link RowSweepTest}. Every call must end as a device's would: never with an emulator error, never with Java
 * busy past the hang bound; and the VM must still answer afterwards (a probe call follows each input).
 *
 * <p>{@code mvn -B verify} replays the committed inputs under RowFuzzTestInputs and runs
 * {@link #generatedArgumentsGetTheDevicesAnswers} on a fixed set of generated inputs. To fuzz for real (coverage
 * of the Java rows guides the choices), see README "Fuzz tests".
 */
class RowFuzzTest {
    static final int PORT = 7346;
    /** Generated inputs per build: a few hundred calls, bounded well under a minute. */
    private static final int GENERATED = 300;
    /** How long a call may keep Java busy before it counts as a host hang. */
    private static final Duration HANG_LIMIT = Duration.ofSeconds(30);

    @TempDir
    static Path instances;
    private static RowCaller caller;
    /** Every call and its outcome, in target/row-fuzz.txt: the trail to a finding. */
    private static java.io.PrintWriter log;
    private static final Map<String, Integer> outcomes = new TreeMap<>();

    /** Every function row and every syscall number, as the sweep names them. */
    static final List<String> ROWS = rows();

    private static List<String> rows() {
        List<String> rows = new ArrayList<>(RowSweepTest.functionRows());
        for (int number = 0; number < 512; number++) rows.add("syscall " + number);
        return List.copyOf(rows);
    }

    /** The few ways an input is drawn: from Jazzer, or from a seeded random source. */
    interface Input {
        int intIn(int min, int max);

        long anyLong();
    }

    /**
     * Jazzer's bytes; where an input runs out (libFuzzer starts with inputs of a few bytes and lengthens them
     * slowly), the rest of the call follows from what the input held, through a random source seeded with it: short
     * inputs still reach every argument class, and each input still means one call.
     */
    private static final class Fuzzed implements Input {
        private final FuzzedDataProvider data;
        private long consumed = 0x9e3779b97f4a7c15L;
        private SplittableRandom rest;

        Fuzzed(FuzzedDataProvider data) {
            this.data = data;
        }

        @Override
        public int intIn(int min, int max) {
            if (data.remainingBytes() == 0) return rest().nextInt(min, max + 1);
            int v = data.consumeInt(min, max);
            consumed = consumed * 31 + v;
            return v;
        }

        @Override
        public long anyLong() {
            if (data.remainingBytes() == 0) return rest().nextLong();
            long v = data.consumeLong();
            consumed = consumed * 31 + v;
            return v;
        }

        private SplittableRandom rest() {
            if (rest == null) rest = new SplittableRandom(consumed);
            return rest;
        }
    }

    private record Generated(SplittableRandom random) implements Input {
        @Override public int intIn(int min, int max) { return random.nextInt(min, max + 1); }
        @Override public long anyLong() { return random.nextLong(); }
    }

    /** Bytes of each region of rowcall.c built with ROW_FUZZ (by tag); each is followed by a guard page. */
    private static final int[] REGION_SIZE = {0, 16384, 4096, 4096, 4096, 4096, 4096};
    private static final long[] HUGE = {Long.MAX_VALUE, 0xffffffffL, 0x80000000L, 1L << 32, 1L << 40, 1L << 48,
            0x7fffffffffffL, 1L << 62, Long.MAX_VALUE - 1, 0xfffffffffffL};
    private static final long[] NEGATIVE = {-1, -2, -4096, Integer.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
            -0x80000000L - 1, 0xffffffff00000000L};
    private static final long[] SIZES = {4095, 4096, 4097, 8192, 16383, 16384, 65536, 1 << 20, 1 << 30};
    private static final double[] DOUBLES = {0, -0.0, 1, -1, 0.5, 2, 100, 1e308, -1e308, Double.MIN_VALUE,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0x1p31, 1e20, -1e-300};

    /** One call: a row, six arguments and eight FP registers, drawn from in. */
    static RowCaller.Call draw(Input in) {
        String row = ROWS.get(in.intIn(0, ROWS.size() - 1));
        long[] x = new long[8];
        byte[] tags = new byte[8];
        for (int i = 0; i < 6; i++) {
            switch (in.intIn(0, 8)) {
                case 0 -> x[i] = 0;
                case 1 -> x[i] = in.intIn(1, 64);
                case 2 -> x[i] = SIZES[in.intIn(0, SIZES.length - 1)];
                case 3 -> x[i] = HUGE[in.intIn(0, HUGE.length - 1)];
                case 4 -> x[i] = NEGATIVE[in.intIn(0, NEGATIVE.length - 1)];
                case 5 -> { // anywhere in a region, often aligned
                    byte r = (byte) in.intIn(RowCaller.SCRATCH, RowCaller.UNTERMINATED);
                    tags[i] = r;
                    x[i] = in.intIn(0, REGION_SIZE[r] - 1) & ~(long) (in.intIn(0, 1) == 0 ? 0 : 15);
                }
                case 6 -> { // the last bytes before the guard page, or the guard page itself
                    byte r = (byte) in.intIn(RowCaller.SCRATCH, RowCaller.UNTERMINATED);
                    tags[i] = r;
                    x[i] = REGION_SIZE[r] - in.intIn(0, 16);
                }
                case 7 -> { // a string without a terminator
                    tags[i] = RowCaller.UNTERMINATED;
                    x[i] = in.intIn(0, 4095);
                }
                default -> x[i] = in.anyLong();
            }
        }
        double[] d = new double[8];
        for (int i = 0; i < 8; i++) {
            int pick = in.intIn(0, DOUBLES.length);
            d[i] = pick < DOUBLES.length ? DOUBLES[pick] : Double.longBitsToDouble(in.anyLong());
        }
        return row.startsWith("syscall ") ? RowCaller.Call.syscall(Integer.parseInt(row.substring(8)), x, tags)
                : RowCaller.Call.function(row, x, tags, d);
    }

    /** strlen of the scratch region's first line: 63 when the payload, its pages and the VM still work. */
    private static final RowCaller.Call PROBE = RowCaller.Call.function("strlen", new long[8],
            new byte[] {RowCaller.SCRATCH, 0, 0, 0, 0, 0, 0, 0}, new double[8]);

    /** Makes the call, then the probe; fails on an emulator error, a hang, or a VM that no longer answers right. */
    static RowCaller.Outcome callAndProbe(RowCaller.Call call) throws Exception {
        if (caller == null) {
            caller = new RowCaller(instances, HANG_LIMIT, "rowfuzz", PORT);
            log = new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(Path.of("target", "row-fuzz.txt")), true);
        }
        RowCaller.Outcome outcome = caller.call(call);
        if (log != null) log.println(call.describe() + " -> " + outcome);
        outcomes.merge(outcome.getClass().getSimpleName(), 1, Integer::sum);
        RowCaller.Outcome probe = caller.call(PROBE);
        if (!caller.problems().isEmpty()) {
            List<String> problems = List.copyOf(caller.problems());
            caller.problems().clear();
            if (log != null) log.println("PROBLEM: " + problems);
            throw new AssertionError(call.describe() + " -> " + outcome + ": " + problems);
        }
        // A call may legitimately leave the process unable to go on (it unmapped its own code, closed the host
        // connection): the probe then ends or faults the device's way. Answering wrongly is never right.
        if (probe instanceof RowCaller.Outcome.Returned r && r.x0() != 63) {
            throw new AssertionError("after " + call.describe() + " -> " + outcome + " the probe returned " + r);
        }
        return outcome;
    }

    @FuzzTest(maxDuration = "10m")
    void everyRowAnswersFuzzedArguments(FuzzedDataProvider data) throws Exception {
        callAndProbe(draw(new Fuzzed(data)));
    }

    @Test
    void generatedArgumentsGetTheDevicesAnswers() throws Exception {
        SplittableRandom random = new SplittableRandom(1616);
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < GENERATED; i++) {
            RowCaller.Call call = draw(new Generated(random.split()));
            seen.merge(callAndProbe(call).getClass().getSimpleName(), 1, Integer::sum);
        }
        // The inputs reach rows that answer and rows that fault, and the harness carried on after both.
        assertThat(seen).containsKeys("Returned", "Signal");
    }

    /** A call the fuzzer found ending the VM with an emulator error, and the device's answer to it. */
    record Finding(RowCaller.Call call, RowCaller.Outcome answer) {}

    private static final byte S = RowCaller.SCRATCH;

    /** What the fuzzer found, each call replayed in the VM (the answer's registers that vary are not compared). */
    static final List<Finding> FINDINGS = List.of(
            // mprotect(0, 0x7fffffffffffffff, 0): "fromKey > toKey" from the mapping lookup; Linux: ENOMEM
            new Finding(RowCaller.Call.syscall(226, new long[] {0, Long.MAX_VALUE, 0, 0, 0, 0, 0, 0}, new byte[8]),
                    new RowCaller.Outcome.Returned(-12, 0, 0, 0)),
            // catan(0 + i): log(0) threw; Annex G's pole, re +0 (and im +inf)
            new Finding(RowCaller.Call.function("catan", new long[8], new byte[8], new double[] {0, 1, 0, 0, 0, 0, 0, 0}),
                    new RowCaller.Outcome.Returned(0, 0, 0.0, 0)),
            // compress with a source length past 2^62: "buffer of ... bytes"; zlib's loads fault past the scratch page
            new Finding(RowCaller.Call.function("compress", new long[] {0x100, 0, 0x200, 1L << 62, 0, 0, 0, 0},
                    new byte[] {S, S, S, 0, 0, 0, 0, 0}, new double[8]), new RowCaller.Outcome.Signal(11, 0, 0)),
            // uncompress with a source length of -1, likewise
            new Finding(RowCaller.Call.function("uncompress", new long[] {0x100, 0, 0x200, -1, 0, 0, 0, 0},
                    new byte[] {S, S, S, 0, 0, 0, 0, 0}, new double[8]), new RowCaller.Outcome.Signal(11, 0, 0)),
            // qsort_r with nmemb * size past 2^63: NegativeArraySizeException from the Java sort's copy; guest code
            // now, as qsort: the comparator at 0x2c faults
            new Finding(RowCaller.Call.function("qsort_r", new long[] {0, 0x3ff6, 0x80000000L, 0x2c, 0, 0, 0, 0},
                    new byte[] {S, S, 0, 0, 0, 0, 0, 0}, new double[8]), new RowCaller.Outcome.Signal(11, 0, 0)));

    @Test
    void whatTheFuzzerFoundGetsTheDevicesAnswers() throws Exception {
        for (Finding f : FINDINGS) {
            RowCaller.Outcome o = callAndProbe(f.call());
            if (f.answer() instanceof RowCaller.Outcome.Returned expected) {
                assertThat(o).as(f.call().describe()).isInstanceOfSatisfying(RowCaller.Outcome.Returned.class, r -> {
                    if (f.call().syscall() >= 0) assertThat(r.x0()).isEqualTo(expected.x0());
                    else assertThat(r.d0()).isEqualTo(expected.d0());
                });
            } else if (f.answer() instanceof RowCaller.Outcome.Signal expected) {
                assertThat(o).as(f.call().describe()).isInstanceOfSatisfying(RowCaller.Outcome.Signal.class,
                        sig -> assertThat(sig.signo()).isEqualTo(expected.signo()));
            }
        }
    }

    @AfterAll
    static void close() throws Exception {
        if (caller == null) return;
        RowCaller c = caller;
        caller = null;
        log.close();
        c.close();
        System.out.printf("row fuzz: %d VMs, outcomes %s%n", c.vmsStarted(), outcomes);
        assertThat(c.problems()).as("the last VM's end").isEmpty();
    }
}
