package org.mdemu.tests.aidl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mdemu.tests.aidl.FooContract.point;

import android.os.Binder;
import android.os.IBinder;
import android.os.ParcelFileDescriptor;
import android.os.PersistableBundle;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.test.Point;
import org.mdemu.test.shelf.IShelf;

/**
 * What the Java backend generates beyond the NDK backend of Android 10's aidl, generated Java on both sides over an
 * RPC binder session: typed lists (in and out), nullable parcelables, inout arrays, bundles, binder lists, and file
 * descriptors, which RPC binder cannot carry (the call fails saying so, as on a device).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaShelfTest {
    private final JavaFooTest.LoopbackRpc rpc = new JavaFooTest.LoopbackRpc();
    private final CountDownLatch dropped = new CountDownLatch(2);
    private final List<Point> drops = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicReference<ParcelFileDescriptor> stored = new AtomicReference<>();
    private IShelf shelf;

    @BeforeAll
    void serve() throws Exception {
        shelf = IShelf.Stub.asInterface(rpc.serve(new IShelf.Stub() {
            @Override
            public List<Point> sortByX(List<Point> points) {
                List<Point> r = new ArrayList<>(points);
                r.sort(Comparator.comparingInt(p -> p.x));
                return r;
            }

            @Override
            public List<String> upper(List<String> words) {
                return words.stream().map(String::toUpperCase).toList();
            }

            @Override
            public void split(List<Point> points, List<Point> left, List<Point> right) {
                for (Point p : points) (p.x < 0 ? left : right).add(p);
            }

            @Override
            public Point nearest(Point p) {
                return p == null ? null : point(Math.round(p.x / 10f) * 10, Math.round(p.y / 10f) * 10, p.label);
            }

            @Override
            public void swap(int[] pair) {
                int t = pair[0];
                pair[0] = pair[1];
                pair[1] = t;
            }

            @Override
            public PersistableBundle annotate(PersistableBundle b) {
                PersistableBundle r = b.deepCopy();
                r.putInt("size", b.size());
                return r;
            }

            @Override
            public IBinder echoBinder(IBinder b) {
                return b;
            }

            @Override
            public List<IBinder> binders(List<IBinder> list) {
                return list;
            }

            @Override
            public void store(ParcelFileDescriptor fd) {
                stored.set(fd);
            }

            @Override
            public void drop(Point p) {
                drops.add(p == null ? point(-1, -1, "null") : p);
                dropped.countDown();
            }
        }));
    }

    @AfterAll
    void stop() throws Exception {
        rpc.close();
    }

    @Test
    void typedListsGoInAndComeBackAsListsAndOutListsAreFilled() throws Exception {
        List<Point> sorted = shelf.sortByX(List.of(point(3, 0, "c"), point(-1, 0, "a"), point(2, 0, "b")));
        assertThat(sorted).extracting(p -> p.label).containsExactly("a", "b", "c");
        assertThat(shelf.upper(List.of("ab", "\u00e9t\u00e9"))).containsExactly("AB", "\u00c9T\u00c9");
        List<Point> left = new ArrayList<>(List.of(point(99, 99, "old")));
        List<Point> right = new ArrayList<>();
        shelf.split(List.of(point(-5, 0, "l1"), point(5, 0, "r1"), point(-6, 0, "l2")), left, right);
        assertThat(left).extracting(p -> p.label).containsExactly("l1", "l2");
        assertThat(right).extracting(p -> p.label).containsExactly("r1");
    }

    @Test
    void nullableParcelablesAndInoutArrays() throws Exception {
        assertThat(shelf.nearest(null)).isNull();
        Point n = shelf.nearest(point(14, 26, "p"));
        assertThat(n.x).isEqualTo(10);
        assertThat(n.y).isEqualTo(30);
        int[] pair = {1, 2};
        shelf.swap(pair);
        assertThat(pair).containsExactly(2, 1);
    }

    @Test
    void bundlesTravelAsTypedObjects() throws Exception {
        PersistableBundle b = new PersistableBundle();
        b.putString("name", "shelf");
        b.putLongArray("ids", new long[] {1, 2});
        PersistableBundle back = shelf.annotate(b);
        assertThat(back.getString("name")).isEqualTo("shelf");
        assertThat(back.getLongArray("ids")).containsExactly(1, 2);
        assertThat(back.getInt("size")).isEqualTo(2);
    }

    @Test
    void aBinderSentOverComesBackAsTheSameLocalObject() throws Exception {
        Binder token = new Binder("org.mdemu.test.Token");
        assertThat(shelf.echoBinder(token)).isSameAs(token);
        assertThat(shelf.binders(List.of(token, token))).containsExactly(token, token);
    }

    @Test
    void onewayCallsWithNullableParcelablesArrive() throws Exception {
        shelf.drop(point(1, 2, "one"));
        shelf.drop(null);
        assertThat(dropped.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(drops).extracting(p -> p.label).containsExactly("one", "null");
    }

    @Test
    void fileDescriptorsAreRefusedSayingRpcBinderCannotCarryThem(@TempDir Path dir) throws Exception {
        File f = Files.writeString(dir.resolve("data.txt"), "hello").toFile();
        try (ParcelFileDescriptor fd = ParcelFileDescriptor.open(f, ParcelFileDescriptor.MODE_READ_ONLY)) {
            assertThat(fd.getStatSize()).isEqualTo(5);
            assertThatThrownBy(() -> shelf.store(fd)).isInstanceOf(RuntimeException.class)
                    .hasMessageContaining("Not allowed to write file descriptors here")
                    .hasMessageContaining("RPC binder over vsock carries no file descriptors");
        }
        assertThat(stored.get()).isNull();
        shelf.store(null);
        assertThat(shelf.upper(List.of("still"))).containsExactly("STILL");
    }
}
