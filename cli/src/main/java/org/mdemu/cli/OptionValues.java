package org.mdemu.cli;

import java.util.Locale;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The syntax of run-app's option values. Each converter runs while picocli parses the command line, so a bad value
 * is an invalid command line (exit status 2) reported before any file is opened.
 */
final class OptionValues {
    private OptionValues() {}

    /** {@code --mem MiB}: within {@link VirtualMachineConfig}'s bounds; the result is in bytes. */
    static final class MemoryMib implements ITypeConverter<Long> {
        static final long MIN = VirtualMachineConfig.MIN_MEMORY_BYTES >> 20;
        static final long MAX = VirtualMachineConfig.MAX_MEMORY_BYTES >> 20;

        @Override
        public Long convert(String value) {
            long mib;
            try {
                mib = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number of MiB");
            }
            if (mib < MIN || mib > MAX) {
                throw new TypeConversionException(value + " MiB is outside " + MIN + " to " + MAX + " MiB");
            }
            return mib << 20;
        }
    }

    /** {@code --storage-size SIZE}: bytes, or with a K, M or G suffix (powers of 1024), up to the store's maximum. */
    static final class StorageSize implements ITypeConverter<Long> {
        static final long MAX = VirtualMachineConfig.MAX_ENCRYPTED_STORAGE_BYTES;

        @Override
        public Long convert(String value) {
            String t = value.trim().toUpperCase(Locale.ROOT);
            int shift = t.endsWith("K") ? 10 : t.endsWith("M") ? 20 : t.endsWith("G") ? 30 : 0;
            if (shift != 0) t = t.substring(0, t.length() - 1);
            long number;
            try {
                number = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a size in bytes (suffixes K, M, G)");
            }
            if (number <= 0 || number > MAX >> shift) {
                throw new TypeConversionException("'" + value + "' is outside 1 byte to " + (MAX >> 20) + "M");
            }
            return number << shift;
        }
    }

    /** {@code --debug full|none}: the VirtualMachineConfig debug level. */
    static final class DebugLevel implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return switch (value) {
                case "full" -> VirtualMachineConfig.DEBUG_LEVEL_FULL;
                case "none" -> VirtualMachineConfig.DEBUG_LEVEL_NONE;
                default -> throw new TypeConversionException("'" + value + "' is not a debug level (full, none)");
            };
        }
    }

    /** {@code --cpu-topology one_cpu|match_host}. */
    static final class CpuTopology implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return switch (value) {
                case "one_cpu" -> VirtualMachineConfig.CPU_TOPOLOGY_ONE_CPU;
                case "match_host" -> VirtualMachineConfig.CPU_TOPOLOGY_MATCH_HOST;
                default -> throw new TypeConversionException("'" + value
                        + "' is not a CPU topology (one_cpu, match_host)");
            };
        }
    }

    /** {@code --cpu-engine unicorn1|unicorn2|java}. */
    static final class Engine implements ITypeConverter<CpuEngine> {
        @Override
        public CpuEngine convert(String value) {
            try {
                return CpuEngine.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a CPU engine (unicorn1, unicorn2, java)");
            }
        }
    }

    /** {@code --deterministic=SEED}: a 64-bit integer, decimal or 0x hexadecimal. */
    static final class Seed implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.decode(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a 64-bit integer seed");
            }
        }
    }

    /** {@code --gdb PORT}: a TCP port, 0 for any free one. */
    static final class TcpPort implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) return port;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a TCP port (0-65535)");
        }
    }

    /** {@code --trace CATEGORIES}: checked here, kept as written for the config. */
    static final class TraceCategories implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                org.mdemu.guest.trace.TraceCategory.parse(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --forward GUEST_PORT[:TCP_PORT]}. */
    static final class GuestForward implements ITypeConverter<PortForward> {
        @Override
        public PortForward convert(String value) {
            return PortForward.parse(value, false);
        }
    }

    /** {@code --forward-host VSOCK_PORT:TCP_PORT}. */
    static final class HostForward implements ITypeConverter<PortForward> {
        @Override
        public PortForward convert(String value) {
            return PortForward.parse(value, true);
        }
    }

    /** One --forward or --forward-host value: a vsock port (unsigned 32-bit) and a TCP port. */
    record PortForward(int vsockPort, int tcpPort) {
        static PortForward parse(String value, boolean tcpRequired) {
            String[] parts = value.split(":", -1);
            if (parts.length > 2 || (tcpRequired && parts.length != 2)) {
                throw new TypeConversionException("'" + value + "' is not "
                        + (tcpRequired ? "VSOCK_PORT:TCP_PORT" : "GUEST_PORT[:TCP_PORT]"));
            }
            long vsock = number(parts[0], 0xFFFFFFFEL);
            long tcp = parts.length == 2 ? number(parts[1], 65535) : vsock;
            if (tcp > 65535) throw new TypeConversionException("TCP port " + tcp + " is above 65535");
            return new PortForward((int) vsock, (int) tcp);
        }

        private static long number(String part, long max) {
            try {
                long n = Long.parseLong(part);
                if (n >= 0 && n <= max) return n;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new TypeConversionException("'" + part + "' is not a port number (0-" + max + ")");
        }

        String vsockText() {
            return Integer.toUnsignedString(vsockPort);
        }
    }
}
