package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.DirectTrap;
import org.mdemu.guest.machine.TrapHandler;

/**
 * Measures what the engine adds to a host call, as the guest runtime's rows are called:
 * a loop calls a function through a PLT-like stub (ldr, br) into a trap-gate stub (svc; ret), whose trap handler sets
 * x0. Served by onSupervisorCall (the general path) and as a {@link DirectTrap}; ns per call in thread CPU time. A
 * harness, not a test: {@code java -cp emulator/target/test-classes:emulator/target/classes:<test classpath>
 * org.mdemu.emulator.a64.HostCallBenchmark}.
 */
final class HostCallBenchmark {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final int NOP = 0xd503201f;
    private static final long CALLS = 10_000_000;

    /**
     * The code; {@code -Dmdemu.bench.noSvc=true} makes the svc a nop (what the regions cost without the trap),
     * {@code -Dmdemu.bench.noPlt=true} calls the stub directly (without the PLT's region).
     */
    static int[] code() {
        int[] w = withPlt();
        if (Boolean.getBoolean("mdemu.bench.noSvc")) w[0x60 / 4] = NOP;
        if (Boolean.getBoolean("mdemu.bench.noPlt")) w[2] = 0x94000016; // bl 0x60
        return w;
    }

    static int[] withPlt() {
        int[] w = new int[0x68 / 4];
        java.util.Arrays.fill(w, NOP);
        w[0] = 0xd2a01313; // 0x00 mov x19, #0x980000
        w[1] = 0xf292d013; // 0x04 movk x19, #0x9680          (x19 = 10 000 000)
        w[2] = 0x9400000e; // 0x08 loop: bl 0x40
        w[3] = 0xf1000673; // 0x0c subs x19, x19, #1
        w[4] = 0x54ffffc1; // 0x10 b.ne loop
        w[0x40 / 4] = 0xf9400391; // 0x40 ldr x17, [x28]          (the "GOT" entry: the stub's address)
        w[0x44 / 4] = 0x91002390; // 0x44 add x16, x28, #8
        w[0x48 / 4] = 0xd61f0220; // 0x48 br x17
        w[0x60 / 4] = 0xd4000001; // 0x60 svc #0
        w[0x64 / 4] = 0xd65f03c0; // 0x64 ret
        return w;
    }

    /**
     * Rows as the guest runtime has them: lambdas of many classes behind one interface, so the general path's call of
     * a row sees many targets (as GuestExecutor's does); the benchmark's row is ROWS[0].
     */
    static final org.mdemu.guest.machine.HostFunction<CpuRegisters>[] ROWS = rows();

    @SuppressWarnings("unchecked")
    private static org.mdemu.guest.machine.HostFunction<CpuRegisters>[] rows() {
        org.mdemu.guest.machine.HostFunction<CpuRegisters>[] rows = new org.mdemu.guest.machine.HostFunction[] {
            row(r -> r.setX(0, 42)), row(r -> r.setX(1, 1)), row(r -> r.setX(2, 2)), row(r -> r.setX(3, 3)),
            row(r -> r.setX(4, 4))};
        return rows;
    }

    private static org.mdemu.guest.machine.HostFunction<CpuRegisters> row(
            org.mdemu.guest.machine.HostFunction<CpuRegisters> f) {
        return f;
    }

    /** The general path's call of a row: one call site for every row. */
    static void callRow(int index, CpuRegisters regs) {
        ROWS[index].call(regs);
    }

    /** A handler whose rows are lambdas: with direct traps offered or not. */
    static final class Handler implements TrapHandler {
        final boolean direct;
        final CpuRegisters regs;

        Handler(Cpu cpu, boolean direct) {
            this.direct = direct;
            this.regs = cpu.registers();
        }

        @Override
        public void onSupervisorCall(Cpu cpu, long svc) {
            callRow((int) ((svc - A64Rig.CODE - 0x60) >>> 3), regs);
        }

        @Override
        public DirectTrap directTrap(long svc) {
            if (!direct) return null;
            return new DirectTrap(ROWS[(int) ((svc - A64Rig.CODE - 0x60) >>> 3)], regs) {
                @Override
                public boolean enter() {
                    return true;
                }

                @Override
                public void leave() {
                }

                @Override
                public boolean failed(Throwable t) {
                    return false;
                }
            };
        }
    }

    private static double nsPerCall(boolean direct) {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = 1;
        try (JavaMachine m = new JavaMachine()) {
            int[] words = code();
            TranslationRig.load(m, words, r -> {});
            m.memory().writeLong(m.cpu().registers().x(28), A64Rig.CODE + 0x60);
            m.cpu().setTrapHandler(new Handler(m.cpu(), direct));
            long t0 = CPU.getCurrentThreadCpuTime();
            CpuExit exit = m.cpu().run(A64Rig.CODE + 0x14, 0);
            long ns = CPU.getCurrentThreadCpuTime() - t0;
            assertThat(exit).isInstanceOf(CpuExit.ReachedStopAddress.class);
            if (!Boolean.getBoolean("mdemu.bench.noSvc")) assertThat(m.cpu().registers().x(0)).isEqualTo(42);
            return (double) ns / CALLS;
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }

    public static void main(String[] args) {
        CpuRegisters scratch = new JavaRegisters(new CpuState(new PagedMemory()));
        for (int i = 0; i < 100_000; i++) { // the general path's call site sees every row
            for (int r = 0; r < ROWS.length; r++) callRow(r, scratch);
        }
        for (int round = 0; round < 8; round++) {
            System.out.printf("host call: general %.1f ns, direct %.1f ns%n", nsPerCall(false), nsPerCall(true));
        }
    }
}
