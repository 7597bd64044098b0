package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.GuestSymbol;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.runtime.SystemImage;

/**
 * The guest's libc.so, libm.so and libdl.so export exactly what bionic's arm64 libraries export
 * (bionic-arm64-symbols.tsv, generated from bionic's map files): no row missing, none extra, each in its version node
 * and of its kind (function or variable).
 */
class BionicSymbolSetTest {
    /** libm is complete since the libm work was merged: a missing libm row fails this test. */
    static final boolean LIBM_COMPLETE = true;

    /** libc rows of processes (fork and what needs it), which the processes work adds. */
    /** Issue 12 part 3: what needs a second address space (fork and what is built on it). */
    static final Set<String> PENDING_PROCESSES = Set.of();

    private final List<LibraryTable> tables = SystemImage.forInspection().tables();

    private LibraryTable table(String soname) {
        return tables.stream().filter(t -> t.soname().equals(soname)).findFirst().orElseThrow();
    }

    @Test
    void libcExportsExactlyBionicsArm64Symbols() {
        Comparison c = compare("libc.so");
        Set<String> pending = new TreeSet<>(PENDING_PROCESSES);
        assertThat(c.extra).as("libc.so rows bionic's arm64 libc.so does not export").isEmpty();
        assertThat(c.wrong).as("libc.so rows in the wrong version node or of the wrong kind").isEmpty();
        assertThat(c.missing).as("libc.so symbols bionic exports and mdemu lacks (other than those pending elsewhere)")
                .isSubsetOf(pending);
        Set<String> arrived = new TreeSet<>(pending);
        arrived.removeAll(c.missing);
        assertThat(arrived).as("rows now present: take them off PENDING_PROCESSES").isEmpty();
    }

    @Test
    void libdlExportsExactlyBionicsArm64Symbols() {
        Comparison c = compare("libdl.so");
        assertThat(c.extra).isEmpty();
        assertThat(c.wrong).isEmpty();
        assertThat(c.missing).isEmpty();
    }

    @Test
    void libmHasNoExtraRowsAndRightVersionNodes() {
        Comparison c = compare("libm.so");
        assertThat(c.extra).as("libm.so rows bionic's arm64 libm.so does not export").isEmpty();
        assertThat(c.wrong).as("libm.so rows in the wrong version node or of the wrong kind").isEmpty();
        if (LIBM_COMPLETE) assertThat(c.missing).as("libm.so symbols bionic exports and mdemu lacks").isEmpty();
    }

    @Test
    void atexitIsNotExportedAsOnArm64Devices() {
        assertThat(table("libc.so").lookup("atexit")).isNull();
        assertThat(BionicSymbolList.of("libc.so")).noneMatch(e -> e.name().equals("atexit"));
    }

    @Test
    void theListHoldsEachLibrarysVersionNodes() {
        assertThat(BionicSymbolList.of("libc.so")).hasSizeGreaterThan(1400)
                .anyMatch(e -> e.name().equals("regcomp") && e.version().equals("LIBC") && "regex.h".equals(e.header()))
                .anyMatch(e -> e.name().equals("iconv_open") && e.version().equals("LIBC_P"))
                .anyMatch(e -> e.name().equals("environ") && e.variable());
        assertThat(BionicSymbolList.of("libdl.so")).anyMatch(e -> e.name().equals("dlvsym") && e.version().equals("LIBC_N"));
        assertThat(BionicSymbolList.of("libm.so")).anyMatch(e -> e.name().equals("cpow") && e.version().equals("LIBC_O"));
    }

    /** The libm rows still to come from the libm branch; empty once it is merged. */
    static Set<String> libmRowsStillMissing() {
        return new BionicSymbolSetTest().compare("libm.so").missing;
    }

    private record Comparison(Set<String> missing, Set<String> extra, List<String> wrong) {}

    private Comparison compare(String soname) {
        Map<String, BionicSymbolList.Entry> bionic = new HashMap<>();
        for (BionicSymbolList.Entry e : BionicSymbolList.of(soname)) bionic.put(e.name(), e);
        Set<String> missing = new TreeSet<>(bionic.keySet());
        Set<String> extra = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        for (GuestSymbol s : table(soname).symbols()) {
            BionicSymbolList.Entry e = bionic.get(s.name());
            missing.remove(s.name());
            if (e == null) {
                extra.add(s.name());
                continue;
            }
            if (!e.version().equals(s.version())) wrong.add(s.name() + ": " + s.version() + " instead of " + e.version());
            if (e.variable() == s.isFunction()) {
                wrong.add(s.name() + ": a " + (s.isFunction() ? "function" : "variable") + " instead of a "
                        + (e.variable() ? "variable" : "function"));
            }
        }
        return new Comparison(missing, extra, wrong);
    }
}
