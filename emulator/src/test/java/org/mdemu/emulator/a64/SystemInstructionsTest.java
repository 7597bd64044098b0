package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuExit.FaultKind;
import org.mdemu.guest.machine.Prot;

/**
 * The exception generation and system instructions at EL0: each against Unicorn 2 from random registers where it is
 * the reference, and against the ARM ARM where it is not (named in each test).
 */
class SystemInstructionsTest {
    private static final long CODE = A64Rig.CODE, DATA = A64Rig.DATA;

    /** Hints, barriers, the EL0 registers, and what EL0 may not do: the same on both engines, from random states. */
    @Test
    void systemInstructionsDoWhatUnicorn2Does() {
        int[] words = {
            0xd503201f, // nop
            0xd503203f, // yield
            0xd503205f, // wfe
            0xd503209f, // sev
            0xd50320bf, // sevl
            0xd50320df, // dgh
            0xd503233f, // paciasp
            0xd50323bf, // autiasp
            0xd503237f, // pacibsp
            0xd50323ff, // autibsp
            0xd503231f, // paciaz
            0xd503239f, // autiaz
            0xd503211f, // pacia1716
            0xd50321df, // autib1716
            0xd50320ff, // xpaclri
            0xd503241f, // bti
            0xd503245f, // bti c
            0xd503249f, // bti j
            0xd50324df, // bti jc
            0xd503221f, // esb
            0xd503223f, // psb csync
            0xd503225f, // tsb csync
            0xd503229f, // csdb
            0xd5032fff, // hint #127
            0xd5033bbf, // dmb ish
            0xd50331bf, // dmb oshld
            0xd5033f9f, // dsb sy
            0xd503379f, // dsb nsh
            0xd5033fdf, // isb
            0xd503309f, // ssbb
            0xd503349f, // pssbb
            0xd50330ff, // sb
            0xd5033f5f, // clrex
            0xd503355f, // clrex #5
            0xd53b4203, // mrs x3, NZCV
            0xd53b4403, // mrs x3, FPCR
            0xd53b4423, // mrs x3, FPSR
            0xd53bd043, // mrs x3, TPIDR_EL0
            0xd53bd05f, // mrs xzr, TPIDR_EL0
            0xd53bd063, // mrs x3, TPIDRRO_EL0
            0xd53b0023, // mrs x3, CTR_EL0
            0xd53b00e3, // mrs x3, DCZID_EL0
            0xd53be003, // mrs x3, CNTFRQ_EL0
            0xd51b4205, // msr NZCV, x5
            0xd51b4425, // msr FPSR, x5
            0xd51bd045, // msr TPIDR_EL0, x5
            0xd51bd05f, // msr TPIDR_EL0, xzr
            0xd51b421f, // msr NZCV, xzr
            0xd51bd065, // msr TPIDRRO_EL0, x5
            0xd51be005, // msr CNTFRQ_EL0, x5
            0xd50342df, // msr DAIFSet, #2
            0xd5034fff, // msr DAIFClr, #15
            0xd503415f, // msr DIT, #1
            0xd503413f, // msr SSBS, #1
            0xd50041bf, // msr SPSel, #1
            0xd500419f, // msr PAN, #1
            0xd500417f, // msr UAO, #1
            0xd503419f, // msr TCO, #1
            0xd53b4223, // mrs x3, DAIF
            0xd53b42a3, // mrs x3, DIT
            0xd53b42c3, // mrs x3, SSBS
            0xd53b42e3, // mrs x3, TCO
            0xd53be023, // mrs x3, CNTPCT_EL0
            0xd53be0c3, // mrs x3, CNTVCTSS_EL0
            0xd53be323, // mrs x3, CNTV_CTL_EL0
            0xd53b9d03, // mrs x3, PMCCNTR_EL0
            0xd5380003, // mrs x3, MIDR_EL1
            0xd5380603, // mrs x3, ID_AA64ISAR0_EL1
            0xd5384243, // mrs x3, CurrentEL
            0xd5381003, // mrs x3, SCTLR_EL1
            0xd538d083, // mrs x3, TPIDR_EL1
            0xd5181003, // msr SCTLR_EL1, x3
            0xd5330103, // mrs x3, MDCCSR_EL0
            0xd5087621, // dc ivac, x1
            0xd5087641, // dc isw, x1
            0xd508751f, // ic iallu
            0xd508711f, // ic ialluis
            0xd5087841, // at s1e0r, x1
            0xd508871f, // tlbi vmalle1
            0xd4400000, // hlt #0
            0xd4000002, // hvc #0
            0xd4000003, // smc #0
            0xd4a00001, // dcps1
            0xd4a00002, // dcps2
            0xd4a00003, // dcps3
            0xd4000001, // svc #0
            0xd41fffe1, // svc #0xffff
            0xd4200000, // brk #0
            0xd43fffe0, // brk #0xffff
            0xd51b0025, // msr S3_3_C0_C0_1 (CTR_EL0), x5
            0xd51b00e5, // msr S3_3_C0_C0_7 (DCZID_EL0), x5
            0xd51be045, // msr S3_3_C14_C0_2 (CNTVCT_EL0), x5
        };
        List<String> differences = new ArrayList<>();
        try (A64Rig.Pair pair = new A64Rig.Pair()) {
            for (int w : words) {
                for (long seed = 0; seed < 3; seed++) {
                    String d = pair.compareRandom(new int[] {w, 0xd503201f}, seed * 7919 + w);
                    if (d != null) differences.add(d);
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    /**
     * WFI at EL0 (SCTLR_EL1.nTWI set, as Linux leaves it) may complete at once: the architecture lets a PE leave the
     * wait for any reason, and a Linux process waits at most until the next tick. Unicorn 2 ends its run there
     * instead (QEMU halts the CPU).
     */
    @Test
    void wfiCompletesAtOnce() {
        try (JavaMachine m = new JavaMachine()) {
            assertThat(runOne(m, 0xd503207f, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
            assertThat(m.cpu().registers().pc()).isEqualTo(CODE + 4);
        }
    }

    @Test
    void hintsAreNopsAndUndefinedOnesToo() {
        for (int crmOp2 = 0; crmOp2 < 128; crmOp2++) {
            if (crmOp2 == 3) continue; // WFI: wfiCompletesAtOnce
            int hint = 0xd503201f | crmOp2 << 5;
            A64Rig.Snapshot s = A64Rig.assertSameAsUnicorn2(new int[] {hint}, r -> {
                r.setX(30, 0x0000_7fff_1234_5678L);
                r.setX(16, 0x1000);
                r.setX(17, 0x2000);
            });
            assertThat(s.exit()).as("hint #%d", crmOp2).isInstanceOf(CpuExit.ReachedStopAddress.class);
            assertThat(s.x()[30]).isEqualTo(0x0000_7fff_1234_5678L);
        }
    }

    @Test
    void dcZvaZeroesItsAlignedBlockOfDczidSize() {
        // mrs x0, dczid_el0; dc zva, x1
        A64Rig.Snapshot s = A64Rig.assertSameAsUnicorn2(new int[] {0xd53b00e0, 0xd50b7421}, r -> r.setX(1, DATA + 0x1234));
        assertThat(s.x()[0]).isEqualTo(4);
        for (int i = 0; i < s.data().length; i++) {
            boolean inBlock = i >= 0x1200 && i < 0x1240;
            assertThat(s.data()[i] == 0).as("byte 0x%x", i).isEqualTo(inBlock || (byte) (i * 37 + 11) == 0);
        }
    }

    /**
     * ARM ARM: a memory fault of a data cache instruction reports the address in the register argument (FAR_ELx), at
     * the instruction. Unicorn 2 reports the block's last byte and the pc after the DC ZVA.
     */
    @Test
    void dcZvaFaultsAsAStoreAtTheRegistersAddressBeforeZeroingAnything() {
        try (JavaMachine m = new JavaMachine()) {
            m.memory().map(DATA, 0x2000, Prot.RW);
            m.memory().protect(DATA + 0x1000, 0x1000, Prot.READ);
            m.memory().writeLong(DATA + 0xff8, -1);
            CpuExit unmapped = runOne(m, 0xd50b7421, DATA + 0x2010); // dc zva, x1
            assertFault(unmapped, FaultKind.WRITE_UNMAPPED, DATA + 0x2010);
            CpuExit readOnly = runOne(m, 0xd50b7421, DATA + 0x1033);
            assertFault(readOnly, FaultKind.WRITE_PROT, DATA + 0x1033);
            assertThat(m.memory().readLong(DATA + 0xff8)).isEqualTo(-1);
            assertThat(m.cpu().registers().pc()).isEqualTo(CODE);
        }
    }

    /**
     * ARM ARM: DC CVAU, CVAC, CIVAC, CVAP, CVADP at EL0 translate their address and need read permission; IC IVAU
     * faults on translation (Linux's PROT_NONE pages fault so). Unicorn 2 translates none of them (CVAP and CVADP
     * give it an alignment fault at an unmapped address), so this is the architecture's answer.
     */
    @Test
    void cacheMaintenanceChangesNothingButFaultsWhereTheAddressIsNotReadable() {
        int[] dc = {0xd50b7b21, 0xd50b7a21, 0xd50b7e21, 0xd50b7c21, 0xd50b7d21}; // dc cvau, cvac, civac, cvap, cvadp, x1
        int icIvau = 0xd50b7521; // ic ivau, x1
        try (JavaMachine m = new JavaMachine()) {
            m.memory().map(DATA, 0x3000, Prot.RW);
            m.memory().protect(DATA + 0x1000, 0x1000, Prot.NONE);
            m.memory().protect(DATA + 0x2000, 0x1000, Prot.EXEC);
            m.memory().writeLong(DATA + 0x40, 0x1122334455667788L);
            for (int insn : dc) {
                assertThat(runOne(m, insn, DATA + 0x44)).isInstanceOf(CpuExit.ReachedStopAddress.class);
                assertFault(runOne(m, insn, DATA + 0x5008), FaultKind.READ_UNMAPPED, DATA + 0x5008);
                assertFault(runOne(m, insn, DATA + 0x1008), FaultKind.READ_PROT, DATA + 0x1008);
                assertFault(runOne(m, insn, DATA + 0x2008), FaultKind.READ_PROT, DATA + 0x2008);
            }
            assertThat(runOne(m, icIvau, DATA + 0x44)).isInstanceOf(CpuExit.ReachedStopAddress.class);
            assertThat(runOne(m, icIvau, DATA + 0x2008)).isInstanceOf(CpuExit.ReachedStopAddress.class);
            assertFault(runOne(m, icIvau, DATA + 0x5008), FaultKind.READ_UNMAPPED, DATA + 0x5008);
            assertFault(runOne(m, icIvau, DATA + 0x1008), FaultKind.READ_PROT, DATA + 0x1008);
            assertThat(m.memory().readLong(DATA + 0x40)).isEqualTo(0x1122334455667788L);
        }
        // Where the address is mapped and readable, Unicorn 2 agrees.
        for (int insn : dc) A64Rig.assertSameAsUnicorn2(new int[] {insn}, r -> r.setX(1, DATA + 0x777));
        A64Rig.assertSameAsUnicorn2(new int[] {icIvau}, r -> r.setX(1, DATA + 0x777));
    }

    /** ARM ARM: FPCR.FZ16 is RES0 without FEAT_FP16 (Unicorn 2 has FP16 and keeps it); AHP..Len and RMode hold. */
    @Test
    void fpcrKeepsItsWritableBitsAndFpsrItsFlags() {
        try (JavaMachine m = new JavaMachine()) {
            // msr fpcr, x5; mrs x3, fpcr; msr fpsr, x5; mrs x4, fpsr
            m.memory().map(CODE, 0x1000, Prot.RX);
            m.memory().privileged().write(CODE, words(0xd51b4405, 0xd53b4403, 0xd51b4425, 0xd53b4424));
            m.cpu().registers().setPc(CODE);
            m.cpu().registers().setX(5, -1);
            assertThat(m.cpu().run(CODE + 16, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
            assertThat(m.cpu().registers().x(3)).isEqualTo(0x07f70000L);
            assertThat(m.cpu().registers().x(4)).isEqualTo(0xf800009fL);
            assertThat(m.cpu().registers().fpcr()).isEqualTo(0x07f70000L);
        }
    }

    /** FEAT_FlagM, FlagM2 and RNG are not advertised here: their instructions are SIGILL (Unicorn 2 has them). */
    @Test
    void featuresBeyondTheAdvertisedOnesAreUndefined() {
        int[] words = {0xd500401f, 0xd500403f, 0xd500405f, 0xd53b2403, 0xd53b2423, 0xd53be0c3};
        // cfinv, xaflag, axflag, mrs x3 rndr, mrs x3 rndrrs, mrs x3 cntvctss_el0
        try (JavaMachine m = new JavaMachine()) {
            for (int w : words) {
                CpuExit exit = runOne(m, w, 0);
                assertFault(exit, FaultKind.UNDEFINED_INSTRUCTION, CODE);
                assertThat(((CpuExit.Fault) exit).detail()).contains(String.format("%08x", w));
            }
        }
    }

    /** CNTVCT_EL0 counts up at CNTFRQ_EL0, which is Unicorn 2's 62.5 MHz. */
    @Test
    void theVirtualCounterCountsAtTheAdvertisedFrequency() throws Exception {
        A64Rig.Snapshot frequency = A64Rig.assertSameAsUnicorn2(new int[] {0xd53be000}, r -> {}); // mrs x0, cntfrq_el0
        assertThat(frequency.x()[0]).isEqualTo(62_500_000L);
        try (JavaMachine m = new JavaMachine()) {
            long startNanos = System.nanoTime();
            long first = readCounter(m);
            Thread.sleep(200);
            long second = readCounter(m);
            long elapsedNanos = System.nanoTime() - startNanos;
            assertThat(first).isPositive();
            double seconds = (second - first) / 62.5e6;
            assertThat(seconds).isBetween(0.199, elapsedNanos / 1e9 + 1e-6);
            long previous = readCounter(m);
            for (int i = 0; i < 100; i++) {
                long now = readCounter(m);
                assertThat(now).isGreaterThanOrEqualTo(previous);
                previous = now;
            }
            try (JavaMachine child = (JavaMachine) m.sibling()) {
                assertThat(readCounter(child)).as("one clock for every machine").isGreaterThanOrEqualTo(previous);
            }
        }
    }

    @Test
    void clrexOpensTheExclusiveMonitor() {
        try (JavaMachine m = new JavaMachine()) {
            CpuState s = ((JavaCpu) m.cpu()).state();
            s.exclusiveAddress = DATA;
            s.exclusiveSize = 8;
            runOne(m, 0xd503305f, 0); // clrex
            assertThat(s.exclusiveAddress).isEqualTo(-1);
        }
    }

    @Test
    void svcAndBrk() {
        try (JavaMachine m = new JavaMachine()) {
            assertFault(runOne(m, 0xd43fffe0, 0), FaultKind.BREAKPOINT, CODE); // brk #0xffff
            List<Long> traps = new ArrayList<>();
            m.cpu().setTrapHandler((cpu, svc) -> traps.add(svc));
            assertThat(runOne(m, 0xd41fffe1, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class); // svc #0xffff
            assertThat(traps).containsExactly(CODE);
        }
    }

    private static long readCounter(JavaMachine m) {
        runOne(m, 0xd53be040, 0); // mrs x0, cntvct_el0
        return m.cpu().registers().x(0);
    }

    /** Runs insn at CODE with x1 = x1, to the word after it. */
    static CpuExit runOne(JavaMachine m, int insn, long x1) {
        if (!m.memory().isMapped(CODE, 4)) m.memory().map(CODE, 0x1000, Prot.RX);
        m.memory().privileged().write(CODE, words(insn));
        m.cpu().registers().setPc(CODE);
        m.cpu().registers().setX(1, x1);
        return m.cpu().run(CODE + 4, 0);
    }

    static void assertFault(CpuExit exit, FaultKind kind, long address) {
        assertThat(exit).isInstanceOf(CpuExit.Fault.class);
        CpuExit.Fault f = (CpuExit.Fault) exit;
        assertThat(f.kind()).isEqualTo(kind);
        assertThat(f.pc()).isEqualTo(CODE);
        assertThat(f.faultAddress()).isEqualTo(address);
    }

    static byte[] words(int... words) {
        byte[] b = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) for (int j = 0; j < 4; j++) b[4 * i + j] = (byte) (words[i] >>> (8 * j));
        return b;
    }
}
