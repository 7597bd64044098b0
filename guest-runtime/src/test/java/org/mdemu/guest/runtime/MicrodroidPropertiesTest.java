package org.mdemu.guest.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MicrodroidPropertiesTest {
    @Test
    void theImageCarriesMicrodroidsArm64BuildProp() {
        assertThat(SystemImage.microdroidProperties(false))
                .containsEntry("ro.product.cpu.abilist", "arm64-v8a")
                .containsEntry("ro.product.cpu.abi", "arm64-v8a")
                .containsEntry("ro.build.version.sdk", "34")
                .containsEntry("ro.build.version.release", "14")
                .containsEntry("ro.build.version.codename", "REL")
                .containsKey("ro.build.version.security_patch")
                .containsEntry("ro.apex.updatable", "true")
                .containsEntry("ro.adb.secure", "0")
                .containsEntry("service.adb.listen_addrs", "vsock:5555")
                .containsEntry("ro.debuggable", "0");
        assertThat(SystemImage.microdroidProperties(false).get("ro.build.version.known_codenames"))
                .startsWith("Base,Base11,").endsWith(",Tiramisu,UpsideDownCake");
    }
}
