package org.mdemu.guest.bionic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.machine.GuestMemory;

/**
 * C's scanf engine with the rules of bionic's vfscanf (from the BSDs): whitespace directives, literals, {@code %%},
 * conversions d i u o x X p c s [set] [^set] n f e g a (and upper case), field width, {@code *} suppression and
 * length modifiers hh h l ll j z t L q. Numbers take the longest prefix that is still a valid number and push the
 * rest back, then convert with strtoimax/strtoumax/strtod rules ({@link NumberParsing}).
 */
public final class ScanfParser {
    /** Input characters, one byte at a time ({@code -1} at the end), with pushback of what a conversion rejects. */
    public interface Input {
        int read();

        void unread(int c);
    }

    public static final int EOF = -1;

    private final GuestMemory memory;

    public ScanfParser(GuestMemory memory) {
        this.memory = memory;
    }

    /** The input of sscanf: the bytes of a C string, ending at its NUL. */
    public static Input of(byte[] text) {
        return new Input() {
            private int at;

            @Override
            public int read() {
                return at < text.length && text[at] != 0 ? text[at++] & 0xff : -1;
            }

            @Override
            public void unread(int c) {
                if (c >= 0 && at > 0) at--;
            }
        };
    }

    /** Counts what has been consumed, for %n. */
    private static final class Counting implements Input {
        private final Input in;
        long consumed;

        Counting(Input in) {
            this.in = in;
        }

        @Override
        public int read() {
            int c = in.read();
            if (c >= 0) consumed++;
            return c;
        }

        @Override
        public void unread(int c) {
            if (c < 0) return;
            in.unread(c);
            consumed--;
        }

        /** Skips whitespace; returns false at the end of input. */
        boolean skipSpace() {
            int c;
            while ((c = read()) >= 0 && NumberParsing.isSpace(c)) { }
            if (c < 0) return false;
            unread(c);
            return true;
        }
    }

    /** Ends the scan: a matching failure returns the count so far; an input failure EOF if nothing converted yet. */
    private static final class Stop extends Exception {
        final boolean inputFailure;

        Stop(boolean inputFailure) {
            super(null, null, false, false);
            this.inputFailure = inputFailure;
        }
    }

    private record Spec(boolean suppress, int width, String length, char conversion) {}

    /** Runs a scan; returns the number of assignments made, or EOF on input failure before the first conversion. */
    public int scan(byte[] format, Input input, VarArgs args) {
        Counting in = new Counting(input);
        int assigned = 0, conversions = 0;
        int i = 0;
        try {
            while (i < format.length && format[i] != 0) {
                int f = format[i] & 0xff;
                if (NumberParsing.isSpace(f)) {
                    in.skipSpace();
                    i++;
                    continue;
                }
                if (f != '%' || (i + 1 < format.length && format[i + 1] == '%')) {
                    if (f == '%') {
                        i++;
                        if (!in.skipSpace()) throw new Stop(true);
                    }
                    int c = in.read();
                    if (c < 0) throw new Stop(true);
                    if (c != f) {
                        in.unread(c);
                        throw new Stop(false);
                    }
                    i++;
                    continue;
                }
                i++;
                boolean suppress = false;
                if (i < format.length && format[i] == '*') {
                    suppress = true;
                    i++;
                }
                int width = 0;
                while (i < format.length && format[i] >= '0' && format[i] <= '9') width = width * 10 + (format[i++] - '0');
                int lengthStart = i;
                while (i < format.length && "hljztLq".indexOf(format[i]) >= 0) i++;
                String length = new String(format, lengthStart, i - lengthStart, StandardCharsets.US_ASCII);
                if (i >= format.length || format[i] == 0) break;
                char conversion = (char) (format[i++] & 0xff);
                Spec spec = new Spec(suppress, width, length, conversion);
                if (conversion == '[') {
                    boolean[] set = new boolean[256];
                    i = parseSet(format, i, set);
                    if (scanString(in, spec, args, set)) assigned++;
                    conversions++;
                    continue;
                }
                if (conversion == 'n') {
                    if (!suppress) storeInteger(args.nextPointer(), spec, in.consumed);
                    continue;
                }
                if (conversion != 'c' && !in.skipSpace()) throw new Stop(true);
                boolean stored = switch (conversion) {
                    case 'c', 's' -> scanString(in, spec, args, null);
                    case 'd' -> scanInteger(in, spec, args, 10, true);
                    case 'i' -> scanInteger(in, spec, args, 0, true);
                    case 'u' -> scanInteger(in, spec, args, 10, false);
                    case 'o' -> scanInteger(in, spec, args, 8, false);
                    case 'x', 'X', 'p' -> scanInteger(in, spec, args, 16, false);
                    case 'e', 'E', 'f', 'F', 'g', 'G', 'a', 'A' -> scanFloat(in, spec, args);
                    default -> throw new Stop(false);
                };
                if (stored) assigned++;
                conversions++;
            }
        } catch (Stop stop) {
            if (stop.inputFailure && conversions == 0) return EOF;
        }
        return assigned;
    }

    /** Parses the scanset after "[" into set; returns the index after the closing "]". */
    private static int parseSet(byte[] format, int i, boolean[] set) {
        boolean negate = i < format.length && format[i] == '^';
        if (negate) i++;
        int start = i;
        while (i < format.length && format[i] != 0 && (format[i] != ']' || i == start)) {
            int c = format[i] & 0xff;
            if (i + 2 < format.length && format[i + 1] == '-' && format[i + 2] != ']' && format[i + 2] != 0
                    && (format[i + 2] & 0xff) >= c) {
                for (int x = c; x <= (format[i + 2] & 0xff); x++) set[x] = true;
                i += 3;
            } else {
                set[c] = true;
                i++;
            }
        }
        if (i < format.length && format[i] == ']') i++;
        if (negate) for (int x = 0; x < 256; x++) set[x] = !set[x];
        return i;
    }

