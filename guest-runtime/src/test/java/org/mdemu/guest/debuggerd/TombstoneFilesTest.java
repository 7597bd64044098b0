package org.mdemu.guest.debuggerd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TombstoneFilesTest {
    @TempDir
    Path dir;

    @Test
    void tombstonesTakeTheFirstFreeNameThenReplaceTheOldestAsTombstonedRotatesThem() throws Exception {
        TombstoneFiles files = new TombstoneFiles(dir.resolve("tombstones"));
        for (int i = 0; i < TombstoneFiles.MAX_TOMBSTONES; i++) {
            assertThat(files.write("crash " + i).getFileName().toString()).isEqualTo(String.format("tombstone_%02d", i));
        }
        assertThat(files.write("crash 32").getFileName().toString()).isEqualTo("tombstone_00");
        assertThat(files.write("crash 33").getFileName().toString()).isEqualTo("tombstone_01");
        assertThat(Files.readString(dir.resolve("tombstones/tombstone_00"))).isEqualTo("crash 32");
        assertThat(Files.readString(dir.resolve("tombstones/tombstone_02"))).isEqualTo("crash 2");
        // A removed tombstone frees its name first.
        Files.delete(dir.resolve("tombstones/tombstone_17"));
        assertThat(files.write("crash 34").getFileName().toString()).isEqualTo("tombstone_17");
        assertThat(files.write("crash 35").getFileName().toString()).isEqualTo("tombstone_02");
        try (var list = Files.list(dir.resolve("tombstones"))) {
            assertThat(list.count()).isEqualTo(TombstoneFiles.MAX_TOMBSTONES);
        }
    }
}
