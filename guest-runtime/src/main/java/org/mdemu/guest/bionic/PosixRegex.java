package org.mdemu.guest.bionic;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.kernel.sched.StopPoints;

/**
 * A POSIX regular expression as bionic's (NetBSD) regcomp reads it and regexec matches it: basic and extended syntax,
 * bracket expressions with classes, equivalence classes and collating symbols, word anchors \< and \>, back
 * references (BREs, and EREs under REG_GNU with the GNU escapes), REG_ICASE, REG_NEWLINE, REG_NOSPEC; matching is
 * leftmost-longest over UTF-8 characters (a malformed byte is a character nothing matches), with each
 * subexpression then leftmost-longest in order. Hand-written because java.util.regex is a leftmost-first (Perl)
 * engine with other syntax, and no maintained Java library implements POSIX matching.
 */
final class PosixRegex {
    static final int REG_EXTENDED = 1, REG_ICASE = 2, REG_NOSUB = 4, REG_NEWLINE = 8, REG_NOSPEC = 16, REG_GNU = 0400;
    static final int REG_NOTBOL = 1, REG_NOTEOL = 2;
    static final int REG_NOMATCH = 1, REG_BADPAT = 2, REG_ECOLLATE = 3, REG_ECTYPE = 4, REG_EESCAPE = 5,
            REG_ESUBREG = 6, REG_EBRACK = 7, REG_EPAREN = 8, REG_EBRACE = 9, REG_BADBR = 10, REG_ERANGE = 11,
            REG_ESPACE = 12, REG_BADRPT = 13, REG_EMPTY = 14, REG_INVARG = 16, REG_ILLSEQ = 17;
    static final int DUPMAX = 255;
    /** A byte that is not valid UTF-8 in the subject: nothing matches it. */
    static final int BADCHAR = -1;
    private static final int STEP_LIMIT = 20_000_000;

    /** A compile error with its REG_* code. */
    static final class RegexError extends Exception {
        final int code;

