package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;

/**
 * stdlib.h's random numbers as bionic computes them: rand/random is NetBSD's additive feedback generator (x^31 + x^3
 * + 1, Park-Miller seeding, the same default table), rand_r the classic LCG, the *rand48 family the POSIX 48-bit LCG,
 * and arc4random draws from the kernel's random source (getrandom).
 */
public final class RandomNumbers implements LibrarySection {
    private static final int DEG = 31, SEP = 3;
    /** NetBSD random.c's initial state (its "better random" table), which rand() uses before any srand(). */
    private static final int[] DEFAULT_STATE = {0x991539b1, 0x16a5bce3, 0x6774a4cd, 0x3e01511e, 0x4e508aaa,
        0x61048c05, 0xf5500617, 0x846b7115, 0x6a19892c, 0x896a97af, 0xdb48f936, 0x14898454, 0x37ffd106, 0xb58bff9c,
        0x59e17104, 0xcf918a49, 0x09378c83, 0x52c7a471, 0x8d293ea9, 0x1f4fc301, 0xc3db71be, 0x39b44e1c, 0xf8a44ef9,
        0x4c8b80b1, 0x19edc328, 0x87bf4bdd, 0xc9b240e5, 0xe9ee4b1b, 0x4382aee7, 0x535b6b41, 0xf3bec5da};
    private static final long RAND48_A = 0x5DEECE66DL, RAND48_C = 0xB, RAND48_MASK = (1L << 48) - 1;

    private final GuestProcess process;
    private final LinuxKernel kernel;
    private static final int MAX_TYPES = 5;
    private static final int[] DEGREES = {0, 7, 15, 31, 63}, SEPS = {0, 3, 1, 3, 1};
    /**
     * The generator's table lives in guest memory, as NetBSD's does, so that initstate/setstate can hand the
     * caller's arrays to it: table is state[-1] (type and rear position), the state follows.
     */
    private long table;
    private int type = 3, degree = DEG, separation = SEP;
    private int front = SEP, rear = 0;
    private long x48 = 0x1234ABCD330EL, a48 = RAND48_A, c48 = RAND48_C;
    private long seed48Buffer;
    private long scratch;

    public RandomNumbers(GuestProcess process, LinuxKernel kernel) {
        this.process = process;
        this.kernel = kernel;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("random", f -> f.ret(random()));
        t.function("rand", f -> f.ret(random()));
        t.function("srandom", f -> srandom(f.i32(0)));
        t.function("srand", f -> srandom(f.i32(0)));
        t.function("initstate", Support.full("NetBSD's generator types by state size (8 to 256 bytes and more)"),
                f -> f.ret(initstate(f.i32(0), f.ptr(1), f.i64(2))));
        t.function("setstate", f -> f.ret(setstate(f.ptr(0))));
        t.function("rand_r", f -> {
            int next = process.memory().readInt(f.ptr(0)) * 1103515245 + 12345;
            process.memory().writeInt(f.ptr(0), next);
            f.ret(next & 0x7fffffff);
        });
        t.function("srand48", f -> {
            x48 = (f.i64(0) << 16 | 0x330E) & RAND48_MASK;
            a48 = RAND48_A;
            c48 = RAND48_C;
        });
        t.function("seed48", f -> f.ret(seed48(f.ptr(0))));
        t.function("lcong48", f -> {
            x48 = readX(f.ptr(0));
            a48 = readX(f.ptr(0) + 6);
            c48 = process.memory().readShort(f.ptr(0) + 12) & 0xffff;
        });
        t.function("lrand48", f -> f.ret((x48 = step(x48)) >>> 17));
        t.function("mrand48", f -> f.ret((int) ((x48 = step(x48)) >>> 16)));
        t.function("drand48", f -> f.retDouble((x48 = step(x48)) / (double) (1L << 48)));
        t.function("nrand48", f -> f.ret(stepIn(f.ptr(0)) >>> 17));
        t.function("jrand48", f -> f.ret((int) (stepIn(f.ptr(0)) >>> 16)));
        t.function("erand48", f -> f.retDouble(stepIn(f.ptr(0)) / (double) (1L << 48)));
        Support kernelRandom = Support.full("getrandom(2) bytes from the kernel's random source");
        t.function("arc4random", kernelRandom, f -> f.ret(arc4random() & 0xffffffffL));
        t.function("arc4random_uniform", kernelRandom, f -> f.ret(uniform(f.u32(0))));
        t.function("arc4random_buf", kernelRandom, f -> {
            if (f.i64(1) > 0) kernel.getrandom(f.ptr(0), f.i64(1));
        });
    }

