package org.mdemu.emulator.a64;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.machine.Prot;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Compiles a {@link RegionBuilder.Plan} to one class implementing {@link TranslatedRegion.Code}: guest registers live
 * in JVM locals (loaded at entry, stored back at every exit and fault if the region writes them), flags lazily
 * ({@link LazyFlags}), the common integer, load/store and branch instructions inline, every other instruction through
 * {@link Interpreter#execute} with the locals written back before and reloaded after.
 *
 * <p>Instruction counting: {@code n} holds the instructions completed up to the last sync point (labels, internal
 * jumps); exits add the count since then, known at compile time. Budget and stop requests are checked at entry and
 * at every backward jump, each check covering the longest run to the next check.
 */
final class RegionCompiler {
    static final String CLASS_NAME = "org/mdemu/emulator/a64/TranslatedCode";
    private static final String STATE = Type.getInternalName(CpuState.class);
    private static final String MEMORY = Type.getInternalName(PagedMemory.class);
    private static final String REGION = Type.getInternalName(TranslatedRegion.class);
    private static final String FLAGS = Type.getInternalName(LazyFlags.class);

    // JVM local slots.
    private static final int S = 1, BUDGET = 2, SELF = 4, MEM = 5, N = 6, RET_PC = 8, CUR_PC = 10, FKIND = 12,
            FA = 13, FB = 15, FR = 17, NZCV = 19, T1 = 21, T2 = 23, T3 = 25, REG0 = 27;
    private static final int UNKNOWN = -1;

    private final RegionBuilder.Plan plan;
    /** Registers read / written by inline code (collected by a first, discarded pass). */
    private final boolean[] used = new boolean[32], written = new boolean[32];
    private boolean setsFlags;
    private boolean[] loadSet = new boolean[32], storeSet = new boolean[32];
    private boolean flagsWriteBack;

    private MethodVisitor mv;
    private int pending;
    private int knownKind;
    private Label exit;
    private Label[] labels;
    private final List<Runnable> stubs = new ArrayList<>();
    /** Instructions compiled inline vs. through the interpreter (second pass). */
    int inlined, fallbacks;

    RegionCompiler(RegionBuilder.Plan plan) {
        this.plan = plan;
    }

    /** Whether the translator compiles insn inline (else it calls the interpreter for it). */
    static boolean inlines(int insn) {
        RegionCompiler c = new RegionCompiler(RegionBuilder.plan(0x10000, new int[] {insn}, 1));
        c.generate(new ClassWriter(0));
        return c.fallbacks == 0;
    }

    byte[] compile() {
        generate(new ClassWriter(0));
        for (int r = 0; r < 32; r++) {
            loadSet[r] = used[r] || written[r];
            storeSet[r] = written[r];
        }
        flagsWriteBack = setsFlags;
        inlined = fallbacks = 0;
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        generate(cw);
        return cw.toByteArray();
    }

    private void generate(ClassWriter cw) {
        stubs.clear();
        pending = 0;
        knownKind = LazyFlags.PACKED;
        cw.visit(V17, ACC_FINAL | ACC_SUPER, CLASS_NAME, null, "java/lang/Object",
                new String[] {Type.getInternalName(TranslatedRegion.Code.class)});
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(1, 1);
        init.visitEnd();

        mv = cw.visitMethod(ACC_PUBLIC, "run", "(L" + STATE + ";JL" + REGION + ";)J", null, null);
        mv.visitCode();
        Label start = new Label(), end = new Label(), handler = new Label();
        exit = new Label();
        // Any exception, not only A64Fault: whatever leaves the region (a guest fault, the heap running out of guest
        // pages) leaves the registers as after the last completed instruction.
        mv.visitTryCatchBlock(start, end, handler, null);
        Label enough = new Label();
        mv.visitVarInsn(LLOAD, BUDGET);
        lconst(plan.longestRun[0]);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFGE, enough);
        lconst(-1);
        mv.visitInsn(LRETURN);
        mv.visitLabel(enough);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "memory", "L" + MEMORY + ";");
        mv.visitVarInsn(ASTORE, MEM);
        lconst(0);
        mv.visitVarInsn(LSTORE, N);
        for (int slot : new int[] {FA, FB, FR, T1, T2, T3}) {
            lconst(0);
            mv.visitVarInsn(LSTORE, slot);
        }
        lconst(plan.entry);
        mv.visitVarInsn(LSTORE, RET_PC);
        lconst(plan.entry);
        mv.visitVarInsn(LSTORE, CUR_PC);
        reloadState();
        mv.visitLabel(start);

        labels = new Label[plan.count];
        for (int i = 0; i < plan.count; i++) if (plan.isTarget[i]) labels[i] = new Label();
        boolean fallsOut = true;
        for (int i = 0; i < plan.count; i++) {
            if (labels[i] != null) {
                flush(0);
                mv.visitLabel(labels[i]);
                knownKind = UNKNOWN;
            }
            fallsOut = instruction(i);
        }
        if (fallsOut) exitTo(plan.end(), pending);
        for (int i = 0; i < stubs.size(); i++) stubs.get(i).run();
        mv.visitLabel(end);

        // A fault: registers as after the last completed instruction, pc at the faulting one (set before every
        // instruction that can throw: memory accesses and the interpreter's).
        mv.visitLabel(handler);
        writeBack();
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, CUR_PC);
        mv.visitFieldInsn(PUTFIELD, STATE, "pc", "J");
        mv.visitInsn(ATHROW);

        mv.visitLabel(exit);
        writeBack();
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, RET_PC);
        mv.visitFieldInsn(PUTFIELD, STATE, "pc", "J");
        mv.visitVarInsn(LLOAD, N);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
    }

    // ---- state in locals ----

    private static int slot(int r) {
        return REG0 + 2 * r;
    }

    private void reloadState() {
        for (int r = 0; r < 32; r++) {
            if (!loadSet[r]) continue;
            mv.visitVarInsn(ALOAD, S);
            mv.visitFieldInsn(GETFIELD, STATE, "x", "[J");
            iconst(r);
            mv.visitInsn(LALOAD);
            mv.visitVarInsn(LSTORE, slot(r));
        }
        iconst(LazyFlags.PACKED);
        mv.visitVarInsn(ISTORE, FKIND);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "nzcv", "J");
        mv.visitVarInsn(LSTORE, NZCV);
    }

    private void writeBack() {
        for (int r = 0; r < 32; r++) {
            if (!storeSet[r]) continue;
            mv.visitVarInsn(ALOAD, S);
            mv.visitFieldInsn(GETFIELD, STATE, "x", "[J");
            iconst(r);
            mv.visitVarInsn(LLOAD, slot(r));
            mv.visitInsn(LASTORE);
        }
        if (flagsWriteBack) {
            mv.visitVarInsn(ALOAD, S);
            pushFlagState();
            mv.visitMethodInsn(INVOKESTATIC, FLAGS, "nzcv", "(IJJJJ)J", false);
            mv.visitFieldInsn(PUTFIELD, STATE, "nzcv", "J");
        }
    }

    private void pushFlagState() {
        mv.visitVarInsn(ILOAD, FKIND);
        mv.visitVarInsn(LLOAD, FA);
        mv.visitVarInsn(LLOAD, FB);
        mv.visitVarInsn(LLOAD, FR);
        mv.visitVarInsn(LLOAD, NZCV);
    }

    /** Pushes Xr, 31 reading as zero. */
    private void ldX(int r) {
        if (r == 31) {
            lconst(0);
            return;
        }
        used[r] = true;
        mv.visitVarInsn(LLOAD, slot(r));
    }

    /** Pushes Xr, 31 reading as SP. */
    private void ldXsp(int r) {
        used[r] = true;
        mv.visitVarInsn(LLOAD, slot(r));
    }

    /** Pops into Xr, 31 discarding. */
    private void stX(int r) {
        if (r == 31) {
            mv.visitInsn(POP2);
            return;
        }
        written[r] = true;
        mv.visitVarInsn(LSTORE, slot(r));
    }

    /** Pops into Xr, 31 being SP. */
    private void stXsp(int r) {
        written[r] = true;
        mv.visitVarInsn(LSTORE, slot(r));
    }

    private void lconst(long v) {
        if (v == 0) mv.visitInsn(LCONST_0);
        else if (v == 1) mv.visitInsn(LCONST_1);
        else mv.visitLdcInsn(v);
    }

    private void iconst(int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }

    private void mask32() {
        mv.visitLdcInsn(0xffffffffL);
        mv.visitInsn(LAND);
    }

    private void curPc(long pc) {
        lconst(pc);
        mv.visitVarInsn(LSTORE, CUR_PC);
    }

    // ---- counting and exits ----

    /** Adds the instructions completed since the last sync point (plus extra) to n. */
    private void flush(int extra) {
        int c = pending + extra;
        if (c != 0) {
            mv.visitVarInsn(LLOAD, N);
            lconst(c);
            mv.visitInsn(LADD);
            mv.visitVarInsn(LSTORE, N);
        }
        pending = 0;
    }

    /** Leaves the region at pc having completed count instructions since the last sync point. */
    private void exitTo(long pc, int count) {
        int saved = pending;
        pending = count;
        flush(0);
        pending = saved;
        lconst(pc);
        mv.visitVarInsn(LSTORE, RET_PC);
        mv.visitJumpInsn(GOTO, exit);
    }

    private Label exitStub(long pc, int count) {
        Label l = new Label();
        stubs.add(() -> {
            mv.visitLabel(l);
            exitTo(pc, count);
        });
        return l;
    }

    /** A backward jump to region instruction t (n already synced): stop requests and the budget, then the jump. */
    private Label backEdge(int t) {
        Label l = new Label();
        stubs.add(() -> {
            Label out = new Label();
            mv.visitLabel(l);
            mv.visitVarInsn(ALOAD, S);
            mv.visitFieldInsn(GETFIELD, STATE, "stopRequested", "Z");
            mv.visitJumpInsn(IFNE, out);
            mv.visitVarInsn(LLOAD, BUDGET);
            mv.visitVarInsn(LLOAD, N);
            mv.visitInsn(LSUB);
            lconst(plan.longestRun[t]);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFLT, out);
            mv.visitJumpInsn(GOTO, labels[t]);
            mv.visitLabel(out);
            exitTo(plan.pc(t), 0);
        });
        return l;
    }

    /** After a store: if it dropped this region (it wrote the region's code), leave before the next instruction. */
    private void codeWriteCheck(long pc) {
        mv.visitVarInsn(ALOAD, SELF);
        mv.visitFieldInsn(GETFIELD, REGION, "invalid", "Z");
        mv.visitJumpInsn(IFNE, exitStub(pc + 4, pending + 1));
    }

    // ---- conditions ----

    /** Jumps to target if condition cond holds. */
    private void jumpIf(int cond, Label target) {
        if ((cond >> 1) == 7) {
            mv.visitJumpInsn(GOTO, target);
            return;
        }
        int k = knownKind;
        int base = cond >> 1;
        boolean invert = (cond & 1) != 0;
        if (k != UNKNOWN && k != LazyFlags.PACKED && base == 0) { // EQ, NE: Z is result == 0 for every kind
            mv.visitVarInsn(LLOAD, FR);
            lconst(0);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(invert ? IFNE : IFEQ, target);
            return;
        }
        if (k != UNKNOWN && k != LazyFlags.PACKED && base == 2) { // MI, PL
            mv.visitVarInsn(LLOAD, FR);
            if (k == LazyFlags.SUB32 || k == LazyFlags.ADD32 || k == LazyFlags.LOGIC32) {
                mv.visitInsn(L2I);
            } else {
                lconst(0);
                mv.visitInsn(LCMP);
            }
            mv.visitJumpInsn(invert ? IFGE : IFLT, target);
            return;
        }
        if (k == LazyFlags.SUB64 || k == LazyFlags.SUB32) {
            // After a subtraction a - b: signed and unsigned comparisons of a and b.
            int signedOp = switch (cond) {
                case 10 -> IFGE; case 11 -> IFLT; case 12 -> IFGT; case 13 -> IFLE; default -> -1;
            };
            int unsignedOp = switch (cond) {
                case 2 -> IFGE; case 3 -> IFLT; case 8 -> IFGT; case 9 -> IFLE; default -> -1;
            };
            if (signedOp != -1) {
                mv.visitVarInsn(LLOAD, FA);
                if (k == LazyFlags.SUB32) {
                    mv.visitInsn(L2I);
                    mv.visitVarInsn(LLOAD, FB);
                    mv.visitInsn(L2I);
                    mv.visitJumpInsn(signedOp + (IF_ICMPEQ - IFEQ), target);
                } else {
                    mv.visitVarInsn(LLOAD, FB);
                    mv.visitInsn(LCMP);
                    mv.visitJumpInsn(signedOp, target);
                }
                return;
            }
            if (unsignedOp != -1) {
                mv.visitVarInsn(LLOAD, FA);
                mv.visitVarInsn(LLOAD, FB);
                if (k == LazyFlags.SUB32) mv.visitInsn(LCMP); // zero-extended: a long compare is unsigned
                else mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
                mv.visitJumpInsn(unsignedOp, target);
                return;
            }
        }
        iconst(cond);
        if (k != UNKNOWN) {
            iconst(k);
            mv.visitVarInsn(LLOAD, FA);
            mv.visitVarInsn(LLOAD, FB);
            mv.visitVarInsn(LLOAD, FR);
            mv.visitVarInsn(LLOAD, NZCV);
        } else {
            pushFlagState();
        }
        mv.visitMethodInsn(INVOKESTATIC, FLAGS, "holds", "(IIJJJJ)Z", false);
        mv.visitJumpInsn(IFNE, target);
    }

    // ---- instructions ----

    /** Emits instruction i; whether control can fall through to the next one. */
    private boolean instruction(int i) {
        int insn = plan.words[i];
        long pc = plan.pc(i);
        switch (plan.shape[i]) {
            case RegionBuilder.COND_DIRECT -> {
                conditionalBranch(i, insn);
                inlined++;
                return true;
            }
            case RegionBuilder.UNCOND_DIRECT -> {
                if (insn < 0) { // BL
                    lconst(pc + 4);
                    stX(30);
                }
                int t = plan.internalTarget[i];
                if (t >= 0) {
                    flush(1);
                    mv.visitJumpInsn(GOTO, t > i ? labels[t] : backEdge(t));
                } else {
                    exitTo(plan.target[i], pending + 1);
                }
                inlined++;
                return false;
            }
            case RegionBuilder.INDIRECT -> {
                ldX((insn >>> 5) & 31);
                mv.visitVarInsn(LSTORE, RET_PC);
                if (((insn >>> 21) & 3) == 1) { // BLR: the target is read before X30 is written
                    lconst(pc + 4);
                    stX(30);
                }
                flush(1);
                mv.visitJumpInsn(GOTO, exit);
                inlined++;
                return false;
            }
            case RegionBuilder.SVC -> {
                mv.visitVarInsn(ALOAD, S);
                iconst(CpuState.EVENT_SVC);
                mv.visitFieldInsn(PUTFIELD, STATE, "event", "I");
                exitTo(pc + 4, pending + 1);
                inlined++;
                return false;
            }
            default -> {
                if (inline(insn, pc)) inlined++;
                else fallback(insn, pc);
                pending++;
                return true;
            }
        }
    }

    private void conditionalBranch(int i, int insn) {
        int t = plan.internalTarget[i];
        Label dest;
        if (t >= 0) {
            flush(1);
            dest = t > i ? labels[t] : backEdge(t);
        } else {
            dest = exitStub(plan.target[i], pending + 1);
        }
        if ((insn & 0xff000010) == 0x54000000) {
            jumpIf(insn & 0xf, dest);
        } else if ((insn & 0x7e000000) == 0x34000000) { // CBZ, CBNZ
            ldX(insn & 31);
            if (insn < 0) {
                lconst(0);
                mv.visitInsn(LCMP);
            } else {
                mv.visitInsn(L2I);
            }
            mv.visitJumpInsn((insn & (1 << 24)) == 0 ? IFEQ : IFNE, dest);
        } else { // TBZ, TBNZ
            int bit = (insn >>> 31) << 5 | (insn >>> 19) & 31;
            ldX(insn & 31);
            lconst(1L << bit);
            mv.visitInsn(LAND);
            lconst(0);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn((insn & (1 << 24)) == 0 ? IFEQ : IFNE, dest);
        }
        if (t < 0) pending++;
    }

    /** Any instruction through the interpreter: locals written back before, reloaded after. */
    private void fallback(int insn, long pc) {
        fallbacks++;
        writeBack();
        curPc(pc);
        mv.visitVarInsn(ALOAD, S);
        iconst(insn);
        lconst(pc);
        mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(Interpreter.class), "execute", "(L" + STATE + ";IJ)J",
                false);
        mv.visitVarInsn(LSTORE, T1);
        reloadState();
        knownKind = LazyFlags.PACKED;
        // Leave if it branched, raised an event, or wrote this region's code.
        Label leave = new Label();
        int count = pending + 1;
        stubs.add(() -> {
            mv.visitLabel(leave);
            int saved = pending;
            pending = count;
            flush(0);
            pending = saved;
            mv.visitVarInsn(LLOAD, T1);
            mv.visitVarInsn(LSTORE, RET_PC);
            mv.visitJumpInsn(GOTO, exit);
        });
        mv.visitVarInsn(LLOAD, T1);
        lconst(pc + 4);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, leave);
        mv.visitVarInsn(ALOAD, SELF);
        mv.visitFieldInsn(GETFIELD, REGION, "invalid", "Z");
        mv.visitJumpInsn(IFNE, leave);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "event", "I");
        mv.visitJumpInsn(IFNE, leave);
    }

    /** Emits insn inline if it is one of the common instructions; false (nothing emitted) otherwise. */
    private boolean inline(int insn, long pc) {
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
        if (!sf) mask32();
        if (setFlags) {
            int kind = sub ? (sf ? LazyFlags.SUB64 : LazyFlags.SUB32) : (sf ? LazyFlags.ADD64 : LazyFlags.ADD32);
            setKind(kind);
        }
    }

    /** Stack: result. Records it as the flag result of kind. */
    private void setKind(int kind) {
        mv.visitInsn(DUP2);
        mv.visitVarInsn(LSTORE, FR);
        iconst(kind);
        mv.visitVarInsn(ISTORE, FKIND);
        knownKind = kind;
        setsFlags = true;
    }

    private boolean addSubImmediate(int insn) {
        boolean sf = insn < 0, sub = (insn & (1 << 30)) != 0, setFlags = (insn & (1 << 29)) != 0;
        long imm = (insn >>> 10) & 0xfff;
        if ((insn & (1 << 22)) != 0) imm <<= 12;
        ldXsp((insn >>> 5) & 31);
        if (!sf) mask32();
        lconst(imm);
        addSub(sf, sub, setFlags);
        if (setFlags) stX(insn & 31);
        else stXsp(insn & 31);
        return true;
    }

    private boolean addSubShifted(int insn) {
        boolean sf = insn < 0, sub = (insn & (1 << 30)) != 0, setFlags = (insn & (1 << 29)) != 0;
        int shift = (insn >>> 22) & 3, amount = (insn >>> 10) & 63;
        if (shift == 3 || (!sf && amount >= 32)) return false;
        ldX((insn >>> 5) & 31);
        if (!sf) mask32();
        ldX((insn >>> 16) & 31);
        shift(sf, shift, amount);
        if (!sf) mask32();
        addSub(sf, sub, setFlags);
        stX(insn & 31);
        return true;
    }

    private boolean addSubExtended(int insn) {
        boolean sf = insn < 0, sub = (insn & (1 << 30)) != 0, setFlags = (insn & (1 << 29)) != 0;
        int option = (insn >>> 13) & 7, amount = (insn >>> 10) & 7;
        if (amount > 4) return false;
        ldXsp((insn >>> 5) & 31);
        if (!sf) mask32();
        ldX((insn >>> 16) & 31);
        extend(option);
        if (amount != 0) {
            iconst(amount);
            mv.visitInsn(LSHL);
        }
        if (!sf) mask32();
        addSub(sf, sub, setFlags);
        if (setFlags) stX(insn & 31);
        else stXsp(insn & 31);
        return true;
    }

    /** Stack: a register value; leaves it extended by option (UXTB..SXTX). */
    private void extend(int option) {
        switch (option) {
            case 0 -> { lconst(0xff); mv.visitInsn(LAND); }
            case 1 -> { lconst(0xffff); mv.visitInsn(LAND); }
            case 2 -> mask32();
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
            iconst(amount);
            switch (type) {
                case 0 -> mv.visitInsn(LSHL);
                case 1 -> mv.visitInsn(LUSHR);
                case 2 -> mv.visitInsn(LSHR);
                default -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "rotateRight", "(JI)J", false);
            }
        } else {
            mv.visitInsn(L2I);
            iconst(amount);
            switch (type) {
                case 0 -> mv.visitInsn(ISHL);
                case 1 -> mv.visitInsn(IUSHR);
                case 2 -> mv.visitInsn(ISHR);
                default -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateRight", "(II)I", false);
            }
            mv.visitInsn(I2L);
            mask32();
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
        ldX((insn >>> 5) & 31);
        ldX((insn >>> 16) & 31);
        shift(sf, (insn >>> 22) & 3, amount);
        if ((insn & (1 << 21)) != 0) { // BIC, ORN, EON, BICS
            lconst(-1);
            mv.visitInsn(LXOR);
        }
        logicOp(opc);
        if (!sf) mask32();
        if (opc == 3) setKind(sf ? LazyFlags.LOGIC64 : LazyFlags.LOGIC32);
        stX(insn & 31);
        return true;
    }

    private boolean logicalImmediate(int insn) {
        boolean sf = insn < 0;
        int opc = (insn >>> 29) & 3, n = (insn >>> 22) & 1;
        if (!sf && n != 0) return false;
        long imm = bitMask(sf, n, (insn >>> 16) & 63, (insn >>> 10) & 63);
        if (imm == 0) return false; // reserved: the interpreter raises it
        ldX((insn >>> 5) & 31);
        lconst(imm);
        logicOp(opc);
        if (!sf) mask32();
        if (opc == 3) {
            setKind(sf ? LazyFlags.LOGIC64 : LazyFlags.LOGIC32);
            stX(insn & 31);
        } else {
            stXsp(insn & 31);
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
            ldX(rd);
            lconst(~(0xffffL << (16 * hw)));
            mv.visitInsn(LAND);
            lconst(imm);
            mv.visitInsn(LOR);
            if (!sf) mask32();
        } else {
            long v = opc == 0 ? ~imm : imm;
            lconst(sf ? v : v & 0xffffffffL);
        }
        stX(rd);
        return true;
    }

    private boolean pcRelative(int insn, long pc) {
        long imm = ((long) (insn << 8) >> 13) << 2 | (insn >>> 29) & 3;
        lconst(insn < 0 ? (pc & ~0xfffL) + (imm << 12) : pc + imm);
        stX(insn & 31);
        return true;
    }

    private boolean bitfield(int insn) {
        boolean sf = insn < 0;
        int opc = (insn >>> 29) & 3, n = (insn >>> 22) & 1, immr = (insn >>> 16) & 63, imms = (insn >>> 10) & 63;
        if (opc == 1 || opc == 3 || n != (sf ? 1 : 0) || (!sf && (immr >= 32 || imms >= 32))) return false; // BFM: interpreter
        int datasize = sf ? 64 : 32;
        ldX((insn >>> 5) & 31);
        if (imms >= immr) { // the field imms:immr moved to the bottom
            iconst(63 - imms);
            mv.visitInsn(LSHL);
            iconst(63 - imms + immr);
            mv.visitInsn(opc == 2 ? LUSHR : LSHR);
        } else { // the field imms:0 moved up to datasize - immr
            iconst(63 - imms);
            mv.visitInsn(LSHL);
            iconst(63 - imms);
            mv.visitInsn(opc == 2 ? LUSHR : LSHR);
            iconst(datasize - immr);
            mv.visitInsn(LSHL);
        }
        if (!sf) mask32();
        stX(insn & 31);
        return true;
    }

    private boolean conditionalSelect(int insn) {
        boolean sf = insn < 0;
        int op = (insn >>> 30) & 1, o2 = (insn >>> 10) & 1;
        Label take = new Label(), done = new Label();
        jumpIf((insn >>> 12) & 15, take);
        ldX((insn >>> 16) & 31);
        if (op == 0 && o2 == 1) {
            lconst(1);
            mv.visitInsn(LADD);
        } else if (op == 1 && o2 == 0) {
            lconst(-1);
            mv.visitInsn(LXOR);
        } else if (op == 1) {
            mv.visitInsn(LNEG);
        }
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(take);
        ldX((insn >>> 5) & 31);
        mv.visitLabel(done);
        if (!sf) mask32();
        stX(insn & 31);
        return true;
    }

    private boolean multiplyAdd(int insn) {
        boolean sf = insn < 0;
        ldX((insn >>> 10) & 31);
        ldX((insn >>> 5) & 31);
        ldX((insn >>> 16) & 31);
        mv.visitInsn(LMUL);
        mv.visitInsn((insn & (1 << 15)) != 0 ? LSUB : LADD);
        if (!sf) mask32();
        stX(insn & 31);
        return true;
    }

    // ---- loads and stores ----

    private static final int OFFSET = 0, PRE = 1, POST = 2, REGISTER = 3;

    /** LDR/STR/LDRS* of general registers; the address into T1, the access, then base and Rt. */
    private boolean loadStore(int insn, long pc, int size, long offset, int mode) {
        int opc = (insn >>> 22) & 3, rn = (insn >>> 5) & 31, rt = insn & 31;
        if (opc == 2 && size == 3) return false; // PRFM, PRFUM
        if (opc == 3 && size >= 2) return false; // unallocated
        boolean writeback = mode == PRE || mode == POST;
        if (writeback && rn == rt && rn != 31) return false; // constrained unpredictable: the interpreter decides
        int option = (insn >>> 13) & 7;
        if (mode == REGISTER && (option & 2) == 0) return false;
        ldXsp(rn);
        if (mode == REGISTER) {
            ldX((insn >>> 16) & 31);
            extend(option);
            if ((insn & (1 << 12)) != 0 && size != 0) {
                iconst(size);
                mv.visitInsn(LSHL);
            }
            mv.visitInsn(LADD);
        } else if (mode != POST && offset != 0) {
            lconst(offset);
            mv.visitInsn(LADD);
        }
        mv.visitVarInsn(LSTORE, T1);
        curPc(pc);
        if (opc == 0) {
            mv.visitVarInsn(ALOAD, MEM);
            mv.visitVarInsn(LLOAD, T1);
            ldX(rt);
            store(size);
            writeBack(writeback, rn, offset, mode);
            codeWriteCheck(pc);
        } else {
            mv.visitVarInsn(ALOAD, MEM);
            mv.visitVarInsn(LLOAD, T1);
            load(size, opc == 1 ? 0 : opc == 2 ? 64 : 32);
            writeBack(writeback, rn, offset, mode);
            stX(rt);
        }
        return true;
    }

    private void writeBack(boolean writeback, int rn, long offset, int mode) {
        if (!writeback) return;
        mv.visitVarInsn(LLOAD, T1);
        if (mode == POST && offset != 0) {
            lconst(offset);
            mv.visitInsn(LADD);
        }
        stXsp(rn);
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
        if (signed != 0) {
            if (size == 0) mv.visitInsn(I2B);
            else if (size == 1) mv.visitInsn(I2S);
        }
        mv.visitInsn(I2L);
        if (size == 2 && signed == 0 || signed == 32) mask32();
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
        ldXsp(rn);
        if (pairMode != POST && offset != 0) {
            lconst(offset);
            mv.visitInsn(LADD);
        }
        mv.visitVarInsn(LSTORE, T1);
        curPc(pc);
        int signed = opc == 1 ? 64 : 0;
        if (load) {
            mv.visitVarInsn(ALOAD, MEM);
            mv.visitVarInsn(LLOAD, T1);
            load(size, signed);
            mv.visitVarInsn(LSTORE, T2);
            mv.visitVarInsn(ALOAD, MEM);
            mv.visitVarInsn(LLOAD, T1);
            lconst(1L << size);
            mv.visitInsn(LADD);
            load(size, signed);
            mv.visitVarInsn(LSTORE, T3);
            writeBack(writeback, rn, offset, pairMode);
            mv.visitVarInsn(LLOAD, T2);
            stX(rt);
            mv.visitVarInsn(LLOAD, T3);
            stX(rt2);
        } else {
            // Both halves checked before the first store takes effect.
            mv.visitVarInsn(ALOAD, MEM);
            mv.visitVarInsn(LLOAD, T1);
            iconst(2 << size);
            iconst(Prot.WRITE);
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "checkAccess", "(JII)V", false);
            mv.visitVarInsn(ALOAD, MEM);
            mv.visitVarInsn(LLOAD, T1);
            ldX(rt);
            store(size);
            mv.visitVarInsn(ALOAD, MEM);
            mv.visitVarInsn(LLOAD, T1);
            lconst(1L << size);
            mv.visitInsn(LADD);
            ldX(rt2);
            store(size);
            writeBack(writeback, rn, offset, pairMode);
            codeWriteCheck(pc);
        }
        return true;
    }

    private boolean loadLiteral(int insn, long pc) {
        int opc = insn >>> 30;
        if (opc == 3) return false; // PRFM (literal)
        long address = pc + ((long) (insn << 8) >> 13 << 2);
        curPc(pc);
        mv.visitVarInsn(ALOAD, MEM);
        lconst(address);
        load(opc == 1 ? 3 : 2, opc == 2 ? 64 : 0);
        stX(insn & 31);
        return true;
    }
}
