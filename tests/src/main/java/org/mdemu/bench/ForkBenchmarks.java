package org.mdemu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * The cost of fork for a parent with 64 MiB of touched heap (tests/payloads/src/fork_bench.c: fork, the child
 * _exits, the parent waits) on every CPU engine, against the same C on glibc under qemu-aarch64 when it is installed;
 * alternated for a number of rounds (the second argument, 3 by default), medians. Prints a Markdown table for
 * docs/PERFORMANCE.md, which has the command.
 */
public final class ForkBenchmarks {
    private ForkBenchmarks() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        VirtualMachineManager manager = new VirtualMachineManager(Files.createTempDirectory("mdemu-fork-bench"));
        Path apk = root.resolve("tests/fixtures/apks/fork_bench.apk");
        Path bin = root.resolve("tests/fixtures/lib/bin/fork_bench_static");
        boolean qemu = GuestRuns.hasQemu() && Files.isRegularFile(bin);
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (CpuEngine engine : CpuEngine.values()) {
                String out = GuestRuns.run(manager, engine, apk, "libfork_bench.so", "f" + round + engine.cliName()).console();
                samples.computeIfAbsent(engine.cliName(), k -> new ArrayList<>()).add(perFork(out));
            }
            if (qemu) samples.computeIfAbsent("qemu-aarch64", k -> new ArrayList<>()).add(perFork(GuestRuns.exec("qemu-aarch64", bin.toString())));
        }
        double reference = qemu ? GuestRuns.median(samples.get("qemu-aarch64")) : Double.NaN;
        StringBuilder md = new StringBuilder("| side | µs per fork + exit + wait (64 MiB touched heap) | against qemu-aarch64 |\n|---|---|---|\n");
        for (Map.Entry<String, List<Double>> e : samples.entrySet()) {
            double v = GuestRuns.median(e.getValue());
            md.append(String.format("| %s | %.0f | %s |%n", e.getKey(), v, qemu ? String.format("%.1fx", v / reference) : "-"));
        }
        System.out.print(md);
    }

    private static double perFork(String out) {
        if (!out.contains("failures=0")) throw new IllegalStateException("fork_bench failed:\n" + out);
        return GuestRuns.parse(out, "fork_bench us_per_fork=(\\d+)");
    }
}
