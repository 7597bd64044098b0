package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.Prot;

/** The translation cache: bounded, dropping regions by page, leaving dropped translations collectable. */
class TranslationCacheTest {
    private static final long CODE = 0x40000;

    private static PagedMemory memory() {
        PagedMemory m = new PagedMemory();
        m.map(CODE, 0x4000, Prot.RWX);
        return m;
    }

    private static TranslatedRegion region(long entry, long end) {
        return new TranslatedRegion(entry, end, 1, (int) ((end - entry) / 4), 0);
    }

    @Test
    void pastItsBoundTheCacheIsDroppedWhole() {
        TranslationCache cache = new TranslationCache(memory(), 3);
        TranslatedRegion[] r = new TranslatedRegion[4];
        for (int i = 0; i < 4; i++) {
            r[i] = region(CODE + 16L * i, CODE + 16L * i + 8);
            cache.add(r[i]);
        }
        assertThat(cache.flushes()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(r[0].invalid).isTrue();
        assertThat(r[2].invalid).isTrue();
        assertThat(r[3].invalid).isFalse();
        assertThat(cache.lookupFast(r[0].entry)).isNull();
        assertThat(cache.lookupFast(r[3].entry)).isSameAs(r[3]);
    }

    @Test
    void aWriteDropsEveryRegionOfItsPageAndUnmarksPagesLeftWithout() {
        PagedMemory memory = memory();
        TranslationCache cache = new TranslationCache(memory, 100);
        memory.setCodeWatcher(cache);
        TranslatedRegion spanning = region(CODE + 0xff0, CODE + 0x1010); // pages 0 and 1
        TranslatedRegion first = region(CODE, CODE + 8);
        TranslatedRegion third = region(CODE + 0x2000, CODE + 0x2008);
        cache.add(spanning);
        cache.add(first);
        cache.add(third);
        memory.store32(CODE + 0x1800, 0); // page 1
        assertThat(spanning.invalid).isTrue();
        assertThat(first.invalid).isFalse();
        assertThat(memory.page(CODE + 0x1000).holdsCode).isFalse();
        assertThat(memory.page(CODE).holdsCode).isTrue();
        assertThat(cache.lookup(CODE + 0xff0)).isNull();
        assertThat(cache.lookup(CODE)).isSameAs(first);
        memory.protect(CODE, 0x1000, Prot.RW);
        assertThat(first.invalid).isTrue();
        assertThat(third.invalid).isFalse();
        memory.unmap(CODE + 0x2000, 0x1000);
        assertThat(third.invalid).isTrue();
        assertThat(cache.size()).isZero();
    }

    @Test
    void droppedTranslationsAreCollected() throws Exception {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = 1;
        WeakReference<Class<?>> code;
        PagedMemory memory = memory();
        try {
            memory.privileged().write(CODE, A64Rig.bytes(new int[] {0x91000400, 0x14000000})); // add; b .
            Translator translator = new Translator(memory);
            TranslatedRegion r = translator.translate(CODE, -1);
            code = new WeakReference<>(r.code.getClass());
            assertThat(code.get().isHidden()).isTrue();
            translator.cache().flush();
            Translator.SharedCode.clear(); // the JVM-wide classes keep a region's class for other machines until cleared
            r = null;
        } finally {
            Translator.hotThresholdForTests = saved;
        }
        for (int i = 0; i < 50 && code.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(code.get()).as("the dropped region's hidden class").isNull();
    }

    @Test
    void machinesRunningTheSameCodeShareOneClass() {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = 1;
        try {
            TranslatedRegion.Code[] codes = new TranslatedRegion.Code[3];
            for (int i = 0; i < 3; i++) {
                PagedMemory memory = memory();
                int add = i < 2 ? 0x91000400 : 0x91000800; // add x0, x0, #1 twice, then add x0, x0, #2
                memory.privileged().write(CODE, A64Rig.bytes(new int[] {add, 0x14000000})); // add; b .
                codes[i] = new Translator(memory).translate(CODE, -1).code;
            }
            assertThat(codes[1]).isSameAs(codes[0]);
            assertThat(codes[2].getClass()).isNotSameAs(codes[0].getClass());
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }

    @Test
    void machinesTranslatingTheSameWordsAtTheSameEntryCompileThemOnce() {
        int[] loop = {0x91000400, 0xf1000421, 0x54ffffc1, 0x14000000}; // add x0, x0, #1; subs x1, x1, #1; b.ne; b .
        RegionCompiler.Compiled[] compiled = new RegionCompiler.Compiled[4];
        for (int i = 0; i < 4; i++) {
            PagedMemory memory = memory();
            int[] words = loop.clone();
            if (i == 2) words[0] = 0x91000800; // add x0, x0, #2: other words at the same entry (rewritten code)
            memory.privileged().write(CODE, A64Rig.bytes(words));
            long entry = i == 3 ? CODE + 4 : CODE; // the same words, entered one instruction later
            compiled[i] = RegionCompiler.compiled(RegionBuilder.build(memory, entry, -1, Translator.MAX_INSTRUCTIONS));
        }
        assertThat(compiled[1]).isSameAs(compiled[0]);
        assertThat(compiled[2]).isNotSameAs(compiled[0]);
        assertThat(compiled[2].bytes()).isNotEqualTo(compiled[0].bytes());
        assertThat(compiled[3]).isNotSameAs(compiled[0]);
        RegionCompiler fresh = new RegionCompiler(RegionBuilder.plan(CODE, loop, loop.length));
        assertThat(compiled[0].bytes()).isEqualTo(fresh.compile());
        assertThat(compiled[0].exitSlots()).isEqualTo(fresh.exitSlots);
        assertThat(compiled[0].fallbacks()).isEqualTo(fresh.fallbacks);
    }

    @Test
    void aClassTooLargeForTheTranslatorIsKeptAsTooLargeWithoutItsBytes() {
        int[] words = new int[Translator.MAX_INSTRUCTIONS];
        java.util.Arrays.fill(words, 0xad7f0181); // ldp q1, q0, [x12, #-32]
        RegionBuilder.Plan plan = RegionBuilder.plan(CODE, words, words.length);
        RegionCompiler.Compiled first = RegionCompiler.compiled(plan);
        assertThat(first.bytes().length).isGreaterThan(Translator.MAX_CLASS_BYTES);
        assertThat(RegionCompiler.compiled(plan)).isSameAs(RegionCompiler.TOO_LARGE);
    }
}
