package org.mdemu.loader.elf;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Damaged libraries: whatever the bytes, reading an ELF image and everything the linker asks of it either works or
 * fails with an {@link ElfException} naming the file; any other exception is a finding. Committed inputs (a real
 * payload library among them) run in every build; {@code JAZZER_FUZZ=1} fuzzes from them.
 */
class ElfParsingFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void damagedLibrariesFailOnlyWithElfExceptions(byte[] bytes) {
        try {
            Elf64Image image = Elf64Image.parse("fuzz.so", bytes);
            image.needed();
            image.soname();
            image.symbols();
            image.staticFunctions();
            image.buildId();
            image.exported("AVmPayload_main");
            image.relaRelocations();
            image.relrAddresses();
            image.programHeaderAddress(0x10000);
        } catch (ElfException expected) {
            // a clear refusal is the right answer to a damaged file
        }
    }
}