        RegexError(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    // ---- the tree ---------------------------------------------------------------------------------------------

    abstract static class Node {
        int id;
        /** Whether the subtree holds a group or a back reference: only then does matching need its inside. */
        boolean structured;
    }

    /** One character: a literal (with its other case under REG_ICASE), a bracket set, or any character. */
    static final class CharNode extends Node {
        final int literal;
        final CharSet set;
        final boolean any;

        CharNode(int literal, CharSet set, boolean any) {
            this.literal = literal;
            this.set = set;
            this.any = any;
        }
    }

    enum Anchor { BOL, EOL, BOW, EOW, WORD_BOUNDARY, NOT_WORD_BOUNDARY, BOS, EOS }

    static final class AnchorNode extends Node {
        final Anchor kind;

        AnchorNode(Anchor kind) {
            this.kind = kind;
        }
    }

    static final class Group extends Node {
        final int index;
        Node child;

        Group(int index) {
            this.index = index;
        }
    }

    static final class Concat extends Node {
        final List<Node> items = new ArrayList<>();
    }

    static final class Alt extends Node {
        final List<Node> branches = new ArrayList<>();
    }

    static final class Repeat extends Node {
        final Node child;
        final int min, max;

        Repeat(Node child, int min, int max) {
            this.child = child;
            this.min = min;
            this.max = max;
        }
    }

    static final class Backref extends Node {
        final int index;

        Backref(int index) {
            this.index = index;
        }
    }

    /** A bracket expression: characters, ranges and classes, inverted or not, case-folded under REG_ICASE. */
    static final class CharSet {
        final BitSet chars = new BitSet(256);
        final List<int[]> ranges = new ArrayList<>();
        final List<String> classes = new ArrayList<>();
        boolean invert, icase;

        boolean rawContains(int c) {
            if (c < 0) return false;
            if (c < 256 && chars.get(c)) return true;
            for (int[] r : ranges) if (c >= r[0] && c <= r[1]) return true;
            for (String cls : classes) if (inClass(cls, c)) return true;
            return false;
        }

        boolean contains(int c) {
            if (c == BADCHAR) return false;
            boolean in = rawContains(c) || (icase && (rawContains(Character.toLowerCase(c))
                    || rawContains(Character.toUpperCase(c))));
            return in != invert;
        }
    }

    static boolean inClass(String name, int c) {
        return switch (name) {
            case "alnum" -> Character.isLetterOrDigit(c);
            case "alpha" -> Character.isLetter(c);
            case "blank" -> c == ' ' || c == '\t' || (c > 127 && Character.getType(c) == Character.SPACE_SEPARATOR);
            case "cntrl" -> Character.getType(c) == Character.CONTROL;
            case "digit" -> c >= '0' && c <= '9';
            case "graph" -> c > 0x20 && c != 0x7f && !Character.isWhitespace(c) && Character.isDefined(c)
                    && Character.getType(c) != Character.CONTROL;
            case "lower" -> Character.isLowerCase(c);
            case "print" -> c >= 0x20 && c != 0x7f && Character.isDefined(c) && Character.getType(c) != Character.CONTROL;
            case "punct" -> c < 128 ? (c > 0x20 && c < 0x7f && !Character.isLetterOrDigit(c))
                    : isUnicodePunct(c);
            case "space" -> c == ' ' || (c >= '\t' && c <= '\r') || (c > 127 && Character.isWhitespace(c));
            case "upper" -> Character.isUpperCase(c);
            case "xdigit" -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            default -> false;
        };
    }

    private static boolean isUnicodePunct(int c) {
        int t = Character.getType(c);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION || t == Character.START_PUNCTUATION
                || t == Character.END_PUNCTUATION || t == Character.INITIAL_QUOTE_PUNCTUATION
                || t == Character.FINAL_QUOTE_PUNCTUATION || t == Character.OTHER_PUNCTUATION
                || t == Character.MATH_SYMBOL || t == Character.CURRENCY_SYMBOL || t == Character.MODIFIER_SYMBOL
                || t == Character.OTHER_SYMBOL;
    }

    private static final String[] CLASSES = {"alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print",
        "punct", "space", "upper", "xdigit"};

    /** POSIX collating symbol names regcomp knows (its cname table). */
    private static final Map<String, Integer> COLLATING = new HashMap<>();

    static {
        String[] names = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO",
            "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "IS4", "IS3", "IS2",
            "IS1"};
        for (int i = 0; i < names.length; i++) COLLATING.put(names[i], i < 28 ? i : 28 + (i - 28));
        Object[][] more = {{"alert", 7}, {"backspace", 8}, {"tab", 9}, {"newline", 10}, {"vertical-tab", 11},
            {"form-feed", 12}, {"carriage-return", 13}, {"FS", 28}, {"GS", 29}, {"RS", 30}, {"US", 31}, {"space", 32},
            {"exclamation-mark", 33}, {"quotation-mark", 34}, {"number-sign", 35}, {"dollar-sign", 36},
            {"percent-sign", 37}, {"ampersand", 38}, {"apostrophe", 39}, {"left-parenthesis", 40},
            {"right-parenthesis", 41}, {"asterisk", 42}, {"plus-sign", 43}, {"comma", 44}, {"hyphen", 45},
            {"hyphen-minus", 45}, {"period", 46}, {"full-stop", 46}, {"slash", 47}, {"solidus", 47}, {"zero", 48},
            {"one", 49}, {"two", 50}, {"three", 51}, {"four", 52}, {"five", 53}, {"six", 54}, {"seven", 55},
            {"eight", 56}, {"nine", 57}, {"colon", 58}, {"semicolon", 59}, {"less-than-sign", 60}, {"equals-sign", 61},
            {"greater-than-sign", 62}, {"question-mark", 63}, {"commercial-at", 64}, {"left-square-bracket", 91},
            {"backslash", 92}, {"reverse-solidus", 92}, {"right-square-bracket", 93}, {"circumflex", 94},
            {"circumflex-accent", 94}, {"underscore", 95}, {"low-line", 95}, {"grave-accent", 96}, {"left-brace", 123},
            {"left-curly-bracket", 123}, {"vertical-line", 124}, {"right-brace", 125}, {"right-curly-bracket", 125},
            {"tilde", 126}, {"DEL", 127}};
        for (Object[] m : more) COLLATING.put((String) m[0], (Integer) m[1]);
    }

    // ---- compiled form ------------------------------------------------------------------------------------------

    final Node root;
    final int groups;
    final int cflags;
    final boolean backrefs;
    private final List<Node> nodes = new ArrayList<>();

    private PosixRegex(Node root, int groups, int cflags, boolean backrefs) {
        this.root = root;
        this.groups = groups;
        this.cflags = cflags;
        this.backrefs = backrefs;
        number(root);
    }

