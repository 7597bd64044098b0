package org.mdemu.guest.runtime;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.abi.GuestSymbol;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.bionic.BionicSymbolList;

/**
 * Renders docs/COMPATIBILITY.md from the binding tables and the syscall table, so the document can never claim
 * more (or less) than the code declares.
 */
public final class CompatibilityReport {
    /** One syscall row as the report needs it. */
    public record SyscallRow(int number, String name, Support support) {}

    private CompatibilityReport() {}

    /** The report for this build's tables. */
    public static String current() {
        org.mdemu.guest.kernel.SyscallTable syscalls = new org.mdemu.guest.kernel.SyscallTable(null, null);
        List<SyscallRow> rows = syscalls.rows().stream()
                .map(s -> new SyscallRow(s.number(), s.name(), s.support())).toList();
        return render(SystemImage.forInspection().tables(), rows);
    }

    public static String render(List<LibraryTable> libraries, List<SyscallRow> syscalls) {
        StringBuilder out = new StringBuilder();
        out.append("# mdemu compatibility\n\n");
        out.append("Generated from the binding tables by `CompatibilityReport` (run `./mdemu compat > docs/COMPATIBILITY.md`")
                .append(" to refresh it; a test fails when this file is stale). Status: **supported**, **partial**")
                .append(" (works with the limits in the note) or **unsupported** (present so imports link; the")
                .append(" note says what happens when called).\n\n");
        out.append("## Summary\n\n| library | supported | partial | unsupported |\n|---|---:|---:|---:|\n");
        for (LibraryTable t : libraries) {
            Map<Support.Level, Integer> counts = count(t.symbols().stream().map(GuestSymbol::support).toList());
            out.append(String.format("| %s | %d | %d | %d |%n", t.soname(), counts.get(Support.Level.SUPPORTED),
                    counts.get(Support.Level.PARTIAL), counts.get(Support.Level.UNSUPPORTED)));
        }
        Map<Support.Level, Integer> sys = count(syscalls.stream().map(SyscallRow::support).toList());
        out.append(String.format("| syscalls (arm64) | %d | %d | %d |%n%n", sys.get(Support.Level.SUPPORTED),
                sys.get(Support.Level.PARTIAL), sys.get(Support.Level.UNSUPPORTED)));
        headerCoverage(libraries, out);
        for (LibraryTable t : libraries) {
            out.append("## ").append(t.soname()).append("\n\n");
            out.append("| symbol | version | kind | status | note |\n|---|---|---|---|---|\n");
            t.symbols().stream().sorted(java.util.Comparator.comparing(GuestSymbol::name)).forEach(s ->
                    out.append(String.format("| `%s` | %s | %s | %s | %s |%n", s.name(), s.version(), kind(s),
                            status(s.support()), escape(s.support().note()))));
            out.append('\n');
        }
        out.append("## Linux syscalls (arm64 numbers)\n\n| nr | name | status | note |\n|---:|---|---|---|\n");
        for (SyscallRow r : syscalls) {
            out.append(String.format("| %d | `%s` | %s | %s |%n", r.number(), r.name(), status(r.support()),
                    escape(r.support().note())));
        }
        return out.toString();
    }

    /**
     * Coverage of bionic's public headers: for each header under libc/include, how many of the symbols it declares
     * that bionic's arm64 libc.so, libm.so and libdl.so export are here and how completely, and which are missing.
     */
    private static void headerCoverage(List<LibraryTable> libraries, StringBuilder out) {
        Map<String, LibraryTable> bySoname = new java.util.HashMap<>();
        for (LibraryTable t : libraries) bySoname.put(t.soname(), t);
        Map<String, int[]> counts = new java.util.TreeMap<>();
        Map<String, List<String>> missing = new java.util.TreeMap<>();
        int[] total = new int[4];
        for (BionicSymbolList.Entry e : BionicSymbolList.entries()) {
            String header = e.header() == null ? "(no public header)" : e.header();
            int[] c = counts.computeIfAbsent(header, h -> new int[4]);
            LibraryTable t = bySoname.get(e.library());
            GuestSymbol s = t == null ? null : t.lookup(e.name());
            int column = s == null ? 3 : s.support().level().ordinal();
            c[column]++;
            total[column]++;
            if (s == null) {
                missing.computeIfAbsent(header, h -> new java.util.ArrayList<>())
                        .add("`" + e.name() + "` (" + e.library() + ")");
            }
        }
        out.append("## Coverage of bionic's headers\n\n");
        out.append("Every symbol bionic's arm64 libc.so, libm.so and libdl.so export (`bionic-arm64-symbols.tsv`,")
                .append(" generated from bionic's map files), by the public header declaring it. ")
                .append(String.format("Of %d symbols, %d are supported, %d partial, %d unsupported and %d missing.%n%n",
                        total[0] + total[1] + total[2] + total[3], total[0], total[1], total[2], total[3]));
        out.append("| header | symbols | supported | partial | unsupported | missing |\n|---|---:|---:|---:|---:|---|\n");
        counts.forEach((header, c) -> out.append(String.format("| %s | %d | %d | %d | %d | %s |%n", header,
                c[0] + c[1] + c[2] + c[3], c[0], c[1], c[2],
                c[3] == 0 ? "0" : c[3] + ": " + String.join(", ", missing.get(header)))));
        out.append('\n');
    }

    private static Map<Support.Level, Integer> count(List<Support> supports) {
        Map<Support.Level, Integer> counts = new EnumMap<>(Support.Level.class);
        for (Support.Level l : Support.Level.values()) counts.put(l, 0);
        for (Support s : supports) counts.merge(s.level(), 1, Integer::sum);
        return counts;
    }

    private static String kind(GuestSymbol s) {
        if (s.implementation() instanceof GuestSymbol.JavaFunction) return "Java";
        if (s.implementation() instanceof GuestSymbol.GuestCode) return "guest code";
        return "data";
    }

    private static String status(Support s) {
        return switch (s.level()) {
            case SUPPORTED -> "supported";
            case PARTIAL -> "partial";
            case UNSUPPORTED -> "unsupported";
        };
    }

    private static String escape(String note) {
        return note == null ? "" : note.replace("|", "\\|").replace("\n", " ");
    }
}
