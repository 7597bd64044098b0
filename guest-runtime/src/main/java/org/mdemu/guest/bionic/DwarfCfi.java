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
public final class DwarfCfi {
    static final int REGISTERS = 96;
    static final int SP = 31;
    /** Register rules; the expression rules' operand is the address of a DWARF expression of exprLength bytes. */
    static final int SAME = 0, UNDEFINED = 1, OFFSET = 2, VAL_OFFSET = 3, REGISTER = 4, EXPRESSION = 5,
            VAL_EXPRESSION = 6;
    private static final int MAX_EXPRESSION_STEPS = 10_000, MAX_EXPRESSION_STACK = 64;

    /** What an FDE says of one function. */
    public record Fde(long address, long pcBegin, long pcEnd, long lsda, long personality, boolean signalFrame,
               long instructions, long instructionsEnd, Cie cie) {}

    public record Cie(long codeAlign, long dataAlign, int returnRegister, int fdeEncoding, int lsdaEncoding,
               long personality, boolean signalFrame, long instructions, long instructionsEnd, boolean augmented) {}

    /** The rules at one address: the CFA (register + offset) and each register's rule and operand. */
    static final class Rules {
        int cfaRegister = SP;
        long cfaOffset;
        /** DW_CFA_def_cfa_expression: the CFA is this expression's value (cfaRegister is then -1). */
        long cfaExpression, cfaExpressionLength;
        final int[] rule = new int[REGISTERS];
        final long[] operand = new long[REGISTERS];
        final long[] exprLength = new long[REGISTERS];
        /** AArch64's DW_CFA_AARCH64_negate_ra_state: the return address is signed (pointer authentication). */
        boolean raSigned;
        /** A CFA or register given by a DWARF expression, which this reader does not evaluate. */
        boolean unsupported;

        Rules copy() {
            Rules r = new Rules();
            r.cfaRegister = cfaRegister;
            r.cfaOffset = cfaOffset;
            r.cfaExpression = cfaExpression;
            r.cfaExpressionLength = cfaExpressionLength;
            System.arraycopy(rule, 0, r.rule, 0, REGISTERS);
            System.arraycopy(operand, 0, r.operand, 0, REGISTERS);
            System.arraycopy(exprLength, 0, r.exprLength, 0, REGISTERS);
            r.raSigned = raSigned;
            r.unsupported = unsupported;
            return r;
        }
    }

    private final GuestMemory mem;

