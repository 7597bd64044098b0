package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;

/**
 * What fork's child does not inherit and how processes see each other (libfork_inherit.so) on both engines: no
 * alarm, POSIX timer or pending signal in the child; getpgid/getsid of another live process; /proc/self and
 * /proc/PID name the child while it lives; the child's log line carries its own pid in logcat's PID column.
 */
class ForkInheritTest {
    @TempDir
    Path instances;

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void childrenStartWithoutTimersOrPendingSignalsAndLogAsThemselves(CpuEngine engine) throws Exception {
        FixtureRun r = FixtureRun.run(instances, "fork_inherit", "libfork_inherit.so", engine);
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok the child inherits no alarm").contains("ok the child inherits no POSIX timer (EINVAL)")
                .contains("ok the child inherits no pending signal").contains("ok the parent's alarm is still armed")
                .contains("ok the parent's timer is still armed")
                .contains("ok the child's getpgid of its parent").contains("ok getpgid of a child that leads its own group")
                .contains("ok getsid of a child in the parent's session")
                .contains("ok /proc/self in the child names the child")
                .contains("ok /proc/self/status in the child has the child's Pid")
                .contains("ok /proc/PID of a reaped child is gone").contains("fork_inherit failures=0");
        Matcher child = Pattern.compile("child pid (\\d+) logged").matcher(r.console());
        assertThat(child.find()).isTrue();
        String pid = child.group(1);
        // threadtime: "MM-DD HH:MM:SS.mmm  PID  TID L TAG: message"
        Matcher line = Pattern.compile("(?m)^\\S+ \\S+\\s+(\\d+)\\s+(\\d+) I fork_inherit: child " + pid + " says hello$")
                .matcher(r.log());
        assertThat(line.find()).as("the child's log line in:%n%s", r.log()).isTrue();
        assertThat(line.group(1)).isEqualTo(pid);
        assertThat(line.group(2)).isEqualTo(pid);
        assertThat(r.callback().exitCode).isZero();
    }
}
