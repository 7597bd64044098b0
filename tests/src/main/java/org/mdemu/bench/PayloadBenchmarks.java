package org.mdemu.bench;

import static org.mdemu.bench.GuestRuns.parse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * The performance figures, from one invocation, for every CPU engine: guest compute against qemu-aarch64
 * running the same function, host-call cost, guest memcpy/strlen throughput (against qemu-aarch64 running the same
 * string routines), and the time from run() to the payload's first action in a warm JVM. Runs alternate between
 * the engines and qemu within each round, so machine noise hits all sides alike; medians are reported. Prints a
 * Markdown table for docs/PERFORMANCE.md. With a second argument {@code unicorn2-mmu} the sides are Unicorn 2 with
 * its translation tables and Unicorn 2 with one region per mapping ({@code mdemu.unicorn2.mmu} true and false,
 * switched between runs). {@code -Dmdemu.bench.engines=java,unicorn2} limits the engines; {@code -Dmdemu.bench.warmup=N}
 * first runs both payloads N times on every engine unrecorded (the steady state of a long-lived JVM, once HotSpot
 * has compiled what the Java engine translated; by default the first runs of a fresh JVM count too).
 * Run: {@code mvn -B -q -pl tests exec:java -Dexec.mainClass=org.mdemu.bench.PayloadBenchmarks -Dexec.args=$PWD}
 */
public final class PayloadBenchmarks {
    private static final int ROUNDS = 5;
    private static final String QEMU = "qemu-aarch64";

    private PayloadBenchmarks() {}

    /** What one column runs on: an engine, and for Unicorn 2 the value of mdemu.unicorn2.mmu (null: as given). */
    private record Side(String name, CpuEngine engine, String mmu) {
        GuestRuns.Result run(VirtualMachineManager manager, Path apk, String payload, String vmName) throws Exception {
            if (mmu != null) System.setProperty("mdemu.unicorn2.mmu", mmu);
            return GuestRuns.run(manager, engine, apk, payload, vmName);
        }
    }

    /** Every sample of one measure, per side (an engine's name or qemu-aarch64). */
    private static final class Samples {
        final Map<String, List<Double>> bySide = new LinkedHashMap<>();

        void add(String side, double value) {
            bySide.computeIfAbsent(side, k -> new ArrayList<>()).add(value);
        }

        double median(String side) {
            List<Double> values = bySide.get(side);
            if (values == null || values.isEmpty()) return Double.NaN;
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2);
        }

