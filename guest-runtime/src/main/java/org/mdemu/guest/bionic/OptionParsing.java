package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * getopt.h with the behaviour of the FreeBSD getopt_long.c bionic builds (GNU-compatible messages): getopt stops at
 * the first non-option; getopt_long and getopt_long_only move non-options to the end of argv unless the option
 * string starts with '+' or POSIXLY_CORRECT is set ('-' returns them as option 1); "--" ends the options; long
 * options take unambiguous abbreviations, "=value", and "-W foo" when the option string has "W;".
 */
public final class OptionParsing extends GuestSection {
    private static final int FLAG_PERMUTE = 1, FLAG_ALLARGS = 2, FLAG_LONGONLY = 4;
    private static final int NO_ARGUMENT = 0, REQUIRED_ARGUMENT = 1, OPTIONAL_ARGUMENT = 2;

    private final StdioFunctions stdio;
    private final java.util.function.Function<String, String> environment;
    private Rows rows;
    private long optarg, opterr, optind, optopt, optreset;
    /** The static "place": the argv element being scanned (its address) and the position in it. */
    private long place;
    private int nonoptStart = -1, nonoptEnd = -1;
    private int posixlyCorrect = -1;
    private String dashPrefix = "";

    public OptionParsing(GuestProcess process, StdioFunctions stdio, java.util.function.Function<String, String> environment) {
        super(process);
        this.stdio = stdio;
        this.environment = environment;
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        t.data("optarg", "LIBC", 8, 8, Support.FULL, a -> optarg = a);
        t.data("opterr", "LIBC", 4, 4, Support.FULL, a -> {
            opterr = a;
            mem().writeInt(a, 1);
        });
        t.data("optind", "LIBC", 4, 4, Support.FULL, a -> {
            optind = a;
            mem().writeInt(a, 1);
        });
        t.data("optopt", "LIBC", 4, 4, Support.FULL, a -> {
            optopt = a;
            mem().writeInt(a, '?');
        });
        t.data("optreset", "LIBC", 4, 4, Support.FULL, a -> optreset = a);
        Support posix = Support.full("stops at the first non-option, as BSD's getopt");
        t.function("getopt", posix, f -> f.ret(getopt(f, f.i32(0), f.ptr(1), f.ptr(2), 0, 0, 0)));
        Support gnu = Support.full("permutes non-options as GNU does, unless '+' or POSIXLY_CORRECT");
        t.function("getopt_long", gnu, f -> f.ret(getopt(f, f.i32(0), f.ptr(1), f.ptr(2), f.ptr(3), f.ptr(4), FLAG_PERMUTE)));
        t.function("getopt_long_only", gnu, f -> f.ret(getopt(f, f.i32(0), f.ptr(1), f.ptr(2), f.ptr(3), f.ptr(4),
                FLAG_PERMUTE | FLAG_LONGONLY)));
    }

    private int optind() {
        return mem().readInt(optind);
    }

    private void optind(int v) {
        mem().writeInt(optind, v);
    }

    private long argv(long nargv, int i) {
        return mem().readLong(nargv + 8L * i);
    }

    private int at(long p) {
        return u8(p);
    }

    private boolean contains(long options, int c) {
        if (c == 0) return false;
        for (long p = options; ; p++) {
            int x = at(p);
            if (x == 0) return false;
            if (x == c) return true;
        }
    }

    private long indexOf(long options, int c) {
        for (long p = options; ; p++) {
            int x = at(p);
            if (x == 0) return 0;
            if (x == c) return p;
        }
    }

    private void warnx(CallFrame f, String message) {
        long p = rows.call(f, "getprogname");
        String name = p == 0 ? "" : latin1(mem().readCBytes(p));
        stdio.writeTo(stdio.standardStream(2), latin1(name + ": " + message + "\n"));
    }

    private boolean printError(long options) {
        return mem().readInt(opterr) != 0 && at(options) != ':';
    }

    private int badarg(long options) {
        return at(options) == ':' ? ':' : '?';
    }

    private static int gcd(int a, int b) {
        int c = a % b;
        while (c != 0) {
            a = b;
            b = c;
            c = a % b;
        }
        return b;
    }

