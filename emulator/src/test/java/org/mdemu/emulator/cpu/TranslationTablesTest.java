package org.mdemu.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.machine.Prot;

/**
 * Unicorn 2 with page permissions in translation tables (issue 16): sizes at which one engine region per mapping
 * took minutes (20 000 one-page mappings, a thousand protection changes inside one mapping) keep every page's
 * permission exact, reused memory reads as zeros, and faults keep their kind, address and pc.
 */
class TranslationTablesTest {
    private static final long CODE = 0x10000, BASE = 0x10_0000_0000L, PAGE = 4096;
    private final Machine machine = UnicornMachine.unicorn2(true);

    @AfterEach
    void close() {
        machine.close();
    }

    /** ldr x0, [x1]; brk #0 at CODE + 0, str x2, [x1]; brk #0 at CODE + 8, ldp x7, x8, [x1]; brk #0 at CODE + 16. */
    private void loadAccessors() {
        machine.memory().map(CODE, PAGE, Prot.RX);
        int[] words = {0xf9400020, 0xd4200000, 0xf9000022, 0xd4200000, 0xa9402027, 0xd4200000};
        for (int i = 0; i < words.length; i++) machine.memory().privileged().writeInt(CODE + 4L * i, words[i]);
    }

    private CpuExit.Fault access(long entry, long address) {
        machine.cpu().registers().setX(1, address);
        machine.cpu().registers().setPc(entry);
        return (CpuExit.Fault) machine.cpu().run(0, 0);
    }

    private long load(long address) {
        CpuExit.Fault f = access(CODE, address);
        assertThat(f.kind()).as("load from 0x%x", address).isEqualTo(CpuExit.FaultKind.BREAKPOINT);
        return machine.cpu().registers().x(0);
    }

