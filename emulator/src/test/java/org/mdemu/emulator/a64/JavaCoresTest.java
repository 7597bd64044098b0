package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.MultiCoreCpu;
import org.mdemu.guest.machine.Prot;

/**
 * Issue 15, several vCPUs: each host thread runs on a core of its own (its registers, its run, its stops), a stop
 * asked for one host thread's core leaves the others running, and a closed machine's cores refuse to run.
 */
class JavaCoresTest {
    private static final long CODE = 0x10000;
    /** b . : a loop that never traps. */
    private static final int SPIN = 0x14000000;

    private static MultiCoreCpu cores(JavaMachine machine) {
        machine.memory().map(CODE, 0x1000, Prot.RX);
        machine.memory().privileged().write(CODE, A64Rig.bytes(new int[] {SPIN}));
        return (MultiCoreCpu) machine.cpu();
    }

    @Test
    void everyHostThreadHasItsOwnRegisters() throws Exception {
        try (JavaMachine machine = new JavaMachine(2)) {
            MultiCoreCpu cpu = cores(machine);
            cpu.registers().setX(0, 42);
            long seenElsewhere = CompletableFuture.supplyAsync(() -> {
                long before = cpu.registers().x(0);
                cpu.registers().setX(0, 7);
                return before;
            }).get(10, TimeUnit.SECONDS);
            assertThat(seenElsewhere).isZero();
            assertThat(cpu.registers().x(0)).isEqualTo(42);
            assertThat(cpu.cores()).isEqualTo(2);
        }
    }

    @Test
    void aStopForOneHostThreadStopsOnlyItsCoreExactly() throws Exception {
        try (JavaMachine machine = new JavaMachine(2)) {
            MultiCoreCpu cpu = cores(machine);
            CountDownLatch running = new CountDownLatch(2);
            Thread[] hosts = new Thread[2];
            CompletableFuture<?>[] exits = new CompletableFuture<?>[2];
            for (int i = 0; i < 2; i++) {
                CompletableFuture<Object[]> exit = new CompletableFuture<>();
                exits[i] = exit;
                hosts[i] = new Thread(() -> {
                    cpu.registers().setPc(CODE);
                    running.countDown();
                    CpuExit e = cpu.run(-1, 0);
                    exit.complete(new Object[] {e, cpu.registers().pc()});
                });
                hosts[i].setDaemon(true);
                hosts[i].start();
            }
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50);
            cpu.requestStop(hosts[0]);
            Object[] first = (Object[]) exits[0].get(10, TimeUnit.SECONDS);
            assertThat(first[0]).isInstanceOf(CpuExit.StopRequested.class);
            assertThat(first[1]).isEqualTo(CODE);
            Thread.sleep(50);
            assertThat(exits[1]).as("the other core runs on").isNotDone();
            cpu.requestStopAll();
            Object[] second = (Object[]) exits[1].get(10, TimeUnit.SECONDS);
            assertThat(second[0]).isInstanceOf(CpuExit.StopRequested.class);
        }
    }

    @Test
    void aClosedMachinesCoresRefuseToRunButStillShowRegisters() throws Exception {
        JavaMachine machine = new JavaMachine(2);
        MultiCoreCpu cpu = cores(machine);
        machine.close();
        CompletableFuture<Throwable> refused = CompletableFuture.supplyAsync(() -> {
            cpu.registers().setPc(CODE);
            assertThat(cpu.registers().pc()).isEqualTo(CODE);
            try {
                cpu.run(-1, 0);
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertThat(refused.get(10, TimeUnit.SECONDS)).hasMessageContaining("closed");
        assertThatThrownBy(() -> new JavaMachine(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
