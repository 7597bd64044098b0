package org.mdemu.emulator.cpu;

import java.util.Arrays;
import org.mdemu.guest.machine.Prot;

/**
 * Issue 16's experiment: can Unicorn 2, through the binding mdemu uses, keep page permissions in an EL1 page table
 * (one coarse RAM region, identity-mapped) instead of one engine region per guest mapping? Prints each question's
 * observations and the costs against today's region-per-mapping model, measured in the same invocation.
 *
 * <p>Run after {@code mvn -B -q -pl emulator -am test-compile}: {@code java -cp emulator/target/test-classes:
 * emulator/target/classes:guest-runtime/target/classes:<emulator's test classpath>
 * org.mdemu.emulator.cpu.Unicorn2MmuExperiment functional costs} (add {@code large} for the bigger region sizes).
 * Results and their reading: docs/PERFORMANCE.md, "Page permissions in translation tables".
 */
public final class Unicorn2MmuExperiment {
    static final long CODE = 0x10000, DATA = 0x20000, OTHER = 0x30000, CODE2 = 0x40000;

    public static void main(String[] args) {
        var what = Arrays.asList(args.length == 0 ? new String[] {"functional", "costs"} : args);
        if (what.contains("functional")) functional();
        if (what.contains("costs")) costs(what.contains("large"));
    }

    static void say(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }

    // ---------------------------------------------------------------- questions 1, 2, 3, 5

