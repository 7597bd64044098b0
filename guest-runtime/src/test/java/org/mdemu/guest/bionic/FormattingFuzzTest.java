package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.ProcessControl;
import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.testing.BumpHeap;
import org.mdemu.guest.testing.FakeProcess;

/**
 * libc's formatting and parsing functions given arbitrary formats, inputs and arguments (the printf and scanf
 * families with their wide forms, the strtod/strtol families, strftime and strptime): each returns, faults the way
 * the guest would (a {@link GuestFault} becomes SIGSEGV) or ends the process with a signal as bionic's checks do. No
 * other Java exception may escape: one would surface as an internal error instead of the device's answer.
 *
 * <p>{@code mvn -B verify} replays the committed inputs under FormattingFuzzTestInputs (Jazzer's regression mode)
 * and {@link #generatedInputsGetTheDevicesAnswers} runs every target on a fixed number of generated inputs drawn
 * from a seeded random source biased towards conversion characters; {@code JAZZER_FUZZ=1} fuzzes for real. Where a
 * reference exists the results are compared too: FormattingReferenceTest.
 */
class FormattingFuzzTest {
    /** Generated inputs per target in every build: enough to reach each conversion many times, a few seconds. */
    private static final int GENERATED = 250;

    /** What a row ending the process (abort, a FORTIFY check) does in these tests. */
    static final class Terminated extends RuntimeException {
        Terminated(String message) {
            super(message, null, false, false);
        }
    }

    /** The few ways a target draws its input: from Jazzer, or from a seeded random source. */
    interface Input {
        int intIn(int min, int max);

        long anyLong();

        boolean bool();

        /** Up to max bytes of text (no NUL). */
        byte[] text(int max);
    }

    private record Fuzzed(FuzzedDataProvider data) implements Input {
        @Override public int intIn(int min, int max) { return data.consumeInt(min, max); }
        @Override public long anyLong() { return data.consumeLong(); }
        @Override public boolean bool() { return data.consumeBoolean(); }

        @Override
        public byte[] text(int max) {
            byte[] b = data.consumeBytes(data.consumeInt(0, max));
            for (int i = 0; i < b.length; i++) if (b[i] == 0) b[i] = '%';
            return b;
        }
    }

    /** Random text mostly from the characters formats and numbers are made of, so conversions are hit often. */
    static final class Generated implements Input {
        private static final String ALPHABET = "%%%%%%-+ #0123456789.*$hhllLjztqdiouxXeEfFgGaAcCsSpnm[]^"
                + "YyCgGmdeHIjMSUWVwuZzbBhDRTrpklstnx:/0x1P-eE+infINFnanNAN()";
        private final SplittableRandom random;

