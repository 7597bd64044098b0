package org.mdemu.guest.runtime;

import java.nio.charset.StandardCharsets;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.MemoryManager;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.vfs.OpenFile;

/** /proc and /dev files: contents generated when opened, or device behaviour. */
final class ProcFiles {
    private ProcFiles() {}

    /** A read-only snapshot of generated text, e.g. /proc/self/maps at the time of open. */
    static OpenFile snapshot(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return new OpenFile() {
            private long position;

            @Override
            public synchronized long read(byte[] b, int off, int len) {
                long n = pread(b, off, len, position);
                if (n > 0) position += n;
                return n;
            }

            @Override
            public long pread(byte[] b, int off, int len, long at) {
                if (at >= data.length) return 0;
                int n = (int) Math.min(len, data.length - at);
                System.arraycopy(data, (int) at, b, off, n);
                return n;
            }

            @Override public long write(byte[] b, int off, int len) { return -Errno.EBADF; }
            @Override public long size() { return data.length; }
            @Override public int mode() { return 0100000; }
        };
    }

    /** Linux's /proc/self/maps format. */
    static String maps(MemoryManager mm) {
        StringBuilder out = new StringBuilder();
        for (MemoryManager.Mapping m : mm.mappings()) {
            String perms = Prot.describe(m.prot()) + "p";
            out.append(String.format("%012x-%012x %s 00000000 00:00 0", m.start(), m.end(), perms));
            if (m.name() != null && !m.name().isEmpty()) out.append(" ".repeat(10)).append(m.name());
            out.append('\n');
        }
        return out.toString();
    }

    static String cpuinfo(int cpus, long hwcap) {
        StringBuilder out = new StringBuilder();
        String features = ((hwcap & 1) != 0 ? "fp " : "") + ((hwcap & 2) != 0 ? "asimd" : "");
        for (int i = 0; i < cpus; i++) {
            out.append("processor\t: ").append(i).append('\n')
                    .append("BogoMIPS\t: 48.00\n")
                    .append("Features\t: ").append(features.trim()).append('\n')
                    .append("CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x1\n")
                    .append("CPU part\t: 0xd07\nCPU revision\t: 0\n\n");
        }
        return out.toString();
    }

    /** /proc/meminfo's leading lines: the VM's memory size, and what the payload has not mapped as free. */
    static String meminfo(long totalBytes, long mappedBytes) {
        long total = totalBytes >> 10, free = Math.max(0, totalBytes - mappedBytes) >> 10;
        StringBuilder out = new StringBuilder();
        Object[][] rows = {{"MemTotal:", total}, {"MemFree:", free}, {"MemAvailable:", free}, {"Buffers:", 0L},
                {"Cached:", 0L}, {"SwapCached:", 0L}, {"SwapTotal:", 0L}, {"SwapFree:", 0L}};
        for (Object[] row : rows) out.append(String.format("%-16s%8d kB\n", row[0], row[1]));
        return out.toString();
    }

    /** /proc/self/status: identity, and memory as mapped bytes (every mapped guest page is resident). */
    static String status(int pid, int parentPid, String name, long mappedBytes, long peakBytes, int openFiles,
                         int threads) {
        return "Name:\t" + name + "\n"
                + "Umask:\t0022\nState:\tR (running)\n"
                + "Tgid:\t" + pid + "\nNgid:\t0\nPid:\t" + pid + "\nPPid:\t" + parentPid + "\nTracerPid:\t0\n"
                + "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"
                + "FDSize:\t" + Math.max(64, Integer.highestOneBit(Math.max(1, openFiles)) * 2) + "\n"
                + String.format("VmPeak:\t%8d kB\nVmSize:\t%8d kB\nVmHWM:\t%8d kB\nVmRSS:\t%8d kB\n",
                        Math.max(peakBytes, mappedBytes) >> 10, mappedBytes >> 10, Math.max(peakBytes, mappedBytes) >> 10,
                        mappedBytes >> 10)
                + "Threads:\t" + threads + "\n";
    }

    /** /proc/mounts: source, mount point, type, options, as the kernel lists them. */
    static String mounts(java.util.List<org.mdemu.guest.vfs.Mount> mounts) {
        StringBuilder out = new StringBuilder();
        for (org.mdemu.guest.vfs.Mount m : mounts) {
            String source = m.path().equals("/") ? "/dev/root" : m.type().startsWith("fuse.") ? m.type().substring(5)
                    : m.type();
            String options = (m.readOnly() ? "ro" : "rw") + (m.path().equals("/") ? "" : ",nosuid,nodev");
            out.append(source).append(' ').append(m.path()).append(' ').append(m.type()).append(' ').append(options)
                    .append(" 0 0\n");
        }
        return out.toString();
    }

    static String uptime(long seconds) {
        return seconds + ".00 0.00\n";
    }

    /** The kernel's CPU list format, as in /sys/devices/system/cpu/online: "0" or "0-N". */
    static String cpuList(int cpus) {
        return (cpus <= 1 ? "0" : "0-" + (cpus - 1)) + "\n";
    }

    /** A device that reads as endless bytes from a source and swallows writes. */
    static OpenFile device(java.util.function.Consumer<byte[]> fill, boolean eof, java.util.function.Consumer<byte[]> sink) {
        return new OpenFile() {
            @Override
            public long read(byte[] b, int off, int len) {
                if (eof) return 0;
                byte[] chunk = new byte[len];
                fill.accept(chunk);
                System.arraycopy(chunk, 0, b, off, len);
                return len;
            }

            @Override
            public long write(byte[] b, int off, int len) {
                if (sink != null) sink.accept(java.util.Arrays.copyOfRange(b, off, off + len));
                return len;
            }
        };
    }
}
