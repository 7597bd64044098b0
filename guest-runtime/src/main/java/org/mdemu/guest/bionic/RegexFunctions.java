package org.mdemu.guest.bionic;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * regex.h over {@link PosixRegex}. regex_t on LP64 bionic: int re_magic, size_t re_nsub, const char* re_endp (the
 * pattern's end for REG_PEND), struct re_guts* re_g (here a guest block naming the compiled expression);
 * regmatch_t is two off_t (16 bytes).
 */
public final class RegexFunctions extends GuestSection {
    private static final int MAGIC = 0xf265, REG_PEND = 040, REG_STARTEND = 4, REG_ATOI = 255, REG_ITOA = 0400;
    private static final String[][] ERRORS = {
        {"REG_NOMATCH", "regexec() failed to match"}, {"REG_BADPAT", "invalid regular expression"},
        {"REG_ECOLLATE", "invalid collating element"}, {"REG_ECTYPE", "invalid character class"},
        {"REG_EESCAPE", "trailing backslash (\\)"}, {"REG_ESUBREG", "invalid backreference number"},
        {"REG_EBRACK", "brackets ([ ]) not balanced"}, {"REG_EPAREN", "parentheses not balanced"},
        {"REG_EBRACE", "braces not balanced"}, {"REG_BADBR", "invalid repetition count(s)"},
        {"REG_ERANGE", "invalid character range"}, {"REG_ESPACE", "out of memory"},
        {"REG_BADRPT", "repetition-operator operand invalid"}, {"REG_EMPTY", "empty (sub)expression"},
        {"REG_ASSERT", "\"can't happen\" -- you found a bug"}, {"REG_INVARG", "invalid argument to regex routine"},
        {"REG_ILLSEQ", "illegal byte sequence"}};

    private final Map<Long, PosixRegex> compiled = new HashMap<>();

    public RegexFunctions(GuestProcess process) {
        super(process);
    }

    @Override
    public void declare(LibraryTable t) {
        Support posix = Support.full("NetBSD's syntax as bionic compiles it (BRE, ERE, REG_ICASE, REG_NEWLINE,"
                + " REG_NOSPEC, REG_PEND, REG_GNU escapes); POSIX leftmost-longest matching over UTF-8");
        t.function("regcomp", posix, f -> f.ret(regcomp(f.ptr(0), f.ptr(1), f.i32(2))));
        t.function("regexec", posix, this::regexec);
        t.function("regerror", f -> f.ret(regerror(f.i32(0), f.ptr(1), f.ptr(2), f.i64(3))));
        t.function("regfree", f -> {
            long preg = f.ptr(0);
            if (mem().readInt(preg) != MAGIC) return;
            long handle = mem().readLong(preg + 24);
            if (compiled.remove(handle) != null) heap().free(handle);
            mem().writeInt(preg, 0);
            mem().writeLong(preg + 24, 0);
        });
    }

    private long regcomp(long preg, long pattern, int cflags) {
        if ((cflags & REG_PEND) != 0 && mem().readLong(preg + 16) < pattern) return PosixRegex.REG_INVARG;
        byte[] bytes = (cflags & REG_PEND) != 0
                ? mem().read(pattern, (int) Math.min(mem().readLong(preg + 16) - pattern, 1 << 24))
                : mem().readCBytes(pattern);
        PosixRegex re;
        try {
            re = PosixRegex.compile(bytes, cflags);
        } catch (PosixRegex.RegexError e) {
            return e.code;
        } catch (StackOverflowError deeplyNested) {
            return PosixRegex.REG_ESPACE;
        }
        long handle = heap().calloc(1, 16);
        if (handle == 0) return PosixRegex.REG_ESPACE;
        compiled.put(handle, re);
        mem().writeInt(preg, MAGIC);
        mem().writeLong(preg + 8, re.groups);
        mem().writeLong(preg + 24, handle);
        return 0;
    }

    private void regexec(CallFrame f) {
        long preg = f.ptr(0), string = f.ptr(1), nmatch = f.i64(2), pmatch = f.ptr(3);
        int eflags = f.i32(4) & (PosixRegex.REG_NOTBOL | PosixRegex.REG_NOTEOL | REG_STARTEND);
        PosixRegex re = mem().readInt(preg) == MAGIC ? compiled.get(mem().readLong(preg + 24)) : null;
        if (re == null) {
            f.ret(PosixRegex.REG_BADPAT);
            return;
        }
        if ((re.cflags & PosixRegex.REG_NOSUB) != 0) nmatch = 0;
        long start = 0;
        byte[] subject;
        if ((eflags & REG_STARTEND) != 0) {
            start = mem().readLong(pmatch);
            long end = mem().readLong(pmatch + 8);
            if (start < 0 || end < start) {
                f.ret(PosixRegex.REG_INVARG);
                return;
            }
            subject = mem().read(string + start, (int) Math.min(end - start, 1 << 26));
        } else {
            subject = mem().readCBytes(string);
        }
        PosixRegex.Subject text = new PosixRegex.Subject(subject);
        int[] caps;
        try {
            caps = re.match(text, eflags, nmatch > 1);
        } catch (PosixRegex.RegexError e) {
            f.ret(e.code);
            return;
        } catch (StackOverflowError tooDeep) {
            f.ret(PosixRegex.REG_ESPACE);
            return;
        }
        if (caps == null) {
            f.ret(PosixRegex.REG_NOMATCH);
            return;
        }
        for (long i = 0; i < nmatch; i++) {
            long so = -1, eo = -1;
            if (i <= re.groups && caps[(int) (2 * i)] >= 0) {
                so = text.offsets[caps[(int) (2 * i)]] + start;
                eo = text.offsets[caps[(int) (2 * i + 1)]] + start;
            }
            mem().writeLong(pmatch + 16 * i, so);
            mem().writeLong(pmatch + 16 * i + 8, eo);
        }
        f.ret(0);
    }

    /** regerror: the explanation, or with REG_ITOA the code's name, or with REG_ATOI the number of re_endp's name. */
    private long regerror(int code, long preg, long buffer, long size) {
        String text;
        if (code == REG_ATOI) {
            String name = latin1(cbytes(mem().readLong(preg + 16)));
            text = "0";
            for (int i = 0; i < ERRORS.length; i++) if (ERRORS[i][0].equals(name)) text = Integer.toString(i + 1);
        } else {
            int target = code & ~REG_ITOA;
            String[] e = target >= 1 && target <= ERRORS.length ? ERRORS[target - 1] : null;
            if ((code & REG_ITOA) != 0) text = e != null ? e[0] : String.format("REG_0x%x", target);
            else text = e != null ? e[1] : "*** unknown regexp error code ***";
        }
        byte[] b = latin1(text);
        if (size > 0) writeBytesZ(buffer, java.util.Arrays.copyOf(b, (int) Math.min(b.length, size - 1)));
        return b.length + 1;
    }
}
