package org.mdemu.emulator.a64;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicLong;
import org.mdemu.guest.machine.DirectTrap;

/**
 * Compiles hot guest code to JVM bytecode. Contract with {@link JavaCpu}'s loop: {@link #run} executes translated
 * code from s.pc for at most budget instructions (budget >= 1) and returns how many completed (s.pc is then the next
 * instruction), never executing the instruction at stopAddress, or -1 when there is no translation to run there (the
 * loop interprets); it runs several regions in a row (chaining) when one leaves to another's entry. Translated code
 * serves an SVC through the state's {@link Traps} and goes on after it (see {@link #serveInRegion}); without Traps,
 * or when they decline, it returns after the SVC with s.event set and s.pc past it. It returns soon after
 * s.stopRequested becomes true (at the latest at the next backward branch, region exit or served SVC), always between
 * two instructions. Faults leave the state exactly as after the last
 * completed instruction, with s.pc at the faulting one. Translations of a page are dropped before a store
 * reaches it ({@link PagedMemory.CodeWatcher}).
 *
 * <p>An entry pc becomes hot after {@code -Dmdemu.java.hot=N} misses (default {@value #DEFAULT_HOT}); then
 * {@link RegionBuilder} picks its instructions and {@link RegionCompiler} makes one hidden class of them (collected
 * once the {@link TranslationCache} drops it). {@code -Dmdemu.java.translate=false} turns translation off.
 */
final class Translator {
    /**
     * Misses at a pc before it is translated. A region costs about 0.5 ms to translate (a 60-instruction region, thread
     * CPU time) and saves about 9 ns an instruction (interpreted ~9 ns, translated ~0.4 ns): worth it past some 50 000
     * instructions run in it. Waiting for 500 passes (10 000 to 50 000 instructions of a 20- to 100-instruction loop)
     * spends the same order of time interpreting: rent until you have paid about the price of buying.
     */
    static final int DEFAULT_HOT = 500;
    /** Instructions a region holds at most; fewer when the bytecode would pass {@link #MAX_CLASS_BYTES}. */
    static final int MAX_INSTRUCTIONS = 256;
    /** HotSpot does not JIT-compile methods above 8000 bytes of bytecode: the class file stays below. */
    static final int MAX_CLASS_BYTES = 7900;
    static final int MAX_REGIONS = Integer.getInteger("mdemu.java.regions", 2048);
    /**
     * Regions one {@link #run} runs back to back at most before returning to {@link JavaCpu}'s loop, which then sees
     * what it checks between instructions and the translator does not (a breakpoint set meanwhile, a closed machine).
     */
    static final int MAX_CHAIN = 64;
    /** {@code -Dmdemu.java.links=false}: regions never enter the next region themselves (see {@link #link}). */
    static final boolean LINKS = !"false".equals(System.getProperty("mdemu.java.links"));

    /** Tests set this to translate at once (0/1) or never (Integer.MAX_VALUE); -1: the system properties decide. */
    static volatile int hotThresholdForTests = -1;

    /**
     * The translated classes of the whole JVM by their bytes. A region's class is a pure function of its bytes (guest
     * addresses and words are constants in it; the state, memory and region come in as arguments), so machines
     * running the same code (every run of a payload, forked processes, threads' own translators) share one class and
     * HotSpot compiles it once: without this every new machine runs its regions interpreted and C1-profiled again
     * until C2 has recompiled them, which for a 100 ms burst of guest code is most of the time. Bounded, least
     * recently translated out first; a class leaves memory once no cache or region holds it.
     */
    static final class SharedCode {
        private static final int MAX = Integer.getInteger("mdemu.java.sharedRegions", MAX_REGIONS);
        private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

        private record Key(byte[] bytes, int hash) {
            Key(byte[] bytes) {
                this(bytes, java.util.Arrays.hashCode(bytes));
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && k.hash == hash && java.util.Arrays.equals(k.bytes, bytes);
            }

            @Override
            public int hashCode() {
                return hash;
            }
        }

        private static final java.util.Map<Key, TranslatedRegion.Code> CODE =
                new java.util.LinkedHashMap<>(256, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(java.util.Map.Entry<Key, TranslatedRegion.Code> eldest) {
                        return size() > MAX;
                    }
                };

        /** Forgets every shared class (each stays while a region holds it). */
        static void clear() {
            synchronized (CODE) {
                CODE.clear();
            }
        }

        static TranslatedRegion.Code codeOf(byte[] bytes, long pc) {
            Key key = new Key(bytes);
            synchronized (CODE) {
                TranslatedRegion.Code code = CODE.get(key);
                if (code != null) return code;
            }
            TranslatedRegion.Code code;
            try {
                MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(bytes, true);
                code = (TranslatedRegion.Code) hidden.findConstructor(hidden.lookupClass(),
                        MethodType.methodType(void.class)).invoke();
            } catch (Throwable e) {
                throw new IllegalStateException(String.format("translation of 0x%x failed", pc), e);
            }
            synchronized (CODE) {
                TranslatedRegion.Code other = CODE.putIfAbsent(key, code);
                return other != null ? other : code;
            }
        }
    }

