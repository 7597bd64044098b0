package org.mdemu.emulator.a64;

/**
 * Encodings of architecture features the Java engine does not report in AT_HWCAP and therefore refuses (SIGILL),
 * while Unicorn 2, emulating a newer CPU, executes them. Each row is a feature with the fixed bits of its encodings,
 * from the ARM ARM's encoding tables.
 */
final class UnreportedFeatures {
    private record Row(String feature, int mask, int pattern) {}

    private static final Row[] ROWS = {};

    private UnreportedFeatures() {}

    static boolean matches(int insn) {
        for (Row row : ROWS) if ((insn & row.mask()) == row.pattern()) return true;
        return false;
    }
}