    /** %c (set == null, conversion c), %s (set == null) and %[set]: narrow bytes, or wchar_t with the l modifier. */
    private boolean scanString(Counting in, Spec spec, VarArgs args, boolean[] set) throws Stop {
        boolean chars = spec.conversion() == 'c';
        int width = spec.width() > 0 ? spec.width() : chars ? 1 : Integer.MAX_VALUE;
        ByteArrayOutputStream taken = new ByteArrayOutputStream();
        int c = -1;
        while (taken.size() < width && (c = in.read()) >= 0) {
            boolean accept = chars || (set != null ? set[c] : !NumberParsing.isSpace(c));
            if (!accept) {
                in.unread(c);
                break;
            }
            taken.write(c);
        }
        if (taken.size() == 0) throw new Stop(c < 0);
        if (spec.suppress()) return false;
        long to = args.nextPointer();
        byte[] b = taken.toByteArray();
        if (spec.length().equals("l")) {
            int[] wide = new String(b, StandardCharsets.UTF_8).codePoints().toArray();
            for (int k = 0; k < wide.length; k++) memory.writeInt(to + 4L * k, wide[k]);
            if (!chars) memory.writeInt(to + 4L * wide.length, 0);
        } else {
            memory.write(to, b);
            if (!chars) memory.writeByte(to + b.length, 0);
        }
        return true;
    }

    private boolean scanInteger(Counting in, Spec spec, VarArgs args, int base, boolean signed) throws Stop {
        int width = spec.width() > 0 ? spec.width() : Integer.MAX_VALUE;
        StringBuilder s = new StringBuilder();
        boolean detect = base == 0;
        // Kept as the scan goes: looking at the text so far for each character made long numbers quadratic.
        int digits = 0;
        boolean onlyZero = false;
        int c;
        while (s.length() < width && (c = in.read()) >= 0) {
            boolean ok;
            if (c == '+' || c == '-') {
                ok = s.length() == 0;
            } else if ((c == 'x' || c == 'X') && (base == 16 || detect)) {
                ok = digits == 1 && onlyZero;
                if (ok) base = 16;
            } else {
                if (detect && digits == 0) base = c == '0' ? 8 : 10;
                ok = c < 128 && Character.digit(c, base) >= 0;
                if (ok) {
                    onlyZero = digits == 0 && c == '0';
                    digits++;
                }
            }
            if (!ok) {
                in.unread(c);
                break;
            }
            s.append((char) c);
        }
        // A lone sign is no number; "0x" without hex digits is the number 0 followed by an unread 'x'.
        char last = s.length() > 0 ? s.charAt(s.length() - 1) : ' ';
        if (last == 'x' || last == 'X') {
            in.unread(last);
            s.setLength(s.length() - 1);
        }
        if (digitsSoFar(s).isEmpty()) {
            for (int k = s.length() - 1; k >= 0; k--) in.unread(s.charAt(k));
            throw new Stop(false);
        }
        if (spec.suppress()) return false;
        long value = NumberParsing.parseLong(s.toString(), base, signed).value();
        storeInteger(args.nextPointer(), spec.conversion() == 'p' ? new Spec(false, 0, "l", 'p') : spec, value);
        return true;
    }

    private static String digitsSoFar(CharSequence s) {
        String t = s.toString();
        return t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
    }

    private boolean scanFloat(Counting in, Spec spec, VarArgs args) throws Stop {
        int width = spec.width() > 0 ? spec.width() : Integer.MAX_VALUE;
        StringBuilder s = new StringBuilder();
        int valid = 0;
        int c;
        while (s.length() < width && (c = in.read()) >= 0) {
            boolean digitAfterDigit = NumberParsing.FloatSyntax.continuesDigits(s, (char) c);
            s.append((char) c);
            if (digitAfterDigit) {
                if (valid == s.length() - 1) valid = s.length();
                continue;
            }
            if (!NumberParsing.FloatSyntax.isPrefix(s)) {
                s.setLength(s.length() - 1);
                in.unread(c);
                break;
            }
            if (NumberParsing.FloatSyntax.isComplete(s)) valid = s.length();
        }
        for (int k = s.length() - 1; k >= valid; k--) in.unread(s.charAt(k));
        if (valid == 0) throw new Stop(false);
        if (spec.suppress()) return false;
        String text = s.substring(0, valid);
        long to = args.nextPointer();
        switch (spec.length()) {
            case "l" -> memory.writeLong(to, Double.doubleToRawLongBits(NumberParsing.toDouble(text)));
            case "L" -> {
                long[] q = LongDouble.parse(text);
                memory.writeLong(to, q[0]);
                memory.writeLong(to + 8, q[1]);
            }
            default -> memory.writeInt(to, Float.floatToRawIntBits(NumberParsing.toFloat(text)));
        }
        return true;
    }

    private void storeInteger(long to, Spec spec, long value) {
        switch (spec.length()) {
            case "hh" -> memory.writeByte(to, (int) value);
            case "h" -> memory.writeShort(to, (int) value);
            case "" -> memory.writeInt(to, (int) value);
            default -> memory.writeLong(to, value);
        }
    }
}
