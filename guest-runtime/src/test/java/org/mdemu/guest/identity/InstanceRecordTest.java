package org.mdemu.guest.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceRecordTest {
    private static final InstanceRecord.Payload APP = new InstanceRecord.Payload("com.example.app", 7, "ab".repeat(32));

    @TempDir
    Path dir;

    @Test
    void aFreshInstanceHasNoRecordAndTheFirstBootWritesOne() throws IOException {
        assertThat(InstanceRecord.read(dir)).isNull();
        InstanceRecord created = InstanceRecord.create(dir, APP, new Random(1));
        assertThat(created.newInstance()).isTrue();
        assertThat(created.instanceId()).hasSize(64);
        InstanceRecord later = InstanceRecord.read(dir);
        assertThat(later.newInstance()).isFalse();
        assertThat(later.instanceId()).isEqualTo(created.instanceId());
        assertThat(later.payload()).isEqualTo(APP);
        assertThat(InstanceRecord.create(Files.createDirectory(dir.resolve("other")), APP, new Random(2)).instanceId())
                .isNotEqualTo(created.instanceId());
    }

    @Test
    void upgradesAndSealedValuesAreWrittenThrough() throws IOException {
        InstanceRecord.create(dir, APP, null).putSealed("thing", new byte[] {1, 2, 3});
        InstanceRecord.read(dir).recordUpgrade(9);
        InstanceRecord again = InstanceRecord.read(dir);
        assertThat(again.payload().versionCode()).isEqualTo(9);
        assertThat(again.sealed("thing")).containsExactly(1, 2, 3);
        assertThat(again.sealed("nothing")).isNull();
        try (var files = Files.list(dir)) { // no temporary file left behind
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(InstanceRecord.FILE);
        }
    }

    @Test
    void aDamagedRecordIsReportedWithItsPath() throws IOException {
        Files.writeString(dir.resolve(InstanceRecord.FILE), "instanceId=00\n");
        assertThatThrownBy(() -> InstanceRecord.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(InstanceRecord.FILE).hasMessageContaining("corrupt instance record");
    }
}