    public DwarfCfi(GuestMemory mem) {
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
    public Fde findThroughHeader(long hdr, long pc) {
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
                        System.arraycopy(saved.exprLength, 0, rules.exprLength, 0, REGISTERS);
                        rules.cfaRegister = saved.cfaRegister;
                        rules.cfaOffset = saved.cfaOffset;
                        rules.cfaExpression = saved.cfaExpression;
                        rules.cfaExpressionLength = saved.cfaExpressionLength;
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
                    long length = r.uleb();
                    rules.cfaRegister = -1;
                    rules.cfaExpression = r.at;
                    rules.cfaExpressionLength = length;
                    r.at += length;
                }
                case 0x10, 0x16 -> {
                    int reg = (int) r.uleb();
                    long length = r.uleb();
                    set(rules, reg, op == 0x10 ? EXPRESSION : VAL_EXPRESSION, r.at);
                    if (reg >= 0 && reg < REGISTERS) rules.exprLength[reg] = length;
                    r.at += length;
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

    /** The caller's registers: x0..x30, sp at 31 (the CFA) and v0..v31's low halves, and the return address. */
    public record Step(long[] x, long[] v, long returnAddress, long cfa) {}

    /**
     * Steps out of the frame whose registers are x (x0..x30, sp at 31) and v (null when unknown) at pc, by the
     * rules of fde at that address: the CFA from its rule, each saved register read back, sp the CFA, the return
     * address from the CIE's return column (its pointer-authentication code stripped). Null at the end of the
     * stack (an undefined return address) and for rules this reader cannot evaluate; a saved register in memory the
     * reader cannot read is a {@link org.mdemu.guest.machine.GuestFault} or other runtime exception from mem.
     */
    public Step step(Fde fde, long pc, long[] x, long[] v) {
        Rules rules = rulesAt(fde, pc);
        if (rules.unsupported) return null;
        long cfa;
        if (rules.cfaRegister == -1) {
            cfa = evaluate(rules.cfaExpression, rules.cfaExpressionLength, x, 0, false);
        } else if (rules.cfaRegister >= 0 && rules.cfaRegister <= 31) {
            cfa = x[rules.cfaRegister] + rules.cfaOffset;
        } else {
            return null;
        }
        long[] nx = x.clone();
        long[] nv = v == null ? null : v.clone();
        for (int reg = 0; reg < REGISTERS; reg++) {
            boolean general = reg < 32, vector = reg >= 64;
            if (!general && !vector) continue;
            long value;
            switch (rules.rule[reg]) {
                case OFFSET -> value = mem.readLong(cfa + rules.operand[reg]);
                case VAL_OFFSET -> value = cfa + rules.operand[reg];
                case REGISTER -> {
                    int from = (int) rules.operand[reg];
                    value = from >= 0 && from < 32 ? x[from] : from >= 64 && from < 96 && v != null ? v[from - 64] : 0;
                }
                case EXPRESSION -> value = mem.readLong(evaluate(rules.operand[reg], rules.exprLength[reg], x, cfa, true));
                case VAL_EXPRESSION -> value = evaluate(rules.operand[reg], rules.exprLength[reg], x, cfa, true);
                case UNDEFINED -> value = 0;
                default -> {
                    continue;
                }
            }
            if (general) nx[reg] = value;
            else if (nv != null) nv[reg - 64] = value;
        }
        nx[SP] = cfa;
        int raColumn = fde.cie().returnRegister();
        if (raColumn < 0 || raColumn >= 32 || rules.rule[raColumn] == UNDEFINED) return null;
        long ra = nx[raColumn];
        if (rules.raSigned) ra &= 0x0000_ffff_ffff_ffffL;
        return new Step(nx, nv, ra, cfa);
    }

    /**
     * A DWARF expression's value (the operations .eh_frame uses: constants, registers, arithmetic, comparisons,
     * branches, dereferences), with the CFA pushed first when pushCfa (DW_CFA_expression and val_expression).
     * Bounded in steps and stack depth; an operation outside this set or a malformed expression is an
     * IllegalArgumentException.
     */
    long evaluate(long address, long length, long[] x, long cfa, boolean pushCfa) {
        long[] stack = new long[MAX_EXPRESSION_STACK];
        int top = 0;
        if (pushCfa) stack[top++] = cfa;
        Reader r = new Reader(address);
        long end = address + length;
        for (int steps = 0; r.at < end; steps++) {
            if (steps > MAX_EXPRESSION_STEPS || top >= MAX_EXPRESSION_STACK - 1) {
                throw new IllegalArgumentException("DWARF expression too long");
            }
            int op = r.u8();
            if (op >= 0x30 && op <= 0x4f) {
                stack[top++] = op - 0x30;
                continue;
            }
            if (op >= 0x70 && op <= 0x8f) {
                stack[top++] = x[op - 0x70] + r.sleb();
                continue;
            }
            switch (op) {
                case 0x03 -> stack[top++] = r.u64();
                case 0x06 -> stack[top - 1] = mem.readLong(need(top, 1, stack)[top - 1]);
                case 0x08 -> stack[top++] = r.u8();
                case 0x09 -> stack[top++] = (byte) r.u8();
                case 0x0a -> stack[top++] = r.u16();
                case 0x0b -> stack[top++] = (short) r.u16();
                case 0x0c -> stack[top++] = r.u32();
                case 0x0d -> stack[top++] = (int) r.u32();
                case 0x0e, 0x0f -> stack[top++] = r.u64();
                case 0x10 -> stack[top++] = r.uleb();
                case 0x11 -> stack[top++] = r.sleb();
                case 0x12 -> {
                    need(top, 1, stack);
                    stack[top] = stack[top - 1];
                    top++;
                }
                case 0x13 -> {
                    need(top, 1, stack);
                    top--;
                }
                case 0x14 -> {
                    need(top, 2, stack);
                    stack[top] = stack[top - 2];
                    top++;
                }
                case 0x15 -> {
                    int index = r.u8();
                    need(top, index + 1, stack);
                    stack[top] = stack[top - 1 - index];
                    top++;
                }
                case 0x16 -> {
                    need(top, 2, stack);
                    long t = stack[top - 1];
                    stack[top - 1] = stack[top - 2];
                    stack[top - 2] = t;
                }
                case 0x17 -> {
                    need(top, 3, stack);
                    long t = stack[top - 1];
                    stack[top - 1] = stack[top - 2];
                    stack[top - 2] = stack[top - 3];
                    stack[top - 3] = t;
                }
                case 0x19 -> stack[top - 1] = Math.abs(need(top, 1, stack)[top - 1]);
                case 0x1f -> stack[top - 1] = -need(top, 1, stack)[top - 1];
                case 0x20 -> stack[top - 1] = ~need(top, 1, stack)[top - 1];
                case 0x23 -> stack[top - 1] = need(top, 1, stack)[top - 1] + r.uleb();
                case 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x21, 0x22, 0x24, 0x25, 0x26, 0x27, 0x29, 0x2a, 0x2b, 0x2c, 0x2d,
                        0x2e -> {
                    need(top, 2, stack);
                    long b = stack[--top], a = stack[top - 1];
                    stack[top - 1] = switch (op) {
                        case 0x1a -> a & b;
                        case 0x1b -> {
                            if (b == 0) throw new IllegalArgumentException("DW_OP_div by zero");
                            yield a / b;
                        }
                        case 0x1c -> a - b;
                        case 0x1d -> {
                            if (b == 0) throw new IllegalArgumentException("DW_OP_mod by zero");
                            yield Long.remainderUnsigned(a, b);
                        }
                        case 0x1e -> a * b;
                        case 0x21 -> a | b;
                        case 0x22 -> a + b;
                        case 0x24 -> a << b;
                        case 0x25 -> a >>> b;
                        case 0x26 -> a >> b;
                        case 0x27 -> a ^ b;
                        case 0x29 -> a == b ? 1 : 0;
                        case 0x2a -> a >= b ? 1 : 0;
                        case 0x2b -> a > b ? 1 : 0;
                        case 0x2c -> a <= b ? 1 : 0;
                        case 0x2d -> a < b ? 1 : 0;
                        default -> a != b ? 1 : 0;
                    };
                }
                case 0x28 -> {
                    short offset = (short) r.u16();
                    if (need(top, 1, stack)[--top] != 0) r.at += offset;
                }
                case 0x2f -> {
                    short offset = (short) r.u16();
                    r.at += offset;
                }
                case 0x92 -> {
                    int reg = (int) r.uleb();
                    if (reg < 0 || reg > 31) throw new IllegalArgumentException("DW_OP_bregx " + reg);
                    stack[top++] = x[reg] + r.sleb();
                }
                case 0x94 -> {
                    int size = r.u8();
                    long at = need(top, 1, stack)[top - 1];
                    long value = switch (size) {
                        case 1 -> mem.readByte(at) & 0xffL;
                        case 2 -> mem.readShort(at) & 0xffffL;
                        case 4 -> mem.readInt(at) & 0xffffffffL;
                        case 8 -> mem.readLong(at);
                        default -> throw new IllegalArgumentException("DW_OP_deref_size " + size);
                    };
                    stack[top - 1] = value;
                }
                case 0x96 -> { }
                default -> throw new IllegalArgumentException("DWARF operation 0x" + Integer.toHexString(op));
            }
        }
        if (top == 0) throw new IllegalArgumentException("empty DWARF expression");
        return stack[top - 1];
    }

    private static long[] need(int top, int count, long[] stack) {
        if (top < count) throw new IllegalArgumentException("DWARF expression stack underflow");
        return stack;
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
        rules.exprLength[reg] = initial == null ? 0 : initial.exprLength[reg];
    }
}
