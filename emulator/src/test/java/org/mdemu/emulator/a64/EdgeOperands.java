package org.mdemu.emulator.a64;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.Machine;

/**
 * Runs single instructions from a grid of edge operands in X1, X2, X3 (and every flag combination over the grid) on
 * the Java engine and Unicorn 2, collecting every difference: the directed tests of the integer instructions.
 */
final class EdgeOperands {
    static final long[] VALUES = {0, 1, -1, 31, 32, 63, 64, 0x7fffffffL, 0x80000000L, 0xffffffffL, Long.MAX_VALUE,
            Long.MIN_VALUE, 0x0123456789abcdefL, 0xfedcba9876543210L};

    private EdgeOperands() {}

    /** Compares word from 2 * VALUES.length edge states; appends the differences to failures. */
    static void compare(A64Rig.Pair pair, int word, String asm, List<String> failures) {
        compare(pair, new int[] {word}, asm, failures);
    }

    /** Compares the program words from 2 * VALUES.length edge states; appends differences to failures. */
    static void compare(A64Rig.Pair pair, int[] words, String asm, List<String> failures) {
        int n = VALUES.length;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                long x1 = VALUES[i], x2 = VALUES[(i * 5 + k) % n], x3 = VALUES[(i + 3 * k + 1) % n];
                long nzcv = (long) ((i * 3 + k * 7) & 15) << 28;
                String d = pair.compare(words, r -> {
                    r.setX(0, 0x5a5a5a5a5a5a5a5aL);
                    r.setX(1, x1);
                    r.setX(2, x2);
                    r.setX(3, x3);
                    r.setNzcv(nzcv);
                });
                if (d != null) {
                    failures.add(asm + " (x1=" + Long.toHexString(x1) + " x2=" + Long.toHexString(x2) + "): " + d);
                }
            }
        }
    }

    /** Compares every case (word, assembly, word, assembly...) and returns the differences found. */
    static List<String> compareAll(Object... cases) {
        List<String> failures = new ArrayList<>();
        try (A64Rig.Pair pair = new A64Rig.Pair()) {
            for (int i = 0; i < cases.length; i += 2) {
                compare(pair, (Integer) cases[i], (String) cases[i + 1], failures);
            }
        }
        return failures;
    }

    /** Whether the Java engine refuses word as an undefined instruction at its pc, registers untouched. */
    static String javaUndefined(int word) {
        try (Machine m = new JavaMachine()) {
            A64Rig.Snapshot s = A64Rig.run(m, new int[] {word}, r -> r.setX(0, 0x1234));
            if (s.exit() instanceof CpuExit.Fault f && f.kind() == CpuExit.FaultKind.UNDEFINED_INSTRUCTION
                    && f.pc() == A64Rig.CODE && s.pc() == A64Rig.CODE && s.x()[0] == 0x1234) {
                return null;
            }
            return String.format("%08x: %s", word, s.exit());
        }
    }

    /**
     * Checks that each word is undefined on the Java engine, and on Unicorn 2 too unless listed in unicornExecutes
     * (features Unicorn 2 implements and this engine does not report); returns the failures.
     */
    static List<String> undefinedEverywhere(int[] words, int... unicornExecutes) {
        List<String> failures = new ArrayList<>();
        try (A64Rig.Pair pair = new A64Rig.Pair()) {
            for (int word : words) {
                String f = javaUndefined(word);
                if (f != null) failures.add(f);
                if (java.util.Arrays.stream(unicornExecutes).noneMatch(w -> w == word)) {
                    String d = pair.compare(new int[] {word}, r -> r.setX(0, 0x1234));
                    if (d != null) failures.add(d);
                }
            }
        }
        return failures;
    }
}