    private void permute(int start, int end, int optEnd, long nargv) {
        int nnonopts = end - start, nopts = optEnd - end;
        int ncycle = gcd(nnonopts, nopts);
        int cyclelen = (optEnd - start) / ncycle;
        for (int i = 0; i < ncycle; i++) {
            int cstart = end + i, pos = cstart;
            for (int j = 0; j < cyclelen; j++) {
                if (pos >= end) pos -= nnonopts;
                else pos += nopts;
                long swap = argv(nargv, pos);
                mem().writeLong(nargv + 8L * pos, argv(nargv, cstart));
                mem().writeLong(nargv + 8L * cstart, swap);
            }
        }
    }

    private int getopt(CallFrame f, int nargc, long nargv, long options, long longOptions, long idx, int flags) {
        if (options == 0) return -1;
        if (optind() == 0) {
            optind(1);
            mem().writeInt(optreset, 1);
        }
        if (posixlyCorrect == -1 || mem().readInt(optreset) != 0) {
            posixlyCorrect = environment != null && environment.apply("POSIXLY_CORRECT") != null ? 1 : 0;
        }
        if (at(options) == '-') flags |= FLAG_ALLARGS;
        else if (posixlyCorrect == 1 || at(options) == '+') flags &= ~FLAG_PERMUTE;
        if (at(options) == '+' || at(options) == '-') options++;
        mem().writeLong(optarg, 0);
        if (mem().readInt(optreset) != 0) nonoptStart = nonoptEnd = -1;
        while (true) {
            if (mem().readInt(optreset) != 0 || place == 0 || at(place) == 0) {
                mem().writeInt(optreset, 0);
                if (optind() >= nargc) {
                    place = 0;
                    if (nonoptEnd != -1) {
                        permute(nonoptStart, nonoptEnd, optind(), nargv);
                        optind(optind() - (nonoptEnd - nonoptStart));
                    } else if (nonoptStart != -1) {
                        optind(nonoptStart);
                    }
                    nonoptStart = nonoptEnd = -1;
                    return -1;
                }
                place = argv(nargv, optind());
                if (at(place) != '-' || at(place + 1) == 0) {
                    place = 0;
                    if ((flags & FLAG_ALLARGS) != 0) {
                        mem().writeLong(optarg, argv(nargv, optind()));
                        optind(optind() + 1);
                        return 1;
                    }
                    if ((flags & FLAG_PERMUTE) == 0) return -1;
                    if (nonoptStart == -1) {
                        nonoptStart = optind();
                    } else if (nonoptEnd != -1) {
                        permute(nonoptStart, nonoptEnd, optind(), nargv);
                        nonoptStart = optind() - (nonoptEnd - nonoptStart);
                        nonoptEnd = -1;
                    }
                    optind(optind() + 1);
                    continue;
                }
                if (nonoptStart != -1 && nonoptEnd == -1) nonoptEnd = optind();
                if (at(place + 1) != 0 && at(++place) == '-' && at(place + 1) == 0) {
                    optind(optind() + 1);
                    place = 0;
                    if (nonoptEnd != -1) {
                        permute(nonoptStart, nonoptEnd, optind(), nargv);
                        optind(optind() - (nonoptEnd - nonoptStart));
                    }
                    nonoptStart = nonoptEnd = -1;
                    return -1;
                }
            }
            break;
        }
        if (longOptions != 0 && place != argv(nargv, optind()) && (at(place) == '-' || (flags & FLAG_LONGONLY) != 0)) {
            boolean shortToo = false;
            dashPrefix = "-";
            if (at(place) == '-') {
                place++;
                if (at(place) == 0) return badarg(options);
                dashPrefix = "--";
            } else if (at(place) != ':' && contains(options, at(place))) {
                shortToo = true;
            }
            int c = parseLong(f, nargv, options, longOptions, idx, shortToo, flags);
            if (c != -1) {
                place = 0;
                return c;
            }
        }
        int optchar = at(place++);
        long oli = 0;
        if (optchar == ':' || (optchar == '-' && at(place) != 0) || (oli = indexOf(options, optchar)) == 0) {
            if (optchar == '-' && at(place) == 0) return -1;
            if (at(place) == 0) optind(optind() + 1);
            if (printError(options)) {
                warnx(f, (posixlyCorrect == 1 ? "illegal option -- " : "invalid option -- ") + (char) optchar);
            }
            mem().writeInt(optopt, optchar);
            return '?';
        }
        if (longOptions != 0 && optchar == 'W' && at(oli + 1) == ';') {
            if (at(place) != 0) {
                // -Wfoo: the long option follows directly.
            } else if (optind() + 1 >= nargc) {
                optind(optind() + 1);
                place = 0;
                if (printError(options)) warnx(f, "option requires an argument -- " + (char) optchar);
                mem().writeInt(optopt, optchar);
                return badarg(options);
            } else {
                optind(optind() + 1);
                place = argv(nargv, optind());
            }
            dashPrefix = "-W ";
            int c = parseLong(f, nargv, options, longOptions, idx, false, flags);
            place = 0;
            return c;
        }
        if (at(++oli) != ':') {
            if (at(place) == 0) optind(optind() + 1);
        } else {
            mem().writeLong(optarg, 0);
            if (at(place) != 0) {
                mem().writeLong(optarg, place);
            } else if (at(oli + 1) != ':') {
                optind(optind() + 1);
                if (optind() >= nargc) {
                    place = 0;
                    if (printError(options)) warnx(f, "option requires an argument -- " + (char) optchar);
                    mem().writeInt(optopt, optchar);
                    return badarg(options);
                }
                mem().writeLong(optarg, argv(nargv, optind()));
            }
            place = 0;
            optind(optind() + 1);
        }
        return optchar;
    }

