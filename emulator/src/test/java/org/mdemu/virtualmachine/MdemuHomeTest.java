package org.mdemu.virtualmachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.guest.boot.HostDevice;

class MdemuHomeTest {
    @TempDir
    Path dir;

    @Test
    void deviceSecretAndAttestationRootAreCreatedOnceOwnerOnly() throws Exception {
        MdemuHome home = MdemuHome.at(dir);
        HostDevice first = home.device();
        HostDevice again = MdemuHome.at(dir).device();
        assertThat(again.deviceSecret()).isEqualTo(first.deviceSecret());
        assertThat(again.attestation().certificate()).isEqualTo(first.attestation().certificate());
        for (String file : new String[] {MdemuHome.DEVICE_SECRET, MdemuHome.ATTESTATION_ROOT}) {
            assertThat(Files.getPosixFilePermissions(dir.resolve(file)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(MdemuHome.at(dir.resolve("other")).device().deviceSecret()).isNotEqualTo(first.deviceSecret());
    }

    @Test
    void testAttestationIsOffUntilEnabledAndStaysEnabled() throws Exception {
        MdemuHome home = MdemuHome.at(dir);
        assertThat(home.device().testAttestation()).isNull();
        assertThat(home.isTestAttestationEnabled()).isFalse();
        new VirtualMachineManager(dir.resolve("instances"), home).enableTestAttestation();
        assertThat(MdemuHome.at(dir).isTestAttestationEnabled()).isTrue();
        assertThat(MdemuHome.at(dir).device().testAttestation().certificate())
                .isNotEqualTo(home.device().attestation().certificate());
    }

    @Test
    void aDamagedDeviceSecretIsReportedByPath() throws Exception {
        Files.createDirectories(dir.resolve("device"));
        Files.write(dir.resolve(MdemuHome.DEVICE_SECRET), new byte[5]);
        assertThatThrownBy(() -> MdemuHome.at(dir).device()).isInstanceOf(VirtualMachineException.class)
                .hasMessageContaining("uds.bin holds 5 bytes instead of 32");
    }
}
