package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.CpuDebug;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.machine.Prot;

/**
 * {@link JavaCpu}'s loop and its debugger support, on code made only of the instructions of this engine's core
 * (NOP, SVC, MRS/MSR, DC ZVA, BRK): loops are a run of NOPs ended by an SVC whose handler jumps back.
 */
class JavaCpuDebugTest {
    private static final long CODE = 0x10000, DATA = 0x20000;
    private static final int NOP = 0xd503201f, SVC = 0xd4000001;
    private final JavaMachine machine = new JavaMachine();
    private final CpuRegisters regs = machine.cpu().registers();

    @AfterEach
    void close() {
        machine.close();
    }

    private void load(int... words) {
        if (!machine.memory().isMapped(CODE, 4)) machine.memory().map(CODE, 0x1000, Prot.RX);
        machine.memory().privileged().write(CODE, SystemInstructionsTest.words(words));
        regs.setPc(CODE);
    }

    /** Nine NOPs and an SVC whose handler counts and jumps back to CODE. */
    private long[] loopOfTen() {
        load(NOP, NOP, NOP, NOP, NOP, NOP, NOP, NOP, NOP, SVC);
        long[] traps = {0};
        machine.cpu().setTrapHandler((cpu, svc) -> {
            assertThat(svc).isEqualTo(CODE + 36);
            traps[0]++;
            cpu.registers().setPc(CODE);
        });
        return traps;
    }

    @Test
    void budgetsEndExactlyAfterTheirLastInstruction() {
        long[] traps = loopOfTen();
        Random random = new Random(15);
        long executed = 0;
        for (int i = 0; i < 2000; i++) {
            long budget = 1 + random.nextInt(25);
            assertThat(machine.cpu().run(0, budget)).isInstanceOf(CpuExit.SliceExpired.class);
            executed += budget;
            assertThat(regs.pc()).isEqualTo(CODE + 4 * (executed % 10));
            assertThat(traps[0]).isEqualTo(executed / 10);
        }
    }