    @Test
    void twentyThousandOnePageMappingsEachKeepTheirPermissionAndReadZerosWhenMappedAgain() {
        loadAccessors();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            long page = BASE + 2L * i * PAGE;
            machine.memory().map(page, PAGE, i % 3 == 0 ? Prot.READ : Prot.RW);
            machine.memory().privileged().writeLong(page, i + 1);
        }
        for (int i = 0; i < n; i += 997) assertThat(load(BASE + 2L * i * PAGE)).isEqualTo(i + 1);
        CpuExit.Fault readOnly = access(CODE + 8, BASE);
        assertThat(readOnly.kind()).isEqualTo(CpuExit.FaultKind.WRITE_PROT);
        assertThat(readOnly.faultAddress()).isEqualTo(BASE);
        assertThat(readOnly.pc()).isEqualTo(CODE + 8);
        CpuExit.Fault between = access(CODE, BASE + PAGE + 8);
        assertThat(between.kind()).isEqualTo(CpuExit.FaultKind.READ_UNMAPPED);
        assertThat(between.faultAddress()).isEqualTo(BASE + PAGE + 8);
        // Half are unmapped and mapped again: they read zeros; the others keep their data.
        for (int i = 0; i < n; i += 2) machine.memory().unmap(BASE + 2L * i * PAGE, PAGE);
        assertThat(access(CODE, BASE + 2L * 4 * PAGE).kind()).isEqualTo(CpuExit.FaultKind.READ_UNMAPPED);
        for (int i = 0; i < n; i += 2) machine.memory().map(BASE + 2L * i * PAGE, PAGE, Prot.RW);
        for (int i = 0; i < n; i += 499) assertThat(load(BASE + 2L * i * PAGE)).isEqualTo(i % 2 == 0 ? 0 : i + 1);
        // All unmapped (their RAM chunks go back), then one mapped again.
        for (int i = 0; i < n; i++) machine.memory().unmap(BASE + 2L * i * PAGE, PAGE);
        machine.memory().map(BASE + 2L * 7 * PAGE, PAGE, Prot.READ);
        assertThat(load(BASE + 2L * 7 * PAGE)).isZero();
    }

    @Test
    void aThousandProtectionChangesInsideOneMappingAreEachEnforced() {
        loadAccessors();
        int n = 1000;
        machine.memory().map(BASE, n * PAGE, Prot.RW);
        for (int i = 0; i < n; i++) {
            machine.memory().protect(BASE + i * PAGE, PAGE, i % 3 == 0 ? Prot.READ : i % 3 == 1 ? Prot.NONE : Prot.RW);
        }
        for (int i = 0; i < n; i += 37) {
            long page = BASE + i * PAGE;
            machine.cpu().registers().setX(2, i);
            CpuExit.Fault store = access(CODE + 8, page + 16);
            if (i % 3 == 2) {
                assertThat(store.kind()).isEqualTo(CpuExit.FaultKind.BREAKPOINT);
                assertThat(machine.memory().privileged().readLong(page + 16)).isEqualTo(i);
            } else {
                assertThat(store.kind()).as("store to page %d", i).isEqualTo(CpuExit.FaultKind.WRITE_PROT);
                assertThat(store.faultAddress()).isEqualTo(page + 16);
                assertThat(store.pc()).isEqualTo(CODE + 8);
            }
            CpuExit.Fault load = access(CODE, page);
            assertThat(load.kind()).as("load from page %d", i)
                    .isEqualTo(i % 3 == 1 ? CpuExit.FaultKind.READ_PROT : CpuExit.FaultKind.BREAKPOINT);
        }
    }

    @Test
    void anAccessCrossingIntoAnUnmappedPageFaultsAtThePageBoundaryWithNothingDone() {
        loadAccessors();
        machine.memory().map(BASE, PAGE, Prot.RW);
        machine.cpu().registers().setX(7, 7);
        CpuExit.Fault f = access(CODE + 16, BASE + PAGE - 8);
        assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.READ_UNMAPPED);
        assertThat(f.faultAddress()).isEqualTo(BASE + PAGE);
        assertThat(f.pc()).isEqualTo(CODE + 16);
        assertThat(machine.cpu().registers().x(1)).isEqualTo(BASE + PAGE - 8);
    }

    @Test
    void codeThatLosesExecutePermissionFaultsAtTheNextFetchAndRunsItsNewBytesWhenExecutableAgain() {
        long lib = BASE;
        machine.memory().map(CODE, PAGE, Prot.RX);
        machine.memory().privileged().writeInt(CODE, 0xd63f0020);     // blr x1
        machine.memory().privileged().writeInt(CODE + 4, 0xd4200000); // brk #0
        machine.memory().map(lib, PAGE, Prot.RX);
        machine.memory().privileged().writeInt(lib, 0xd28000e0);      // mov x0, #7
        machine.memory().privileged().writeInt(lib + 4, 0xd65f03c0);  // ret
        assertThat(access(CODE, lib).kind()).isEqualTo(CpuExit.FaultKind.BREAKPOINT);
        assertThat(machine.cpu().registers().x(0)).isEqualTo(7);
        machine.memory().protect(lib, PAGE, Prot.RW);
        CpuExit.Fault fetch = access(CODE, lib);
        assertThat(fetch.kind()).isEqualTo(CpuExit.FaultKind.FETCH_PROT);
        assertThat(fetch.faultAddress()).isEqualTo(lib);
        machine.memory().writeInt(lib, 0xd2800100);                   // mov x0, #8
        machine.memory().protect(lib, PAGE, Prot.RX);
        assertThat(access(CODE, lib).kind()).isEqualTo(CpuExit.FaultKind.BREAKPOINT);
        assertThat(machine.cpu().registers().x(0)).isEqualTo(8);
        machine.memory().unmap(lib, PAGE);
        assertThat(access(CODE, lib).kind()).isEqualTo(CpuExit.FaultKind.FETCH_UNMAPPED);
    }

    @Test
    void memoryUnmappedAcrossManyChunksIsGivenBackWhileTheirLivePagesAndCodeKeepTheirBytes() {
        loadAccessors();
        TranslationTables tables = ((Unicorn2Engine) ((UnicornMachine) machine).engine()).translationTables();
        long chunk = 64L << 20, block = 4L << 20;
        // The code's own chunk first: 4 MiB beside the code, touched and unmapped.
        machine.memory().map(CODE + PAGE, block, Prot.RW);
        for (long p = CODE + PAGE; p < CODE + PAGE + block; p += PAGE) machine.memory().privileged().writeLong(p, p);
        machine.memory().unmap(CODE + PAGE, block);
        // Then 4 MiB in each of 40 chunks, all of it written, all but its first page unmapped (156 MiB of stale pages).
        for (int c = 0; c < 40; c++) {
            long base = BASE + c * chunk;
            machine.memory().map(base, block, Prot.RW);
            for (long p = base; p < base + block; p += PAGE) machine.memory().privileged().writeLong(p, p ^ c);
            machine.memory().unmap(base + PAGE, block - PAGE);
        }
        assertThat(tables.stalePages()).isGreaterThan(TranslationTables.STALE_LIMIT);
        // The next run rebuilds chunks first; the code still runs and every kept page still holds its bytes.
        for (int c = 0; c < 40; c++) {
            long base = BASE + c * chunk;
            assertThat(load(base)).as("chunk %d", c).isEqualTo(base ^ c);
            assertThat(tables.stalePages()).isLessThanOrEqualTo(TranslationTables.STALE_LIMIT);
        }
        // A rebuilt chunk's pages mapped again read zeros, and their stores land.
        long again = BASE + 5 * chunk + PAGE;
        machine.memory().map(again, PAGE, Prot.RW);
        assertThat(load(again)).isZero();
        machine.cpu().registers().setX(2, 42);
        assertThat(access(CODE + 8, again).kind()).isEqualTo(CpuExit.FaultKind.BREAKPOINT);
        assertThat(machine.memory().privileged().readLong(again)).isEqualTo(42);
    }
}
