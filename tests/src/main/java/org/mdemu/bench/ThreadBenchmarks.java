package org.mdemu.bench;

import static org.mdemu.bench.GuestRuns.median;
import static org.mdemu.bench.GuestRuns.parse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * The threads issue's figures from one invocation: mutex/condition-variable handoffs per second, thread
 * create+join per second and a four-thread CPU-bound job, each in mdemu and in qemu-aarch64 running the same kernels
 * (tests/payloads/src/threads_bench_kernel.h) with glibc's real threads, alternated; and mdemu once more with as many
 * vCPUs as the host has cores ({@code --cpu-topology match_host}: guest threads in parallel on the Java engine, one
 * at a time on the Unicorn engines), for the job's speed-up over one vCPU. Engine: {@code -Dmdemu.cpu.engine}.
 * Prints a Markdown table.
 * Run: {@code mvn -B -q -pl tests exec:java -Dexec.mainClass=org.mdemu.bench.ThreadBenchmarks -Dexec.args=$PWD}
 */
public final class ThreadBenchmarks {
    private static final int ROUNDS = Integer.getInteger("mdemu.bench.rounds", 5);

    private ThreadBenchmarks() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        VirtualMachineManager manager = new VirtualMachineManager(Files.createTempDirectory("mdemu-bench"));
        Path apk = root.resolve("tests/fixtures/apks/threads_bench.apk");
        Path reference = root.resolve("tests/fixtures/lib/bin/threads_bench_static");
        boolean qemu = GuestRuns.hasQemu() && Files.exists(reference);
        List<Double> pingpong = new ArrayList<>(), create = new ArrayList<>(), job = new ArrayList<>();
        List<Double> qPingpong = new ArrayList<>(), qCreate = new ArrayList<>(), qJob = new ArrayList<>();
        List<Double> smpPingpong = new ArrayList<>(), smpJob = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < ROUNDS; i++) {
            String out = GuestRuns.run(manager, apk, "libthreads_bench.so", "t" + i).console();
            pingpong.add(parse(out, "pingpong handoffs_per_s=(\\d+)"));
            create.add(parse(out, "create_join per_s=(\\d+)"));
            job.add(parse(out, "four_thread_job ms=([\\d.]+)"));
            if (qemu) {
                String q = GuestRuns.exec("qemu-aarch64", reference.toString());
                qPingpong.add(parse(q, "pingpong handoffs_per_s=(\\d+)"));
                qCreate.add(parse(q, "create_join per_s=(\\d+)"));
                qJob.add(parse(q, "four_thread_job ms=([\\d.]+)"));
            }
            String smp = GuestRuns.run(manager, CpuEngine.defaultEngine(), apk, "libthreads_bench.so", "s" + i, 0,
                    VirtualMachineConfig.CPU_TOPOLOGY_MATCH_HOST).console();
            smpPingpong.add(parse(smp, "pingpong handoffs_per_s=(\\d+)"));
            smpJob.add(parse(smp, "four_thread_job ms=([\\d.]+)"));
        }
        System.out.printf("| measure (medians of %d alternated runs) | mdemu | qemu-aarch64, real threads | mdemu / qemu | goal |%n", ROUNDS);
        System.out.println("|---|---|---|---|---|");
        row("mutex/cond ping-pong handoffs per second", median(pingpong), qemu ? median(qPingpong) : Double.NaN, "%.0f", ">= 200 k/s");
        row("thread create+join per second", median(create), qemu ? median(qCreate) : Double.NaN, "%.0f", "(report)");
        row("4-thread CPU-bound job, wall ms (40M hash steps)", median(job), qemu ? median(qJob) : Double.NaN, "%.1f", "(report)");
        row("ping-pong handoffs per second, " + cores + " vCPUs", median(smpPingpong), qemu ? median(qPingpong) : Double.NaN, "%.0f", "(report)");
        row("4-thread CPU-bound job, wall ms, " + cores + " vCPUs", median(smpJob), qemu ? median(qJob) : Double.NaN, "%.1f", "(report)");
        if (Boolean.getBoolean("mdemu.bench.samples")) System.out.printf("job samples: one vCPU %s, %d vCPUs %s%n", job, cores, smpJob);
        System.out.printf("%nEngine %s: the job on %d vCPUs is %.2fx as fast as on one (goal with 2 vCPUs on the Java engine: >= 1.8x)%n",
                CpuEngine.defaultEngine().cliName(), cores, median(job) / median(smpJob));
    }

    private static void row(String name, double mdemu, double qemu, String format, String goal) {
        String q = Double.isNaN(qemu) ? "not installed" : String.format(format, qemu);
        String ratio = Double.isNaN(qemu) ? "-" : String.format("%.2fx", mdemu / qemu);
        System.out.printf("| %s | %s | %s | %s | %s |%n", name, String.format(format, mdemu), q, ratio, goal);
    }
}