    @Test
    void aStopAddressReachedOrStartedAtEndsTheRunBeforeItsInstruction() {
        load(0xd51bd045, 0xd53bd046); // msr tpidr_el0, x5; mrs x6, tpidr_el0
        regs.setX(5, 77);
        assertThat(machine.cpu().run(CODE, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(regs.tpidr()).isZero();
        assertThat(machine.cpu().run(CODE + 4, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(regs.tpidr()).isEqualTo(77);
        assertThat(regs.x(6)).isZero();
        assertThat(regs.pc()).isEqualTo(CODE + 4);
    }

    /** A stop from another thread ends a spinning guest within 100 ms, exactly between two instructions. */
    @Test
    void requestStopFromAnotherThreadIsQuickAndExact() throws Exception {
        long[] traps = loopOfTen();
        List<Long> millis = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            long[] requestedAt = new long[1];
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                requestedAt[0] = System.nanoTime();
                machine.cpu().requestStop();
            });
            stopper.start();
            assertThat(machine.cpu().run(0, 0)).isInstanceOf(CpuExit.StopRequested.class);
            millis.add((System.nanoTime() - requestedAt[0]) / 1_000_000);
            stopper.join();
            long pc = regs.pc();
            assertThat(pc).isBetween(CODE, CODE + 36);
            assertThat(pc & 3).isZero();
            // Resuming runs on from there: exactly (36 - (pc - CODE)) / 4 + 1 instructions reach the SVC's trap.
            long before = traps[0];
            long toTrap = (CODE + 36 - pc) / 4 + 1;
            assertThat(machine.cpu().run(0, toTrap)).isInstanceOf(CpuExit.SliceExpired.class);
            assertThat(traps[0]).isEqualTo(before + 1);
            assertThat(regs.pc()).isEqualTo(CODE);
        }
        assertThat(Collections.min(millis)).as("ms per attempt: %s", millis).isLessThan(100L);
    }

    /** An SVC is an exception to the kernel and back: the exception return clears the local exclusive monitor. */
    @Test
    void aSupervisorCallOpensTheExclusiveMonitor() {
        CpuState s = ((JavaCpu) machine.cpu()).state();
        load(NOP, SVC, NOP);
        long[] seen = {0};
        machine.cpu().setTrapHandler((cpu, svc) -> seen[0] = s.exclusiveAddress);
        s.exclusiveAddress = DATA;
        assertThat(machine.cpu().run(CODE + 4, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(s.exclusiveAddress).as("a NOP keeps it").isEqualTo(DATA);
        assertThat(machine.cpu().run(CODE + 12, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(seen[0]).isEqualTo(-1);
        assertThat(s.exclusiveAddress).isEqualTo(-1);
    }

    @Test
    void trapHandlerExceptionsAndErrorsLeaveTheCpuAfterTheSvc() {
        load(SVC, NOP);
        machine.cpu().setTrapHandler((cpu, svc) -> {
            throw new IllegalArgumentException("from the handler");
        });
        assertThatThrownBy(() -> machine.cpu().run(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from the handler");
        assertThat(regs.pc()).isEqualTo(CODE + 4);
        load(SVC, NOP);
        machine.cpu().setTrapHandler((cpu, svc) -> {
            throw new OutOfMemoryError("heap");
        });
        assertThatThrownBy(() -> machine.cpu().run(0, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("heap").hasCauseInstanceOf(OutOfMemoryError.class);
        assertThat(regs.pc()).isEqualTo(CODE + 4);
        assertThat(machine.cpu().run(CODE + 8, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
    }

    /**
     * A misaligned pc is a PC alignment fault at that pc (ARM ARM; Linux answers SIGBUS, BUS_ADRALN). Unicorn 2 instead
     * fetches the misaligned word and executes it (here an undefined instruction).
     */
    @Test
    void faultsNameTheirCause() {
        load(NOP);
        regs.setPc(CODE + 2);
        CpuExit.Fault misaligned = (CpuExit.Fault) machine.cpu().run(0, 0);
        assertThat(misaligned.kind()).isEqualTo(CpuExit.FaultKind.UNALIGNED);
        assertThat(misaligned.pc()).isEqualTo(CODE + 2);
        assertThat(misaligned.faultAddress()).isEqualTo(CODE + 2);
        load(NOP, 0xd50b7421); // nop; dc zva, x1
        regs.setX(1, 0x7000_0010L);
        CpuExit.Fault store = (CpuExit.Fault) machine.cpu().run(0, 0);
        assertThat(store.kind()).isEqualTo(CpuExit.FaultKind.WRITE_UNMAPPED);
        assertThat(store.pc()).isEqualTo(CODE + 4);
        assertThat(store.detail()).contains("0x70000010", "0xd50b7421", "0x10004", "UC_ERR_WRITE_UNMAPPED");
        regs.setPc(0x5000);
        CpuExit.Fault fetch = (CpuExit.Fault) machine.cpu().run(0, 0);
        assertThat(fetch.kind()).isEqualTo(CpuExit.FaultKind.FETCH_UNMAPPED);
        assertThat(fetch.detail()).contains("0x5000");
        load(0xd5381000); // mrs x0, sctlr_el1
        CpuExit.Fault undefined = (CpuExit.Fault) machine.cpu().run(0, 0);
        assertThat(undefined.kind()).isEqualTo(CpuExit.FaultKind.UNDEFINED_INSTRUCTION);
        assertThat(undefined.detail()).contains("d5381000");
    }

    @Test
    void contextsCarryEveryRegisterAndOpenTheExclusiveMonitor() {
        CpuState s = ((JavaCpu) machine.cpu()).state();
        regs.setX(7, 7);
        regs.setSp(0x1230);
        regs.setPc(0x4440);
        regs.setQ(31, 1, 2);
        regs.setNzcv(0x60000000L);
        regs.setFpcr(3L << 22 | 1L << 24);
        regs.setFpsr(0x8000010L);
        regs.setTpidr(0x99);
        CpuContext saved = machine.cpu().saveContext();
        CpuContext fresh = machine.cpu().newContext();
        s.exclusiveAddress = DATA;
        machine.cpu().restoreContext(fresh);
        assertThat(s.exclusiveAddress).isEqualTo(-1);
        assertThat(regs.x(7)).isZero();
        assertThat(regs.q(31)).containsExactly(0L, 0L);
        assertThat(regs.fpcr()).isZero();
        assertThat(regs.tpidr()).isZero();
        assertThat(regs.nzcv()).isZero();
        s.exclusiveAddress = DATA;
        machine.cpu().restoreContext(saved);
        assertThat(s.exclusiveAddress).isEqualTo(-1);
        assertThat(regs.x(7)).isEqualTo(7);
        assertThat(regs.sp()).isEqualTo(0x1230);
        assertThat(regs.pc()).isEqualTo(0x4440);
        assertThat(regs.q(31)).containsExactly(1L, 2L);
        assertThat(regs.nzcv()).isEqualTo(0x60000000L);
        assertThat(regs.fpcr()).isEqualTo(3L << 22 | 1L << 24);
        assertThat(regs.fpsr()).isEqualTo(0x8000010L);
        assertThat(regs.tpidr()).isEqualTo(0x99);
        saved.close();
        fresh.close();
    }

    @Test
    void breakpointsStopBeforeTheirInstructionWithoutTouchingTheCode() {
        load(0xd51bd045, 0xd53bd046, NOP); // msr tpidr_el0, x5; mrs x6, tpidr_el0; nop
        regs.setX(5, 5);
        CpuDebug debug = machine.cpu().debug();
        assertThat(debug.addBreakpoint(CODE + 4)).isTrue();
        assertThat(debug.addBreakpoint(CODE + 6)).isFalse();
        assertThat(debug.patchedCode()).isEmpty();
        assertThat(machine.memory().readInt(CODE + 4)).isEqualTo(0xd53bd046);
        for (int twice = 0; twice < 2; twice++) {
            CpuExit.Fault hit = (CpuExit.Fault) machine.cpu().run(0, 0);
            assertThat(hit.kind()).isEqualTo(CpuExit.FaultKind.BREAKPOINT);
            assertThat(hit.pc()).isEqualTo(CODE + 4);
            assertThat(regs.tpidr()).isEqualTo(5);
            assertThat(regs.x(6)).isZero();
        }
        assertThat(debug.removeBreakpoint(CODE + 4)).isTrue();
        assertThat(debug.removeBreakpoint(CODE + 4)).isFalse();
        assertThat(machine.cpu().run(CODE + 12, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(regs.x(6)).isEqualTo(5);
    }

    @Test
    void watchpointsStopTheAccessingInstructionBeforeItsAccess() {
        machine.memory().map(DATA, 0x1000, Prot.RW);
        machine.memory().writeLong(DATA + 0x38, -1);
        machine.memory().writeLong(DATA + 0x40, -1);
        load(NOP, 0xd50b7421); // nop; dc zva, x1
        regs.setX(1, DATA + 0x10);
        CpuDebug debug = machine.cpu().debug();
        debug.addWatchpoint(DATA + 0x38, 4, Prot.WRITE);
        CpuExit exit = machine.cpu().run(CODE + 8, 0);
        assertThat(exit).isEqualTo(new CpuExit.Watchpoint(CODE + 4, DATA + 0x38, Prot.WRITE));
        assertThat(regs.pc()).isEqualTo(CODE + 4);
        assertThat(machine.memory().readLong(DATA + 0x38)).isEqualTo(-1);
        assertThat(machine.memory().readLong(DATA + 0x10)).isZero();
        regs.setX(1, DATA + 0x40); // the next block, same page: not watched
        assertThat(machine.cpu().run(CODE + 8, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(machine.memory().readLong(DATA + 0x40)).isZero();
        assertThat(debug.removeWatchpoint(DATA + 0x38, 4, Prot.WRITE)).isTrue();
        debug.addWatchpoint(DATA + 0x38, 4, Prot.READ);
        load(NOP, 0xd50b7421);
        regs.setX(1, DATA + 0x10);
        assertThat(machine.cpu().run(CODE + 8, 0)).as("a read watch lets stores by").isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(machine.memory().readLong(DATA + 0x38)).isZero();
    }

    @Test
    void theDebuggerReadsAndWritesTheFloatingPointControlRegisters() {
        CpuDebug debug = machine.cpu().debug();
        assertThat(debug.setFpcr(1L << 22)).isTrue();
        assertThat(debug.setFpsr(0x10)).isTrue();
        assertThat(debug.fpcr()).isEqualTo(1L << 22);
        assertThat(debug.fpsr()).isEqualTo(0x10);
        load(0xd53b4400, 0xd53b4421); // mrs x0, fpcr; mrs x1, fpsr
        machine.cpu().run(CODE + 8, 0);
        assertThat(regs.x(0)).isEqualTo(1L << 22);
        assertThat(regs.x(1)).isEqualTo(0x10);
    }

    @Test
    void aSiblingIsAFreshMachineAndAClosedOneRunsNoMore() {
        machine.memory().map(DATA, 0x1000, Prot.RW);
        try (Machine child = machine.sibling()) {
            assertThat(child).isInstanceOf(JavaMachine.class);
            assertThat(child.memory().isMapped(DATA, 1)).isFalse();
            assertThat(child.cpu().hwcap()).isEqualTo(machine.cpu().hwcap());
            assertThat(child.cpu().pausableFromAnotherThread()).isTrue();
        }
        machine.close();
        assertThatThrownBy(() -> machine.cpu().run(0, 1)).isInstanceOf(IllegalStateException.class);
    }
}