    private long stateAddress() {
        if (table == 0) {
            table = process.heap().calloc(DEG + 1, 4);
            process.memory().writeInt(table, 3);
            for (int i = 0; i < DEG; i++) process.memory().writeInt(table + 4 + 4L * i, DEFAULT_STATE[i]);
        }
        return table + 4;
    }

    private int get(int i) {
        return process.memory().readInt(stateAddress() + 4L * i);
    }

    private void put(int i, int v) {
        process.memory().writeInt(stateAddress() + 4L * i, v);
    }

    /** random(): one step of the additive generator, dropping the least random bit (TYPE_0: the plain LCG). */
    int random() {
        if (type == 0) {
            int i = (get(0) * 1103515245 + 12345) & 0x7fffffff;
            put(0, i);
            return i;
        }
        int value = get(front) + get(rear);
        put(front, value);
        int result = (value >>> 1) & 0x7fffffff;
        if (++front >= degree) {
            front = 0;
            ++rear;
        } else if (++rear >= degree) {
            rear = 0;
        }
        return result;
    }

    void srandom(int seed) {
        put(0, seed);
        if (type == 0) return;
        for (int i = 1; i < degree; i++) {
            int x = get(i - 1);
            int t = 16807 * (x % 127773) - 2836 * (x / 127773);
            if (t <= 0) t += 0x7fffffff;
            put(i, t);
        }
        front = separation;
        rear = 0;
        for (int i = 0; i < 10 * degree; i++) random();
    }

    /** Records type and rear in state[-1] of the table in use, as NetBSD does before switching tables. */
    private long saveState() {
        stateAddress();
        process.memory().writeInt(table, type == 0 ? 0 : MAX_TYPES * rear + type);
        return table;
    }

    /** initstate: the caller's n-byte array becomes the table (type by size), seeded; returns the old table. */
    private long initstate(int seed, long array, long n) {
        long old = saveState();
        if (n < 8) return 0;
        int t = n < 32 ? 0 : n < 64 ? 1 : n < 128 ? 2 : n < 256 ? 3 : 4;
        type = t;
        degree = DEGREES[t];
        separation = SEPS[t];
        table = array;
        srandom(seed);
        process.memory().writeInt(table, type == 0 ? 0 : MAX_TYPES * rear + type);
        return old;
    }

    /** setstate: continues from a table initstate made (its type and position in its first word). */
    private long setstate(long array) {
        int header = process.memory().readInt(array);
        int t = header % MAX_TYPES, r = header / MAX_TYPES;
        long old = saveState();
        if (t < 0 || t >= MAX_TYPES) return 0;
        type = t;
        degree = DEGREES[t];
        separation = SEPS[t];
        table = array;
        if (type != 0) {
            rear = r;
            front = (r + separation) % degree;
        }
        return old;
    }

    private long step(long x) {
        return (a48 * x + c48) & RAND48_MASK;
    }

    /** Steps the caller's unsigned short[3] state and returns the new 48-bit value. */
    private long stepIn(long xsubi) {
        long x = step(readX(xsubi));
        writeX(xsubi, x);
        return x;
    }

    private long seed48(long seed) {
        if (seed48Buffer == 0) seed48Buffer = process.heap().calloc(1, 6);
        writeX(seed48Buffer, x48);
        x48 = readX(seed);
        a48 = RAND48_A;
        c48 = RAND48_C;
        return seed48Buffer;
    }

    private long readX(long p) {
        long x = 0;
        for (int i = 2; i >= 0; i--) x = x << 16 | (process.memory().readShort(p + 2L * i) & 0xffff);
        return x;
    }

    private void writeX(long p, long x) {
        for (int i = 0; i < 3; i++) process.memory().writeShort(p + 2L * i, (int) (x >>> (16 * i)));
    }

    private int arc4random() {
        if (scratch == 0) scratch = process.heap().malloc(8);
        kernel.getrandom(scratch, 4);
        return process.memory().readInt(scratch);
    }

    /** arc4random_uniform: rejection sampling below 2^32 mod bound, so every result is equally likely. */
    private long uniform(long bound) {
        if (bound < 2) return 0;
        long min = (1L << 32) % bound;
        long r;
        do {
            r = arc4random() & 0xffffffffL;
        } while (r < min);
        return r % bound;
    }
}