    static void functional() {
        try (MmuRig r = new MmuRig(true)) {
            say("Q1 engine: Unicorn %s (uc_version of the bundled native)", "2.0.1");
            // EL0 code under the MMU: a load and a store on an RW page, an execute-only code page.
            r.map(CODE, 0x1000, Prot.RX);
            r.map(DATA, 0x1000, Prot.RW);
            r.code(CODE, 0x910004a5, 0xf9000062, 0xf9400020, 0x910004c6, 0xd4200000);
            r.setX(1, DATA);
            r.setX(2, 0x1122334455667788L);
            r.setX(3, DATA + 8);
            r.writeLong(DATA, 42);
            String err = r.run(CODE, 0, 0);
            say("Q1 run at EL0 with SCTLR_EL1.M=1: err=%s intno=%d pc=0x%x x0=%d x5=%d x6=%d mem[DATA+8]=0x%x",
                    err, r.intno, r.intPc, r.x(0), r.x(5), r.x(6), r.readLong(DATA + 8));
            // Is the MMU really on? A page inside the backed RAM chunk but without a PTE must fault.
            r.setX(5, 0);
            r.setX(6, 0);
            r.setX(1, OTHER);
            err = r.run(CODE, 0, 0);
            say("Q1 load from a RAM page with no PTE: err=%s intno=%d pc=0x%x (ldr at 0x%x) x5=%d x6=%d mem[DATA+8] written=%b",
                    err, r.intno, r.pc(), CODE + 8, r.x(5), r.x(6), r.readLong(DATA + 8) == 0x1122334455667788L);
            say("Q2 after the hook swallowed the abort: ESR_EL1=0x%x FAR_EL1=0x%x ELR_EL1=0x%x (fault address 0x%x)",
                    r.uc.reg_read(MmuRig.REG_ESR_EL1), r.uc.reg_read(MmuRig.REG_FAR_EL1),
                    r.uc.reg_read(MmuRig.REG_ELR_EL1), OTHER);
            long[] a = r.restepFaultingAccess(r.pc());
            say("Q2 re-step of the faulting instruction with access hooks: last access %s, intno=%d pc=0x%x",
                    a == null ? "none" : String.format("0x%x size %d %s", a[0], a[1], a[2] == 1 ? "write" : "read"),
                    r.intno, r.pc());
            // A store to a read-only page: permission fault.
            r.map(OTHER, 0x1000, Prot.READ);
            r.writeLong(DATA + 8, 0);
            r.setX(5, 0);
            r.setX(6, 0);
            r.setX(3, OTHER);
            r.setX(1, DATA);
            err = r.run(CODE, 0, 0);
            say("Q2 store to a read-only page: err=%s intno=%d pc=0x%x (str at 0x%x) x5=%d x6=%d", err, r.intno,
                    r.pc(), CODE + 4, r.x(5), r.x(6));
            a = r.restepFaultingAccess(r.pc());
            say("Q2   re-step: last access %s", a == null ? "none"
                    : String.format("0x%x size %d %s", a[0], a[1], a[2] == 1 ? "write" : "read"));
            // An access crossing into an unmapped page: ldp x7, x8, [x1, #8]! with x1 = DATA + 0xff0.
            r.unmap(OTHER, 0x1000);
            r.code(CODE2 - 0x1000 + 0x800, 0xa9c0a027, 0xd4200000);
            r.map(CODE2 - 0x1000, 0x1000, Prot.RX);
            r.code(CODE2 - 0x1000 + 0x800, 0xa9c0a027, 0xd4200000);
            r.setX(1, DATA + 0xff0);
            r.setX(7, 7);
            r.setX(8, 8);
            err = r.run(CODE2 - 0x1000 + 0x800, 0, 0);
            say("Q2 ldp crossing into an unmapped page: err=%s intno=%d pc=0x%x x1=0x%x (unchanged: 0x%x) x7=%d x8=%d",
                    err, r.intno, r.pc(), r.x(1), DATA + 0xff0, r.x(7), r.x(8));
            a = r.restepFaultingAccess(r.pc());
            say("Q2   re-step: last access %s", a == null ? "none"
                    : String.format("0x%x size %d %s", a[0], a[1], a[2] == 1 ? "write" : "read"));
            // Execute from a non-executable page, and from an unmapped one.
            r.map(OTHER, 0x1000, Prot.RW);
            r.code(CODE + 0x100, 0xd61f0020); // br x1
            r.setX(1, OTHER);
            err = r.run(CODE + 0x100, 0, 0);
            say("Q2 branch to an RW page: err=%s intno=%d pc=0x%x memEvent=%d", err, r.intno, r.pc(), r.memEvent);
            r.setX(1, OTHER + 0x1000);
            err = r.run(CODE + 0x100, 0, 0);
            say("Q2 branch to an unmapped page in the RAM chunk: err=%s intno=%d pc=0x%x", err, r.intno, r.pc());
            // Execute-only: the code runs, a data read of it faults.
            r.map(CODE2, 0x1000, Prot.EXEC);
            r.code(CODE2, 0x910004c6, 0xf9400020, 0xd4200000); // add x6; ldr x0, [x1]; brk
            r.setX(6, 0);
            r.setX(1, CODE2);
            err = r.run(CODE2, 0, 0);
            say("Q1 execute-only page: err=%s intno=%d pc=0x%x x6=%d (ran), the ldr of its own page faulted: %b", err,
                    r.intno, r.pc(), r.x(6), r.intno == MmuRig.EXCP_DATA_ABORT && r.pc() == CODE2 + 4);
            // A code-less check without the interrupt hook is not possible: mdemu needs it for svc. What happens to
            // an abort with no hook is shown by a rig variant below.
            say("Q1 PSTATE=0x%x (EL0t = 0x0 in bits 3:2)", r.uc.reg_read(MmuRig.REG_PSTATE));

            // ---- Q3: TLB invalidation ----
            r.code(CODE + 0x200, 0xf9400020, 0xd4200000); // ldr x0, [x1]; brk
            r.writeLong(OTHER, 77);
            r.setX(1, OTHER);
            err = r.run(CODE + 0x200, 0, 0);
            say("Q3 read of a mapped page: x0=%d intno=%d", r.x(0), r.intno);
            r.protectWithoutTlbi(OTHER, 0x1000, Prot.NONE);
            r.setX(0, 0);
            err = r.run(CODE + 0x200, 0, 0);
            say("Q3 PTE cleared, no TLBI: x0=%d intno=%d (stale translation used: %b)", r.x(0), r.intno,
                    r.intno != MmuRig.EXCP_DATA_ABORT);
            r.tlbiPage(OTHER);
            r.setX(0, 0);
            err = r.run(CODE + 0x200, 0, 0);
            say("Q3 after TLBI VAE1IS through CP_REG: x0=%d intno=%d pc=0x%x (faults: %b)", r.x(0), r.intno, r.pc(),
                    r.intno == MmuRig.EXCP_DATA_ABORT);
            r.protect(OTHER, 0x1000, Prot.RW);
            r.code(CODE + 0x300, 0xf9000022, 0xd4200000); // str x2, [x1]; brk
            err = r.run(CODE + 0x300, 0, 0);
            r.protect(OTHER, 0x1000, Prot.READ);
            err = r.run(CODE + 0x300, 0, 0);
            say("Q3 store, mprotect(PROT_READ) + TLBI, store again: intno=%d pc=0x%x (faults: %b)", r.intno, r.pc(),
                    r.intno == MmuRig.EXCP_DATA_ABORT);
            // Inside a run: the svc handler unmaps the page the next instruction reads.
            r.protect(OTHER, 0x1000, Prot.RW);
            r.code(CODE + 0x400, 0xf9400020, 0xd4000001, 0xf9400020, 0x910004c6, 0xd4200000);
            r.onSvc = n -> r.unmap(OTHER, 0x1000);
            r.setX(6, 0);
            err = r.run(CODE + 0x400, 0, 0);
            say("Q3 unmap + TLBI from inside the svc hook, then the same load: intno=%d pc=0x%x (ldr at 0x%x) x6=%d",
                    r.intno, r.pc(), CODE + 0x408, r.x(6));
            // W^X: code that lost PROT_EXEC inside a run (in the svc hook) must fault at the next fetch.
            r.map(OTHER, 0x1000, Prot.RWX);
            r.code(OTHER, 0x910004c6, 0xd4000001, 0x910004c6, 0x910004c6, 0xd4200000);
            r.onSvc = n -> r.protect(OTHER, 0x1000, Prot.RW);
            r.setX(6, 0);
            err = r.run(OTHER, 0, 0);
            say("Q3 PROT_EXEC removed in the svc hook: intno=%d pc=0x%x (next insn 0x%x) x6=%d", r.intno, r.pc(),
                    OTHER + 8, r.x(6));
            r.onSvc = n -> {};
            r.protect(OTHER, 0x1000, Prot.RWX);
            r.setX(6, 0);
            err = r.run(OTHER, 0, 0);
            say("Q3 PROT_EXEC back: intno=%d pc=0x%x x6=%d", r.intno, r.pc(), r.x(6));
            // Loop that runs a chained block inside one page, then the page loses PROT_EXEC from another host
            // thread is not a case mdemu has (protections change only in traps), so it is not tried.

            // ---- Q5: host accesses ----
            r.map(OTHER, 0x1000, Prot.RW);
            r.writeLong(OTHER + 16, 0x5555);
            r.code(CODE + 0x500, 0xf9400020, 0xd4200000);
            r.setX(1, OTHER + 16);
            r.run(CODE + 0x500, 0, 0);
            say("Q5 host write, guest read through the identity mapping: x0=0x%x", r.x(0));
            r.unmap(OTHER, 0x1000);
            r.map(OTHER, 0x1000, Prot.RW);
            r.setX(0, -1);
            r.run(CODE + 0x500, 0, 0);
            say("Q5 unmap + map again: the guest reads %d (a fresh mapping must read 0)", r.x(0));
        }
        // With no interrupt hook at all (not mdemu's configuration): is the abort taken to VBAR_EL1?
        noHookVariant();
    }

