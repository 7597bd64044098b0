package org.mdemu.guest.bionic;

import java.util.ArrayDeque;
import java.util.Deque;
import org.mdemu.guest.machine.GuestMemory;

/**
 * DWARF call frame information as .eh_frame holds it (the DWARF 4 and LSB formats): CIEs and FDEs with their
 * pointer encodings, and the CFA program evaluated up to an address, for AArch64's registers (x0..x30 are 0..30, sp
 * is 31, v0..v31 are 64..95). Read from guest memory; a malformed table yields no rule rather than an exception.
 *
 * <p>Written here because unwinding happens inside the guest's address space: no Java library reads CFI from
 * another process's memory image.
 */
final class DwarfCfi {
    static final int REGISTERS = 96;
    static final int SP = 31;
    /** Register rules. */
    static final int SAME = 0, UNDEFINED = 1, OFFSET = 2, VAL_OFFSET = 3, REGISTER = 4;

    /** What an FDE says of one function. */
    record Fde(long address, long pcBegin, long pcEnd, long lsda, long personality, boolean signalFrame,
               long instructions, long instructionsEnd, Cie cie) {}

    record Cie(long codeAlign, long dataAlign, int returnRegister, int fdeEncoding, int lsdaEncoding,
               long personality, boolean signalFrame, long instructions, long instructionsEnd, boolean augmented) {}

    /** The rules at one address: the CFA (register + offset) and each register's rule and operand. */
    static final class Rules {
        int cfaRegister = SP;
        long cfaOffset;
        final int[] rule = new int[REGISTERS];
        final long[] operand = new long[REGISTERS];
        /** AArch64's DW_CFA_AARCH64_negate_ra_state: the return address is signed (pointer authentication). */
        boolean raSigned;
        /** A CFA or register given by a DWARF expression, which this reader does not evaluate. */
        boolean unsupported;

        Rules copy() {
            Rules r = new Rules();
            r.cfaRegister = cfaRegister;
            r.cfaOffset = cfaOffset;
            System.arraycopy(rule, 0, r.rule, 0, REGISTERS);
            System.arraycopy(operand, 0, r.operand, 0, REGISTERS);
            r.raSigned = raSigned;
            r.unsupported = unsupported;
            return r;
        }
    }

    private final GuestMemory mem;

    DwarfCfi(GuestMemory mem) {
        this.mem = mem;
    }

    /** A cursor over guest memory that reads DWARF's encodings. */
    final class Reader {
        long at;

        Reader(long at) {
            this.at = at;
        }

        int u8() {
            return mem.readByte(at++) & 0xff;
        }

        int u16() {
            int v = mem.readShort(at) & 0xffff;
            at += 2;
            return v;
        }

        long u32() {
            long v = mem.readInt(at) & 0xffffffffL;
            at += 4;
            return v;
        }

        long u64() {
            long v = mem.readLong(at);
            at += 8;
            return v;
        }

        long uleb() {
            long result = 0;
            int shift = 0;
            while (true) {
                int b = u8();
                if (shift < 64) result |= (long) (b & 0x7f) << shift;
                shift += 7;
                if ((b & 0x80) == 0) return result;
            }
        }

        long sleb() {
            long result = 0;
            int shift = 0;
            int b;
            do {
                b = u8();
                if (shift < 64) result |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
            return result;
        }

        /** A pointer in DW_EH_PE encoding; dataBase applies to DW_EH_PE_datarel. */
        long pointer(int encoding, long dataBase) {
            if (encoding == 0xff) return 0;
            long start = at;
            long value = switch (encoding & 0x0f) {
                case 0x00 -> u64();
                case 0x01 -> uleb();
                case 0x02 -> u16();
                case 0x03 -> u32();
                case 0x04, 0x0c -> u64();
                case 0x09 -> sleb();
                case 0x0a -> (short) u16();
                case 0x0b -> (int) u32();
                default -> throw new IllegalArgumentException("pointer encoding 0x" + Integer.toHexString(encoding));
            };
            switch (encoding & 0x70) {
                case 0x00 -> { }
                case 0x10 -> value += start;
                case 0x30 -> value += dataBase;
                default -> throw new IllegalArgumentException("pointer application 0x" + Integer.toHexString(encoding));
            }
            if ((encoding & 0x80) != 0 && value != 0) value = mem.readLong(value);
            return value;
        }
    }

