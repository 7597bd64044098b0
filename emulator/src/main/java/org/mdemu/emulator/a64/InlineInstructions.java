package org.mdemu.emulator.a64;

import static org.mdemu.emulator.a64.RegionCompiler.DATA;
import static org.mdemu.emulator.a64.RegionCompiler.FA;
import static org.mdemu.emulator.a64.RegionCompiler.FB;
import static org.mdemu.emulator.a64.RegionCompiler.MEM;
import static org.mdemu.emulator.a64.RegionCompiler.OFF;
import static org.mdemu.emulator.a64.RegionCompiler.READ_PAGE;
import static org.mdemu.emulator.a64.RegionCompiler.S;
import static org.mdemu.emulator.a64.RegionCompiler.T1;
import static org.mdemu.emulator.a64.RegionCompiler.T2;
import static org.mdemu.emulator.a64.RegionCompiler.T3;
import static org.mdemu.emulator.a64.RegionCompiler.T4;
import static org.mdemu.emulator.a64.RegionCompiler.T5;
import static org.mdemu.emulator.a64.RegionCompiler.WRITE_PAGE;
import static org.objectweb.asm.Opcodes.*;

import org.mdemu.guest.machine.Prot;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The bytecode of the instructions {@link RegionCompiler} compiles inline: ADD/SUB (immediate, shifted, extended),
 * logical (immediate, shifted), MOVZ/MOVN/MOVK, ADR/ADRP, SBFM/UBFM, CSEL/CSINC/CSINV/CSNEG, MADD/MSUB, and LDR/STR
 * (all sizes and signed forms; unsigned offset, unscaled, pre/post-index, register offset, literal), LDP/STP/LDPSW,
 * PRFM/PRFUM (no-ops), and LDR/STR (same addressing modes but literal) and LDP/STP/LDNP/STNP of B/H/S/D/Q registers
 * straight into {@link CpuState#v}.
 * Each works on the region's locals through the compiler's primitives and writes no register before its accesses
 * completed. A memory instruction checks its whole access once ({@link PagedMemory#fastPage}) and reads or writes the
 * page's bytes; when that check fails, a slow path out of line does the access through {@link PagedMemory}'s checked
 * typed methods (faults, watchpoints, first stores, stores to translated code) and rejoins. Encodings it does not take (unallocated,
 * constrained unpredictable, everything else) are left to the interpreter.
 */
final class InlineInstructions {
    private static final String MEMORY = Type.getInternalName(PagedMemory.class);
    private static final String STATE = Type.getInternalName(CpuState.class);
    private static final String PAGE_CLASS = Type.getInternalName(PagedMemory.Page.class);
    private final RegionCompiler c;
    private final MethodVisitor mv;

    InlineInstructions(RegionCompiler compiler, MethodVisitor mv) {
        this.c = compiler;
        this.mv = mv;
    }

    /** Emits insn inline if it is one of the common instructions; false (nothing emitted) otherwise. */
    boolean emit(int insn, long pc) {
        if (insn == 0xd503201f) return true; // NOP
        if ((insn & 0x1f800000) == 0x11000000) return addSubImmediate(insn);
        if ((insn & 0x1f800000) == 0x12000000) return logicalImmediate(insn);
        if ((insn & 0x1f800000) == 0x12800000) return moveWide(insn);
        if ((insn & 0x1f800000) == 0x13000000) return bitfield(insn);
        if ((insn & 0x1f000000) == 0x10000000) return pcRelative(insn, pc);
        if ((insn & 0x1f000000) == 0x0a000000) return logicalShifted(insn);
        if ((insn & 0x1f200000) == 0x0b000000) return addSubShifted(insn);
        if ((insn & 0x1fe00000) == 0x0b200000) return addSubExtended(insn);
        if ((insn & 0x3fe00000) == 0x1a800000 && (insn & 0x800) == 0) return conditionalSelect(insn);
        if ((insn & 0x7fe00000) == 0x1b000000) return multiplyAdd(insn);
        if ((insn & 0x3f000000) == 0x39000000) {
            int size = insn >>> 30;
            return loadStore(insn, pc, size, ((insn >>> 10) & 0xfff) << size, OFFSET);
        }
        if ((insn & 0x3f200000) == 0x38000000) {
            int mode = switch ((insn >>> 10) & 3) {
                case 0 -> OFFSET; case 1 -> POST; case 3 -> PRE; default -> -1;
            };
            if (mode == -1) return false; // LDTR/STTR
            if (mode != OFFSET && (((insn >>> 22) & 3) == 2) && (insn >>> 30) == 3) return false; // unallocated
            return loadStore(insn, pc, insn >>> 30, (insn << 11) >> 23, mode);
        }
        if ((insn & 0x3f200c00) == 0x38200800) {
            if ((insn & (1 << 14)) == 0) return false;
            return loadStore(insn, pc, insn >>> 30, 0, REGISTER);
        }
        if ((insn & 0x3e000000) == 0x28000000) return loadStorePair(insn, pc);
        if ((insn & 0x3f000000) == 0x3d000000) {
            int scale = (insn & (1 << 23)) != 0 ? 4 : insn >>> 30;
            return vectorLoadStore(insn, pc, ((insn >>> 10) & 0xfff) << scale, OFFSET);
        }
        if ((insn & 0x3f200000) == 0x3c000000) {
            int mode = switch ((insn >>> 10) & 3) {
                case 0 -> OFFSET; case 1 -> POST; case 3 -> PRE; default -> -1;
            };
            if (mode == -1) return false; // unallocated for SIMD&FP registers
            return vectorLoadStore(insn, pc, (insn << 11) >> 23, mode);
        }
        if ((insn & 0x3f200c00) == 0x3c200800) return vectorLoadStore(insn, pc, 0, REGISTER);
        if ((insn & 0x3e000000) == 0x2c000000) return vectorPair(insn, pc);
        if ((insn & 0x3f000000) == 0x18000000) return loadLiteral(insn, pc);
        return false;
    }

    /** Stack: a, b. Leaves a +/- b (32-bit results zero-extended), setting the lazy flags if asked. */
    private void addSub(boolean sf, boolean sub, boolean setFlags) {
        if (setFlags) {
            mv.visitVarInsn(LSTORE, FB);
            mv.visitVarInsn(LSTORE, FA);
            mv.visitVarInsn(LLOAD, FA);
            mv.visitVarInsn(LLOAD, FB);
        }
        mv.visitInsn(sub ? LSUB : LADD);
        if (!sf) c.mask32();
        if (setFlags) {
            int kind = sub ? (sf ? LazyFlags.SUB64 : LazyFlags.SUB32) : (sf ? LazyFlags.ADD64 : LazyFlags.ADD32);
            c.setKind(kind);
        }
    }

    private boolean addSubImmediate(int insn) {
        boolean sf = insn < 0, sub = (insn & (1 << 30)) != 0, setFlags = (insn & (1 << 29)) != 0;
        long imm = (insn >>> 10) & 0xfff;
        if ((insn & (1 << 22)) != 0) imm <<= 12;
        c.ldXsp((insn >>> 5) & 31);
        if (!sf) c.mask32();
        c.lconst(imm);
        addSub(sf, sub, setFlags);
        if (setFlags) c.stX(insn & 31);
        else c.stXsp(insn & 31);
        return true;
    }

    private boolean addSubShifted(int insn) {
        boolean sf = insn < 0, sub = (insn & (1 << 30)) != 0, setFlags = (insn & (1 << 29)) != 0;
        int shift = (insn >>> 22) & 3, amount = (insn >>> 10) & 63;
        if (shift == 3 || (!sf && amount >= 32)) return false;
        c.ldX((insn >>> 5) & 31);
        if (!sf) c.mask32();
        c.ldX((insn >>> 16) & 31);
        shift(sf, shift, amount);
        if (!sf) c.mask32();
        addSub(sf, sub, setFlags);
        c.stX(insn & 31);
        return true;
    }

    private boolean addSubExtended(int insn) {
        boolean sf = insn < 0, sub = (insn & (1 << 30)) != 0, setFlags = (insn & (1 << 29)) != 0;
        int option = (insn >>> 13) & 7, amount = (insn >>> 10) & 7;
        if (amount > 4) return false;
        c.ldXsp((insn >>> 5) & 31);
        if (!sf) c.mask32();
        c.ldX((insn >>> 16) & 31);
        extend(option);
        if (amount != 0) {
            c.iconst(amount);
            mv.visitInsn(LSHL);
        }
        if (!sf) c.mask32();
        addSub(sf, sub, setFlags);
        if (setFlags) c.stX(insn & 31);
        else c.stXsp(insn & 31);
        return true;
    }

    /** Stack: a register value; leaves it extended by option (UXTB..SXTX). */
    private void extend(int option) {
        switch (option) {
            case 0 -> { c.lconst(0xff); mv.visitInsn(LAND); }
            case 1 -> { c.lconst(0xffff); mv.visitInsn(LAND); }
            case 2 -> c.mask32();
            case 4 -> { mv.visitInsn(L2I); mv.visitInsn(I2B); mv.visitInsn(I2L); }
            case 5 -> { mv.visitInsn(L2I); mv.visitInsn(I2S); mv.visitInsn(I2L); }
            case 6 -> { mv.visitInsn(L2I); mv.visitInsn(I2L); }
            default -> { }
        }
    }

    /** Stack: a register value; leaves it shifted (LSL, LSR, ASR, ROR) by amount within 32 or 64 bits. */
    private void shift(boolean sf, int type, int amount) {
        if (amount == 0) return;
        if (sf) {
            c.iconst(amount);
            switch (type) {
                case 0 -> mv.visitInsn(LSHL);
                case 1 -> mv.visitInsn(LUSHR);
                case 2 -> mv.visitInsn(LSHR);
                default -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "rotateRight", "(JI)J", false);
            }
        } else {
            mv.visitInsn(L2I);
            c.iconst(amount);
            switch (type) {
                case 0 -> mv.visitInsn(ISHL);
                case 1 -> mv.visitInsn(IUSHR);
                case 2 -> mv.visitInsn(ISHR);
                default -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateRight", "(II)I", false);
            }
            mv.visitInsn(I2L);
            c.mask32();
        }
    }

    private void logicOp(int opc) {
        mv.visitInsn(switch (opc) {
            case 1 -> LOR;
            case 2 -> LXOR;
            default -> LAND;
        });
    }

    private boolean logicalShifted(int insn) {
        boolean sf = insn < 0;
        int opc = (insn >>> 29) & 3, amount = (insn >>> 10) & 63;
        if (!sf && amount >= 32) return false;
        c.ldX((insn >>> 5) & 31);
        c.ldX((insn >>> 16) & 31);
        shift(sf, (insn >>> 22) & 3, amount);
        if ((insn & (1 << 21)) != 0) { // BIC, ORN, EON, BICS
            c.lconst(-1);
            mv.visitInsn(LXOR);
        }
        logicOp(opc);
        if (!sf) c.mask32();
        if (opc == 3) c.setKind(sf ? LazyFlags.LOGIC64 : LazyFlags.LOGIC32);
        c.stX(insn & 31);
        return true;
    }

    private boolean logicalImmediate(int insn) {
        boolean sf = insn < 0;
        int opc = (insn >>> 29) & 3, n = (insn >>> 22) & 1;
        if (!sf && n != 0) return false;
        long imm = bitMask(sf, n, (insn >>> 16) & 63, (insn >>> 10) & 63);
        if (imm == 0) return false; // reserved: the interpreter raises it
        c.ldX((insn >>> 5) & 31);
        c.lconst(imm);
        logicOp(opc);
        if (!sf) c.mask32();
        if (opc == 3) {
            c.setKind(sf ? LazyFlags.LOGIC64 : LazyFlags.LOGIC32);
            c.stX(insn & 31);
        } else {
            c.stXsp(insn & 31);
        }
        return true;
    }

    /** DecodeBitMasks' wmask for a logical immediate; 0 for the reserved encodings (no valid mask is 0). */
    static long bitMask(boolean sf, int n, int immr, int imms) {
        int len = 31 - Integer.numberOfLeadingZeros((n << 6) | (~imms & 0x3f));
        if (len < 1) return 0;
        int size = 1 << len, levels = size - 1;
        int s = imms & levels, r = immr & levels;
        if (s == levels) return 0;
        long welem = (1L << (s + 1)) - 1;
        long elem = size == 64 ? Long.rotateRight(welem, r)
                : ((welem >>> r) | (welem << (size - r))) & ((1L << size) - 1);
        long result = elem;
        for (int e = size; e < 64; e *= 2) result |= result << e;
        return sf ? result : result & 0xffffffffL;
    }

    private boolean moveWide(int insn) {
        boolean sf = insn < 0;
        int opc = (insn >>> 29) & 3, hw = (insn >>> 21) & 3;
        if (opc == 1 || (!sf && hw >= 2)) return false;
        long imm = (long) ((insn >>> 5) & 0xffff) << (16 * hw);
        int rd = insn & 31;
        if (opc == 3) { // MOVK
            c.ldX(rd);
            c.lconst(~(0xffffL << (16 * hw)));
            mv.visitInsn(LAND);
            c.lconst(imm);
            mv.visitInsn(LOR);
            if (!sf) c.mask32();
        } else {
            long v = opc == 0 ? ~imm : imm;
            c.lconst(sf ? v : v & 0xffffffffL);
        }
        c.stX(rd);
        return true;
    }

    private boolean pcRelative(int insn, long pc) {
        long imm = ((long) (insn << 8) >> 13) << 2 | (insn >>> 29) & 3;
        c.lconst(insn < 0 ? (pc & ~0xfffL) + (imm << 12) : pc + imm);
        c.stX(insn & 31);
        return true;
    }

    private boolean bitfield(int insn) {
        boolean sf = insn < 0;
        int opc = (insn >>> 29) & 3, n = (insn >>> 22) & 1, immr = (insn >>> 16) & 63, imms = (insn >>> 10) & 63;
        if (opc == 1 || opc == 3 || n != (sf ? 1 : 0) || (!sf && (immr >= 32 || imms >= 32))) return false; // BFM: interpreter
        int datasize = sf ? 64 : 32;
        c.ldX((insn >>> 5) & 31);
        if (imms >= immr) { // the field imms:immr moved to the bottom
            c.iconst(63 - imms);
            mv.visitInsn(LSHL);
            c.iconst(63 - imms + immr);
            mv.visitInsn(opc == 2 ? LUSHR : LSHR);
        } else { // the field imms:0 moved up to datasize - immr
            c.iconst(63 - imms);
            mv.visitInsn(LSHL);
            c.iconst(63 - imms);
            mv.visitInsn(opc == 2 ? LUSHR : LSHR);
            c.iconst(datasize - immr);
            mv.visitInsn(LSHL);
        }
        if (!sf) c.mask32();
        c.stX(insn & 31);
        return true;
    }

    private boolean conditionalSelect(int insn) {
        boolean sf = insn < 0;
        int op = (insn >>> 30) & 1, o2 = (insn >>> 10) & 1;
        Label take = new Label(), done = new Label();
        c.jumpIf((insn >>> 12) & 15, take);
        c.ldX((insn >>> 16) & 31);
        if (op == 0 && o2 == 1) {
            c.lconst(1);
            mv.visitInsn(LADD);
        } else if (op == 1 && o2 == 0) {
            c.lconst(-1);
            mv.visitInsn(LXOR);
        } else if (op == 1) {
            mv.visitInsn(LNEG);
        }
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(take);
        c.ldX((insn >>> 5) & 31);
        mv.visitLabel(done);
        if (!sf) c.mask32();
        c.stX(insn & 31);
        return true;
    }

    private boolean multiplyAdd(int insn) {
        boolean sf = insn < 0;
        c.ldX((insn >>> 10) & 31);
        c.ldX((insn >>> 5) & 31);
        c.ldX((insn >>> 16) & 31);
        mv.visitInsn(LMUL);
        mv.visitInsn((insn & (1 << 15)) != 0 ? LSUB : LADD);
        if (!sf) c.mask32();
        c.stX(insn & 31);
        return true;
    }

    // ---- loads and stores ----

    private static final int OFFSET = 0, PRE = 1, POST = 2, REGISTER = 3;

    /** LDR/STR/LDRS* of general registers; the address into T1, the access, then base and Rt. */
    private boolean loadStore(int insn, long pc, int size, long offset, int mode) {
        int opc = (insn >>> 22) & 3, rn = (insn >>> 5) & 31, rt = insn & 31;
        int option = (insn >>> 13) & 7;
        if (mode == REGISTER && (option & 2) == 0) return false;
        // PRFM, PRFUM: hints that never fault; pre/post-index forms are unallocated.
        if (opc == 2 && size == 3) return mode == OFFSET || mode == REGISTER;
        if (opc == 3 && size >= 2) return false; // unallocated
        boolean writeback = mode == PRE || mode == POST;
        if (writeback && rn == rt && rn != 31) return false; // constrained unpredictable: the interpreter decides
        address(insn, rn, size, offset, mode);
        c.curPc(pc);
        if (opc == 0) {
            access(1 << size, Prot.WRITE, fast -> {
                storeAt(fast, size, 0, () -> c.ldX(rt));
                writeBack(writeback, rn, offset, mode);
                if (!fast) c.codeWriteCheck(pc);
            });
        } else {
            int signed = opc == 1 ? 0 : opc == 2 ? 64 : 32;
            access(1 << size, Prot.READ, fast -> loadAt(fast, size, 0, signed));
            writeBack(writeback, rn, offset, mode);
            c.stX(rt);
        }
        return true;
    }

    /** Stack: the base plus offset or index as mode says; the address goes into T1. */
    private void address(int insn, int rn, int scale, long offset, int mode) {
        c.ldXsp(rn);
        if (mode == REGISTER) {
            c.ldX((insn >>> 16) & 31);
            extend((insn >>> 13) & 7);
            if ((insn & (1 << 12)) != 0 && scale != 0) {
                c.iconst(scale);
                mv.visitInsn(LSHL);
            }
            mv.visitInsn(LADD);
        } else if (mode != POST && offset != 0) {
            c.lconst(offset);
            mv.visitInsn(LADD);
        }
        mv.visitVarInsn(LSTORE, T1);
    }

    /** Pushes the 64-bit half (0 low, 1 high) of Vn. */
    private void pushV(int n, int half) {
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "v", "[J");
        c.iconst(2 * n + half);
        mv.visitInsn(LALOAD);
    }

    /** Sets Vn from two long locals (high -1: zero, as a B/H/S/D write clears the bits above). */
    private void setV(int n, int low, int high) {
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "v", "[J");
        mv.visitInsn(DUP);
        c.iconst(2 * n);
        mv.visitVarInsn(LLOAD, low);
        mv.visitInsn(LASTORE);
        c.iconst(2 * n + 1);
        if (high < 0) c.lconst(0);
        else mv.visitVarInsn(LLOAD, high);
        mv.visitInsn(LASTORE);
    }

    /** Stack: nothing. Loads 1 << scale bytes (scale 0-4) at T1 + offset into local low (and high for Q). */
    private void loadVector(boolean fast, int scale, int offset, int low, int high) {
        loadAt(fast, Math.min(scale, 3), offset, 0);
        mv.visitVarInsn(LSTORE, low);
        if (scale == 4) loadVector(fast, 3, offset + 8, high, -1);
    }

    /** Stores 1 << scale bytes (scale 0-4) of Vt at T1 + offset (the caller checked a Q store's whole range). */
    private void storeVector(boolean fast, int t, int scale, int offset) {
        for (int half = 0; half < (scale == 4 ? 2 : 1); half++) {
            int h = half;
            storeAt(fast, Math.min(scale, 3), offset + 8 * half, () -> pushV(t, h));
        }
    }

    /** What an instruction does around its memory access, on the fast path (true) or the slow one (false). */
    private interface Body {
        void emit(boolean fast);
    }

    /**
     * An instruction's memory access of size bytes at T1: body(true) on DATA/OFF (the page's bytes, in the form
     * {@link PagedMemory#DATA_FIELD} names) when {@link PagedMemory#fastPage} allows the whole access, else body(false) out of line, both continuing after it. The page of the last load and
     * that of the last store are kept apart (READ_PAGE, WRITE_PAGE), so a copy loop keeps both of its pages.
     */
    private void access(int size, int kind, Body body) {
        Label slow = new Label(), join = new Label();
        int page = kind == Prot.WRITE ? WRITE_PAGE : READ_PAGE;
        mv.visitVarInsn(ALOAD, MEM);
        mv.visitVarInsn(ALOAD, page);
        mv.visitVarInsn(LLOAD, T1);
        c.iconst(size);
        c.iconst(kind);
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "fastPage", "(L" + PAGE_CLASS + ";JII)L" + PAGE_CLASS + ";", false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ASTORE, page);
        mv.visitJumpInsn(IFNULL, slow);
        mv.visitVarInsn(ALOAD, page);
        mv.visitFieldInsn(GETFIELD, PAGE_CLASS, PagedMemory.DATA_FIELD, PagedMemory.DATA_DESCRIPTOR);
        mv.visitVarInsn(ASTORE, DATA);
        mv.visitVarInsn(LLOAD, T1);
        mv.visitInsn(L2I);
        c.iconst(PagedMemory.PAGE_MASK);
        mv.visitInsn(IAND);
        mv.visitVarInsn(ISTORE, OFF);
        body.emit(true);
        mv.visitLabel(join);
        c.stub(() -> {
            mv.visitLabel(slow);
            body.emit(false);
            mv.visitJumpInsn(GOTO, join);
        });
    }

    /** Pushes the size (0-3) bytes at T1 + offset, extended as {@link #load} says: from DATA/OFF or checked. */
    private void loadAt(boolean fast, int size, int offset, int signed) {
        if (fast) {
            pushFastAddress(offset);
            if (size == 3) {
                mv.visitMethodInsn(INVOKESTATIC, MEMORY, "getLong", "(" + PagedMemory.DATA_DESCRIPTOR + "I)J", false);
                return;
            }
            mv.visitMethodInsn(INVOKESTATIC, MEMORY, FAST_NAMES[size].replace("X", "get"), "(" + PagedMemory.DATA_DESCRIPTOR + "I)I", false);
            extend(size, signed);
            return;
        }
        pushCheckedAddress(offset);
        load(size, signed);
    }

    /** Pushes the memory and the address T1 + offset for a checked access through PagedMemory. */
    private void pushCheckedAddress(int offset) {
        mv.visitVarInsn(ALOAD, MEM);
        mv.visitVarInsn(LLOAD, T1);
        if (offset != 0) {
            c.lconst(offset);
            mv.visitInsn(LADD);
        }
    }

    /** Stores the low size (0-3) bytes of the long value pushes at T1 + offset: into DATA/OFF or checked. */
    private void storeAt(boolean fast, int size, int offset, Runnable value) {
        if (fast) {
            pushFastAddress(offset);
            value.run();
            if (size == 3) {
                mv.visitMethodInsn(INVOKESTATIC, MEMORY, "putLong", "(" + PagedMemory.DATA_DESCRIPTOR + "IJ)V", false);
            } else {
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, MEMORY, FAST_NAMES[size].replace("X", "put"), "(" + PagedMemory.DATA_DESCRIPTOR + "II)V", false);
            }
            return;
        }
        pushCheckedAddress(offset);
        value.run();
        store(size);
    }

    private static final String[] FAST_NAMES = {"XByte", "XShort", "XInt"};

    private void pushFastAddress(int offset) {
        mv.visitVarInsn(ALOAD, DATA);
        mv.visitVarInsn(ILOAD, OFF);
        if (offset != 0) {
            c.iconst(offset);
            mv.visitInsn(IADD);
        }
    }

    /** Checks that size bytes at T1 are writable before the first of several stores. */
    private void checkWritable(int size) {
        mv.visitVarInsn(ALOAD, MEM);
        mv.visitVarInsn(LLOAD, T1);
        c.iconst(size);
        c.iconst(Prot.WRITE);
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "checkAccess", "(JII)V", false);
    }

    /** LDR/STR of B/H/S/D/Q registers; for register offset, offset is ignored. */
    private boolean vectorLoadStore(int insn, long pc, long offset, int mode) {
        int size = insn >>> 30, opc = (insn >>> 22) & 3, rn = (insn >>> 5) & 31, t = insn & 31;
        if ((opc & 2) != 0 && size != 0) return false; // unallocated
        if (mode == REGISTER && (((insn >>> 13) & 2) == 0)) return false;
        int scale = (opc & 2) != 0 ? 4 : size;
        boolean writeback = mode == PRE || mode == POST;
        address(insn, rn, scale, offset, mode);
        c.curPc(pc);
        if ((opc & 1) != 0) {
            access(1 << scale, Prot.READ, fast -> loadVector(fast, scale, 0, T2, T3));
            writeBack(writeback, rn, offset, mode);
            setV(t, T2, scale == 4 ? T3 : -1);
        } else {
            access(1 << scale, Prot.WRITE, fast -> {
                if (scale == 4 && !fast) checkWritable(16);
                storeVector(fast, t, scale, 0);
                writeBack(writeback, rn, offset, mode);
                if (!fast) c.codeWriteCheck(pc);
            });
        }
        return true;
    }

    /** LDP/STP/LDNP/STNP of S/D/Q registers. */
    private boolean vectorPair(int insn, long pc) {
        int opc = insn >>> 30, mode = (insn >>> 23) & 3;
        if (opc == 3) return false; // unallocated
        boolean load = (insn & (1 << 22)) != 0;
        int t = insn & 31, rn = (insn >>> 5) & 31, t2 = (insn >>> 10) & 31;
        if (load && t == t2) return false; // constrained unpredictable: the interpreter decides
        int scale = 2 + opc, bytes = 1 << scale;
        long offset = (long) ((insn << 10) >> 25) << scale;
        int pairMode = mode == 1 ? POST : mode == 3 ? PRE : OFFSET;
        boolean writeback = pairMode != OFFSET;
        address(insn, rn, scale, offset, pairMode);
        c.curPc(pc);
        if (load) {
            access(2 * bytes, Prot.READ, fast -> {
                loadVector(fast, scale, 0, T2, T3);
                loadVector(fast, scale, bytes, T4, T5);
            });
            writeBack(writeback, rn, offset, pairMode);
            setV(t, T2, scale == 4 ? T3 : -1);
            setV(t2, T4, scale == 4 ? T5 : -1);
        } else {
            access(2 * bytes, Prot.WRITE, fast -> {
                if (!fast) checkWritable(2 * bytes);
                storeVector(fast, t, scale, 0);
                storeVector(fast, t2, scale, bytes);
                writeBack(writeback, rn, offset, pairMode);
                if (!fast) c.codeWriteCheck(pc);
            });
        }
        return true;
    }

    private void writeBack(boolean writeback, int rn, long offset, int mode) {
        if (!writeback) return;
        mv.visitVarInsn(LLOAD, T1);
        if (mode == POST && offset != 0) {
            c.lconst(offset);
            mv.visitInsn(LADD);
        }
        c.stXsp(rn);
    }

    /** Stack: memory, address, value (long). Stores the low size bytes. */
    private void store(int size) {
        if (size == 3) {
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "store64", "(JJ)V", false);
            return;
        }
        mv.visitInsn(L2I);
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "store" + (8 << size), "(JI)V", false);
    }

    /** Stack: memory, address. Leaves the value loaded: zero-extended (signed 0) or sign-extended to 64 or 32 bits. */
    private void load(int size, int signed) {
        if (size == 3) {
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "load64", "(J)J", false);
            return;
        }
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "load" + (8 << size), "(J)I", false);
        extend(size, signed);
    }

    /** Stack: an int loaded zero-extended from size (0-2) bytes. Leaves it as a long, extended as {@link #load} says. */
    private void extend(int size, int signed) {
        if (signed != 0) {
            if (size == 0) mv.visitInsn(I2B);
            else if (size == 1) mv.visitInsn(I2S);
        }
        mv.visitInsn(I2L);
        if (size == 2 && signed == 0 || signed == 32) c.mask32();
    }

    private boolean loadStorePair(int insn, long pc) {
        int opc = insn >>> 30, mode = (insn >>> 23) & 3;
        boolean load = (insn & (1 << 22)) != 0;
        int rt = insn & 31, rn = (insn >>> 5) & 31, rt2 = (insn >>> 10) & 31;
        int size;
        if (opc == 0) size = 2;
        else if (opc == 2) size = 3;
        else if (opc == 1 && load && mode != 0) size = 2; // LDPSW
        else return false;
        boolean writeback = mode == 1 || mode == 3;
        if (load && rt == rt2) return false; // constrained unpredictable
        if (writeback && rn != 31 && (rn == rt || rn == rt2)) return false;
        long offset = (long) ((insn << 10) >> 25) << size;
        int pairMode = mode == 1 ? POST : mode == 3 ? PRE : OFFSET;
        c.ldXsp(rn);
        if (pairMode != POST && offset != 0) {
            c.lconst(offset);
            mv.visitInsn(LADD);
        }
        mv.visitVarInsn(LSTORE, T1);
        c.curPc(pc);
        int signed = opc == 1 ? 64 : 0;
        if (load) {
            access(2 << size, Prot.READ, fast -> {
                loadAt(fast, size, 0, signed);
                mv.visitVarInsn(LSTORE, T2);
                loadAt(fast, size, 1 << size, signed);
                mv.visitVarInsn(LSTORE, T3);
            });
            writeBack(writeback, rn, offset, pairMode);
            mv.visitVarInsn(LLOAD, T2);
            c.stX(rt);
            mv.visitVarInsn(LLOAD, T3);
            c.stX(rt2);
        } else {
            access(2 << size, Prot.WRITE, fast -> {
                if (!fast) checkWritable(2 << size); // both halves checked before the first store takes effect
                storeAt(fast, size, 0, () -> c.ldX(rt));
                storeAt(fast, size, 1 << size, () -> c.ldX(rt2));
                writeBack(writeback, rn, offset, pairMode);
                if (!fast) c.codeWriteCheck(pc);
            });
        }
        return true;
    }

    private boolean loadLiteral(int insn, long pc) {
        int opc = insn >>> 30;
        if (opc == 3) return false; // PRFM (literal)
        long address = pc + ((long) (insn << 8) >> 13 << 2);
        c.curPc(pc);
        mv.visitVarInsn(ALOAD, MEM);
        c.lconst(address);
        load(opc == 1 ? 3 : 2, opc == 2 ? 64 : 0);
        c.stX(insn & 31);
        return true;
    }
}