    /** The abort with no interrupt hook installed: what the engine does and whether FAR_EL1 gets set. */
    static void noHookVariant() {
        try (MmuRig r = MmuRig.withoutInterruptHook()) {
            r.map(CODE, 0x1000, Prot.RX);
            r.code(CODE, 0xf9400020, 0xd4200000);
            r.uc.reg_write(MmuRig.REG_VBAR_EL1, 0x80000);
            r.setX(1, OTHER);
            String err = r.run(CODE, 0, 0);
            say("Q2 no interrupt hook: err=%s pc=0x%x ESR_EL1=0x%x FAR_EL1=0x%x ELR_EL1=0x%x PSTATE=0x%x", err, r.pc(),
                    r.uc.reg_read(MmuRig.REG_ESR_EL1), r.uc.reg_read(MmuRig.REG_FAR_EL1),
                    r.uc.reg_read(MmuRig.REG_ELR_EL1), r.uc.reg_read(MmuRig.REG_PSTATE));
        }
    }

    // ---------------------------------------------------------------- question 4

    static final long MAPS_BASE = 0x10_0000_0000L;

    static void costs(boolean large) {
        say("Q4 memory-map costs (engine alone; 'regions' = today's one region per mapping, 'mmu' = PTEs + TLBI)");
        for (int n : large ? new int[] {1000, 2000} : new int[] {500, 1000}) onePageMaps(false, n);
        for (int n : large ? new int[] {1000, 2000, 20000, 100000} : new int[] {1000, 2000, 20000}) onePageMaps(true, n);
        for (int n : large ? new int[] {250, 500} : new int[] {100, 250}) protectionSplits(false, n);
        for (int n : new int[] {1000, 10000}) protectionSplits(true, n);
        for (int n : large ? new int[] {250, 500} : new int[] {100, 250}) threadStacks(false, n);
        for (int n : large ? new int[] {800, 2000, 8000} : new int[] {800, 2000}) threadStacks(true, n);
        say("Q4 guest speed, MMU off (regions) vs on, same hooks as mdemu (interrupt + six memory-fault hooks)");
        for (int round = 0; round < 2; round++) {
            for (boolean mmu : new boolean[] {false, true}) guestSpeed(mmu);
        }
        say("Q5 resident memory of coarse RAM chunks");
        rss();
    }

