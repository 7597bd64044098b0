package org.mdemu.guest.bionic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * netdb.h: getaddrinfo/getnameinfo, the gethostby* family, services, and the errors. Lookups follow bionic's order
 * for an app without netd (Microdroid has none): numeric addresses, then /system/etc/hosts (absent from Microdroid's
 * image, so nothing), then DNS, which has no name servers in the VM and fails with EAI_AGAIN / TRY_AGAIN as bionic's
 * resolver does without them. Services come from the database bionic compiles in (bionic-services.tsv); networks and
 * protocols have no database on Android (bionic's getnetbyname and getprotobyname always return NULL).
 */
public final class NetDatabase extends GuestSection {
    static final int EAI_AGAIN = 2, EAI_BADFLAGS = 3, EAI_FAIL = 4, EAI_FAMILY = 5, EAI_MEMORY = 6, EAI_NODATA = 7,
            EAI_NONAME = 8, EAI_SERVICE = 9, EAI_SOCKTYPE = 10, EAI_SYSTEM = 11, EAI_BADHINTS = 12, EAI_OVERFLOW = 14;
    static final int AI_PASSIVE = 1, AI_CANONNAME = 2, AI_NUMERICHOST = 4, AI_NUMERICSERV = 8, AI_ADDRCONFIG = 0x400;
    private static final int AI_MASK = AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_NUMERICSERV | AI_ADDRCONFIG;
    static final int NI_NUMERICHOST = 2, NI_NAMEREQD = 4, NI_NUMERICSERV = 8, NI_DGRAM = 16;
    static final int HOST_NOT_FOUND = 1, TRY_AGAIN = 2, NO_RECOVERY = 3, NO_DATA = 4, NETDB_INTERNAL = -1;
    private static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, IPPROTO_TCP = 6, IPPROTO_UDP = 17;
    private static final String HOSTS = "/system/etc/hosts";
    private static final Support LOOKUPS = Support.full("numeric addresses and /system/etc/hosts (Microdroid has none);"
            + " no name servers in the VM: other names fail with EAI_AGAIN as bionic's resolver answers without them");
    private static final Support HOST_LOOKUPS = Support.full("numeric addresses and /system/etc/hosts (Microdroid has"
            + " none); no name servers in the VM: other names fail with h_errno TRY_AGAIN");
    private static final Support NO_DATABASE = Support.full("no networks/protocols database on Android: NULL, as"
            + " bionic");
    private static final String[] GAI_ERRORS = {"Success", "Address family for hostname not supported",
        "Temporary failure in name resolution", "Invalid value for ai_flags", "Non-recoverable failure in name resolution",
        "ai_family not supported", "Memory allocation failure", "No address associated with hostname",
        "hostname nor servname provided, or not known", "servname not supported for ai_socktype",
        "ai_socktype not supported", "System error returned in errno", "Invalid value for hints",
        "Resolved protocol is unknown", "Argument buffer overflow", "Unknown error"};
    private static final String[] HOST_ERRORS = {"Resolver Error 0 (no error)", "Unknown host",
        "Host name lookup failure", "Unknown server error", "No address associated with name"};

    /** One entry of the services database. */
    record Service(String name, int port, String proto, List<String> aliases) {}

    /** One entry of a hosts file: address family, address bytes, canonical name and aliases. */
    record Host(int family, byte[] address, List<String> names) {}

    private static volatile List<Service> services;
    private final Function<String, String> environment;
    private final Map<Integer, Long> hostErrors = new HashMap<>();
    private int serviceCursor;
    private int hostCursor;

    public NetDatabase(GuestProcess process, Function<String, String> environment) {
        super(process);
        this.environment = environment;
    }

    Function<String, String> environment() {
        return environment;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("getaddrinfo", LOOKUPS, f -> f.ret(getaddrinfo(cbytes(f.ptr(0)), cbytes(f.ptr(1)), f.ptr(2), f.ptr(3))));
        t.function("android_getaddrinfofornet", "LIBC_Q", LOOKUPS,
                f -> f.ret(getaddrinfo(cbytes(f.ptr(0)), cbytes(f.ptr(1)), f.ptr(2), f.ptr(5))));
        t.function("android_getaddrinfofornetcontext", "LIBC_PRIVATE", LOOKUPS,
                f -> f.ret(getaddrinfo(cbytes(f.ptr(0)), cbytes(f.ptr(1)), f.ptr(2), f.ptr(4))));
        t.function("freeaddrinfo", f -> freeaddrinfo(f.ptr(0)));
        t.function("gai_strerror", f -> {
            int e = f.i32(0);
            f.ret(constant(GAI_ERRORS[e < 0 || e > 15 ? 15 : e]));
        });
        t.function("getnameinfo", HOST_LOOKUPS, this::getnameinfo);
        t.function("gethostbyname", HOST_LOOKUPS, f -> f.ret(hostByName(cbytes(f.ptr(0)), NetworkAddresses.AF_INET, 0, 0, 0, 0)));
        t.function("gethostbyname2", HOST_LOOKUPS, f -> f.ret(hostByName(cbytes(f.ptr(0)), f.i32(1), 0, 0, 0, 0)));
        t.function("gethostbyname_r", HOST_LOOKUPS, f -> f.ret(hostByNameR(cbytes(f.ptr(0)), NetworkAddresses.AF_INET,
                f.ptr(1), f.ptr(2), f.i64(3), f.ptr(4), f.ptr(5))));
        t.function("gethostbyname2_r", HOST_LOOKUPS, f -> f.ret(hostByNameR(cbytes(f.ptr(0)), f.i32(1), f.ptr(2),
                f.ptr(3), f.i64(4), f.ptr(5), f.ptr(6))));
        t.function("android_gethostbynamefornet", "LIBC_PRIVATE", HOST_LOOKUPS,
                f -> f.ret(hostByName(cbytes(f.ptr(0)), f.i32(1), 0, 0, 0, 0)));
        t.function("android_gethostbynamefornetcontext", "LIBC_PRIVATE", HOST_LOOKUPS,
                f -> f.ret(hostByName(cbytes(f.ptr(0)), f.i32(1), 0, 0, 0, 0)));
        t.function("gethostbyaddr", HOST_LOOKUPS, f -> f.ret(hostByAddr(f.ptr(0), f.i32(1), f.i32(2), 0, 0, 0, 0)));
        t.function("gethostbyaddr_r", HOST_LOOKUPS, f -> {
            long result = hostByAddr(f.ptr(0), f.i32(1), f.i32(2), f.ptr(3), f.ptr(4), f.i64(5), f.ptr(7));
            f.ret(finishR(result, f.ptr(6), f.ptr(7)));
        });
        t.function("android_gethostbyaddrfornet", "LIBC_PRIVATE", HOST_LOOKUPS,
                f -> f.ret(hostByAddr(f.ptr(0), f.i32(1), f.i32(2), 0, 0, 0, 0)));
        t.function("android_gethostbyaddrfornetcontext", "LIBC_PRIVATE", HOST_LOOKUPS,
                f -> f.ret(hostByAddr(f.ptr(0), f.i32(1), f.i32(2), 0, 0, 0, 0)));
        t.function("gethostent", Support.full("walks /system/etc/hosts, which Microdroid lacks: NULL"), f -> f.ret(hostEntry()));
        t.function("sethostent", "LIBC_P", Support.FULL, f -> hostCursor = 0);
        t.function("endhostent", "LIBC_P", Support.FULL, f -> hostCursor = 0);
        t.function("getservbyname", f -> f.ret(serviceResult(findService(cbytes(f.ptr(0)), cbytes(f.ptr(1))))));
        t.function("getservbyport", f -> f.ret(serviceResult(findPort(Short.reverseBytes((short) f.i32(0)) & 0xffff,
                cbytes(f.ptr(1))))));
        t.function("getservent", f -> f.ret(serviceCursor < services().size() ? serviceResult(services().get(serviceCursor++)) : 0));
        t.function("setservent", f -> serviceCursor = 0);
        t.function("endservent", f -> serviceCursor = 0);
        for (String name : new String[] {"getnetbyaddr", "getnetbyname", "getprotobyname", "getprotobynumber"}) {
            t.function(name, NO_DATABASE, f -> f.ret(0));
        }
        for (String name : new String[] {"getnetent", "getprotoent"}) t.function(name, "LIBC_P", NO_DATABASE, f -> f.ret(0));
        for (String name : new String[] {"setnetent", "setprotoent", "endnetent", "endprotoent"}) {
            t.function(name, "LIBC_P", NO_DATABASE, f -> { });
        }
        t.function("__get_h_errno", f -> f.ret(hostErrorAddress()));
        t.function("hstrerror", f -> f.ret(constant(hostError(f.i32(0)))));
        t.function("herror", this::herror);
        t.function("nsdispatch", Support.full("the hosts database's sources: files (no /system/etc/hosts in"
                + " Microdroid) and DNS (no name servers): NS_NOTFOUND"), f -> f.ret(4));
    }

    // ---- h_errno ----------------------------------------------------------------------------------------------

    /** The calling thread's h_errno (bionic keeps it per thread). */
    private long hostErrorAddress() {
        return hostErrors.computeIfAbsent(process.currentThread().tid(), tid -> heap().calloc(1, 4));
    }

    void setHostError(int value) {
        mem().writeInt(hostErrorAddress(), value);
    }

    private static String hostError(int e) {
        if (e < 0) return "Resolver internal error";
        return e < HOST_ERRORS.length ? HOST_ERRORS[e] : "Unknown resolver error";
    }

    private void herror(CallFrame f) {
        byte[] prefix = optionalCbytes(f.ptr(0));
        StringBuilder s = new StringBuilder();
        if (prefix != null && prefix.length > 0) s.append(latin1(prefix)).append(": ");
        s.append(hostError(mem().readInt(hostErrorAddress()))).append('\n');
        byte[] b = latin1(s.toString());
        if (process.files() != null) process.files().write(2, b, 0, b.length);
    }

    // ---- services -----------------------------------------------------------------------------------------------

    static List<Service> services() {
        List<Service> s = services;
        if (s == null) {
            List<Service> out = new ArrayList<>();
            try (InputStream in = NetDatabase.class.getResourceAsStream("bionic-services.tsv")) {
                if (in == null) throw new IllegalStateException("missing resource bionic-services.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("#") || line.isEmpty()) continue;
                    String[] f = line.split("\t");
                    out.add(new Service(f[0], Integer.parseInt(f[1]), f[2],
                            f[3].equals("-") ? List.of() : List.of(f[3].split(" "))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            services = s = List.copyOf(out);
        }
        return s;
    }

    static Service findService(byte[] name, byte[] proto) {
        if (name == null) return null;
        String n = latin1(name), p = proto == null ? null : latin1(proto);
        for (Service s : services()) {
            if ((s.name().equals(n) || s.aliases().contains(n)) && (p == null || s.proto().equals(p))) return s;
        }
        return null;
    }

    static Service findPort(int port, byte[] proto) {
        String p = proto == null ? null : latin1(proto);
        for (Service s : services()) if (s.port() == port && (p == null || s.proto().equals(p))) return s;
        return null;
    }

    /** struct servent {char* s_name; char** s_aliases; int s_port; char* s_proto;}, per thread as bionic's. */
    private long serviceResult(Service s) {
        if (s == null) return 0;
        long entry = staticBuffer("servent:" + process.currentThread().tid(), 32);
        long aliases = heap().calloc(s.aliases().size() + 1, 8);
        for (int i = 0; i < s.aliases().size(); i++) mem().writeLong(aliases + 8L * i, constant(s.aliases().get(i)));
        long old = mem().readLong(entry + 8);
        if (old != 0) heap().free(old);
        mem().writeLong(entry, constant(s.name()));
        mem().writeLong(entry + 8, aliases);
        mem().writeInt(entry + 16, Short.reverseBytes((short) s.port()) & 0xffff);
        mem().writeLong(entry + 24, constant(s.proto()));
        return entry;
    }

    // ---- hosts ----------------------------------------------------------------------------------------------------

    /** /system/etc/hosts as bionic's _gethtent reads it: "address name [aliases]", '#' comments. */
    List<Host> hostsFile() {
        byte[] content = GuestFiles.readAll(process, HOSTS);
        List<Host> hosts = new ArrayList<>();
        if (content == null) return hosts;
        for (String line : latin1(content).split("\n")) {
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            String[] words = line.trim().split("[ \t]+");
            if (words.length < 2) continue;
            byte[] v4 = NetworkAddresses.pton4(latin1(words[0]), 0, words[0].length());
            byte[] v6 = v4 == null ? NetworkAddresses.pton6(latin1(words[0])) : null;
            if (v4 == null && v6 == null) continue;
            hosts.add(new Host(v4 != null ? NetworkAddresses.AF_INET : NetworkAddresses.AF_INET6, v4 != null ? v4 : v6,
                    List.of(words).subList(1, words.length)));
        }
        return hosts;
    }

    private List<Host> hostsNamed(String name, int family) {
        List<Host> out = new ArrayList<>();
        for (Host h : hostsFile()) {
            if (family != 0 && h.family() != family) continue;
            for (String n : h.names()) {
                if (n.equalsIgnoreCase(name)) {
                    out.add(h);
                    break;
                }
            }
        }
        return out;
    }

    private long hostEntry() {
        List<Host> hosts = hostsFile();
        if (hostCursor >= hosts.size()) return 0;
        Host h = hosts.get(hostCursor++);
        return hostent(h.names().get(0), h.names().subList(1, h.names().size()), h.family(), List.of(h.address()), 0, 0, 0);
    }

    /**
     * Builds a hostent: into the caller's buffer for the _r variants (0 when it is too small), else into a
     * per-thread static one as bionic's.
     */
    private long hostent(String name, List<String> aliases, int family, List<byte[]> addresses, long result, long buf,
                         long buflen) {
        int length = family == NetworkAddresses.AF_INET ? 4 : 16;
        byte[] nameBytes = latin1(name);
        long need = 8L * (aliases.size() + 1) + 8L * (addresses.size() + 1) + (long) length * addresses.size()
                + nameBytes.length + 1;
        for (String a : aliases) need += a.length() + 1;
        if (result == 0) {
            long old = staticBufferPointer();
            if (old != 0) heap().free(old);
            buf = heap().malloc(need);
            rememberStaticBuffer(buf);
            result = staticBuffer("hostent:" + process.currentThread().tid(), 32);
        } else if (need > buflen) {
            return -1;
        }
        long p = buf;
        long aliasList = p;
        p += 8L * (aliases.size() + 1);
        long addrList = p;
        p += 8L * (addresses.size() + 1);
        for (int i = 0; i < addresses.size(); i++) {
            mem().write(p, addresses.get(i));
            mem().writeLong(addrList + 8L * i, p);
            p += length;
        }
        mem().writeLong(addrList + 8L * addresses.size(), 0);
        writeBytesZ(p, nameBytes);
        long namePointer = p;
        p += nameBytes.length + 1;
        for (int i = 0; i < aliases.size(); i++) {
            writeBytesZ(p, latin1(aliases.get(i)));
            mem().writeLong(aliasList + 8L * i, p);
            p += aliases.get(i).length() + 1;
        }
        mem().writeLong(aliasList + 8L * aliases.size(), 0);
        mem().writeLong(result, namePointer);
        mem().writeLong(result + 8, aliasList);
        mem().writeInt(result + 16, family);
        mem().writeInt(result + 20, length);
        mem().writeLong(result + 24, addrList);
        return result;
    }

    private final Map<Integer, Long> hostentBuffers = new HashMap<>();

    private long staticBufferPointer() {
        return hostentBuffers.getOrDefault(process.currentThread().tid(), 0L);
    }

    private void rememberStaticBuffer(long buf) {
        hostentBuffers.put(process.currentThread().tid(), buf);
    }

    /**
     * gethostbyname2's lookup: an all-numeric name becomes a hostent of itself, a name in the hosts file its
     * entry; anything else fails with TRY_AGAIN (no name servers). Returns the hostent, 0 on failure, or -1 when
     * the caller's buffer is too small.
     */
    private long lookupHost(byte[] name, int family, long result, long buf, long buflen) {
        if (family != NetworkAddresses.AF_INET && family != NetworkAddresses.AF_INET6) {
            setHostError(NETDB_INTERNAL);
            process.setErrno(org.mdemu.guest.kernel.Errno.EAFNOSUPPORT);
            return 0;
        }
        if (name == null) {
            setHostError(HOST_NOT_FOUND);
            return 0;
        }
        String text = latin1(name);
        if (numericLooking(text, family)) {
            byte[] a = family == NetworkAddresses.AF_INET ? NetworkAddresses.pton4(name, 0, name.length)
                    : NetworkAddresses.pton6(name);
            if (a == null) {
                setHostError(HOST_NOT_FOUND);
                return 0;
            }
            long r = hostent(text, List.of(), family, List.of(a), result, buf, buflen);
            if (r != -1) setHostError(0);
            return r;
        }
        List<Host> hosts = hostsNamed(text, family);
        if (!hosts.isEmpty()) {
            List<byte[]> addresses = new ArrayList<>();
            for (Host h : hosts) addresses.add(h.address());
            Host first = hosts.get(0);
            long r = hostent(first.names().get(0), first.names().subList(1, first.names().size()), family, addresses,
                    result, buf, buflen);
            if (r != -1) setHostError(0);
            return r;
        }
        setHostError(TRY_AGAIN);
        return 0;
    }

    /** gethostbyname's "fake" path: digits and dots (or hex digits, colons and dots) not ending in a dot. */
    private static boolean numericLooking(String name, int family) {
        if (name.isEmpty() || name.endsWith(".")) return false;
        if (Character.isDigit(name.charAt(0)) && name.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) return true;
        boolean hexStart = Character.digit(name.charAt(0), 16) >= 0 && name.indexOf(':') >= 0;
        return (hexStart || name.charAt(0) == ':')
                && name.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }

    private long hostByName(byte[] name, int family, long result, long buf, long buflen, long errnop) {
        long r = lookupHost(name, family, result, buf, buflen);
        return r == -1 ? 0 : r;
    }

    /** gethostbyname_r(name, ret, buf, buflen, result, h_errnop): 0 or an errno value (ERANGE for a small buffer). */
    private long hostByNameR(byte[] name, int family, long ret, long buf, long buflen, long resultPtr, long herrnop) {
        long r = lookupHost(name, family, ret, buf, buflen);
        return finishR(r, resultPtr, herrnop);
    }

    private long finishR(long r, long resultPtr, long herrnop) {
        if (resultPtr != 0) mem().writeLong(resultPtr, r > 0 ? r : 0);
        if (r == -1) {
            if (herrnop != 0) mem().writeInt(herrnop, NETDB_INTERNAL);
            return org.mdemu.guest.kernel.Errno.ERANGE;
        }
        if (herrnop != 0) mem().writeInt(herrnop, mem().readInt(hostErrorAddress()));
        return r == 0 ? (errno() != 0 ? errno() : org.mdemu.guest.kernel.Errno.ENOENT) : 0;
    }

    private long hostByAddr(long addr, int len, int family, long result, long buf, long buflen, long herrnop) {
        int want = family == NetworkAddresses.AF_INET ? 4 : family == NetworkAddresses.AF_INET6 ? 16 : -1;
        if (want < 0) {
            setHostError(NETDB_INTERNAL);
            process.setErrno(org.mdemu.guest.kernel.Errno.EAFNOSUPPORT);
            return 0;
        }
        if (len != want) {
            setHostError(NETDB_INTERNAL);
            process.setErrno(org.mdemu.guest.kernel.Errno.EINVAL);
            return 0;
        }
        byte[] a = mem().read(addr, len);
        for (Host h : hostsFile()) {
            if (h.family() == family && java.util.Arrays.equals(h.address(), a)) {
                long r = hostent(h.names().get(0), h.names().subList(1, h.names().size()), family, List.of(a), result,
                        buf, buflen);
                if (r != -1) setHostError(0);
                return r;
            }
        }
        setHostError(TRY_AGAIN);
        return 0;
    }

    // ---- getaddrinfo --------------------------------------------------------------------------------------------

    /** One row of bionic's explore table: family, socket type, protocol, whether type/protocol are wildcards. */
    private record Explore(int family, int socktype, int protocol, boolean wildType, boolean wildProtocol) {}

    private static final List<Explore> EXPLORE = List.of(
            new Explore(NetworkAddresses.AF_INET6, SOCK_DGRAM, IPPROTO_UDP, true, true),
            new Explore(NetworkAddresses.AF_INET6, SOCK_STREAM, IPPROTO_TCP, true, true),
            new Explore(NetworkAddresses.AF_INET6, SOCK_RAW, 0, false, true),
            new Explore(NetworkAddresses.AF_INET, SOCK_DGRAM, IPPROTO_UDP, true, true),
            new Explore(NetworkAddresses.AF_INET, SOCK_STREAM, IPPROTO_TCP, true, true),
            new Explore(NetworkAddresses.AF_INET, SOCK_RAW, 0, false, true),
            new Explore(0, SOCK_DGRAM, IPPROTO_UDP, true, true),
            new Explore(0, SOCK_STREAM, IPPROTO_TCP, true, true),
            new Explore(0, SOCK_RAW, 0, false, true));

    private static boolean match(int value, int pattern, boolean wild) {
        return value == pattern || (wild && (value == 0 || pattern == 0));
    }

    /** A result being built: the fields of struct addrinfo. */
    private record Result(int flags, int family, int socktype, int protocol, byte[] address, int port, String canon) {}

    private long getaddrinfo(byte[] host, byte[] serv, long hints, long res) {
        int flags = 0, family = 0, socktype = 0, protocol = 0;
        if (host == null && serv == null) return EAI_NONAME;
        if (hints != 0) {
            flags = mem().readInt(hints);
            family = mem().readInt(hints + 4);
            socktype = mem().readInt(hints + 8);
            protocol = mem().readInt(hints + 12);
            if (mem().readInt(hints + 16) != 0 || mem().readLong(hints + 24) != 0 || mem().readLong(hints + 32) != 0
                    || mem().readLong(hints + 40) != 0) {
                return EAI_BADHINTS;
            }
            if ((flags & ~AI_MASK) != 0) return EAI_BADFLAGS;
            if (family != 0 && family != NetworkAddresses.AF_INET && family != NetworkAddresses.AF_INET6) return EAI_FAMILY;
            if (socktype != 0 && protocol != 0) {
                for (Explore e : EXPLORE) {
                    if (e.family() != family || e.socktype() == 0 || e.protocol() == 0) continue;
                    if (socktype == e.socktype() && protocol != e.protocol()) return EAI_BADHINTS;
                }
            }
        }
        if (family == 0 || family == NetworkAddresses.AF_INET || family == NetworkAddresses.AF_INET6) {
            int error = port(family == 0 ? NetworkAddresses.AF_INET6 : family, socktype, flags, serv)[0];
            if (error != 0) return error;
        }
        List<Result> results = new ArrayList<>();
        for (Explore e : EXPLORE) {
            if (e.family() == 0) continue;
            if (!(family == e.family() || family == 0)) continue;
            if (!match(socktype, e.socktype(), e.wildType()) || !match(protocol, e.protocol(), e.wildProtocol())) continue;
            int f = e.family(), st = socktype == 0 ? e.socktype() : socktype, pr = protocol == 0 ? e.protocol() : protocol;
            int[] port = port(f, st, flags, serv);
            if (port[0] != 0) continue;
            if (host == null) {
                byte[] a = new byte[f == NetworkAddresses.AF_INET ? 4 : 16];
                if ((flags & AI_PASSIVE) == 0) {
                    if (f == NetworkAddresses.AF_INET) a = new byte[] {127, 0, 0, 1};
                    else a[15] = 1;
                }
                results.add(new Result(flags, f, st, pr, a, port[1], null));
            } else {
                byte[] a = f == NetworkAddresses.AF_INET ? NetworkAddresses.pton4(host, 0, host.length)
                        : NetworkAddresses.pton6(host);
                if (a != null) results.add(new Result(flags, f, st, pr, a, port[1], latin1(host)));
            }
        }
        if (results.isEmpty()) {
            if (host == null) return EAI_NODATA;
            if ((flags & AI_NUMERICHOST) != 0) return EAI_NONAME;
            for (Explore e : EXPLORE) {
                if (family != e.family()) continue;
                if (!match(socktype, e.socktype(), e.wildType()) || !match(protocol, e.protocol(), e.wildProtocol())) continue;
                int st = socktype == 0 ? e.socktype() : socktype, pr = protocol == 0 ? e.protocol() : protocol;
                List<Host> hosts = hostsNamed(latin1(host), family);
                for (Host h : hosts) {
                    int[] port = port(h.family(), st, flags, serv);
                    if (port[0] != 0) continue;
                    results.add(new Result(flags, h.family(), st, pr, h.address(), port[1], h.names().get(0)));
                }
            }
            if (results.isEmpty()) return EAI_AGAIN;
        }
        long head = 0, tail = 0;
        for (Result r : results) {
            long ai = addrinfo(r);
            if (ai == 0) {
                freeaddrinfo(head);
                return EAI_MEMORY;
            }
            if (head == 0) head = ai;
            else mem().writeLong(tail + 40, ai);
            tail = ai;
        }
        mem().writeLong(res, head);
        return 0;
    }

    /**
     * get_port: {0, port} or {EAI_*, 0}. Numeric services are allowed for any socket type but raw; names are looked
     * up for the type's protocol unless AI_NUMERICSERV.
     */
    private int[] port(int family, int socktype, int flags, byte[] serv) {
        if (serv == null) return new int[] {0, 0};
        if (family != NetworkAddresses.AF_INET && family != NetworkAddresses.AF_INET6) return new int[] {0, 0};
        if (socktype == SOCK_RAW) return new int[] {EAI_SERVICE, 0};
        if (socktype != 0 && socktype != SOCK_DGRAM && socktype != SOCK_STREAM) return new int[] {EAI_SOCKTYPE, 0};
        long number = decimal(serv);
        if (number >= 0) {
            if (number > 65535) return new int[] {EAI_SERVICE, 0};
            return new int[] {0, (int) number};
        }
        if ((flags & AI_NUMERICSERV) != 0) return new int[] {EAI_NONAME, 0};
        String proto = socktype == SOCK_DGRAM ? "udp" : socktype == SOCK_STREAM ? "tcp" : null;
        Service s = findService(serv, proto == null ? null : latin1(proto));
        return s == null ? new int[] {EAI_SERVICE, 0} : new int[] {0, s.port()};
    }

    /** str2number: a non-empty all-decimal string's value, else -1. */
    private static long decimal(byte[] s) {
        if (s.length == 0) return -1;
        long v = 0;
        for (byte b : s) {
            if (b < '0' || b > '9') return -1;
            v = v * 10 + (b - '0');
            if (v > Integer.MAX_VALUE) return Integer.MAX_VALUE;
        }
        return v;
    }

    /** One struct addrinfo (48 bytes) with its sockaddr right after it, as bionic allocates them. */
    private long addrinfo(Result r) {
        int socklen = r.family() == NetworkAddresses.AF_INET ? 16 : 28;
        long ai = heap().calloc(1, 48 + socklen);
        if (ai == 0) return 0;
        mem().writeInt(ai, r.flags());
        mem().writeInt(ai + 4, r.family());
        mem().writeInt(ai + 8, r.socktype());
        mem().writeInt(ai + 12, r.protocol());
        mem().writeInt(ai + 16, socklen);
        long sa = ai + 48;
        mem().writeShort(sa, r.family());
        mem().writeShort(sa + 2, Short.reverseBytes((short) r.port()));
        mem().write(sa + (r.family() == NetworkAddresses.AF_INET ? 4 : 8), r.address());
        mem().writeLong(ai + 32, sa);
        if ((r.flags() & AI_CANONNAME) != 0 && r.canon() != null) mem().writeLong(ai + 24, mallocString(r.canon()));
        return ai;
    }

    private void freeaddrinfo(long ai) {
        while (ai != 0) {
            long next = mem().readLong(ai + 40);
            long canon = mem().readLong(ai + 24);
            if (canon != 0) heap().free(canon);
            heap().free(ai);
            ai = next;
        }
    }

    // ---- getnameinfo ----------------------------------------------------------------------------------------------

    private void getnameinfo(CallFrame f) {
        long sa = f.ptr(0), host = f.ptr(2), serv = f.ptr(4);
        long salen = f.u32(1), hostlen = f.u32(3), servlen = f.u32(5);
        int flags = f.i32(6);
        if (sa == 0) {
            f.ret(EAI_FAIL);
            return;
        }
        int family = mem().readShort(sa) & 0xffff;
        if (family != NetworkAddresses.AF_INET && family != NetworkAddresses.AF_INET6) {
            f.ret(EAI_FAMILY);
            return;
        }
        int socklen = family == NetworkAddresses.AF_INET ? 16 : 28;
        if (salen < socklen) {
            f.ret(EAI_FAMILY);
            return;
        }
        int port = Short.reverseBytes(mem().readShort(sa + 2)) & 0xffff;
        byte[] addr = mem().read(sa + (family == NetworkAddresses.AF_INET ? 4 : 8), family == NetworkAddresses.AF_INET ? 4 : 16);
        if (serv != 0 && servlen != 0) {
            Service s = (flags & NI_NUMERICSERV) != 0 ? null
                    : findPort(port, latin1((flags & NI_DGRAM) != 0 ? "udp" : "tcp"));
            String text = s != null ? s.name() : Integer.toString(port);
            if (text.length() + 1 > servlen) {
                f.ret(EAI_MEMORY);
                return;
            }
            mem().writeCString(serv, text);
        }
        if (family == NetworkAddresses.AF_INET) {
            long v4 = (addr[0] & 0xffL) << 24 | (addr[1] & 0xff) << 16 | (addr[2] & 0xff) << 8 | (addr[3] & 0xff);
            if ((v4 & 0xf0000000L) == 0xe0000000L || (v4 & 0xf0000000L) == 0xf0000000L || (v4 >>> 24) == 0) {
                flags |= NI_NUMERICHOST;
            }
        } else {
            boolean zeroPrefix = addr[0] == 0;
            boolean mapped = java.util.Arrays.equals(java.util.Arrays.copyOf(addr, 12),
                    new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff});
            boolean loopback = java.util.Arrays.equals(addr, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
            if (zeroPrefix ? !(mapped || loopback) : ((addr[0] & 0xff) == 0xfe && (addr[1] & 0xc0) == 0x80)
                    || (addr[0] & 0xff) == 0xff) {
                flags |= NI_NUMERICHOST;
            }
        }
        if (host != 0 && hostlen != 0) {
            String numeric = family == NetworkAddresses.AF_INET
                    ? NetworkAddresses.dotted((addr[0] & 0xff) << 24 | (addr[1] & 0xff) << 16 | (addr[2] & 0xff) << 8 | (addr[3] & 0xff))
                    : NetworkAddresses.ntop6(addr);
            String name = null;
            if ((flags & NI_NUMERICHOST) != 0) {
                if ((flags & NI_NAMEREQD) != 0) {
                    f.ret(EAI_NONAME);
                    return;
                }
            } else {
                for (Host h : hostsFile()) {
                    if (h.family() == family && java.util.Arrays.equals(h.address(), addr)) {
                        name = h.names().get(0);
                        break;
                    }
                }
                if (name == null && (flags & NI_NAMEREQD) != 0) {
                    f.ret(EAI_NONAME);
                    return;
                }
            }
            String text = name != null ? name : numeric;
            if (text.length() + 1 > hostlen) {
                f.ret(EAI_MEMORY);
                return;
            }
            mem().writeCString(host, text);
        }
        f.ret(0);
    }
}