    /** A core's trap handler as translated code calls it (see {@link CpuState#traps}). */
    interface Traps {
        /**
         * Serves the SVC just completed (s.event set, s.pc past it) as the CPU's loop would, and returns whether
         * translated code may go on from s.pc; false with s.event still set when the loop must serve it instead.
         */
        boolean serve(CpuState s);

        /** The trap handler's {@link DirectTrap} for the SVC at this address (asked when a region is compiled), or null. */
        default DirectTrap direct(long svcAddress) {
            return null;
        }

        /** Who offered the direct traps now ({@link #direct}): the core's trap handler. */
        default Object directOwner() {
            return null;
        }

        /**
         * Whether translated code may serve a trap directly now and go on after it without the CPU's loop (checked
         * before and after each direct trap), the trap having been offered by owner; false: the general path
         * ({@link #serve}).
         */
        default boolean directAllowed(Object owner) {
            return false;
        }

        /** What the CPU's run throws for t, an exception of a direct trap's function the trap did not handle. */
        default RuntimeException failure(Throwable t) {
            return t instanceof RuntimeException r ? r : new IllegalStateException("trap handler failed: " + t, t);
        }
    }

    /**
     * Called by translated code at an SVC it completed, with s.pc past it, s.event set and every register in the state:
     * whether the core's Traps served it and the code may go on at next (the handler left pc there and asked no stop).
     * Exceptions of the handler come out as they are, past the region's fault handling.
     */
    static boolean serveInRegion(CpuState s, long next) {
        Traps traps = s.traps;
        return traps != null && traps.serve(s) && s.pc == next && !s.stopRequested;
    }

    /**
     * Called by translated code at SVC number k of region self (in the region's order) that it completed, with every
     * register in the state: the trap begun as a {@link DirectTrap} (s.pc at next, the exclusive monitor cleared, as
     * the loop serves an SVC), whose function the code then calls itself and ends with {@link #directLeave} or
     * {@link #directFailed}; or null, nothing done: the code takes the general path ({@link #serveInRegion}).
     */
    static DirectTrap directEnter(CpuState s, TranslatedRegion self, int k, long next) {
        DirectTrap[] directs = self.directs;
        Traps traps = s.traps;
        if (directs == null || traps == null) return null;
        DirectTrap d = directs[k];
        if (d == null || !traps.directAllowed(self.directsOwner)) return null;
        s.pc = next;
        s.exclusiveAddress = -1;
        return d.enter() ? d : null;
    }

    /** The direct trap's function returned: whether the code may go on at next, as {@link #serveInRegion} answers. */
    static boolean directLeave(CpuState s, DirectTrap d, long next, TranslatedRegion self) {
        d.leave();
        return directGoesOn(s, next, self);
    }

    /**
     * The direct trap's function threw t: whether the code may go on at next when the trap handled t, else t out of
     * the CPU's run as the general path throws it.
     */
    static boolean directFailed(Throwable t, CpuState s, DirectTrap d, long next, TranslatedRegion self) {
        if (d.failed(t)) return directGoesOn(s, next, self);
        Traps traps = s.traps;
        throw traps != null ? traps.failure(t) : new IllegalStateException("trap handler failed: " + t, t);
    }

    private static boolean directGoesOn(CpuState s, long next, TranslatedRegion self) {
        Traps traps = s.traps;
        return s.pc == next && !s.stopRequested && traps != null && traps.directAllowed(self.directsOwner);
    }

    private final PagedMemory memory;
    private final boolean enabled;
    private final EntryHeat heat;
    private final TranslationCache cache;

    /** Statistics of every translator in the JVM (tests and benchmarks read them). */
    static final class Stats {
        final AtomicLong regions = new AtomicLong(), nanos = new AtomicLong(), classBytes = new AtomicLong(),
                instructions = new AtomicLong(), fallbacks = new AtomicLong();
    }

    static final Stats STATS = new Stats();

    Translator(PagedMemory memory) {
        this.memory = memory;
        int threshold = hotThresholdForTests;
        if (threshold < 0) threshold = Integer.getInteger("mdemu.java.hot", DEFAULT_HOT);
        this.enabled = !"false".equals(System.getProperty("mdemu.java.translate")) && threshold != Integer.MAX_VALUE;
        this.heat = new EntryHeat(threshold);
        this.cache = new TranslationCache(memory, MAX_REGIONS);
        if (enabled) memory.setCodeWatcher(cache);
    }

    TranslationCache cache() {
        return cache;
    }