        double min(String side) {
            return Collections.min(bySide.get(side));
        }
    }

    private static final String[] CALL_MEASURES = {
        "hostcall ns_per_call=(\\d+)", "memcpy MBps=(\\d+)", "strlen MBps=(\\d+)", "memcpy64 ns_per_call=(\\d+)",
        "strlen15 ns_per_call=(\\d+)"};

    /** Whether {@code -Dmdemu.bench.engines} (a comma-separated list of engine names; all if unset) names e. */
    private static boolean chosen(CpuEngine e) {
        String list = System.getProperty("mdemu.bench.engines");
        return list == null || java.util.Arrays.asList(list.split(",")).contains(e.cliName());
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        Path instances = Files.createTempDirectory("mdemu-bench");
        VirtualMachineManager manager = new VirtualMachineManager(instances);
        Path apks = root.resolve("tests/fixtures/apks");
        Path bin = root.resolve("tests/fixtures/lib/bin");
        boolean qemu = GuestRuns.hasQemu();
        Side[] engines = args.length > 1 && args[1].equals("unicorn2-mmu")
                ? new Side[] {new Side("unicorn2 (tables)", CpuEngine.UNICORN2, "true"),
                        new Side("unicorn2 (regions)", CpuEngine.UNICORN2, "false")}
                : java.util.Arrays.stream(CpuEngine.values()).filter(PayloadBenchmarks::chosen)
                        .map(e -> new Side(e.cliName(), e, null)).toArray(Side[]::new);

        for (int i = 0; i < Integer.getInteger("mdemu.bench.warmup", 0); i++) {
            for (Side engine : engines) {
                engine.run(manager, apks.resolve("compute.apk"), "libcompute.so", "wc" + i);
                engine.run(manager, apks.resolve("calls.apk"), "libcalls.so", "wk" + i);
            }
        }
        Samples compute = new Samples();
        for (int i = 0; i < ROUNDS; i++) {
            for (Side engine : engines) {
                String console = engine.run(manager, apks.resolve("compute.apk"), "libcompute.so", "c" + i).console();
                compute.add(engine.name(), parse(console, "ns=(\\d+)"));
            }
            if (qemu) compute.add(QEMU, parse(GuestRuns.exec(QEMU, bin.resolve("compute_static").toString()), "ns=(\\d+)"));
        }
        Map<String, Samples> calls = new LinkedHashMap<>();
        for (String measure : CALL_MEASURES) calls.put(measure, new Samples());
        Samples startup = new Samples();
        for (int i = 0; i < ROUNDS * 2; i++) {
            for (Side engine : engines) {
                GuestRuns.Result r = engine.run(manager, apks.resolve("calls.apk"), "libcalls.so", "k" + i);
                for (String measure : CALL_MEASURES) calls.get(measure).add(engine.name(), parse(r.console(), measure));
                startup.add(engine.name(), r.readyMillis());
            }
            if (qemu) {
                String out = GuestRuns.exec(QEMU, bin.resolve("strings_static").toString());
                for (String measure : CALL_MEASURES) {
                    if (!measure.startsWith("hostcall")) calls.get(measure).add(QEMU, parse(out, measure));
                }
            }
        }

        StringBuilder md = new StringBuilder("| measure |");
        for (Side engine : engines) md.append(" mdemu on ").append(engine.name()).append(" |");
        md.append(qemu ? " qemu-aarch64 |" : "").append(" goal |\n|---|");
        md.append("---|".repeat(engines.length + (qemu ? 1 : 0))).append("---|\n");
        row(md, "guest compute (20M-iteration hash/FP loop), ms", compute, engines, qemu, qemu, 1e-6, true, "<= 1.1x qemu");
        String[] names = {"trivial host call (getpid, a Java row), ns per call", "memcpy of 64 KiB blocks (guest code), MB/s",
            "strlen over 64 KiB (guest code), MB/s", "memcpy of 64 bytes (guest code, no trap), ns per call",
            "strlen of 15 bytes (guest code, no trap), ns per call"};
        String[] goals = {"<= 500 ns", "(report)", "(report)", "(report)", "(report)"};
        for (int m = 0; m < CALL_MEASURES.length; m++) {
            // Throughputs: qemu / mdemu is the slowdown; times: mdemu / qemu.
            row(md, names[m], calls.get(CALL_MEASURES[m]), engines, qemu, m > 0, 1, m != 1 && m != 2, goals[m]);
        }
        md.append("| run() to the payload's first call (warm JVM), ms: median (min) |");
        for (Side engine : engines) {
            md.append(String.format(" %.1f (%.1f) |", startup.median(engine.name()), startup.min(engine.name())));
        }
        md.append(qemu ? " - |" : "").append(" <= 50 ms |\n");
        md.append(String.format("%nMedians of %d (compute) and %d (the rest) runs per side, alternated within each round;"
                + " (Nx) is the slowdown against qemu-aarch64 on the same code.%n", ROUNDS, ROUNDS * 2));
        System.out.print(md);
    }

    /** One table row: each engine's median (and its slowdown against qemu when qemu ran the same code). */
    private static void row(StringBuilder md, String name, Samples samples, Side[] engines, boolean qemuColumn,
                            boolean qemuRan, double scale, boolean lowerIsBetter, String goal) {
        md.append("| ").append(name).append(" |");
        boolean withQemu = qemuColumn && qemuRan;
        double reference = withQemu ? samples.median(QEMU) : Double.NaN;
        for (Side engine : engines) {
            double value = samples.median(engine.name());
            md.append(String.format(" %.0f", value * scale));
            if (withQemu) md.append(String.format(" (%.2fx)", lowerIsBetter ? value / reference : reference / value));
            md.append(" |");
        }
        if (qemuColumn) md.append(withQemu ? String.format(" %.0f |", reference * scale) : " - |");
        md.append(' ').append(goal).append(" |\n");
    }
}