    /** n one-page mappings (a page apart), a host write into each, then n unmaps. */
    static void onePageMaps(boolean mmu, int n) {
        try (MmuRig r = new MmuRig(mmu)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long va = MAPS_BASE + 2L * i * MmuRig.PAGE;
                r.map(va, MmuRig.PAGE, Prot.RW);
                r.writeLong(va, i);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) r.unmap(MAPS_BASE + 2L * i * MmuRig.PAGE, MmuRig.PAGE);
            long t2 = System.nanoTime();
            say("  %-7s %6d one-page maps+write: %8.1f ms, unmaps: %8.1f ms%s", mmu ? "mmu" : "regions", n,
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, mmu ? String.format(" (RAM chunks %d, page tables %d KiB)",
                    r.ramChunks(), r.pageTableBytes() >> 10) : "");
        }
    }

    /** One mapping of n pages whose protection is then changed page by page (every other page read-only). */
    static void protectionSplits(boolean mmu, int n) {
        try (MmuRig r = new MmuRig(mmu)) {
            r.map(MAPS_BASE, n * MmuRig.PAGE, Prot.RW);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i += 2) r.protect(MAPS_BASE + i * MmuRig.PAGE, MmuRig.PAGE, Prot.READ);
            for (int i = 1; i < n; i += 2) r.protect(MAPS_BASE + i * MmuRig.PAGE, MmuRig.PAGE, Prot.NONE);
            long t1 = System.nanoTime();
            say("  %-7s %6d protection changes inside one %d-page mapping: %8.1f ms", mmu ? "mmu" : "regions", n, n,
                    (t1 - t0) / 1e6);
        }
    }

    /** n thread-like mappings: 1 MiB stack + a 4 KiB guard page protected PROT_NONE, as pthread_create does. */
    static void threadStacks(boolean mmu, int n) {
        long stack = 1L << 20, span = stack + MmuRig.PAGE;
        try (MmuRig r = new MmuRig(mmu)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long va = MAPS_BASE + i * (span + MmuRig.PAGE);
                r.map(va, span, Prot.RW);
                r.protect(va, MmuRig.PAGE, Prot.NONE);
                r.writeLong(va + span - 8, i);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) r.unmap(MAPS_BASE + i * (span + MmuRig.PAGE), span);
            long t2 = System.nanoTime();
            say("  %-7s %6d stacks (1 MiB + guard): create %8.1f ms, unmap %8.1f ms", mmu ? "mmu" : "regions", n,
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
    }

    static void guestSpeed(boolean mmu) {
        try (MmuRig r = new MmuRig(mmu)) {
            long src = MAPS_BASE, dst = MAPS_BASE + 0x20000;
            r.map(CODE, 0x1000, Prot.RX);
            r.map(src, 0x10000, Prot.RW);
            r.map(dst, 0x10000, Prot.RW);
            // memcpy loop: x11 src, x12 dst, x13 64-byte blocks per copy, x4 copies.
            r.code(CODE, 0xaa0b03e1, 0xaa0c03e2, 0xaa0d03e3, 0xacc10420, 0xacc10c22, 0xac810440, 0xac810c42,
                    0xf1000463, 0x54ffff61, 0xf1000484, 0x54fffec1, 0xd4200000);
            r.setX(11, src);
            r.setX(12, dst);
            r.setX(13, 1024);
            r.setX(4, 2000);
            long t0 = System.nanoTime();
            r.run(CODE, 0, 0);
            long t1 = System.nanoTime();
            check(r, "memcpy 64 KiB");
            double mbs = 2000.0 * 65536 / ((t1 - t0) / 1e9) / 1e6;
            r.setX(13, 1);
            r.setX(4, 2_000_000);
            t0 = System.nanoTime();
            r.run(CODE, 0, 0);
            t1 = System.nanoTime();
            check(r, "memcpy 64 B");
            double ns64 = (t1 - t0) / 2e6;
            // loads only
            r.code(CODE + 0x100, 0xf9400020, 0xf9400422, 0xf1000484, 0x54ffffa1, 0xd4200000);
            r.setX(1, src);
            r.setX(4, 10_000_000);
            t0 = System.nanoTime();
            r.run(CODE + 0x100, 0, 0);
            t1 = System.nanoTime();
            check(r, "loads");
            double nsLoad = (t1 - t0) / 2e7;
            // svc round trips through the interrupt hook
            r.code(CODE + 0x200, 0xd4000001, 0xf1000484, 0x54ffffc1, 0xd4200000);
            r.setX(4, 200_000);
            t0 = System.nanoTime();
            r.run(CODE + 0x200, 0, 0);
            t1 = System.nanoTime();
            check(r, "svc");
            double nsSvc = (t1 - t0) / 2e5;
            say("  %-7s memcpy 64 KiB %7.1f MB/s | memcpy 64 B %7.1f ns/call | load %6.2f ns | svc %7.1f ns (%d svcs)",
                    mmu ? "mmu" : "regions", mbs, ns64, nsLoad, nsSvc, r.svcCount);
        }
    }

    private static void check(MmuRig r, String what) {
        if (r.intno != MmuRig.EXCP_BKPT) throw new IllegalStateException(what + ": ended with intno " + r.intno + " at 0x" + Long.toHexString(r.pc()));
    }

    static void rss() {
        for (long gib : new long[] {1, 16, 64, 256}) {
            try (MmuRig r = new MmuRig(true, 64L << 20, true)) {
                long before = vmRssKib();
                long t0 = System.nanoTime();
                try {
                    r.uc.mem_map(0x100_0000_0000L, gib << 30, unicorn.UnicornConst.UC_PROT_ALL);
                } catch (unicorn.UnicornException e) {
                    say("  %4d GiB chunk: mem_map failed: %s", gib, e.getMessage());
                    continue;
                }
                long t1 = System.nanoTime();
                long mapped = vmRssKib();
                for (long p = 0; p < 1000; p++) r.writeLong(0x100_0000_0000L + p * ((gib << 30) / 1000 & ~4095L), p);
                long touched = vmRssKib();
                say("  %4d GiB chunk: mem_map %6.1f ms, RSS +%d KiB after the map, +%d KiB after writing 1000 scattered pages",
                        gib, (t1 - t0) / 1e6, mapped - before, touched - before);
            }
        }
    }

    static long vmRssKib() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return -1;
    }
}
