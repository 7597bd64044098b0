package org.mdemu.emulator.a64;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Compiles a {@link RegionBuilder.Plan} to one class extending {@link TranslatedRegion.Code}: guest registers live
 * in JVM locals (loaded at entry, stored back at every exit and fault if the region writes them), flags lazily
 * ({@link LazyFlags}), branches and SVC here, the common integer and load/store instructions inline
 * ({@link InlineInstructions}), every other instruction through {@link Interpreter#execute} with the locals written
 * back before and reloaded after.
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
    private static final String CODE = Type.getInternalName(TranslatedRegion.Code.class);
    private static final String DIRECT_TRAP = Type.getInternalName(org.mdemu.guest.machine.DirectTrap.class);
    private static final String HOST_FUNCTION = Type.getInternalName(org.mdemu.guest.machine.HostFunction.class);
    private static final String TRANSLATOR = Type.getInternalName(Translator.class);

    // JVM local slots.
    static final int S = 1, BUDGET = 2, SELF = 4, MEM = 5, N = 6, RET_PC = 8, CUR_PC = 10, FKIND = 12,
            FA = 13, FB = 15, FR = 17, NZCV = 19, T1 = 21, T2 = 23, T3 = 25, REG0 = 27,
            T4 = REG0 + 64, T5 = REG0 + 66, DATA = REG0 + 68, OFF = REG0 + 69,
            READ_PAGE = REG0 + 70, WRITE_PAGE = REG0 + 71, SLOT = REG0 + 72, NEXT = REG0 + 73, DIRECT = REG0 + 74;
    private static final int UNKNOWN = -1;

    private final RegionBuilder.Plan plan;
    /** Registers read / written by inline code (collected by a first, discarded pass). */
    private final boolean[] used = new boolean[32], written = new boolean[32];
    private boolean setsFlags;
    private boolean[] loadSet = new boolean[32], storeSet = new boolean[32];
    private boolean flagsWriteBack;
    /**
     * Registers (and flags) whose locals may differ from the state at this point of the code: what an interpreter call
     * must write back first. Everything the region writes after a join, nothing right after an interpreter call.
     */
    private final boolean[] dirty = new boolean[32];
    private boolean flagsDirty;

    private MethodVisitor mv;
    private InlineInstructions inlineInstructions;
    private int pending;
    private int knownKind;
    private Label exit;
    private Label[] labels;
    private final List<Runnable> stubs = new ArrayList<>();
    /** Code after the exit, outside the region's fault handling (trap calls). */
    private final List<Runnable> outsideTry = new ArrayList<>();
    /** Instructions the region calls the interpreter for (the generic way, every local written back and reloaded). */
    int fallbacks;
    /** The region's exits: each has a slot in {@link TranslatedRegion#links}. */
    int exitSlots;
    /** Instructions the region calls their group's entry for, spilling and reloading only what they touch. */
    int interpreterCalls;
    /** SVCs emitted so far: the next one's index in {@link TranslatedRegion#directs}. */
    private int svcs;

    RegionCompiler(RegionBuilder.Plan plan) {
        this.plan = plan;
    }

    /** Whether the translator compiles insn inline (else it calls the interpreter for it). */
    static boolean inlines(int insn) {
        RegionCompiler c = new RegionCompiler(RegionBuilder.plan(0x10000, new int[] {insn}, 1));
        c.generate(new ClassWriter(0));
        return c.fallbacks == 0 && c.interpreterCalls == 0;
    }

    /**
     * What compiling a plan gives: the class's bytes, its number of exit slots and of interpreter fallbacks; bytes null
     * ({@link #TOO_LARGE}) for a plan of several instructions compiled before to a class past
     * {@link Translator#MAX_CLASS_BYTES}, which the translator cuts.
     */
    record Compiled(byte[] bytes, int exitSlots, int fallbacks) {}

    static final Compiled TOO_LARGE = new Compiled(null, 0, 0);

    /** A plan's identity for {@link #compiled}: its entry and words, all the compiler reads. */
    private record PlanKey(long entry, int[] words, int hash) {
        PlanKey(RegionBuilder.Plan plan) {
            this(plan.entry, java.util.Arrays.copyOf(plan.words, plan.count));
        }

        PlanKey(long entry, int[] words) {
            this(entry, words, 31 * Long.hashCode(entry) + java.util.Arrays.hashCode(words));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PlanKey k && k.hash == hash && k.entry == entry && java.util.Arrays.equals(k.words, words);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final int MAX_COMPILED = Integer.getInteger("mdemu.java.sharedRegions", Translator.MAX_REGIONS);
    private static final java.util.Map<PlanKey, Compiled> COMPILED = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<PlanKey, Compiled> eldest) {
            return size() > MAX_COMPILED;
        }
    };

    /**
     * The plan compiled, once per JVM for the same entry and words: a region's class is a pure function of them (see
     * {@link Translator.SharedCode}), and compiling costs some 0.3 ms a region even with the compiler warm, which every
     * new machine (each run of a payload) would pay again for every region it translates: for a burst of guest code
     * such as 500 copies of 64 KiB that was as much as the copying. Bounded as the shared classes are; of a class the
     * translator refuses only that is kept, so each entry holds at most {@link Translator#MAX_CLASS_BYTES}.
     *
     * @throws org.objectweb.asm.MethodTooLargeException past the JVM's 64 KiB of bytecode a method (not cached)
     */
    static Compiled compiled(RegionBuilder.Plan plan) {
        PlanKey key = new PlanKey(plan);
        synchronized (COMPILED) {
            Compiled c = COMPILED.get(key);
            if (c != null) return c;
        }
        RegionCompiler compiler = new RegionCompiler(plan);
        Compiled c = new Compiled(compiler.compile(), compiler.exitSlots, compiler.fallbacks);
        // A class the translator refuses (it cuts the region) is remembered as such, without its bytes.
        Compiled kept = c.bytes.length > Translator.MAX_CLASS_BYTES && plan.count > 1 ? TOO_LARGE : c;
        synchronized (COMPILED) {
            Compiled other = COMPILED.putIfAbsent(key, kept);
            return other != null ? other : c;
        }
    }

    /** Forgets every compiled plan (tests that count compilations). */
    static void clearCompiled() {
        synchronized (COMPILED) {
            COMPILED.clear();
        }
    }

    byte[] compile() {
        generate(new ClassWriter(0));
        for (int r = 0; r < 32; r++) {
            loadSet[r] = used[r] || written[r];
            storeSet[r] = written[r];
        }
        flagsWriteBack = setsFlags;
        fallbacks = 0;
        interpreterCalls = 0;
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
        exitSlots = 0;
        svcs = 0;
        stubs.clear();
        outsideTry.clear();
        pending = 0;
        java.util.Arrays.fill(dirty, false);
        flagsDirty = false;
        knownKind = LazyFlags.PACKED;
        String superClass = Type.getInternalName(TranslatedRegion.Code.class);
        cw.visit(V17, ACC_FINAL | ACC_SUPER, CLASS_NAME, null, superClass, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, superClass, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(1, 1);
        init.visitEnd();

        mv = cw.visitMethod(0, "run", "(L" + STATE + ";JL" + REGION + ";)J", null, null);
        inlineInstructions = new InlineInstructions(this, mv);
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
        for (int slot : new int[] {FA, FB, FR, T1, T2, T3, T4, T5}) {
            lconst(0);
            mv.visitVarInsn(LSTORE, slot);
        }
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, DATA);
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, READ_PAGE);
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, WRITE_PAGE);
        iconst(0);
        mv.visitVarInsn(ISTORE, OFF);
        iconst(0);
        mv.visitVarInsn(ISTORE, SLOT);
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, NEXT);
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, DIRECT);
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
                allDirty();
            }
            fallsOut = instruction(i);
        }
        if (fallsOut) exitTo(plan.end(), pending);
        for (int i = 0; i < stubs.size(); i++) stubs.get(i).run();
        mv.visitLabel(end);

        // A fault: registers as after the last completed instruction, pc at the faulting one (set before every
        // instruction that can throw: memory accesses and the interpreter's).
        mv.visitLabel(handler);
        writeBackWithPc(CUR_PC);
        mv.visitInsn(ATHROW);

        // The exit (outside the fault handling: a linked region's faults are its own). The next region is entered
        // from here when the exit's link allows (Translator.link): this call site sees only this exit's successors,
        // so the JIT calls them directly instead of through the one megamorphic dispatch of Translator.run.
        mv.visitLabel(exit);
        writeBackWithPc(RET_PC);
        Label unlinked = new Label();
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(ALOAD, SELF);
        mv.visitVarInsn(ILOAD, SLOT);
        pushBudgetLeft();
        mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(Translator.class), "link",
                "(L" + STATE + ";L" + REGION + ";IJ)L" + REGION + ";", false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ASTORE, NEXT);
        mv.visitJumpInsn(IFNULL, unlinked);
        mv.visitVarInsn(LLOAD, N);
        mv.visitVarInsn(ALOAD, NEXT);
        mv.visitFieldInsn(GETFIELD, REGION, "code", "L" + CODE + ";");
        mv.visitVarInsn(ALOAD, S);
        pushBudgetLeft();
        mv.visitVarInsn(ALOAD, NEXT);
        mv.visitMethodInsn(INVOKEVIRTUAL, CODE, "run", "(L" + STATE + ";JL" + REGION + ";)J", false);
        mv.visitInsn(LADD);
        mv.visitInsn(LRETURN);
        mv.visitLabel(unlinked);
        mv.visitVarInsn(LLOAD, N);
        mv.visitInsn(LRETURN);
        for (int i = 0; i < outsideTry.size(); i++) outsideTry.get(i).run();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
    }

    // ---- state in locals ----

    private void allDirty() {
        System.arraycopy(storeSet, 0, dirty, 0, 32);
        flagsDirty = true;
    }

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
        writeBack(storeSet, flagsWriteBack);
    }

    /** Stores the given registers' locals into the state, and the flags if asked. */
    private void writeBack(boolean[] registers, boolean flags) {
        for (int r = 0; r < 32; r++) {
            if (!registers[r]) continue;
            mv.visitVarInsn(ALOAD, S);
            mv.visitFieldInsn(GETFIELD, STATE, "x", "[J");
            iconst(r);
            mv.visitVarInsn(LLOAD, slot(r));
            mv.visitInsn(LASTORE);
        }
        if (flags) {
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
    void ldX(int r) {
        if (r == 31) {
            lconst(0);
            return;
        }
        used[r] = true;
        mv.visitVarInsn(LLOAD, slot(r));
    }

    /** Pushes Xr, 31 reading as SP. */
    void ldXsp(int r) {
        used[r] = true;
        mv.visitVarInsn(LLOAD, slot(r));
    }

    /** Pops into Xr, 31 discarding. */
    void stX(int r) {
        if (r == 31) {
            mv.visitInsn(POP2);
            return;
        }
        written[r] = true;
        dirty[r] = true;
        mv.visitVarInsn(LSTORE, slot(r));
    }

    /** Pops into Xr, 31 being SP. */
    void stXsp(int r) {
        written[r] = true;
        dirty[r] = true;
        mv.visitVarInsn(LSTORE, slot(r));
    }

    void lconst(long v) {
        if (v == 0) mv.visitInsn(LCONST_0);
        else if (v == 1) mv.visitInsn(LCONST_1);
        else mv.visitLdcInsn(v);
    }

    void iconst(int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }

    void mask32() {
        mv.visitLdcInsn(0xffffffffL);
        mv.visitInsn(LAND);
    }

    void curPc(long pc) {
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
        gotoExit();
    }

    /** Jumps to the exit (RET_PC set) through an exit slot of its own. */
    private void gotoExit() {
        iconst(exitSlots++);
        mv.visitVarInsn(ISTORE, SLOT);
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
    /** Writes every dirty register back to the state, and the pc held in the given local. */
    private void writeBackWithPc(int pcLocal) {
        writeBack();
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, pcLocal);
        mv.visitFieldInsn(PUTFIELD, STATE, "pc", "J");
    }

    /** Pushes the budget this run has left: BUDGET - N. */
    private void pushBudgetLeft() {
        mv.visitVarInsn(LLOAD, BUDGET);
        mv.visitVarInsn(LLOAD, N);
        mv.visitInsn(LSUB);
    }

    private Label backEdge(int t) {
        Label l = new Label();
        stubs.add(() -> {
            Label out = new Label();
            mv.visitLabel(l);
            mv.visitVarInsn(ALOAD, S);
            mv.visitFieldInsn(GETFIELD, STATE, "stopRequested", "Z");
            mv.visitJumpInsn(IFNE, out);
            pushBudgetLeft();
            lconst(plan.longestRun[t]);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFLT, out);
            mv.visitJumpInsn(GOTO, labels[t]);
            mv.visitLabel(out);
            exitTo(plan.pc(t), 0);
        });
        return l;
    }

    /**
     * Emits code after the region's instructions (a slow path jumping back), seeing the instruction count of this
     * point of the code as instructions emitted here do.
     */
    void stub(Runnable code) {
        int count = pending;
        stubs.add(() -> {
            int saved = pending;
            pending = count;
            code.run();
            pending = saved;
        });
    }

    /** Stack: result. Records it as the flag result of kind. */
    void setKind(int kind) {
        mv.visitInsn(DUP2);
        mv.visitVarInsn(LSTORE, FR);
        iconst(kind);
        mv.visitVarInsn(ISTORE, FKIND);
        knownKind = kind;
        setsFlags = true;
        flagsDirty = true;
    }

    /** After a store: if it dropped this region (it wrote the region's code), leave before the next instruction. */
    void codeWriteCheck(long pc) {
        mv.visitVarInsn(ALOAD, SELF);
        mv.visitFieldInsn(GETFIELD, REGION, "invalid", "Z");
        mv.visitJumpInsn(IFNE, exitStub(pc + 4, pending + 1));
    }

    // ---- conditions ----

    /** Jumps to target if condition cond holds. */
    void jumpIf(int cond, Label target) {
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
                gotoExit();
                return false;
            }
            case RegionBuilder.SVC -> {
                supervisorCall(i, pc);
                return i + 1 < plan.count;
            }
            default -> {
                if (!inlineInstructions.emit(insn, pc) && !scalarFp(insn, pc)) {
                    RegisterEffects effects = RegisterEffects.of(insn);
                    if (effects != null) call(insn, pc, effects);
                    else fallback(insn, pc);
                }
                pending++;
                return true;
            }
        }
    }

    /**
     * SVC number k served as a direct trap when the region has one for it ({@link Translator#directEnter}): the host
     * function is called from this call site, which sees only the function of this SVC, so the JIT inlines it. Jumps to
     * general when there is none or it declines, else to served with whether the code may go on.
     */
    private void directCall(int k, long next, Label general, Label served) {
        Label tryStart = new Label(), tryEnd = new Label(), caught = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, caught, "java/lang/Throwable");
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(ALOAD, SELF);
        iconst(k);
        lconst(next);
        mv.visitMethodInsn(INVOKESTATIC, TRANSLATOR, "directEnter",
                "(L" + STATE + ";L" + REGION + ";IJ)L" + DIRECT_TRAP + ";", false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ASTORE, DIRECT);
        mv.visitJumpInsn(IFNULL, general);
        mv.visitLabel(tryStart);
        mv.visitVarInsn(ALOAD, DIRECT);
        mv.visitMethodInsn(INVOKEVIRTUAL, DIRECT_TRAP, "function", "()L" + HOST_FUNCTION + ";", false);
        mv.visitVarInsn(ALOAD, DIRECT);
        mv.visitMethodInsn(INVOKEVIRTUAL, DIRECT_TRAP, "argument", "()Ljava/lang/Object;", false);
        mv.visitMethodInsn(INVOKEINTERFACE, HOST_FUNCTION, "call", "(Ljava/lang/Object;)V", true);
        mv.visitLabel(tryEnd);
        afterDirectTrap("directLeave", "", next, served);
        mv.visitLabel(caught); // the Throwable is on the stack: directFailed's first argument
        afterDirectTrap("directFailed", "Ljava/lang/Throwable;", next, served);
    }

    /** Calls Translator's method (the leading argument descriptor, then state, direct trap, next pc, region), then served. */
    private void afterDirectTrap(String method, String leading, long next, Label served) {
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(ALOAD, DIRECT);
        lconst(next);
        mv.visitVarInsn(ALOAD, SELF);
        mv.visitMethodInsn(INVOKESTATIC, TRANSLATOR, method,
                "(" + leading + "L" + STATE + ";L" + DIRECT_TRAP + ";JL" + REGION + ";)Z", false);
        mv.visitJumpInsn(GOTO, served);
    }

    /**
     * SVC: the trap handler is called from here ({@link Translator#serveInRegion}) with every register in the state,
     * and the region goes on after it with every local reloaded, unless the handler declined, moved pc, asked for a
     * stop or dropped this region, or the budget is too short for the rest: then the region leaves at the state's pc
     * (with s.event still set if the trap was not served). The call sits outside the region's fault handling, so a
     * handler's exception leaves the state as the handler left it.
     */
    private void supervisorCall(int i, long pc) {
        writeBack(dirty, flagsWriteBack && flagsDirty);
        flush(1);
        Label call = new Label(), back = new Label();
        boolean goesOn = i + 1 < plan.count;
        long next = pc + 4;
        int rest = goesOn ? plan.longestRun[i + 1] : 0;
        int k = svcs++;
        outsideTry.add(() -> {
            Label leave = new Label(), general = new Label(), served = new Label();
            mv.visitLabel(call);
            directCall(k, next, general, served);
            mv.visitLabel(general);
            mv.visitVarInsn(ALOAD, S);
            lconst(next);
            mv.visitFieldInsn(PUTFIELD, STATE, "pc", "J");
            mv.visitVarInsn(ALOAD, S);
            iconst(CpuState.EVENT_SVC);
            mv.visitFieldInsn(PUTFIELD, STATE, "event", "I");
            mv.visitVarInsn(ALOAD, S);
            lconst(next);
            mv.visitMethodInsn(INVOKESTATIC, TRANSLATOR, "serveInRegion", "(L" + STATE + ";J)Z", false);
            mv.visitLabel(served);
            reloadState();
            mv.visitInsn(ACONST_NULL);
            mv.visitVarInsn(ASTORE, READ_PAGE);
            mv.visitInsn(ACONST_NULL);
            mv.visitVarInsn(ASTORE, WRITE_PAGE);
            if (!goesOn) {
                mv.visitInsn(POP);
                mv.visitJumpInsn(GOTO, leave);
            } else {
                mv.visitJumpInsn(IFEQ, leave);
                mv.visitVarInsn(ALOAD, SELF);
                mv.visitFieldInsn(GETFIELD, REGION, "invalid", "Z");
                mv.visitJumpInsn(IFNE, leave);
                pushBudgetLeft();
                lconst(rest);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFLT, leave);
                mv.visitJumpInsn(GOTO, back);
            }
            mv.visitLabel(leave);
            mv.visitVarInsn(ALOAD, S);
            mv.visitFieldInsn(GETFIELD, STATE, "pc", "J");
            mv.visitVarInsn(LSTORE, RET_PC);
            gotoExit();
        });
        mv.visitJumpInsn(GOTO, call);
        mv.visitLabel(back);
        java.util.Arrays.fill(dirty, false);
        flagsDirty = false;
        knownKind = LazyFlags.PACKED;
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

    private static final String FP_FAST = Type.getInternalName(FpFast.class), FP_ARITH = Type.getInternalName(FpArith.class);

    /**
     * The hot scalar FP instructions of single and double precision straight to their arithmetic (FpFast's fast paths
     * or FpArith), V registers read and written in the state: FMADD/FMSUB/FNMADD/FNMSUB, FMUL/FDIV/FADD/FSUB, SCVTF/
     * UCVTF from a general register (read from its local), FCSEL on the region's lazy flags. None of them can fault or
     * touch the general registers' locals; every other type (FP16, unallocated) takes the generic call.
     */
    private boolean scalarFp(int insn, long pc) {
        int type = (insn >>> 22) & 3;
        if (type > 1) return false;
        int n = type == 0 ? 32 : 64;
        int d = insn & 31, rn = (insn >>> 5) & 31, rm = (insn >>> 16) & 31;
        if ((insn & 0xff000000) == 0x1f000000) { // data processing (3 source)
            boolean o1 = (insn & (1 << 21)) != 0, o0 = (insn & (1 << 15)) != 0;
            long sign = FpArith.signBit(n);
            setDStart(d);
            mv.visitVarInsn(ALOAD, S);
            iconst(n);
            loadFp((insn >>> 10) & 31, n, o1 ? sign : 0);
            loadFp(rn, n, o0 != o1 ? sign : 0);
            loadFp(rm, n, 0);
            mv.visitMethodInsn(INVOKESTATIC, FP_FAST, "mulAdd", "(L" + STATE + ";IJJJ)J", false);
            setDEnd();
            return true;
        }
        if ((insn & 0xff200c00) == 0x1e200800) { // data processing (2 source)
            int opcode = (insn >>> 12) & 15;
            if (opcode > 3) return false;
            setDStart(d);
            mv.visitVarInsn(ALOAD, S);
            iconst(n);
            loadFp(rn, n, 0);
            loadFp(rm, n, 0);
            switch (opcode) {
                case 0 -> mv.visitMethodInsn(INVOKESTATIC, FP_ARITH, "mul", "(L" + STATE + ";IJJ)J", false);
                case 1 -> mv.visitMethodInsn(INVOKESTATIC, FP_ARITH, "div", "(L" + STATE + ";IJJ)J", false);
                default -> {
                    iconst(opcode - 2);
                    mv.visitMethodInsn(INVOKESTATIC, FP_ARITH, "add", "(L" + STATE + ";IJJZ)J", false);
                }
            }
            setDEnd();
            return true;
        }
        if ((insn & 0x7f3efc00) == 0x1e220000) { // SCVTF, UCVTF (scalar, integer)
            setDStart(d);
            mv.visitVarInsn(ALOAD, S);
            iconst(n);
            ldX(rn);
            iconst(0);
            iconst((insn >>> 16) & 1);
            iconst(insn < 0 ? 64 : 32);
            mv.visitMethodInsn(INVOKESTATIC, FP_FAST, "fromFixed", "(L" + STATE + ";IJIZI)J", false);
            setDEnd();
            return true;
        }
        if ((insn & 0xff200c00) == 0x1e200c00) { // FCSEL
            Label first = new Label(), done = new Label();
            jumpIf((insn >>> 12) & 15, first);
            loadFp(rm, n, 0);
            mv.visitVarInsn(LSTORE, T1);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(first);
            loadFp(rn, n, 0);
            mv.visitVarInsn(LSTORE, T1);
            mv.visitLabel(done);
            setDStart(d);
            mv.visitVarInsn(LLOAD, T1);
            setDEnd();
            return true;
        }
        return false;
    }

    /** Pushes the low n bits of Vr, sign-flipped by xor. */
    private void loadFp(int r, int n, long xor) {
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "v", "[J");
        iconst(2 * r);
        mv.visitInsn(LALOAD);
        if (n == 32) mask32();
        if (xor != 0) {
            lconst(xor);
            mv.visitInsn(LXOR);
        }
    }

    /** Before the value of a setD(d, value): the state and d. */
    private void setDStart(int d) {
        mv.visitVarInsn(ALOAD, S);
        iconst(d);
    }

    private void setDEnd() {
        mv.visitMethodInsn(INVOKEVIRTUAL, STATE, "setD", "(IJ)V", false);
    }

    private static final String[] ENTRY_OWNERS = {Type.getInternalName(ScalarFp.class),
        Type.getInternalName(Simd.class), Type.getInternalName(LoadsStores.class)};

    /**
     * An FP/SIMD instruction through its group's entry, its register effects known: only the dirty registers it reads
     * (or may write) are written back before, only those it may write reloaded after, the flags only if it reads or
     * writes them. It cannot branch or raise an event; a store may have written this region's code.
     */
    private void call(int insn, long pc, RegisterEffects e) {
        interpreterCalls++;
        boolean[] spill = new boolean[32];
        for (int r = 0; r < 32; r++) spill[r] = dirty[r] && ((e.reads | e.writes) & (1 << r)) != 0;
        writeBack(spill, e.readsFlags && flagsWriteBack && flagsDirty);
        if (e.readsFlags && flagsWriteBack) flagsDirty = false;
        curPc(pc);
        mv.visitVarInsn(ALOAD, S);
        iconst(insn);
        lconst(pc);
        mv.visitMethodInsn(INVOKESTATIC, ENTRY_OWNERS[e.entry], "execute", "(L" + STATE + ";IJ)J", false);
        mv.visitInsn(POP2);
        for (int r = 0; r < 32; r++) {
            if ((e.writes & (1 << r)) == 0) continue;
            dirty[r] = false;
            if (!loadSet[r]) continue;
            mv.visitVarInsn(ALOAD, S);
            mv.visitFieldInsn(GETFIELD, STATE, "x", "[J");
            iconst(r);
            mv.visitInsn(LALOAD);
            mv.visitVarInsn(LSTORE, slot(r));
        }
        for (int r = 0; r < 32; r++) if (spill[r]) dirty[r] = false;
        if (e.writesFlags) {
            iconst(LazyFlags.PACKED);
            mv.visitVarInsn(ISTORE, FKIND);
            mv.visitVarInsn(ALOAD, S);
            mv.visitFieldInsn(GETFIELD, STATE, "nzcv", "J");
            mv.visitVarInsn(LSTORE, NZCV);
            flagsDirty = false;
            knownKind = LazyFlags.PACKED;
        }
        if (e.stores) codeWriteCheck(pc);
    }

    /** Any instruction through the interpreter: locals written back before, reloaded after. */
    private void fallback(int insn, long pc) {
        fallbacks++;
        writeBack(dirty, flagsWriteBack && flagsDirty);
        curPc(pc);
        mv.visitVarInsn(ALOAD, S);
        iconst(insn);
        lconst(pc);
        mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(Interpreter.class), "execute", "(L" + STATE + ";IJ)J",
                false);
        mv.visitVarInsn(LSTORE, T1);
        reloadState();
        java.util.Arrays.fill(dirty, false);
        flagsDirty = false;
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
            gotoExit();
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

}
