package org.mdemu.emulator.a64;

import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.machine.Prot;

/**
 * Measures the guest memcpy of the hot routines (hot-routines.so, its words below) copying 64 KiB blocks 500 times per
 * round on a JavaMachine, as PayloadBenchmarks' memcpy row does: non-overlapping 16-byte-aligned blocks take its
 * 128-byte LDP/STP Q loop (ten instructions, four Q pairs). MB/s and ns per 32 bytes (one Q pair loaded and stored),
 * thread CPU time, and checks the copy. A harness, not a test:
 * {@code java -cp emulator/target/test-classes:emulator/target/classes:guest-runtime/target/classes:<test classpath>
 * org.mdemu.emulator.a64.MemcpyBenchmark [rounds]}; {@code -Dmdemu.bench.srcOffset=16} and
 * {@code dstOffset} move the blocks off their 64-byte alignment;
 * {@code -Dmdemu.bench.fresh=true} runs each round on a new machine translating at the default heat, as each payload run
 * does ({@code moveCode=true}: at another code address, so no translated class is shared); {@code -Dmdemu.bench.overlap=true} makes the blocks overlap
 * (dst = src + 32), which takes memcpy's 32-byte loop ({@code ldp q0, q1, [x10], #32; ...; stp q0, q1, [x9], #32}).
 */
final class MemcpyBenchmark {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final long CODE = 0x10000, DATA = 0x200000, SIZE = 0x10000;
    private static final int ROUNDS = 500;

    private static final int[] CALLER = {
        0xd2803e94, // 0x00 mov x20, #500
        0xaa1b03e0, // 0x04 outer: mov x0, x27
        0xaa1c03e1, // 0x08 mov x1, x28
        0xd2a00022, // 0x0c mov x2, #0x10000
        0x94000004, // 0x10 bl memcpy (0x20)
        0xf1000694, // 0x14 subs x20, x20, #1
        0x54ffff61, // 0x18 b.ne outer
        0xd503201f, // 0x1c nop (the stop address)
    };

