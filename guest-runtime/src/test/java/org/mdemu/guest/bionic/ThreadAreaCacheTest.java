package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.MemoryManager;

class ThreadAreaCacheTest {
    private final List<Long> unmapped = new ArrayList<>();
    private final MemoryManager mm = (MemoryManager) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {MemoryManager.class}, (proxy, method, args) -> {
                if (!method.getName().equals("munmap")) throw new AssertionError("unexpected " + method.getName());
                unmapped.add((Long) args[0]);
                return 0L;
            });

    @Test
    void anEndedThreadsRegionIsHandedToTheNextThreadOfTheSameShapeOnly() {
        ThreadAreaCache cache = new ThreadAreaCache();
        cache.release(mm, 0x100000, 0x101000, 0x1000);
        assertThat(cache.take(0x101000, 0)).isZero();
        assertThat(cache.take(0x201000, 0x1000)).isZero();
        assertThat(cache.take(0x101000, 0x1000)).isEqualTo(0x100000);
        assertThat(cache.take(0x101000, 0x1000)).isZero();
        assertThat(unmapped).isEmpty();
    }

    @Test
    void regionsBeyondTheLimitAreUnmapped() {
        ThreadAreaCache cache = new ThreadAreaCache();
        long size = 1L << 20;
        long count = ThreadAreaCache.LIMIT / size;
        for (long i = 0; i < count + 2; i++) cache.release(mm, 0x10000000L + i * size, size, 0);
        assertThat(unmapped).containsExactly(0x10000000L + count * size, 0x10000000L + (count + 1) * size);
        cache.take(size, 0);
        cache.release(mm, 0x7000000L, size, 0);
        assertThat(unmapped).hasSize(2);
    }
}
