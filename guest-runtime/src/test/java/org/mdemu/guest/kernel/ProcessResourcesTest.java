package org.mdemu.guest.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.memory.ProcessMemory;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.testing.FakeProcess;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.GuestFileSystem;
import org.mdemu.guest.vfs.OpenFile;

class ProcessResourcesTest {
    private final FakeProcess process = new FakeProcess();
    private final FileTable files;
    private final ProcessResources resources;

    ProcessResourcesTest() {
        process.mm = new ProcessMemory(process.memory, 0x10000000, 0x20000000, 64L << 20);
        OpenFile none = new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return l; }
        };
        files = new FileTable(new GuestFileSystem(1 << 20), none, none, none);
        resources = new ProcessResources(process, files, 4, 64L << 20);
    }

    @Test
    void prlimitReadsAndLowersLimitsAndNofileBoundsTheDescriptorTable() {
        long limit = process.alloc(16), old = process.alloc(16);
        assertThat(resources.getrlimit(ProcessResources.RLIMIT_NOFILE, old)).isZero();
        assertThat(process.memory.readLong(old)).isEqualTo(1024);
        process.memory.writeLong(limit, 4);
        process.memory.writeLong(limit + 8, 4096);
        assertThat(resources.prlimit(0, ProcessResources.RLIMIT_NOFILE, limit, old)).isZero();
        assertThat(files.dup(0)).isEqualTo(3);
        assertThat(files.dup(0)).isEqualTo(-Errno.EMFILE);
        process.memory.writeLong(limit, 5000);
        assertThat(resources.setrlimit(ProcessResources.RLIMIT_NOFILE, limit)).isEqualTo(-Errno.EINVAL);
        assertThat(resources.prlimit(77, ProcessResources.RLIMIT_STACK, 0, old)).isEqualTo(-Errno.ESRCH);
        assertThat(resources.getrlimit(ProcessResources.RLIM_NLIMITS, old)).isEqualTo(-Errno.EINVAL);
        assertThat(resources.getrlimit(ProcessResources.RLIMIT_STACK, old)).isZero();
        assertThat(process.memory.readLong(old + 8)).isEqualTo(ProcessResources.RLIM_INFINITY);
    }

    @Test
    void prctlNamesTheThreadAndAnonymousMappings() {
        long name = process.cstring("a-thread-name-longer-than-fifteen");
        assertThat(resources.prctl(ProcessResources.PR_SET_NAME, name, 0, 0, 0)).isZero();
        long out = process.alloc(16);
        assertThat(resources.prctl(ProcessResources.PR_GET_NAME, out, 0, 0, 0)).isZero();
        assertThat(process.memory.readCString(out)).isEqualTo("a-thread-name-l");
        long region = process.mm.mapAnonymous(3 * 4096, 4096, Prot.RW, "[anon]");
        long vmaName = process.cstring("arena");
        assertThat(resources.prctl(ProcessResources.PR_SET_VMA, ProcessResources.PR_SET_VMA_ANON_NAME, region + 4096,
                4096, vmaName)).isZero();
        assertThat(process.mm.mappings()).extracting(MemoryManager.Mapping::name).contains("[anon:arena]");
        assertThat(resources.prctl(ProcessResources.PR_SET_VMA, ProcessResources.PR_SET_VMA_ANON_NAME, 0x1000, 4096,
                vmaName)).isEqualTo(-Errno.ENOMEM);
        assertThat(resources.prctl(4242, 0, 0, 0, 0)).isEqualTo(-Errno.EINVAL);
    }

    @Test
    void sysinfoAndAffinityDescribeTheVm() {
        long info = process.alloc(ProcessResources.SYSINFO_SIZE);
        process.mm.mapAnonymous(1 << 20, 4096, Prot.RW, "[anon]");
        assertThat(resources.sysinfo(info)).isZero();
        assertThat(process.memory.readLong(info + 32)).isEqualTo(64L << 20); // totalram
        assertThat(process.memory.readLong(info + 40)).isEqualTo(63L << 20); // freeram
        assertThat(process.memory.readInt(info + 104)).isEqualTo(1); // mem_unit
        long mask = process.alloc(128);
        assertThat(resources.schedGetaffinity(0, 128, mask)).isEqualTo(8);
        assertThat(process.memory.readLong(mask)).isEqualTo(0b1111);
        assertThat(resources.schedGetaffinity(0, 4, mask)).isEqualTo(-Errno.EINVAL);
    }
}