    /** memcpy of hot-routines.so (at 0x2764 there; llvm-objdump -d). */
    private static final int[] MEMCPY = {
        0x2a000028, // 2764: orr w8, w1, w0
        0xf240091f, // 2768: tst x8, #0x7
        0x54000060, // 276c: b.eq 0x2778 <memcpy+0x14>
        0xaa0003e8, // 2770: mov x8, x0
        0x14000038, // 2774: b 0x2854 <memcpy+0xf0>
        0xf1008048, // 2778: subs x8, x2, #32
        0x54000303, // 277c: b.lo 0x27dc <memcpy+0x78>
        0xf101811f, // 2780: cmp x8, #96
        0x54000103, // 2784: b.lo 0x27a4 <memcpy+0x40>
        0x927be849, // 2788: and x9, x2, #0xffffffffffffffe0
        0x8b09002a, // 278c: add x10, x1, x9
        0xeb00015f, // 2790: cmp x10, x0
        0x54000ae9, // 2794: b.ls 0x28f0 <memcpy+0x18c>
        0x8b090009, // 2798: add x9, x0, x9
        0xeb01013f, // 279c: cmp x9, x1
        0x54000a89, // 27a0: b.ls 0x28f0 <memcpy+0x18c>
        0xaa0003e9, // 27a4: mov x9, x0
        0xaa0103ea, // 27a8: mov x10, x1
        0xacc10540, // 27ac: ldp q0, q1, [x10], #32
        0xd1008042, // 27b0: sub x2, x2, #32
        0xf1007c5f, // 27b4: cmp x2, #31
        0xac810520, // 27b8: stp q0, q1, [x9], #32
        0x54ffff88, // 27bc: b.hi 0x27ac <memcpy+0x48>
        0xf1002048, // 27c0: subs x8, x2, #8
        0x54000143, // 27c4: b.lo 0x27ec <memcpy+0x88>
        0xf100611f, // 27c8: cmp x8, #24
        0x54000162, // 27cc: b.hs 0x27f8 <memcpy+0x94>
        0xaa0903e8, // 27d0: mov x8, x9
        0xaa0a03e1, // 27d4: mov x1, x10
        0x1400001a, // 27d8: b 0x2840 <memcpy+0xdc>
        0xaa0103ea, // 27dc: mov x10, x1
        0xaa0003e9, // 27e0: mov x9, x0
        0xf1002048, // 27e4: subs x8, x2, #8
        0x54ffff02, // 27e8: b.hs 0x27c8 <memcpy+0x64>
        0xaa0a03e1, // 27ec: mov x1, x10
        0xaa0903e8, // 27f0: mov x8, x9
        0x14000018, // 27f4: b 0x2854 <memcpy+0xf0>
        0xd343fd08, // 27f8: lsr x8, x8, #3
        0x9100050b, // 27fc: add x11, x8, #1
        0x927eed6c, // 2800: and x12, x11, #0x3ffffffffffffffc
        0xd37df18d, // 2804: lsl x13, x12, #3
        0xcb0d0042, // 2808: sub x2, x2, x13
        0x8b0d0128, // 280c: add x8, x9, x13
        0x8b0d0141, // 2810: add x1, x10, x13
        0x9100414a, // 2814: add x10, x10, #16
        0x91004129, // 2818: add x9, x9, #16
        0xaa0c03ed, // 281c: mov x13, x12
        0xad7f8540, // 2820: ldp q0, q1, [x10, #-16]
        0x9100814a, // 2824: add x10, x10, #32
        0xf10011ad, // 2828: subs x13, x13, #4
        0xad3f8520, // 282c: stp q0, q1, [x9, #-16]
        0x91008129, // 2830: add x9, x9, #32
        0x54ffff61, // 2834: b.ne 0x2820 <memcpy+0xbc>
        0xeb0c017f, // 2838: cmp x11, x12
        0x540000c0, // 283c: b.eq 0x2854 <memcpy+0xf0>
        0xf8408429, // 2840: ldr x9, [x1], #8
        0xd1002042, // 2844: sub x2, x2, #8
        0xf1001c5f, // 2848: cmp x2, #7
        0xf8008509, // 284c: str x9, [x8], #8
        0x54ffff88, // 2850: b.hi 0x2840 <memcpy+0xdc>
        0xb40008a2, // 2854: cbz x2, 0x2968 <memcpy+0x204>
        0xf100205f, // 2858: cmp x2, #8
        0x540000a2, // 285c: b.hs 0x2870 <memcpy+0x10c>
        0xaa0203e9, // 2860: mov x9, x2
        0xaa0803ea, // 2864: mov x10, x8
        0xaa0103eb, // 2868: mov x11, x1
        0x1400003b, // 286c: b 0x2958 <memcpy+0x1f4>
        0xf100805f, // 2870: cmp x2, #32
        0x54000062, // 2874: b.hs 0x2880 <memcpy+0x11c>
        0xaa1f03ec, // 2878: mov x12, xzr
        0x1400000f, // 287c: b 0x28b8 <memcpy+0x154>
        0x927be84c, // 2880: and x12, x2, #0xffffffffffffffe0
        0x91004029, // 2884: add x9, x1, #16
        0x9100410a, // 2888: add x10, x8, #16
        0xaa0c03eb, // 288c: mov x11, x12
        0xad7f8520, // 2890: ldp q0, q1, [x9, #-16]
        0x91008129, // 2894: add x9, x9, #32
        0xf100816b, // 2898: subs x11, x11, #32
        0xad3f8540, // 289c: stp q0, q1, [x10, #-16]
        0x9100814a, // 28a0: add x10, x10, #32
        0x54ffff61, // 28a4: b.ne 0x2890 <memcpy+0x12c>
        0xeb0c005f, // 28a8: cmp x2, x12
        0x540005e0, // 28ac: b.eq 0x2968 <memcpy+0x204>
        0xf27d045f, // 28b0: tst x2, #0x18
        0x540004c0, // 28b4: b.eq 0x294c <memcpy+0x1e8>
        0x927df04d, // 28b8: and x13, x2, #0xfffffffffffffff8
        0x92400849, // 28bc: and x9, x2, #0x7
        0x8b0d010a, // 28c0: add x10, x8, x13
        0x8b0d002b, // 28c4: add x11, x1, x13
        0x8b0c002e, // 28c8: add x14, x1, x12
        0x8b0c0108, // 28cc: add x8, x8, x12
        0xcb0d018c, // 28d0: sub x12, x12, x13
        0xfc4085c0, // 28d4: ldr d0, [x14], #8
        0xb100218c, // 28d8: adds x12, x12, #8
        0xfc008500, // 28dc: str d0, [x8], #8
        0x54ffffa1, // 28e0: b.ne 0x28d4 <memcpy+0x170>
        0xeb0d005f, // 28e4: cmp x2, x13
        0x54000381, // 28e8: b.ne 0x2958 <memcpy+0x1f4>
        0x1400001f, // 28ec: b 0x2968 <memcpy+0x204>
        0xd345fd08, // 28f0: lsr x8, x8, #5
        0x9101002c, // 28f4: add x12, x1, #64
        0x91000508, // 28f8: add x8, x8, #1
        0x9101000d, // 28fc: add x13, x0, #64
        0x927ee50b, // 2900: and x11, x8, #0xffffffffffffffc
        0xd37be96a, // 2904: lsl x10, x11, #5
        0xaa0b03ee, // 2908: mov x14, x11
        0xcb0a0042, // 290c: sub x2, x2, x10
        0x8b0a0009, // 2910: add x9, x0, x10
        0x8b0a002a, // 2914: add x10, x1, x10
        0xad7f0181, // 2918: ldp q1, q0, [x12, #-32]
        0xf10011ce, // 291c: subs x14, x14, #4
        0xad7e0983, // 2920: ldp q3, q2, [x12, #-64]
        0xad3f01a1, // 2924: stp q1, q0, [x13, #-32]
        0xad410181, // 2928: ldp q1, q0, [x12, #32]
        0xad3e09a3, // 292c: stp q3, q2, [x13, #-64]
        0xacc40983, // 2930: ldp q3, q2, [x12], #128
        0xad0101a1, // 2934: stp q1, q0, [x13, #32]
        0xac8409a3, // 2938: stp q3, q2, [x13], #128
        0x54fffee1, // 293c: b.ne 0x2918 <memcpy+0x1b4>
        0xeb0b011f, // 2940: cmp x8, x11
        0x54fff341, // 2944: b.ne 0x27ac <memcpy+0x48>
        0x17ffff9e, // 2948: b 0x27c0 <memcpy+0x5c>
        0x8b0c002b, // 294c: add x11, x1, x12
        0x8b0c010a, // 2950: add x10, x8, x12
        0x92401049, // 2954: and x9, x2, #0x1f
        0x38401568, // 2958: ldrb w8, [x11], #1
        0xf1000529, // 295c: subs x9, x9, #1
        0x38001548, // 2960: strb w8, [x10], #1
        0x54ffffa1, // 2964: b.ne 0x2958 <memcpy+0x1f4>
        0xd65f03c0, // 2968: ret
    };

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        boolean overlap = Boolean.getBoolean("mdemu.bench.overlap");
        int[] words = new int[CALLER.length + MEMCPY.length];
        System.arraycopy(CALLER, 0, words, 0, CALLER.length);
        System.arraycopy(MEMCPY, 0, words, CALLER.length, MEMCPY.length);
        long src = DATA + Long.getLong("mdemu.bench.srcOffset", 0),
                dst = overlap ? src + 32 : DATA + SIZE + 64 + Long.getLong("mdemu.bench.dstOffset", 0);
        boolean fresh = Boolean.getBoolean("mdemu.bench.fresh"), moveCode = Boolean.getBoolean("mdemu.bench.moveCode");
        if (!fresh && !Boolean.getBoolean("mdemu.bench.defaultHeat")) Translator.hotThresholdForTests = 1;
        if (Boolean.getBoolean("mdemu.bench.hotAtOnce")) Translator.hotThresholdForTests = 1;
        byte[] pattern = new byte[(int) SIZE];
        for (int i = 0; i < pattern.length; i++) pattern[i] = (byte) (i * 37 + 11);
        Machine m = null;
        try {
            for (int round = 0; round < rounds; round++) {
                long code = CODE + (moveCode ? 0x1000L * round : 0);
                if (m == null || fresh) {
                    if (m != null) m.close();
                    m = new JavaMachine();
                    m.memory().map(CODE, 0x100000, Prot.RX);
                    m.memory().map(DATA, 4 * SIZE, Prot.RW);
                    m.memory().privileged().write(code, A64Rig.bytes(words));
                    m.cpu().setTrapHandler((cpu, svc) -> cpu.requestStop());
                }
                m.memory().write(src, pattern);
                if (Boolean.getBoolean("mdemu.bench.touchDst")) m.memory().write(dst, new byte[(int) SIZE]);
                var r = m.cpu().registers();
                r.setPc(code);
                r.setX(27, dst);
                r.setX(28, src);
                r.setSp(DATA + 4 * SIZE - 256);
                long regions0 = Translator.STATS.regions.get(), translation0 = Translator.STATS.nanos.get();
                long t0 = CPU.getCurrentThreadCpuTime();
                CpuExit exit = m.cpu().run(code + 0x1c, 0);
                long ns = CPU.getCurrentThreadCpuTime() - t0;
                if (!(exit instanceof CpuExit.ReachedStopAddress)) throw new AssertionError("exit " + exit);
                if (!overlap) {
                    byte[] copy = m.memory().read(dst, (int) SIZE);
                    if (!java.util.Arrays.equals(copy, pattern)) throw new AssertionError("copy differs");
                }
                double pairs = (double) ROUNDS * SIZE / 32;
                System.out.printf("memcpy 64 KiB x %d%s: %.0f MB/s, %.2f ns per 32 bytes (thread CPU time); %d regions"
                        + " translated in %.2f ms%n", ROUNDS, overlap ? " (overlapping)" : "", (double) ROUNDS * SIZE / ns * 1e3,
                        ns / pairs, Translator.STATS.regions.get() - regions0, (Translator.STATS.nanos.get() - translation0) / 1e6);
            }
        } finally {
            if (m != null) m.close();
        }
    }
}
