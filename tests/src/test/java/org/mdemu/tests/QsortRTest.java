package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qsort_r is guest code beside qsort (RowFuzzTest found the Java row's int overflow): sort_r.apk sorts with it. */
class QsortRTest {
    @TempDir
    Path instances;

    @Test
    void qsortRPassesTheContextToEveryComparisonAndSorts() throws Exception {
        FixtureRun r = FixtureRun.run(instances, "sort_r", "libsort_r.so");
        assertThat(r.callback().errorCode).as("emulator error: %s", r.callback().errorMessage).isNull();
        assertThat(r.console()).contains("qsort_r: n=5000 descending=1 compared=1 single=0");
        assertThat(r.callback().exitCode).isZero();
    }
}
