package org.mdemu.bench;

import static org.mdemu.bench.GuestRuns.parse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * The cost of a libm call in mdemu against the same call on glibc under qemu-aarch64: tests/payloads/src/libm_bench.c
 * times each function in a loop (guest code, Java trap, 45-digit path, binary128), on every CPU engine and on qemu,
 * alternated for a number of rounds (the second argument, 3 by default); medians. The Java paths are compiled by the
 * JIT as the rounds go (each round calls a function 2000 times), so more rounds measure the steady state. Prints a
 * Markdown table for docs/PERFORMANCE.md; docs/PERFORMANCE.md has the command.
 */
public final class LibmBenchmarks {
    private static final String[] FUNCTIONS = {"loop", "floor", "sqrt", "fma", "sin", "exp", "pow", "lgamma", "erf",
        "sinl", "sqrtl"};

    private LibmBenchmarks() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path instances = Files.createTempDirectory("mdemu-libm-bench");
        VirtualMachineManager manager = new VirtualMachineManager(instances);
        Path apk = root.resolve("tests/fixtures/apks/libm_bench.apk");
        Path bin = root.resolve("tests/fixtures/lib/bin/libm_bench_static");
        boolean qemu = GuestRuns.hasQemu();
        Map<String, Map<String, List<Double>>> samples = new LinkedHashMap<>();
        List<String> sides = new ArrayList<>();
        for (CpuEngine e : CpuEngine.values()) sides.add(e.cliName());
        if (qemu) sides.add("qemu-aarch64");
        for (int round = 0; round < rounds; round++) {
            for (CpuEngine engine : CpuEngine.values()) {
                String out = GuestRuns.run(manager, engine, apk, "liblibm_bench.so", "m" + round + engine.cliName()).console();
                record(samples, engine.cliName(), out);
            }
            if (qemu) record(samples, "qemu-aarch64", GuestRuns.exec("qemu-aarch64", bin.toString()));
        }
        StringBuilder md = new StringBuilder("| function (ns per call) |");
        for (String side : sides) md.append(' ').append(side).append(" |");
        md.append("\n|---|").append("---|".repeat(sides.size())).append('\n');
        for (String f : FUNCTIONS) {
            md.append("| ").append(f).append(" |");
            double reference = qemu ? GuestRuns.median(samples.get(f).get("qemu-aarch64")) : Double.NaN;
            for (String side : sides) {
                double v = GuestRuns.median(samples.get(f).get(side));
                md.append(String.format(" %.0f", v));
                if (qemu && !side.equals("qemu-aarch64")) md.append(String.format(" (%.1fx)", v / reference));
                md.append(" |");
            }
            md.append('\n');
        }
        System.out.print(md);
    }

    private static void record(Map<String, Map<String, List<Double>>> samples, String side, String out) {
        for (String f : FUNCTIONS) {
            samples.computeIfAbsent(f, k -> new LinkedHashMap<>()).computeIfAbsent(side, k -> new ArrayList<>())
                    .add(parse(out, "libm " + f + " ns_per_call=(\\d+)"));
        }
    }
}