    /** The CIE at address, or null when it is not one. */
    Cie cie(long address) {
        try {
            Reader r = new Reader(address);
            long length = r.u32();
            if (length == 0 || length == 0xffffffffL) return null;
            long end = r.at + length;
            if (r.u32() != 0) return null;
            int version = r.u8();
            StringBuilder augmentation = new StringBuilder();
            for (int c; (c = r.u8()) != 0 && augmentation.length() < 16; ) augmentation.append((char) c);
            String aug = augmentation.toString();
            if (aug.contains("eh")) r.u64();
            long codeAlign = r.uleb();
            long dataAlign = r.sleb();
            int returnRegister = version == 1 ? r.u8() : (int) r.uleb();
            int fdeEncoding = 0, lsdaEncoding = 0xff;
            long personality = 0;
            boolean signal = false;
            boolean augmented = aug.startsWith("z");
            long instructions = -1;
            if (augmented) {
                long dataLength = r.uleb();
                long dataEnd = r.at + dataLength;
                for (int i = 1; i < aug.length(); i++) {
                    switch (aug.charAt(i)) {
                        case 'R' -> fdeEncoding = r.u8();
                        case 'L' -> lsdaEncoding = r.u8();
                        case 'P' -> {
                            int enc = r.u8();
                            personality = r.pointer(enc, 0);
                        }
                        case 'S' -> signal = true;
                        default -> { } // 'B' (BTI) and 'G' (MTE tagged frames) carry no data
                    }
                }
                instructions = dataEnd;
            } else {
                instructions = r.at;
            }
            return new Cie(codeAlign, dataAlign, returnRegister, fdeEncoding, lsdaEncoding, personality, signal,
                    instructions, end, augmented);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /** The FDE at address (a CIE there yields null). */
    Fde fde(long address) {
        try {
            Reader r = new Reader(address);
            long length = r.u32();
            if (length == 0 || length == 0xffffffffL) return null;
            long end = r.at + length;
            long ciePointerAt = r.at;
            long cieOffset = r.u32();
            if (cieOffset == 0) return null;
            Cie cie = cie(ciePointerAt - cieOffset);
            if (cie == null) return null;
            long pcBegin = r.pointer(cie.fdeEncoding(), 0);
            long pcRange = r.pointer(cie.fdeEncoding() & 0x0f, 0);
            long lsda = 0;
            if (cie.augmented()) {
                long dataLength = r.uleb();
                long dataEnd = r.at + dataLength;
                if (cie.lsdaEncoding() != 0xff && dataLength > 0) lsda = r.pointer(cie.lsdaEncoding(), 0);
                r.at = dataEnd;
            }
            return new Fde(address, pcBegin, pcBegin + pcRange, lsda, cie.personality(), cie.signalFrame(), r.at, end,
                    cie);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /** The address just after the CIE or FDE at address, or 0 at the section's zero terminator. */
    long next(long address) {
        long length = mem.readInt(address) & 0xffffffffL;
        if (length == 0 || length == 0xffffffffL) return 0;
        return address + 4 + length;
    }

    /** Whether the entry at address is a CIE. */
    boolean isCie(long address) {
        return mem.readInt(address + 4) == 0;
    }

    /**
     * The FDE covering pc through a .eh_frame_hdr at hdr: its binary search table when it has one in the usual
     * encoding (datarel sdata4), else a scan of the .eh_frame it points to.
     */
    Fde findThroughHeader(long hdr, long pc) {
        try {
            Reader r = new Reader(hdr);
            if (r.u8() != 1) return null;
            int framePointerEncoding = r.u8(), countEncoding = r.u8(), tableEncoding = r.u8();
            long ehFrame = r.pointer(framePointerEncoding, hdr);
            if (countEncoding != 0xff && tableEncoding == 0x3b) {
                long count = r.pointer(countEncoding, hdr);
                long table = r.at;
                long lo = 0, hi = count - 1, found = -1;
                while (lo <= hi) {
                    long mid = (lo + hi) >>> 1;
                    long start = hdr + mem.readInt(table + 8 * mid);
                    if (start <= pc) {
                        found = mid;
                        lo = mid + 1;
                    } else {
                        hi = mid - 1;
                    }
                }
                if (found < 0) return null;
                Fde fde = fde(hdr + mem.readInt(table + 8 * found + 4));
                return fde != null && pc >= fde.pcBegin() && pc < fde.pcEnd() ? fde : null;
            }
            return scan(ehFrame, Long.MAX_VALUE, pc);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /** The FDE covering pc in the .eh_frame entries from start (to the terminator or limit). */
    Fde scan(long start, long limit, long pc) {
        int guard = 0;
        for (long at = start; at != 0 && at < limit && guard++ < 1_000_000; at = next(at)) {
            if (isCie(at)) continue;
            Fde fde = fde(at);
            if (fde != null && pc >= fde.pcBegin() && pc < fde.pcEnd()) return fde;
        }
        return null;
    }

    /** The rules in effect at pc in fde's function: the CIE's initial instructions, then the FDE's up to pc. */
    Rules rulesAt(Fde fde, long pc) {
        Cie cie = fde.cie();
        Rules initial = new Rules();
        try {
            run(cie, cie.instructions(), cie.instructionsEnd(), fde.pcBegin(), Long.MAX_VALUE, initial, null);
            Rules rules = initial.copy();
            run(cie, fde.instructions(), fde.instructionsEnd(), fde.pcBegin(), pc, rules, initial);
            return rules;
        } catch (RuntimeException malformed) {
            Rules r = new Rules();
            r.unsupported = true;
            return r;
        }
    }

    private void run(Cie cie, long from, long to, long location, long pc, Rules rules, Rules initial) {
        Deque<Rules> remembered = new ArrayDeque<>();
        Reader r = new Reader(from);
        long loc = location;
        int steps = 0;
        while (r.at < to && steps++ < 100_000) {
            int op = r.u8();
            int high = op & 0xc0, low = op & 0x3f;
            if (high == 0x40) {
                loc += low * cie.codeAlign();
                if (loc > pc) return;
                continue;
            }
            if (high == 0x80) {
                set(rules, low, OFFSET, r.uleb() * cie.dataAlign());
                continue;
            }
            if (high == 0xc0) {
                restore(rules, initial, low);
                continue;
            }
            switch (op) {
                case 0x00 -> { }
                case 0x01 -> {
                    loc = r.pointer(cie.fdeEncoding(), 0);
                    if (loc > pc) return;
                }
                case 0x02, 0x03, 0x04 -> {
                    long delta = op == 0x02 ? r.u8() : op == 0x03 ? r.u16() : r.u32();
                    loc += delta * cie.codeAlign();
                    if (loc > pc) return;
                }
                case 0x05 -> set(rules, (int) r.uleb(), OFFSET, r.uleb() * cie.dataAlign());
                case 0x06 -> restore(rules, initial, (int) r.uleb());
                case 0x07 -> set(rules, (int) r.uleb(), UNDEFINED, 0);
                case 0x08 -> set(rules, (int) r.uleb(), SAME, 0);
                case 0x09 -> {
                    int reg = (int) r.uleb();
                    set(rules, reg, REGISTER, r.uleb());
                }
                case 0x0a -> remembered.push(rules.copy());
                case 0x0b -> {
                    Rules saved = remembered.poll();
                    if (saved != null) {
                        System.arraycopy(saved.rule, 0, rules.rule, 0, REGISTERS);
                        System.arraycopy(saved.operand, 0, rules.operand, 0, REGISTERS);
                        rules.cfaRegister = saved.cfaRegister;
                        rules.cfaOffset = saved.cfaOffset;
                        rules.raSigned = saved.raSigned;
                    }
                }
                case 0x0c -> {
                    rules.cfaRegister = (int) r.uleb();
                    rules.cfaOffset = r.uleb();
                }
                case 0x0d -> rules.cfaRegister = (int) r.uleb();
                case 0x0e -> rules.cfaOffset = r.uleb();
                case 0x0f -> {
                    r.at += r.uleb();
                    rules.unsupported = true;
                }
                case 0x10, 0x16 -> {
                    r.uleb();
                    r.at += r.uleb();
                    rules.unsupported = true;
                }
                case 0x11 -> set(rules, (int) r.uleb(), OFFSET, r.sleb() * cie.dataAlign());
                case 0x12 -> {
                    rules.cfaRegister = (int) r.uleb();
                    rules.cfaOffset = r.sleb() * cie.dataAlign();
                }
                case 0x13 -> rules.cfaOffset = r.sleb() * cie.dataAlign();
                case 0x14 -> set(rules, (int) r.uleb(), VAL_OFFSET, r.uleb() * cie.dataAlign());
                case 0x15 -> set(rules, (int) r.uleb(), VAL_OFFSET, r.sleb() * cie.dataAlign());
                case 0x2d -> rules.raSigned = !rules.raSigned;
                case 0x2e -> r.uleb();
                case 0x2f -> set(rules, (int) r.uleb(), OFFSET, -r.uleb() * cie.dataAlign());
                default -> {
                    rules.unsupported = true;
                    return;
                }
            }
        }
    }

    private static void set(Rules rules, int reg, int rule, long operand) {
        if (reg < 0 || reg >= REGISTERS) return;
        rules.rule[reg] = rule;
        rules.operand[reg] = operand;
    }

    private static void restore(Rules rules, Rules initial, int reg) {
        if (reg < 0 || reg >= REGISTERS) return;
        rules.rule[reg] = initial == null ? SAME : initial.rule[reg];
        rules.operand[reg] = initial == null ? 0 : initial.operand[reg];
    }
}