    private boolean number(Node n) {
        n.id = nodes.size();
        nodes.add(n);
        boolean structured = n instanceof Group || n instanceof Backref;
        if (n instanceof Group g) number(g.child);
        else if (n instanceof Concat c) for (Node i : c.items) structured |= number(i);
        else if (n instanceof Alt a) for (Node b : a.branches) structured |= number(b);
        else if (n instanceof Repeat r) structured |= number(r.child);
        n.structured = structured;
        return structured;
    }

    /** regcomp: the pattern's bytes (up to its end or re_endp) and cflags. */
    static PosixRegex compile(byte[] pattern, int cflags) throws RegexError {
        int[] cps = decodePattern(pattern);
        Parser p = new Parser(cps, cflags);
        Node root;
        if ((cflags & REG_NOSPEC) != 0) {
            Concat c = new Concat();
            for (int ch : cps) c.items.add(p.ordinary(ch));
            root = c;
        } else {
            root = p.parseRe(-1, -1, true);
        }
        return new PosixRegex(root, p.nsub, cflags, p.backrefs);
    }

    private static int[] decodePattern(byte[] b) throws RegexError {
        int[] out = new int[b.length];
        int n = 0;
        for (int i = 0; i < b.length; ) {
            int[] d = Utf8.decode(b, i);
            if (d == null) throw new RegexError(REG_ILLSEQ);
            out[n++] = d[0];
            i += d[1];
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The pattern reader: NetBSD regcomp's grammar for BREs and EREs. */
    private static final class Parser {
        final int[] s;
        final int cflags;
        final boolean ere, icase, gnu, newline;
        int at;
        int nsub;
        boolean backrefs;
        final List<Integer> closedGroups = new ArrayList<>();

        Parser(int[] s, int cflags) {
            this.s = s;
            this.cflags = cflags;
            this.ere = (cflags & REG_EXTENDED) != 0;
            this.icase = (cflags & REG_ICASE) != 0;
            this.gnu = (cflags & REG_GNU) != 0;
            this.newline = (cflags & REG_NEWLINE) != 0;
        }

        boolean more() {
            return at < s.length;
        }

        boolean more2() {
            return at + 1 < s.length;
        }

        int peek() {
            return s[at];
        }

        int peek2() {
            return s[at + 1];
        }

        boolean see(int c) {
            return more() && s[at] == c;
        }

        boolean seeTwo(int a, int b) {
            return more2() && s[at] == a && s[at + 1] == b;
        }

        boolean eat(int c) {
            if (see(c)) {
                at++;
                return true;
            }
            return false;
        }

        boolean eatTwo(int a, int b) {
            if (seeTwo(a, b)) {
                at += 2;
                return true;
            }
            return false;
        }

        /** Whether a branch separator comes next: '|' in EREs, "\|" in GNU BREs. */
        boolean seeBar() {
            return ere ? see('|') : gnu && seeTwo('\\', '|');
        }

        boolean eatBar() {
            return ere ? eat('|') : gnu && eatTwo('\\', '|');
        }

        boolean seeEnd(int end1, int end2) {
            if (end1 < 0) return false;
            return ere ? see(end1) : seeTwo(end1, end2);
        }

        /**
         * p_re: branches separated by | until end1 (end1 end2 for BREs). A branch that emits nothing is REG_EMPTY, so
         * are two bars in a row and a bar ending the whole pattern (unless REG_GNU).
         */
        Node parseRe(int end1, int end2, boolean outer) throws RegexError {
            Alt alt = new Alt();
            boolean allowBranch = ere || gnu;
            while (true) {
                Concat chain = new Concat();
                if (!ere && eat('^')) chain.items.add(new AnchorNode(Anchor.BOL));
                boolean terminate = false;
                int nchain = 0;
                while (more() && !(allowBranch && seeBar()) && !seeEnd(end1, end2)) {
                    if (ere) ereExp(chain);
                    else terminate = simpleRe(chain, nchain);
                    nchain++;
                }
                // A BRE's '$' is an anchor only as the last item of its branch.
                if (terminate) chain.items.set(chain.items.size() - 1, new AnchorNode(Anchor.EOL));
                if (!gnu && chain.items.isEmpty()) throw new RegexError(REG_EMPTY);
                alt.branches.add(chain);
                if (!allowBranch) break;
                int ate = 0;
                while (eatBar()) ate++;
                if (ate == 0) break;
                if ((ate > 1 || (outer && !more())) && !gnu) throw new RegexError(REG_EMPTY);
            }
            return alt.branches.size() == 1 ? alt.branches.get(0) : alt;
        }

        /** One ERE atom with its repetitions (p_ere_exp). */
        void ereExp(Concat chain) throws RegexError {
            int c = s[at++];
            Node atom;
            boolean wasCaret = false;
            switch (c) {
                case '(' -> {
                    if (!more()) throw new RegexError(REG_EPAREN);
                    int index = ++nsub;
                    Group g = new Group(index);
                    if (!see(')')) g.child = parseRe(')', -1, false);
                    else g.child = new Concat();
                    if (!eat(')')) throw new RegexError(REG_EPAREN);
                    closedGroups.add(index);
                    atom = g;
                }
                case ')' -> throw new RegexError(REG_EPAREN);
                case '^' -> {
                    atom = new AnchorNode(Anchor.BOL);
                    wasCaret = true;
                }
                case '$' -> atom = new AnchorNode(Anchor.EOL);
                case '|' -> throw new RegexError(REG_EMPTY);
                case '*', '+', '?', '{' -> throw new RegexError(REG_BADRPT);
                case '.' -> atom = any();
                case '[' -> atom = bracket();
                case '\\' -> atom = escape(true);
                default -> atom = ordinary(c);
            }
            if (!more()) {
                chain.items.add(atom);
                return;
            }
            c = peek();
            if (!(c == '*' || c == '+' || c == '?' || c == '{')) {
                chain.items.add(atom);
                return;
            }
            if (c == '{' && !(more2() && (isDigit(peek2()) || peek2() == ','))) throw new RegexError(REG_BADRPT);
            at++;
            if (wasCaret) throw new RegexError(REG_BADRPT);
            switch (c) {
                case '*' -> atom = new Repeat(atom, 0, -1);
                case '+' -> atom = new Repeat(atom, 1, -1);
                case '?' -> atom = new Repeat(atom, 0, 1);
                default -> {
                    int min = count(), max;
                    if (eat(',')) {
                        if (more() && isDigit(peek())) {
                            max = count();
                            if (min > max) throw new RegexError(REG_BADBR);
                        } else {
                            max = -1;
                        }
                    } else {
                        max = min;
                    }
                    if (!eat('}')) {
                        while (more() && peek() != '}') at++;
                        if (!more()) throw new RegexError(REG_EBRACE);
                        throw new RegexError(REG_BADBR);
                    }
                    atom = new Repeat(atom, min, max);
                }
            }
            chain.items.add(atom);
            if (!more()) return;
            c = peek();
            if (c == '*' || c == '+' || c == '?' || (c == '{' && more2() && isDigit(peek2()))) {
                throw new RegexError(REG_BADRPT);
            }
        }

        /** One BRE item with its repetition (p_simp_re); returns whether it was a lone unescaped '$'. */
        boolean simpleRe(Concat chain, int nchain) throws RegexError {
            int c = s[at++];
            boolean escaped = false;
            Node atom = null;
            if (c == '\\') {
                if (!more()) throw new RegexError(REG_EESCAPE);
                escaped = true;
                c = s[at++];
                if (gnu) atom = gnuEscape(c);
            }
            if (atom == null) {
                if (!escaped && c == '.') {
                    atom = any();
                } else if (!escaped && c == '[') {
                    atom = bracket();
                } else if (escaped && c == '<') {
                    atom = new AnchorNode(Anchor.BOW);
                } else if (escaped && c == '>') {
                    atom = new AnchorNode(Anchor.EOW);
                } else if (escaped && c == '{') {
                    throw new RegexError(REG_BADRPT);
                } else if (escaped && c == '(') {
                    int index = ++nsub;
                    Group g = new Group(index);
                    if (more() && !seeTwo('\\', ')')) g.child = parseRe('\\', ')', false);
                    else g.child = new Concat();
                    if (!eatTwo('\\', ')')) throw new RegexError(REG_EPAREN);
                    closedGroups.add(index);
                    atom = g;
                } else if (escaped && c == ')') {
                    throw new RegexError(REG_EPAREN);
                } else if (escaped && c >= '1' && c <= '9') {
                    atom = backref(c - '0');
                } else {
                    if (!escaped && c == '*' && nchain != 0) throw new RegexError(REG_BADRPT);
                    if (escaped && !mayEscape(c)) throw new RegexError(REG_EESCAPE);
                    atom = ordinary(c);
                }
            }
            if (eat('*')) {
                chain.items.add(new Repeat(atom, 0, -1));
            } else if (gnu && eatTwo('\\', '?')) {
                chain.items.add(new Repeat(atom, 0, 1));
            } else if (gnu && eatTwo('\\', '+')) {
                chain.items.add(new Repeat(atom, 1, -1));
            } else if (eatTwo('\\', '{')) {
                int min = count(), max;
                if (eat(',')) {
                    if (more() && isDigit(peek())) {
                        max = count();
                        if (min > max) throw new RegexError(REG_BADBR);
                    } else {
                        max = -1;
                    }
                } else {
                    max = min;
                }
                if (!eatTwo('\\', '}')) {
                    while (more() && !seeTwo('\\', '}')) at++;
                    if (!more()) throw new RegexError(REG_EBRACE);
                    throw new RegexError(REG_BADBR);
                }
                chain.items.add(new Repeat(atom, min, max));
            } else {
                chain.items.add(atom);
                return !escaped && c == '$';
            }
            return false;
        }

        private Node backref(int index) throws RegexError {
            if (!closedGroups.contains(index)) throw new RegexError(REG_ESUBREG);
            backrefs = true;
            return new Backref(index);
        }

        /** ERE backslash: GNU escapes under REG_GNU, word anchors, else an escaped ordinary character. */
        private Node escape(boolean ere) throws RegexError {
            if (!more()) throw new RegexError(REG_EESCAPE);
            int c = s[at++];
            if (gnu) {
                Node n = gnuEscape(c);
                if (n != null) return n;
                if (c >= '1' && c <= '9') return backref(c - '0');
            }
            if (c == '<') return new AnchorNode(Anchor.BOW);
            if (c == '>') return new AnchorNode(Anchor.EOW);
            if (!mayEscape(c)) throw new RegexError(REG_EESCAPE);
            return ordinary(c);
        }

        private Node gnuEscape(int c) {
            return switch (c) {
                case '`' -> new AnchorNode(Anchor.BOS);
                case '\'' -> new AnchorNode(Anchor.EOS);
                case 'B' -> new AnchorNode(Anchor.NOT_WORD_BOUNDARY);
                case 'b' -> new AnchorNode(Anchor.WORD_BOUNDARY);
                case 'w', 'W', 's', 'S' -> {
                    CharSet set = new CharSet();
                    set.icase = icase;
                    set.invert = c == 'W' || c == 'S';
                    set.classes.add(c == 'w' || c == 'W' ? "alnum" : "space");
                    yield new CharNode(0, set, false);
                }
                case 'a' -> ordinary(7);
                case 'e' -> ordinary(27);
                case 'f' -> ordinary('\f');
                case 'n' -> ordinary('\n');
                case 'r' -> ordinary('\r');
                case 't' -> ordinary('\t');
                case 'v' -> ordinary(11);
                default -> null;
            };
        }

        /** may_escape: an escaped letter, quote or backquote is an error, not the character. */
        private static boolean mayEscape(int c) {
            return !(Character.isLetter(c) || c == '\'' || c == '`');
        }

        Node ordinary(int c) {
            return new CharNode(c, null, false);
        }

        private Node any() {
            if (!newline) return new CharNode(0, null, true);
            CharSet set = new CharSet();
            set.invert = true;
            set.chars.set('\n');
            return new CharNode(0, set, false);
        }

        private int count() throws RegexError {
            int count = 0, digits = 0;
            while (more() && isDigit(peek()) && count <= DUPMAX) {
                count = count * 10 + (s[at++] - '0');
                digits++;
            }
            if (digits == 0 || count > DUPMAX) throw new RegexError(REG_BADBR);
            return count;
        }

        /** p_bracket and p_b_term. */
        private Node bracket() throws RegexError {
            if (startsWith("[:<:]]")) {
                at += 6;
                return new AnchorNode(Anchor.BOW);
            }
            if (startsWith("[:>:]]")) {
                at += 6;
                return new AnchorNode(Anchor.EOW);
            }
            CharSet set = new CharSet();
            set.icase = icase;
            if (eat('^')) set.invert = true;
            if (eat(']')) set.chars.set(']');
            else if (eat('-')) set.chars.set('-');
            while (more() && peek() != ']' && !seeTwo('-', ']')) term(set);
            if (eat('-')) set.chars.set('-');
            if (!eat(']')) throw new RegexError(REG_EBRACK);
            if (set.invert && newline) set.chars.set('\n');
            return new CharNode(0, set, false);
        }

        private boolean startsWith(String text) {
            if (at + text.length() > s.length) return false;
            for (int i = 0; i < text.length(); i++) if (s[at + i] != text.charAt(i)) return false;
            return true;
        }

        private void term(CharSet set) throws RegexError {
            int c = more() ? peek() : 0;
            int kind = 0;
            if (c == '[') kind = more2() ? peek2() : 0;
            else if (c == '-') throw new RegexError(REG_ERANGE);
            if (kind == ':') {
                at += 2;
                if (!more()) throw new RegexError(REG_EBRACK);
                if (peek() == '-' || peek() == ']') throw new RegexError(REG_ECTYPE);
                int start = at;
                while (more() && isAsciiLetter(peek())) at++;
                String name = text(start, at);
                boolean known = false;
                for (String cls : CLASSES) known |= cls.equals(name);
                if (!known) throw new RegexError(REG_ECTYPE);
                set.classes.add(name);
                if (!more()) throw new RegexError(REG_EBRACK);
                if (!eatTwo(':', ']')) throw new RegexError(REG_ECTYPE);
            } else if (kind == '=') {
                at += 2;
                if (!more()) throw new RegexError(REG_EBRACK);
                if (peek() == '-' || peek() == ']') throw new RegexError(REG_ECOLLATE);
                addChar(set, collatingElement('='));
                if (!more()) throw new RegexError(REG_EBRACK);
                if (!eatTwo('=', ']')) throw new RegexError(REG_ECOLLATE);
            } else {
                int start = symbol();
                int finish = start;
                if (see('-') && more2() && peek2() != ']') {
                    at++;
                    finish = eat('-') ? '-' : symbol();
                }
                if (start == finish) {
                    addChar(set, start);
                } else {
                    if (start > finish) throw new RegexError(REG_ERANGE);
                    set.ranges.add(new int[] {start, finish});
                }
            }
        }

        private void addChar(CharSet set, int c) {
            if (c < 256) set.chars.set(c);
            else set.ranges.add(new int[] {c, c});
        }

        private int symbol() throws RegexError {
            if (!more()) throw new RegexError(REG_EBRACK);
            if (!eatTwo('[', '.')) return s[at++];
            int value = collatingElement('.');
            if (!eatTwo('.', ']')) throw new RegexError(REG_ECOLLATE);
            return value;
        }

        private int collatingElement(int end) throws RegexError {
            int start = at;
            while (more() && !seeTwo(end, ']')) at++;
            if (!more()) throw new RegexError(REG_EBRACK);
            String name = text(start, at);
            Integer known = COLLATING.get(name);
            if (known != null) return known;
            if (at - start == 1) return s[start];
            throw new RegexError(REG_ECOLLATE);
        }

        private String text(int from, int to) {
            StringBuilder b = new StringBuilder();
            for (int i = from; i < to; i++) b.appendCodePoint(s[i]);
            return b.toString();
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isAsciiLetter(int c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
    }

    // ---- matching ----------------------------------------------------------------------------------------------

    /** The subject: characters (BADCHAR for malformed bytes) and the byte offset of each, with a final entry. */
    static final class Subject {
        final int[] cps;
        final int[] offsets;
        final byte[] bytes;

        Subject(byte[] b) {
            bytes = b;
            int[] c = new int[b.length];
            int[] o = new int[b.length + 1];
            int n = 0;
            for (int i = 0; i < b.length; ) {
                int[] d = Utf8.decode(b, i);
                o[n] = i;
                if (d == null) {
                    c[n++] = BADCHAR;
                    i++;
                } else {
                    c[n++] = d[0];
                    i += d[1];
                }
            }
            o[n] = b.length;
            cps = java.util.Arrays.copyOf(c, n);
            offsets = java.util.Arrays.copyOf(o, n + 1);
        }

        int length() {
            return cps.length;
        }
    }

    /** One regexec: the subject, flags and the memo of where each node can end from each position. */
    private final class Run {
        final Subject t;
        final int eflags;
        final Map<Long, BitSet> memo = new HashMap<>();
        long steps;

        Run(Subject t, int eflags) {
            this.t = t;
            this.eflags = eflags;
        }

        void step() throws RegexError {
            if (++steps > STEP_LIMIT) throw new RegexError(REG_ESPACE);
            StopPoints.poll(steps);
        }

        boolean charMatches(CharNode n, int pos) {
            if (pos >= t.length()) return false;
            int c = t.cps[pos];
            if (c == BADCHAR) return false;
            if (n.any) return true;
            if (n.set != null) return n.set.contains(c);
            if (c == n.literal) return true;
            return (cflags & REG_ICASE) != 0 && Character.isLetter(n.literal)
                    && (Character.toLowerCase(c) == Character.toLowerCase(n.literal)
                    || Character.toUpperCase(c) == Character.toUpperCase(n.literal));
        }

        private boolean isWord(int pos) {
            if (pos < 0 || pos >= t.length()) return false;
            int c = t.cps[pos];
            return c == '_' || (c >= 0 && Character.isLetterOrDigit(c));
        }

        boolean anchorHolds(Anchor kind, int pos) {
            int n = t.length();
            boolean nl = (cflags & REG_NEWLINE) != 0;
            return switch (kind) {
                case BOL -> (pos == 0 && (eflags & REG_NOTBOL) == 0) || (nl && pos > 0 && pos < n && t.cps[pos - 1] == '\n');
                case EOL -> (pos == n && (eflags & REG_NOTEOL) == 0) || (nl && pos < n && t.cps[pos] == '\n');
                case BOS -> pos == 0 && (eflags & REG_NOTBOL) == 0;
                case EOS -> pos == n && (eflags & REG_NOTEOL) == 0;
                case BOW -> bow(pos);
                case EOW -> eow(pos);
                case WORD_BOUNDARY -> bow(pos) || eow(pos);
                case NOT_WORD_BOUNDARY -> (pos == 0 && !isWord(pos)) || (pos == n && !isWord(pos - 1))
                        || (pos > 0 && pos < n && isWord(pos - 1) == isWord(pos));
            };
        }

        private boolean bow(int pos) {
            return pos < t.length() && isWord(pos)
                    && ((pos == 0 && (eflags & REG_NOTBOL) == 0) || (pos > 0 && !isWord(pos - 1)));
        }

        private boolean eow(int pos) {
            int n = t.length();
            return ((pos == n && (eflags & REG_NOTEOL) == 0) || (pos < n && t.cps[pos] == '\n'
                    && (cflags & REG_NEWLINE) != 0) || (pos < n && !isWord(pos)))
                    && pos > 0 && isWord(pos - 1);
        }

        /** Where node can end when it starts at from (a superset for nodes holding back references). */
        BitSet ends(Node node, int from) throws RegexError {
            long key = (long) node.id << 32 | from;
            BitSet cached = memo.get(key);
            if (cached != null) return cached;
            step();
            BitSet r;
            if (node instanceof CharNode c) {
                r = new BitSet();
                if (charMatches(c, from)) r.set(from + 1);
            } else if (node instanceof AnchorNode a) {
                r = new BitSet();
                if (anchorHolds(a.kind, from)) r.set(from);
            } else if (node instanceof Group g) {
                r = ends(g.child, from);
            } else if (node instanceof Concat c) {
                r = sequenceEnds(c, 0, from);
            } else if (node instanceof Alt a) {
                r = new BitSet();
                for (Node b : a.branches) r.or(ends(b, from));
            } else if (node instanceof Repeat rep) {
                r = repeatEnds(rep, rep.min, rep.max, from);
            } else {
                r = new BitSet();
                r.set(from, t.length() + 1);
            }
            memo.put(key, r);
            return r;
        }

        private record Key(int node, int a, int b, int from) {}

        private final Map<Key, BitSet> keyed = new HashMap<>();

        /** Where items[k..] of a concatenation can end from 'from'. */
        BitSet sequenceEnds(Concat c, int k, int from) throws RegexError {
            BitSet r = new BitSet();
            if (k == c.items.size()) {
                r.set(from);
                return r;
            }
            Key key = new Key(c.id, k, -1, from);
            BitSet cached = keyed.get(key);
            if (cached != null) return cached;
            step();
            BitSet first = ends(c.items.get(k), from);
            for (int p = first.nextSetBit(0); p >= 0; p = first.nextSetBit(p + 1)) r.or(sequenceEnds(c, k + 1, p));
            keyed.put(key, r);
            return r;
        }

        /** Where at least min and at most max (-1: any number) further iterations of r's child can end. */
        BitSet repeatEnds(Repeat r, int min, int max, int from) throws RegexError {
            Key key = new Key(r.id, min, max, from);
            BitSet cached = keyed.get(key);
            if (cached != null) return cached;
            step();
            BitSet result = new BitSet();
            if (min == 0) result.set(from);
            BitSet frontier = new BitSet();
            frontier.set(from);
            BitSet expanded = new BitSet();
            for (int k = 1; max < 0 || k <= max; k++) {
                BitSet next = new BitSet();
                for (int p = frontier.nextSetBit(0); p >= 0; p = frontier.nextSetBit(p + 1)) next.or(ends(r.child, p));
                if (k >= min) {
                    if (max < 0) {
                        next.andNot(expanded);
                        expanded.or(next);
                    }
                    result.or(next);
                }
                if (next.isEmpty()) break;
                frontier = next;
            }
            keyed.put(key, result);
            return result;
        }

        /**
         * Matches node over exactly [from, to), filling caps (2 ints per group); each subexpression takes the
         * longest extent that still lets the rest match. Subtrees without groups or back references need no more
         * than the reachability check.
         */
        boolean exact(Node node, int from, int to, int[] caps) throws RegexError {
            step();
            if (!ends(node, from).get(to)) return false;
            if (!node.structured) return true;
            if (node instanceof Group g) {
                if (!exact(g.child, from, to, caps)) return false;
                caps[2 * g.index] = from;
                caps[2 * g.index + 1] = to;
                return true;
            }
            if (node instanceof Concat c) return sequence(c, 0, from, to, caps);
            if (node instanceof Alt a) {
                for (Node b : a.branches) {
                    int[] saved = caps.clone();
                    if (exact(b, from, to, caps)) return true;
                    System.arraycopy(saved, 0, caps, 0, caps.length);
                }
                return false;
            }
            if (node instanceof Repeat r) return repeat(r, 0, from, to, caps);
            if (node instanceof Backref b) {
                int so = caps[2 * b.index], eo = caps[2 * b.index + 1];
                if (so < 0 || to - from != eo - so) return false;
                for (int i = 0; i < eo - so; i++) {
                    int x = t.cps[so + i], y = t.cps[from + i];
                    if (x != y && !((cflags & REG_ICASE) != 0 && Character.toLowerCase(x) == Character.toLowerCase(y))) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }

        private boolean sequence(Concat c, int k, int from, int to, int[] caps) throws RegexError {
            if (k == c.items.size()) return from == to;
            Node item = c.items.get(k);
            BitSet candidates = ends(item, from);
            for (int mid = Math.min(to, candidates.length() - 1); mid >= from; mid--) {
                if (!candidates.get(mid) || !sequenceEnds(c, k + 1, mid).get(to)) continue;
                int[] saved = caps.clone();
                if (exact(item, from, mid, caps) && sequence(c, k + 1, mid, to, caps)) return true;
                System.arraycopy(saved, 0, caps, 0, caps.length);
            }
            return false;
        }

        /** Iterations of r from its count-th on, over exactly [from, to): each iteration as long as possible. */
        private boolean repeat(Repeat r, int count, int from, int to, int[] caps) throws RegexError {
            if (from == to && count >= r.min) return true;
            if (r.max >= 0 && count >= r.max) return false;
            int minLeft = Math.max(0, r.min - count - 1);
            int maxLeft = r.max < 0 ? -1 : r.max - count - 1;
            BitSet candidates = ends(r.child, from);
            for (int mid = Math.min(to, candidates.length() - 1); mid >= from; mid--) {
                if (!candidates.get(mid)) continue;
                if (mid == from && count >= r.min) continue;
                if (!repeatEnds(r, minLeft, maxLeft, mid).get(to)) continue;
                int[] saved = caps.clone();
                if (exact(r.child, from, mid, caps) && repeat(r, count + 1, mid, to, caps)) return true;
                System.arraycopy(saved, 0, caps, 0, caps.length);
            }
            return false;
        }
    }

    /**
     * regexec over the subject; returns null when nothing matches, else the character offsets of the match and of
     * each group (-1 for groups that did not take part); wantGroups false skips the subexpressions.
     */
    int[] match(Subject t, int eflags, boolean wantGroups) throws RegexError {
        Run run = new Run(t, eflags);
        for (int s = 0; s <= t.length(); s++) {
            BitSet ends = run.ends(root, s);
            for (int e = ends.length() - 1; e >= s; e--) {
                if (!ends.get(e)) continue;
                int[] caps = new int[2 * (groups + 1)];
                java.util.Arrays.fill(caps, -1);
                if (!backrefs && !wantGroups) {
                    caps[0] = s;
                    caps[1] = e;
                    return caps;
                }
                if (run.exact(root, s, e, caps)) {
                    caps[0] = s;
                    caps[1] = e;
                    return caps;
                }
            }
        }
        return null;
    }
}
