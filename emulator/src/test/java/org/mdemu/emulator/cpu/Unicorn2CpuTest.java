package org.mdemu.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.machine.Prot;

/**
 * The CPU contract on Unicorn 2 as VMs run it: page permissions in the MMU's translation tables (the other mode:
 * {@link Unicorn2RegionsCpuTest}).
 */
class Unicorn2CpuTest extends CpuContractTest {
    @Override
    Machine newMachine() {
        return UnicornMachine.unicorn2(true);
    }

    @Override
    boolean checksExclusiveAlignment() {
        return true;
    }

    /**
     * Why mdemu never pauses a Unicorn 2 thread with a stop from another host thread (issue 11): such a stop is
     * honoured at the next check the translated code makes, and Unicorn 2 checks after every memory access, but the
     * pc it leaves is the start of the translation block. Resuming there runs again what already took effect: here
     * a store-exclusive that succeeded, so a load/store-exclusive counter ends above the number of iterations. If an
     * upgrade of the engine makes this test fail, foreign stops may have become exact: see
     * {@code Cpu.pausableFromAnotherThread}.
     */
    @Test
    void aStopFromAnotherThreadCanResumeBeforeInstructionsThatAlreadyTookEffect() throws Exception {
        try (Machine m = UnicornMachine.unicorn2(true)) {
            assertThat(m.cpu().pausableFromAnotherThread()).isFalse();
            long code = 0x10000, counter = 0x20000;
            m.memory().map(code, 0x1000, Prot.RX);
            m.memory().map(counter, 0x1000, Prot.RW);
            int[] words = {0xc85f7c41, // loop: ldxr x1, [x2]
                    0x91000421, // add x1, x1, #1
                    0xc8037c41, // stxr w3, x1, [x2]
                    0x35ffffa3, // cbnz w3, loop
                    0x91000484, // add x4, x4, #1
                    0x17fffffb}; // b loop
            for (int i = 0; i < words.length; i++) m.memory().privileged().writeInt(code + 4L * i, words[i]);
            var regs = m.cpu().registers();
            regs.setPc(code);
            regs.setX(2, counter);
            Thread stopper = new Thread(() -> {
                java.util.Random r = new java.util.Random(5);
                while (!Thread.currentThread().isInterrupted()) {
                    long until = System.nanoTime() + 20_000 + r.nextInt(100_000);
                    while (System.nanoTime() < until) Thread.onSpinWait();
                    m.cpu().requestStop();
                }
            });
            stopper.start();
            long excess = 0;
            try {
                for (int stops = 0; stops < 5_000 && excess <= 0; stops++) {
                    assertThat(m.cpu().run(0, 0)).isInstanceOf(CpuExit.StopRequested.class);
                    // Between instructions the counter is the completed iterations, or one more after the stxr.
                    excess = m.memory().readLong(counter) - regs.x(4) - 1;
                }
            } finally {
                stopper.interrupt();
                stopper.join();
            }
            assertThat(excess).as("increments beyond the iterations run, after resuming from foreign stops").isPositive();
        }
    }
}