    long run(CpuState s, long budget, long stopAddress) {
        if (!enabled) return -1;
        long pc = s.pc;
        TranslatedRegion r = cache.lookupFast(pc);
        if (r == null || r.invalid || r.covers(stopAddress)) {
            if (!heat.hot(pc)) return -1;
            r = cache.lookup(pc);
            if (r == null || r.covers(stopAddress)) r = translate(pc, stopAddress, s.traps);
            if (r == null) return -1;
        }
        if (budget < r.minBudget) return -1;
        TranslatedRegion from = s.exitRegion;
        if (from != null) from.links[s.exitSlot] = r;
        s.exitRegion = null;
        s.stopAddress = stopAddress;
        s.linkDepth = MAX_CHAIN - 1;
        long done = r.code.run(s, budget, r);
        // Chaining: a region that left to the entry of another, with nothing for the CPU's loop to do there (no event,
        // no stop request, not the stop address, budget enough), runs that one at once, up to MAX_CHAIN in a row
        // (counting those the regions entered themselves, see link), and becomes the link of the exit it was left by.
        while (s.linkDepth > 0 && s.event == 0 && !s.stopRequested) {
            pc = s.pc;
            if (pc == stopAddress) break;
            r = cache.lookupFast(pc);
            if (r == null || r.invalid || r.covers(stopAddress) || budget - done < r.minBudget) break;
            from = s.exitRegion;
            if (from != null) from.links[s.exitSlot] = r;
            s.exitRegion = null;
            s.linkDepth--;
            done += r.code.run(s, budget - done, r);
        }
        return done;
    }

    /** The direct traps of the plan's SVCs in order, or null when it has none. */
    private static DirectTrap[] directs(RegionBuilder.Plan plan, Traps traps) {
        if (traps == null) return null;
        DirectTrap[] found = null;
        int k = 0;
        for (int i = 0; i < plan.count; i++) {
            if (plan.shape[i] != RegionBuilder.SVC) continue;
            DirectTrap d = traps.direct(plan.pc(i));
            if (d != null) {
                if (found == null) found = new DirectTrap[plan.count];
                found[k] = d;
            }
            k++;
        }
        return found;
    }

    /**
     * Called by translated code leaving region self by exit slot (registers and pc in the state): the region that
     * exit enters next, which the code then runs itself (chaining's conditions: no event, no stop request, not at the
     * stop address, budget enough, and MAX_CHAIN regions a run), or null: it returns, and the translator's loop will
     * make the region found at pc the exit's link.
     */
    static TranslatedRegion link(CpuState s, TranslatedRegion self, int slot, long budgetLeft) {
        TranslatedRegion next = self.links[slot];
        if (LINKS && next != null && next.entry == s.pc && !next.invalid && s.linkDepth > 0 && s.event == 0 && !s.stopRequested
                && !next.covers(s.stopAddress) && budgetLeft >= next.minBudget) {
            s.linkDepth--;
            return next;
        }
        s.exitRegion = self;
        s.exitSlot = slot;
        return null;
    }

    /** A new region entered at pc, ending before stopAddress; null if nothing there can be translated. */
    TranslatedRegion translate(long pc, long stopAddress) {
        return translate(pc, stopAddress, null);
    }

    /** The same, its SVCs served through the direct traps the core's traps offer (see {@link #directEnter}). */
    TranslatedRegion translate(long pc, long stopAddress, Traps traps) {
        long t0 = System.nanoTime();
        int max = MAX_INSTRUCTIONS;
        while (true) {
            RegionBuilder.Plan plan = RegionBuilder.build(memory, pc, stopAddress, max);
            if (plan == null) return null;
            RegionCompiler.Compiled compiled;
            try {
                compiled = RegionCompiler.compiled(plan);
            } catch (org.objectweb.asm.MethodTooLargeException e) {
                compiled = null; // past the JVM's 64 KiB of bytecode a method: cut the region as for a large class
            }
            byte[] bytes = compiled == null ? null : compiled.bytes();
            if ((bytes == null || bytes.length > MAX_CLASS_BYTES) && plan.count > 1) {
                max = Math.max(1, plan.count * 2 / 3);
                continue;
            }
            if (bytes == null) return null;
            TranslatedRegion region = new TranslatedRegion(pc, plan.end(), plan.longestRun[0], plan.count, bytes.length);
            region.code = SharedCode.codeOf(bytes, pc);
            region.links = new TranslatedRegion[compiled.exitSlots()];
            Object owner = traps != null ? traps.directOwner() : null;
            region.directs = directs(plan, traps);
            if (region.directs != null) region.directsOwner = owner;
            cache.add(region);
            STATS.regions.incrementAndGet();
            STATS.classBytes.addAndGet(bytes.length);
            STATS.instructions.addAndGet(plan.count);
            STATS.fallbacks.addAndGet(compiled.fallbacks());
            STATS.nanos.addAndGet(System.nanoTime() - t0);
            return region;
        }
    }
}