    /** struct option {const char* name; int has_arg; int* flag; int val;}: 32 bytes. */
    private int parseLong(CallFrame f, long nargv, long options, long longOptions, long idx, boolean shortToo, int flags) {
        byte[] current = mem().readCBytes(place);
        int equals = -1;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == '=') {
                equals = i;
                break;
            }
        }
        int length = equals >= 0 ? equals : current.length;
        String name = latin1(java.util.Arrays.copyOf(current, length));
        optind(optind() + 1);
        int match = -1;
        boolean exact = false, secondPartial = false;
        for (int i = 0; ; i++) {
            long o = longOptions + 32L * i;
            long n = mem().readLong(o);
            if (n == 0) break;
            String candidate = latin1(mem().readCBytes(n));
            if (!candidate.startsWith(name)) continue;
            if (candidate.length() == length) {
                match = i;
                exact = true;
                break;
            }
            if (shortToo && length == 1) continue;
            if (match == -1) {
                match = i;
            } else {
                long m = longOptions + 32L * match;
                if ((flags & FLAG_LONGONLY) != 0 || mem().readInt(o + 8) != mem().readInt(m + 8)
                        || mem().readLong(o + 16) != mem().readLong(m + 16) || mem().readInt(o + 24) != mem().readInt(m + 24)) {
                    secondPartial = true;
                }
            }
        }
        if (!exact && secondPartial) {
            if (printError(options)) warnx(f, "option `" + dashPrefix + name + "' is ambiguous");
            mem().writeInt(optopt, 0);
            return '?';
        }
        if (match == -1) {
            if (shortToo) {
                optind(optind() - 1);
                return -1;
            }
            if (printError(options)) warnx(f, "unrecognized option `" + dashPrefix + latin1(current) + "'");
            mem().writeInt(optopt, 0);
            return '?';
        }
        long m = longOptions + 32L * match;
        int hasArg = mem().readInt(m + 8);
        long flag = mem().readLong(m + 16);
        int val = mem().readInt(m + 24);
        if (hasArg == NO_ARGUMENT && equals >= 0) {
            if (printError(options)) warnx(f, "option `" + dashPrefix + name + "' doesn't allow an argument");
            mem().writeInt(optopt, flag == 0 ? val : 0);
            return '?';
        }
        if (hasArg == REQUIRED_ARGUMENT || hasArg == OPTIONAL_ARGUMENT) {
            if (equals >= 0) {
                mem().writeLong(optarg, place + equals + 1);
            } else if (hasArg == REQUIRED_ARGUMENT) {
                mem().writeLong(optarg, argv(nargv, optind()));
                optind(optind() + 1);
            }
        }
        if (hasArg == REQUIRED_ARGUMENT && mem().readLong(optarg) == 0) {
            if (printError(options)) warnx(f, "option `" + dashPrefix + latin1(current) + "' requires an argument");
            mem().writeInt(optopt, flag == 0 ? val : 0);
            optind(optind() - 1);
            return badarg(options);
        }
        if (idx != 0) mem().writeInt(idx, match);
        if (flag != 0) {
            mem().writeInt(flag, val);
            return 0;
        }
        return val;
    }
}
