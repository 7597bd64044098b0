package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mdemu.virtualmachine.VirtualMachineCallback;

/**
 * C++ payloads compiled in the NDK's ABI (std::__ndk1) run on the real libc++_shared.so of NDK r25 and of NDK r27,
 * taken from Maven Central AARs, packed in the APK next to the payload as an NDK app packs it.
 */
class CxxPayloadTest {
    /** Every check cxx_suite.cpp makes; each must print "ok NAME". */
    private static final List<String> CHECKS = List.of(
            "ostringstream", "istringstream", "wostringstream", "to_string/stod", "stoi errors",
            "classic locale", "named locale", "ctype toupper", "ctype classify", "numpunct", "codecvt utf8 decode",
            "codecvt utf8 encode", "imbued stream", "collate", "put_time", "unknown locale throws",
            "throw through frames and a library", "destructors ran while unwinding", "library exception caught by base class",
            "callback without exception", "payload exception through the library", "rethrow", "exception_ptr",
            "nested exceptions", "bad_alloc", "uncaught_exceptions",
            "virtual calls", "dynamic_cast across libraries", "typeid across libraries", "demangle", "typeid of std types",
            "bad_cast",
            "threads with atomic and mutex", "thread_local destructors", "condition_variable", "async and promise",
            "exception through a future", "call_once and compare_exchange", "timed_mutex times out", "hardware_concurrency",
            "steady_clock and sleep_for", "system_clock", "duration arithmetic", "mt19937", "random_device",
            "uniform distribution",
            "regex_search groups", "sregex_iterator", "regex_replace", "regex_match icase", "regex no match", "regex_error",
            "temp_directory_path", "create_directories", "file_size", "ifstream", "copy_file", "rename", "symlink",
            "recursive_directory_iterator", "permissions", "last_write_time", "space", "current_path", "filesystem_error",
            "remove_all", "read-only apk",
            "map", "unordered_map", "sort", "std::function", "weak_ptr");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cxx_suite", "cxx_suite_r27"})
    void everyCheckPassesOnTheNdksLibcxxShared(String apk) throws Exception {
        FixtureRun r = FixtureRun.run(dir, apk, "libcxx_suite.so");
        String out = r.console();
        assertThat(r.callback().exitCode).as(out).isZero();
        assertThat(out).doesNotContain("FAIL ").contains("cxx_suite failures=0\n").contains("cout line 123 4.5\n");
        for (String check : CHECKS) assertThat(out).as(check).contains("\nok " + check + "\n");
        Matcher m = Pattern.compile("(?m)^ok ").matcher(out);
        int oks = 0;
        while (m.find()) oks++;
        assertThat(oks).as("checks printed").isEqualTo(CHECKS.size());
    }

    @Test
    void staticObjectsOfBothLibrariesAreBuiltInLoadOrderAndDestroyedInReverseAfterThreadLocals() throws Exception {
        FixtureRun r = FixtureRun.run(dir, "cxx_suite", "libcxx_suite.so");
        List<String> order = r.console().lines().filter(l -> l.startsWith("static-order: "))
                .map(l -> l.substring("static-order: ".length())).toList();
        assertThat(order).containsExactly("construct shapes", "construct suite", "construct function-local static",
                "destroy main thread_local", "destroy function-local static", "destroy suite", "destroy shapes");
    }

    @Test
    void anUncaughtExceptionAbortsWithLibcxxabisMessageInTheTombstoneAndLogcat() throws Exception {
        FixtureRun r = FixtureRun.run(dir, "cxx_terminate", "libcxx_terminate.so");
        String message = "terminating due to uncaught exception of type std::logic_error: nobody catches this 42";
        assertThat(r.callback().stopReason).isEqualTo(VirtualMachineCallback.STOP_REASON_CRASH);
        assertThat(r.callback().exitCode).isNull();
        assertThat(r.console()).contains("about to throw\n").doesNotContain("not reached")
                .contains("libc++abi: " + message + "\n");
        assertThat(r.vm().getCrashReport().signal()).isEqualTo(6);
        assertThat(r.vm().getCrashReport().tombstone()).contains("signal 6 (SIGABRT)")
                .contains("Abort message: '" + message + "'").contains("/system/lib64/libc.so (abort")
                .contains("/mnt/apk/lib/arm64-v8a/libc++_shared.so");
        assertThat(r.log()).contains(" E libc++abi: " + message + "\n").contains("F DEBUG   : Abort message: '" + message + "'");
    }
}