        Generated(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override public int intIn(int min, int max) { return random.nextInt(min, max + 1); }

        @Override
        public long anyLong() {
            return switch (random.nextInt(4)) {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt(-100, 100);
                case 2 -> random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(3) : Long.MIN_VALUE + random.nextInt(3);
                default -> Double.doubleToRawLongBits(Math.scalb(random.nextDouble() - 0.5, random.nextInt(-1100, 1100)));
            };
        }

        @Override public boolean bool() { return random.nextBoolean(); }

        @Override
        public byte[] text(int max) {
            byte[] b = new byte[random.nextInt(max + 1)];
            for (int i = 0; i < b.length; i++) {
                int pick = random.nextInt(20);
                b[i] = pick == 0 ? (byte) random.nextInt(1, 256) : pick < 4 ? (byte) ('0' + random.nextInt(10))
                        : (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
            return b;
        }
    }

    static final class Harness {
        final FakeProcess process = new FakeProcess();
        final LibraryTable libc = new LibraryTable("libc.so", "LIBC");
        /** A scratch buffer for output, and a few valid strings arguments may point at. */
        final long out;
        final long[] strings = new long[4];

        Harness() {
            BumpHeap.on(process);
            process.control = new ProcessControl() {
                @Override
                public void exit(int status) {
                    throw new Terminated("exit " + status);
                }

                @Override
                public void crash(int signal, String reason) {
                    throw new Terminated("signal " + signal + ": " + reason);
                }
            };
            PrintfFormatter formatter = new PrintfFormatter(process.memory(), () -> "Success");
            Map<String, String> environment = new HashMap<>();
            TimeZones zones = new TimeZones(process, environment::get);
            libc.declare(new StdioFunctions(process, null, formatter, () -> "/data/local/tmp"),
                    new WideCharFunctions(process, formatter), new StdlibFunctions(process, () -> { }),
                    new TimeFunctions(process, zones), zones);
            out = process.alloc(4096);
            strings[0] = process.cstring("hello");
            strings[1] = process.cstring("");
            strings[2] = process.cstring("3.25e2 xyz");
            strings[3] = process.alloc(64);
        }

        /**
         * The argument registers: small integers, INT_MAX/INT_MIN (for * widths), pointers at the strings or the
         * buffer, or anything.
         */
        long argument(Input in) {
            return switch (in.intIn(0, 3)) {
                case 0 -> in.bool() ? in.intIn(-1000, 1000) : in.bool() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
                case 1 -> strings[in.intIn(0, strings.length - 1)];
                case 2 -> out + in.intIn(0, 4000);
                default -> in.anyLong();
            };
        }

        /** Calls a row; returns quietly for the device's answers (a result, a fault, a signal). */
        long call(String name, long... args) {
            try {
                return process.call(libc, name, args);
            } catch (GuestFault | Terminated deviceAnswer) {
                return Long.MIN_VALUE; // SIGSEGV for a bad pointer, or the process ended by a signal: a device's answer
            }
        }

        long text(byte[] bytes) {
            long p = process.alloc(bytes.length + 1);
            process.memory().write(p, bytes);
            process.memory().write(p + bytes.length, new byte[1]);
            return p;
        }

        void fillFloatRegisters(Input in) {
            for (int i = 0; i < 8; i++) process.regs.setD64(i, in.anyLong());
        }
    }

    // ---- the targets ----

    /** Fields whose width or precision is near or past INT_MAX: counted by the formatter, never built. */
    private static final String[] HUGE_FIELDS = {"%999999999d", "%-999999999s", "%.999999999f", "%#.999999999g",
        "%.999999999e", "%.999999999a", "%0999999999x", "%2147483647c", "%2147483648d", "%.2147483647Lf", "%*d",
        "%.*f", "%-*s", "%99999999999999999999d"};

    static void printf(Input in) {
        Harness h = new Harness();
        byte[] text = in.text(64);
        if (in.intIn(0, 2) == 0) text = withHugeField(in, text);
        long format = h.text(text);
        h.fillFloatRegisters(in);
        long[] args = new long[12];
        args[0] = h.out;
        args[1] = in.intIn(0, 4096);
        args[2] = format;
        for (int i = 3; i < args.length; i++) args[i] = h.argument(in);
        h.call(in.bool() ? "snprintf" : "sprintf", args);
        args[1] = in.intIn(0, 1024);
        h.call("swprintf", args);
    }

    private static byte[] withHugeField(Input in, byte[] text) {
        byte[] field = HUGE_FIELDS[in.intIn(0, HUGE_FIELDS.length - 1)].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = in.intIn(0, text.length);
        byte[] b = new byte[text.length + field.length];
        System.arraycopy(text, 0, b, 0, at);
        System.arraycopy(field, 0, b, at, field.length);
        System.arraycopy(text, at, b, at + field.length, text.length - at);
        return b;
    }

    static void scanf(Input in) {
        Harness h = new Harness();
        long input = h.text(in.text(64));
        long format = h.text(in.text(32));
        long[] args = new long[10];
        args[0] = input;
        args[1] = format;
        for (int i = 2; i < args.length; i++) args[i] = in.bool() ? h.out + 8L * i * 64 : h.argument(in);
        h.call("sscanf", args);
    }

    static void numbers(Input in) {
        Harness h = new Harness();
        long input = h.text(in.text(400));
        long end = h.out;
        String[] floats = {"strtod", "strtof", "strtold", "atof"};
        String[] integers = {"strtol", "strtoll", "strtoul", "strtoull", "strtoimax", "strtoumax"};
        h.call(floats[in.intIn(0, floats.length - 1)], input, end);
        h.call(integers[in.intIn(0, integers.length - 1)], input, end, in.intIn(-2, 40));
    }

    static void strptime(Input in) {
        Harness h = new Harness();
        long input = h.text(in.text(64));
        long format = h.text(in.text(32));
        long tm = h.process.alloc(56);
        for (int i = 0; i < 7; i++) h.process.memory().writeLong(tm + 8L * i, in.anyLong());
        h.call("strptime", input, format, tm);
    }

    static void strftime(Input in) {
        Harness h = new Harness();
        long format = h.text(in.text(32));
        long tm = h.process.alloc(56);
        for (int i = 0; i < 5; i++) h.process.memory().writeLong(tm + 8L * i, in.anyLong());
        h.process.memory().writeLong(tm + 40, in.bool() ? in.anyLong() : in.intIn(-100000, 100000));
        h.process.memory().writeLong(tm + 48, in.bool() ? h.strings[0] : 0);
        h.call("strftime", h.out, in.intIn(0, 4096), format, tm);
    }

    // ---- Jazzer's entry points (committed inputs in every build, real fuzzing with JAZZER_FUZZ=1) ----

    @FuzzTest(maxDuration = "60s")
    void printfFamilyAnswersEveryFormat(FuzzedDataProvider data) {
        printf(new Fuzzed(data));
    }

    @FuzzTest(maxDuration = "60s")
    void scanfFamilyAnswersEveryInput(FuzzedDataProvider data) {
        scanf(new Fuzzed(data));
    }

    @FuzzTest(maxDuration = "60s")
    void numberParsersAnswerEveryInput(FuzzedDataProvider data) {
        numbers(new Fuzzed(data));
    }

    @FuzzTest(maxDuration = "60s")
    void strptimeAnswersEveryInput(FuzzedDataProvider data) {
        strptime(new Fuzzed(data));
    }

    @FuzzTest(maxDuration = "60s")
    void strftimeAnswersEveryTime(FuzzedDataProvider data) {
        strftime(new Fuzzed(data));
    }

    @Test
    void generatedInputsGetTheDevicesAnswers() {
        Map<String, Consumer<Input>> targets = Map.of("printf", FormattingFuzzTest::printf,
                "scanf", FormattingFuzzTest::scanf, "numbers", FormattingFuzzTest::numbers,
                "strptime", FormattingFuzzTest::strptime, "strftime", FormattingFuzzTest::strftime);
        for (Map.Entry<String, Consumer<Input>> target : targets.entrySet()) {
            for (int seed = 0; seed < GENERATED; seed++) {
                Generated in = new Generated(seed * 31L + target.getKey().hashCode());
                try {
                    target.getValue().accept(in);
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError(target.getKey() + " with generated input " + seed + " threw " + e, e);
                }
            }
        }
        assertThat(targets).hasSize(5);
    }
}
