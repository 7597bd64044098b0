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
        ThreadMapping.Shape shape = new ThreadMapping.Shape(0x1000, 0x100000, 0x1000);
        cache.release(mm, new ThreadMapping(0x100000, shape));
        assertThat(cache.take(new ThreadMapping.Shape(0, 0x101000, 0x1000))).isZero();
        assertThat(cache.take(new ThreadMapping.Shape(0x1000, 0x100000, 0x2000))).isZero();
        assertThat(cache.take(new ThreadMapping.Shape(0x1000, 0x200000, 0x1000))).isZero();
        assertThat(cache.take(shape)).isEqualTo(0x100000);
        assertThat(cache.take(shape)).isZero();
        assertThat(unmapped).isEmpty();
    }

    @Test
    void regionsBeyondTheLimitAreUnmapped() {
        ThreadAreaCache cache = new ThreadAreaCache();
        ThreadMapping.Shape shape = new ThreadMapping.Shape(0x1000, (1L << 20) - 0x3000, 0x1000);
        long size = shape.size();
        long count = ThreadAreaCache.LIMIT / size;
        for (long i = 0; i < count + 2; i++) cache.release(mm, new ThreadMapping(0x10000000L + i * size, shape));
        assertThat(unmapped).containsExactly(0x10000000L + count * size, 0x10000000L + (count + 1) * size);
        cache.take(shape);
        cache.release(mm, new ThreadMapping(0x7000000L, shape));
        assertThat(unmapped).hasSize(2);
    }
}
