package org.mdemu.guest.bionic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * resolv.h's query functions and the resolver's exported debugging helpers (res_debug, ns_print), plus the netd-era
 * configuration entry points. A Microdroid VM has no IP network and no netd, so the resolver has no name servers:
 * building and parsing messages works; sending one fails as bionic's res_nsend does without servers (-1, errno
 * ESRCH) and the query functions report h_errno TRY_AGAIN.
 */
public final class DnsResolver extends GuestSection {
    static final int TRY_AGAIN = 2, NETDB_INTERNAL = -1;
    private static final Support NO_SERVERS = Support.full("no name servers in a Microdroid VM: -1 with errno ESRCH"
            + " as bionic's resolver answers without servers");
    private static final Support NO_SERVERS_QUERY = Support.full("no name servers in a Microdroid VM: -1 with h_errno"
            + " TRY_AGAIN as bionic's resolver answers without servers");
    private static final String[] OPCODES = {"QUERY", "IQUERY", "CQUERYM", "CQUERYU", "NOTIFY", "UPDATE", "6", "7",
        "8", "9", "10", "11", "12", "13", "ZONEINIT", "ZONEREF"};

    /** A res_sym table: number, name, human name. */
    record Sym(int number, String name, String human) {}

    static final List<Sym> CLASSES = List.of(new Sym(1, "IN", null), new Sym(3, "CH", null), new Sym(3, "CHAOS", null),
            new Sym(4, "HS", null), new Sym(4, "HESIOD", null), new Sym(255, "ANY", null), new Sym(254, "NONE", null));
    static final List<Sym> TYPES = List.of(new Sym(1, "A", "address"), new Sym(2, "NS", "name server"),
            new Sym(3, "MD", "mail destination (deprecated)"), new Sym(4, "MF", "mail forwarder (deprecated)"),
            new Sym(5, "CNAME", "canonical name"), new Sym(6, "SOA", "start of authority"), new Sym(7, "MB", "mailbox"),
            new Sym(8, "MG", "mail group member"), new Sym(9, "MR", "mail rename"), new Sym(10, "NULL", "null"),
            new Sym(11, "WKS", "well-known service (deprecated)"), new Sym(12, "PTR", "domain name pointer"),
            new Sym(13, "HINFO", "host information"), new Sym(14, "MINFO", "mailbox information"),
            new Sym(15, "MX", "mail exchanger"), new Sym(16, "TXT", "text"), new Sym(17, "RP", "responsible person"),
            new Sym(18, "AFSDB", "DCE or AFS server"), new Sym(19, "X25", "X25 address"),
            new Sym(20, "ISDN", "ISDN address"), new Sym(21, "RT", "router"), new Sym(22, "NSAP", "nsap address"),
            new Sym(23, "NSAP_PTR", "domain name pointer"), new Sym(24, "SIG", "signature"), new Sym(25, "KEY", "key"),
            new Sym(26, "PX", "mapping information"), new Sym(27, "GPOS", "geographical position (withdrawn)"),
            new Sym(28, "AAAA", "IPv6 address"), new Sym(29, "LOC", "location"),
            new Sym(30, "NXT", "next valid name (unimplemented)"), new Sym(31, "EID", "endpoint identifier (unimplemented)"),
            new Sym(32, "NIMLOC", "NIMROD locator (unimplemented)"), new Sym(33, "SRV", "server selection"),
            new Sym(34, "ATMA", "ATM address (unimplemented)"), new Sym(35, "NAPTR", "naptr"),
            new Sym(36, "KX", "key exchange"), new Sym(37, "CERT", "certificate"),
            new Sym(38, "A", "IPv6 address (experminental)"), new Sym(39, "DNAME", "non-terminal redirection"),
            new Sym(41, "OPT", "opt"), new Sym(42, "apl", "apl"), new Sym(43, "DS", "delegation signer"),
            new Sym(44, "SSFP", "SSH fingerprint"), new Sym(45, "IPSECKEY", "IPSEC key"), new Sym(46, "RRSIG", "rrsig"),
            new Sym(47, "NSEC", "nsec"), new Sym(48, "DNSKEY", "DNS key"),
            new Sym(49, "DHCID", "dynamic host configuration identifier"), new Sym(50, "NSEC3", "nsec3"),
            new Sym(51, "NSEC3PARAM", "NSEC3 parameters"), new Sym(55, "HIP", "host identity protocol"),
            new Sym(99, "SPF", "sender policy framework"), new Sym(249, "TKEY", "tkey"),
            new Sym(250, "TSIG", "transaction signature"), new Sym(251, "IXFR", "incremental zone transfer"),
            new Sym(252, "AXFR", "zone transfer"), new Sym(256, "ZXFR", "compressed zone transfer"),
            new Sym(253, "MAILB", "mailbox-related data (deprecated)"), new Sym(254, "MAILA", "mail agent (deprecated)"),
            new Sym(35, "NAPTR", "URN Naming Authority"), new Sym(36, "KX", "Key Exchange"),
            new Sym(37, "CERT", "Certificate"), new Sym(38, "A6", "IPv6 Address"), new Sym(39, "DNAME", "dname"),
            new Sym(40, "SINK", "Kitchen Sink (experimental)"), new Sym(41, "OPT", "EDNS Options"),
            new Sym(255, "ANY", "\"any\""), new Sym(32769, "DLV", "DNSSEC look-aside validation"));
    static final List<Sym> RCODES = List.of(new Sym(0, "NOERROR", "no error"), new Sym(1, "FORMERR", "format error"),
            new Sym(2, "SERVFAIL", "server failed"), new Sym(3, "NXDOMAIN", "no such domain name"),
            new Sym(4, "NOTIMP", "not implemented"), new Sym(5, "REFUSED", "refused"),
            new Sym(6, "YXDOMAIN", "domain name exists"), new Sym(7, "YXRRSET", "rrset exists"),
            new Sym(8, "NXRRSET", "rrset doesn't exist"), new Sym(9, "NOTAUTH", "not authoritative"),
            new Sym(10, "NOTZONE", "Not in zone"), new Sym(11, "", ""), new Sym(16, "BADSIG", "bad signature"),
            new Sym(17, "BADKEY", "bad key"), new Sym(18, "BADTIME", "bad time"));
    private static final String[] SECTIONS = {"QUERY", "ANSWER", "AUTHORITY", "ADDITIONAL"};
    private static final String[] UPDATE_SECTIONS = {"ZONE", "PREREQUISITE", "UPDATE", "ADDITIONAL"};

    private final DnsNames names;
    private final StdioFunctions stdio;
    private final NetDatabase netdb;
    private final Map<Integer, List<String>> serversByNetwork = new HashMap<>();
    private int nextId = -1;

    public DnsResolver(GuestProcess process, DnsNames names, StdioFunctions stdio, NetDatabase netdb) {
        super(process);
        this.names = names;
        this.stdio = stdio;
        this.netdb = netdb;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("res_init", f -> f.ret(0));
        t.function("__res_ninit", f -> f.ret(0));
        t.function("__res_close", f -> { });
        t.function("__res_nclose", f -> { });
        t.function("res_mkquery", f -> f.ret(mkquery(f.i32(0), cbytes(f.ptr(1)), f.i32(2), f.i32(3), f.ptr(4),
                f.i32(5), f.ptr(6), f.ptr(7), f.i32(8))));
        t.function("__res_nmkquery", f -> f.ret(mkquery(f.i32(1), cbytes(f.ptr(2)), f.i32(3), f.i32(4), f.ptr(5),
                f.i32(6), f.ptr(7), f.ptr(8), f.i32(9))));
        for (String name : new String[] {"res_query", "res_search", "__res_querydomain"}) {
            t.function(name, NO_SERVERS_QUERY, f -> f.ret(queryFails()));
        }
        for (String name : new String[] {"__res_nquery", "__res_nsearch", "__res_nquerydomain"}) {
            t.function(name, NO_SERVERS_QUERY, f -> f.ret(queryFails()));
        }
        t.function("__res_send", NO_SERVERS, f -> f.ret(fail(Errno.ESRCH)));
        t.function("__res_nsend", NO_SERVERS, f -> f.ret(fail(Errno.ESRCH)));
        t.function("__res_isourserver", f -> f.ret(0));
        t.function("__res_send_setqhook", Support.full("kept; no query is ever sent"), f -> { });
        t.function("__res_send_setrhook", Support.full("kept; no query is ever sent"), f -> { });
        t.function("__res_randomid", "LIBC_Q", Support.FULL, f -> f.ret(randomId()));
        t.function("__res_nameinquery", this::nameInQuery);
        t.function("__res_queriesmatch", this::queriesMatch);
        t.function("__hostalias", f -> f.ret(hostAlias(cbytes(f.ptr(0)))));
        t.function("__res_hostalias", f -> {
            long answer = hostAlias(cbytes(f.ptr(1)));
            if (answer != 0 && f.ptr(2) != 0 && f.i64(3) > 0) {
                byte[] b = cbytes(answer);
                int n = (int) Math.min(b.length, f.i64(3) - 1);
                writeBytesZ(f.ptr(2), java.util.Arrays.copyOf(b, n));
                answer = f.ptr(2);
            }
            f.ret(answer);
        });
        t.function("_resolv_set_nameservers_for_net", Support.full("recorded; the VM has no IP network to reach them"),
                f -> f.ret(setNameservers(f.i32(0), f.ptr(1), f.i32(2))));
        t.function("_resolv_flush_cache_for_net", f -> { });
        t.function("_resolv_delete_cache_for_net", f -> serversByNetwork.remove(f.i32(0)));
        t.function("android_net_res_stats_get_info_for_net", "LIBC_PLATFORM", Support.full("the servers recorded for the"
                + " network, no search domains, no samples"), this::statsInfo);
        t.function("android_net_res_stats_aggregate", "LIBC_PLATFORM", Support.full("no samples: every figure 0, last"
                + " sample time 0"), f -> {
                    for (int i = 1; i <= 5; i++) if (f.ptr(i) != 0) mem().writeInt(f.ptr(i), 0);
                    if (f.ptr(6) != 0) mem().writeLong(f.ptr(6), 0);
                    f.ret(0);
                });
        t.function("android_net_res_stats_get_usable_servers", "LIBC_PLATFORM", Support.full("without samples every"
                + " server is usable"), f -> {
                    int n = Math.max(0, f.i32(2));
                    for (int i = 0; i < n; i++) mem().writeByte(f.ptr(3) + i, 1);
                    f.ret(n);
                });
        declareDebug(t);
    }

    private long queryFails() {
        netdb.setHostError(TRY_AGAIN);
        return fail(Errno.ESRCH);
    }

    private int randomId() {
        if (nextId < 0) nextId = (int) (System.nanoTime() & 0xffff);
        nextId = (nextId * 1103515245 + 12345) & 0x7fffffff;
        return nextId & 0xffff;
    }

    /**
     * res_mkquery: a header (random id, RD set, one question) and the question for a standard query; the buffer
     * size limits it. Returns its length, or -1.
     */
    private long mkquery(int op, byte[] dname, int cls, int type, long data, int datalen, long newrr, long buf, int buflen) {
        if (buf == 0 || buflen < 12 || dname == null) return -1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int id = randomId();
        out.write(id >> 8);
        out.write(id);
        out.write((op & 0xf) << 3 | 1); // opcode, RD
        out.write(0);
        int qd = op == 0 || op == 4 ? 1 : 0;
        out.writeBytes(new byte[] {0, (byte) qd, 0, 0, 0, 0, 0, 0});
        if (op == 0 || op == 4) {
            byte[] wire;
            try {
                wire = (byte[]) DnsNames.pton(dname)[0];
            } catch (DnsNames.DnsError e) {
                return -1;
            }
            out.writeBytes(wire);
            out.writeBytes(new byte[] {(byte) (type >> 8), (byte) type, (byte) (cls >> 8), (byte) cls});
            if (op == 4 && data != 0) {
                // NOTIFY may carry one answer: the data is a domain name for the answer's owner.
                byte[] owner;
                try {
                    owner = (byte[]) DnsNames.pton(cbytes(data))[0];
                } catch (DnsNames.DnsError e) {
                    return -1;
                }
                byte[] header = out.toByteArray();
                header[7] = 1;
                out.reset();
                out.writeBytes(header);
                out.writeBytes(owner);
                out.writeBytes(new byte[] {(byte) (type >> 8), (byte) type, (byte) (cls >> 8), (byte) cls, 0, 0, 0, 0, 0, 0});
            }
        } else if (op != 1) {
            return -1;
        }
        byte[] message = out.toByteArray();
        if (message.length > buflen) return -1;
        mem().write(buf, message);
        return message.length;
    }

    /** __res_nameinquery(name, type, class, buf, eom): 1 if the query in buf asks for that name, type, class. */
    private void nameInQuery(CallFrame f) {
        byte[] name = cbytes(f.ptr(0));
        int type = f.i32(1), cls = f.i32(2);
        long buf = f.ptr(3), eom = f.ptr(4);
        if (buf + 12 > eom) {
            f.ret(-1);
            return;
        }
        int qdcount = (u8(buf + 4) << 8) | u8(buf + 5);
        long cp = buf + 12;
        while (qdcount-- > 0) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            long n;
            byte[] text;
            try {
                n = names.unpackTo(buf, eom, cp, wire, DnsNames.MAXCDNAME)[0];
                text = DnsNames.ntop(wire.toByteArray());
            } catch (DnsNames.DnsError e) {
                f.ret(-1);
                return;
            }
            cp += n;
            if (cp + 4 > eom) {
                f.ret(-1);
                return;
            }
            int ttype = u8(cp) << 8 | u8(cp + 1), tclass = u8(cp + 2) << 8 | u8(cp + 3);
            cp += 4;
            if (ttype == type && tclass == cls && sameName(text, name)) {
                f.ret(1);
                return;
            }
        }
        f.ret(0);
    }

    private static boolean sameName(byte[] a, byte[] b) {
        return latin1(DnsNames.canonical(a)).equalsIgnoreCase(latin1(DnsNames.canonical(b)));
    }

    /** __res_queriesmatch(buf1, eom1, buf2, eom2): 1 if both messages ask the same questions. */
    private void queriesMatch(CallFrame f) {
        long b1 = f.ptr(0), e1 = f.ptr(1), b2 = f.ptr(2), e2 = f.ptr(3);
        if (b1 + 12 > e1 || b2 + 12 > e2) {
            f.ret(-1);
            return;
        }
        int op1 = u8(b1 + 2) >> 3 & 0xf, op2 = u8(b2 + 2) >> 3 & 0xf;
        if (op1 == 5 && op2 == 5) {
            f.ret(1);
            return;
        }
        int qd1 = u8(b1 + 4) << 8 | u8(b1 + 5), qd2 = u8(b2 + 4) << 8 | u8(b2 + 5);
        if (qd1 != qd2) {
            f.ret(0);
            return;
        }
        java.util.Set<String> second = new java.util.HashSet<>();
        java.util.List<String> first = new java.util.ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            long buf = pass == 0 ? b1 : b2, eom = pass == 0 ? e1 : e2, cp = buf + 12;
            for (int q = 0; q < qd1; q++) {
                ByteArrayOutputStream wire = new ByteArrayOutputStream();
                try {
                    cp += names.unpackTo(buf, eom, cp, wire, DnsNames.MAXCDNAME)[0];
                    if (cp + 4 > eom) {
                        f.ret(-1);
                        return;
                    }
                    String key = latin1(DnsNames.canonical(DnsNames.ntop(wire.toByteArray()))).toLowerCase(java.util.Locale.ROOT)
                            + "/" + (u8(cp) << 8 | u8(cp + 1)) + "/" + (u8(cp + 2) << 8 | u8(cp + 3));
                    cp += 4;
                    if (pass == 0) first.add(key);
                    else second.add(key);
                } catch (DnsNames.DnsError e) {
                    f.ret(-1);
                    return;
                }
            }
        }
        f.ret(second.containsAll(first) ? 1 : 0);
    }

    /** $HOSTALIASES: lines "alias canonical-name"; the canonical name for a single-label name, else NULL. */
    private long hostAlias(byte[] name) {
        if (name == null || new String(name, StandardCharsets.ISO_8859_1).contains(".")) return 0;
        String file = environmentValue("HOSTALIASES");
        if (file == null) return 0;
        byte[] content = GuestFiles.readAll(process, file);
        if (content == null) return 0;
        for (String line : new String(content, StandardCharsets.ISO_8859_1).split("\n")) {
            String[] words = line.trim().split("[ \t]+");
            if (words.length >= 2 && words[0].equalsIgnoreCase(latin1(name))) {
                long buffer = staticBuffer("hostalias", DnsNames.MAXDNAME);
                byte[] b = latin1(words[1]);
                writeBytesZ(buffer, java.util.Arrays.copyOf(b, Math.min(b.length, DnsNames.MAXDNAME - 1)));
                return buffer;
            }
        }
        return 0;
    }

    private String environmentValue(String name) {
        return netdb.environment().apply(name);
    }

    private long setNameservers(int netid, long servers, int count) {
        List<String> list = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) list.add(latin1(cbytes(mem().readLong(servers + 8L * i))));
        serversByNetwork.put(netid, list);
        return 0;
    }

    /**
     * android_net_res_stats_get_info_for_net(netid, &nscount, servers[MAXNS], &dcount, domains, params, stats):
     * the numeric servers recorded for the network as sockaddr_storage (128 bytes each), no domains.
     */
    private void statsInfo(CallFrame f) {
        List<String> servers = serversByNetwork.getOrDefault(f.i32(0), List.of());
        int n = 0;
        for (String s : servers) {
            if (n == 3) break;
            long slot = f.ptr(2) + 128L * n;
            byte[] v4 = NetworkAddresses.pton4(latin1(s), 0, s.length());
            byte[] v6 = v4 == null ? NetworkAddresses.pton6(latin1(s)) : null;
            if (v4 == null && v6 == null) continue;
            mem().write(slot, new byte[128]);
            if (v4 != null) {
                mem().writeShort(slot, NetworkAddresses.AF_INET);
                mem().writeShort(slot + 2, Short.reverseBytes((short) 53));
                mem().write(slot + 4, v4);
            } else {
                mem().writeShort(slot, NetworkAddresses.AF_INET6);
                mem().writeShort(slot + 2, Short.reverseBytes((short) 53));
                mem().write(slot + 8, v6);
            }
            n++;
        }
        if (f.ptr(1) != 0) mem().writeInt(f.ptr(1), n);
        if (f.ptr(3) != 0) mem().writeInt(f.ptr(3), 0);
        f.ret(0);
    }

    // ---- res_debug and ns_print --------------------------------------------------------------------------------

    private void declareDebug(LibraryTable t) {
        t.data("__p_class_syms", "LIBC", (CLASSES.size() + 1) * 24, 8, Support.FULL, a -> writeSyms(a, CLASSES, 1));
        t.data("__p_type_syms", "LIBC", (TYPES.size() + 1) * 24, 8, Support.FULL, a -> writeSyms(a, TYPES, 0));
        t.function("__sym_ntos", f -> f.ret(symName(f.ptr(0), f.i32(1), f.ptr(2), 8)));
        t.function("__sym_ntop", f -> f.ret(symName(f.ptr(0), f.i32(1), f.ptr(2), 16)));
        t.function("__sym_ston", f -> f.ret(symNumber(f.ptr(0), cbytes(f.ptr(1)), f.ptr(2))));
        t.function("__p_class", f -> f.ret(constantOr(className(f.i32(0)), "p_class")));
        t.function("__p_type", f -> f.ret(constantOr(typeName(f.i32(0)), "p_type")));
        t.function("__p_rcode", f -> f.ret(constantOr(symbol(RCODES, f.i32(0)), "p_rcode")));
        t.function("__p_option", f -> f.ret(constantOr(option(f.i64(0)), "p_option")));
        t.function("__p_time", f -> f.ret(constantOr(DnsNames.formatTtl(f.u32(0)), "p_time")));
        t.function("__p_secstodate", f -> {
            // The date of any time_t on the 400-year Gregorian cycle; bionic's code dereferences gmtime_r's NULL for
            // a year tm_year cannot hold, so that is SIGSEGV at 0.
            long secs = f.i64(0), cycles = Math.floorDiv(secs, TimeFunctions.CYCLE_SECONDS);
            java.time.LocalDateTime d = java.time.LocalDateTime.ofEpochSecond(secs - cycles * TimeFunctions.CYCLE_SECONDS,
                    0, java.time.ZoneOffset.UTC);
            long year = d.getYear() + 400 * cycles;
            if (year - 1900 != (int) (year - 1900)) throw new org.mdemu.guest.machine.GuestFault(0, "__p_secstodate: gmtime_r failed");
            f.ret(constantOr(String.format("%04d%02d%02d%02d%02d%02d", year, d.getMonthValue(),
                    d.getDayOfMonth(), d.getHour(), d.getMinute(), d.getSecond()), "p_secstodate"));
        });
        t.function("__p_cdnname", f -> f.ret(printName(f.ptr(0), f.ptr(1), f.i32(2), f.ptr(3), false)));
        t.function("__p_cdname", f -> f.ret(printName(f.ptr(0), f.ptr(1), 512, f.ptr(2), false)));
        t.function("__p_fqnname", this::fqnname);
        t.function("__p_fqname", f -> f.ret(printName(f.ptr(0), f.ptr(1), 512, f.ptr(2), true)));
        t.function("__p_query", f -> printQuery(f.ptr(0), 512, stdio.standardStream(1)));
        t.function("__fp_query", f -> printQuery(f.ptr(0), 512, f.ptr(1)));
        t.function("__fp_nquery", f -> printQuery(f.ptr(0), f.i32(1), f.ptr(2)));
        t.function("ns_sprintrr", f -> {
            long handle = f.ptr(0), rr = f.ptr(1);
            long msg = mem().readLong(handle + DnsNames.MSG_MSG), eom = mem().readLong(handle + DnsNames.MSG_EOM);
            f.ret(sprintrr(msg, eom - msg, rr, cbytes(f.ptr(2)), cbytes(f.ptr(3)), f.ptr(4), f.i64(5)));
        });
        t.function("ns_sprintrrf", f -> f.ret(sprintrrf(f.ptr(0), f.i64(1), cbytes(f.ptr(2)), f.i32(3), f.i32(4),
                f.i64(5), f.ptr(6), f.i64(7), cbytes(f.ptr(8)), cbytes(f.ptr(9)), f.ptr(10), f.i64(11))));
        t.function("__loc_ntoa", f -> f.ret(locNtoa(f.ptr(0), f.ptr(1))));
        t.function("__loc_aton", f -> f.ret(DnsLocation.aton(cbytes(f.ptr(0)), mem(), f.ptr(1))));
    }

    /** A res_sym array: {int number; char* name; char* humanname;} (24 bytes), ended by a NULL name. */
    private void writeSyms(long address, List<Sym> syms, int terminator) {
        long p = address;
        for (Sym s : syms) {
            mem().writeInt(p, s.number());
            mem().writeLong(p + 8, constant(s.name()));
            mem().writeLong(p + 16, s.human() == null ? 0 : constant(s.human()));
            p += 24;
        }
        mem().writeInt(p, terminator);
        mem().writeLong(p + 8, 0);
        mem().writeLong(p + 16, 0);
    }

    private long symName(long syms, int number, long success, int field) {
        for (long p = syms; mem().readLong(p + 8) != 0; p += 24) {
            if (mem().readInt(p) == number) {
                if (success != 0) mem().writeInt(success, 1);
                return mem().readLong(p + field);
            }
        }
        if (success != 0) mem().writeInt(success, 0);
        return constantOr(Integer.toString(number), "sym_ntos");
    }

    private long symNumber(long syms, byte[] name, long success) {
        long p = syms;
        for (; mem().readLong(p + 8) != 0; p += 24) {
            if (latin1(cbytes(mem().readLong(p + 8))).equalsIgnoreCase(latin1(name))) {
                if (success != 0) mem().writeInt(success, 1);
                return mem().readInt(p);
            }
        }
        if (success != 0) mem().writeInt(success, 0);
        return mem().readInt(p);
    }

    /** A static buffer per function, as res_debug's, refilled on each call. */
    private long constantOr(String text, String buffer) {
        long b = staticBuffer(buffer, 64);
        byte[] bytes = latin1(text);
        writeBytesZ(b, java.util.Arrays.copyOf(bytes, Math.min(bytes.length, 63)));
        return b;
    }

    static String symbol(List<Sym> syms, int number) {
        for (Sym s : syms) if (s.number() == number) return s.name();
        return Integer.toString(number);
    }

    static String className(int c) {
        for (Sym s : CLASSES) if (s.number() == c) return s.name();
        return c < 0 || c > 0xffff ? "BADCLASS" : "CLASS" + c;
    }

    static String typeName(int type) {
        for (Sym s : TYPES) if (s.number() == type) return s.name();
        return type < 0 || type > 0xffff ? "BADTYPE" : "TYPE" + type;
    }

    private static String option(long option) {
        return switch ((int) option) {
            case 0x1 -> "init";
            case 0x2 -> "debug";
            case 0x4 -> "aaonly(unimpl)";
            case 0x8 -> "usevc";
            case 0x10 -> "primry(unimpl)";
            case 0x20 -> "igntc";
            case 0x40 -> "recurs";
            case 0x80 -> "defnam";
            case 0x100 -> "styopn";
            case 0x200 -> "dnsrch";
            case 0x400 -> "insecure1";
            case 0x800 -> "insecure2";
            case 0x1000 -> "noaliases";
            case 0x2000 -> "inet6";
            case 0x40000000 -> "edns0";
            case 0x00100000 -> "no-tld-query";
            case 0x80000000 -> "no-nibble2";
            default -> String.format("?0x%x?", option);
        };
    }

    /** p_cdnname and friends: prints the name at cp ("." for the root); returns the pointer after it or NULL. */
    private long printName(long cp, long msg, int len, long file, boolean qualified) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        long n;
        byte[] text;
        try {
            n = names.unpackTo(msg, msg + len, cp, wire, DnsNames.MAXCDNAME)[0];
            text = DnsNames.ntop(wire.toByteArray());
        } catch (DnsNames.DnsError e) {
            return 0;
        }
        if (qualified && (text.length == 0 || text[text.length - 1] != '.')) {
            text = java.util.Arrays.copyOf(text, text.length + 1);
            text[text.length - 1] = '.';
        }
        stdio.writeTo(file, text);
        return cp + n;
    }

    /** p_fqnname(cp, msg, msglen, name, namelen): the name with a trailing dot into name; pointer after it. */
    private void fqnname(CallFrame f) {
        long cp = f.ptr(0), msg = f.ptr(1);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try {
            long n = names.unpackTo(msg, msg + f.i32(2), cp, wire, DnsNames.MAXCDNAME)[0];
            byte[] text = DnsNames.ntop(wire.toByteArray());
            if (text.length == 1 && text[0] == '.') text = new byte[0];
            if (text.length == 0 || text[text.length - 1] != '.') {
                text = java.util.Arrays.copyOf(text, text.length + 1);
                text[text.length - 1] = '.';
            }
            if (text.length + 1 > f.i32(4)) {
                f.ret(0);
                return;
            }
            writeBytesZ(f.ptr(3), text);
            f.ret(cp + n);
        } catch (DnsNames.DnsError e) {
            f.ret(0);
        }
    }

    /** fp_nquery: the header line, flags and counts, then each section as res_pquery prints them. */
    private void printQuery(long msg, int len, long file) {
        StringBuilder out = new StringBuilder();
        long handle = heap().calloc(1, DnsNames.SIZEOF_MSG);
        long rr = heap().calloc(1, 1048);
        try {
            if (!parse(msg, len, handle)) {
                out.append(";; ns_initparse: ").append(ErrnoNames.describe(errno())).append('\n');
                return;
            }
            int flags = mem().readShort(handle + DnsNames.MSG_FLAGS) & 0xffff;
            int opcode = flags >> 11 & 0xf, rcode = flags & 0xf, id = mem().readShort(handle + DnsNames.MSG_ID) & 0xffff;
            int[] counts = new int[4];
            for (int i = 0; i < 4; i++) counts[i] = mem().readShort(handle + DnsNames.MSG_COUNTS + 2L * i) & 0xffff;
            out.append(";; ->>HEADER<<- opcode: ").append(OPCODES[opcode]).append(", status: ")
                    .append(symbol(RCODES, rcode)).append(", id: ").append(id).append('\n');
            out.append(";; flags:");
            String[] flagNames = {"qr", null, "aa", "tc", "rd", "ra", "??", "ad", "cd"};
            int[] bits = {0x8000, 0, 0x0400, 0x0200, 0x0100, 0x0080, 0x0040, 0x0020, 0x0010};
            for (int i = 0; i < flagNames.length; i++) if (flagNames[i] != null && (flags & bits[i]) != 0) out.append(' ').append(flagNames[i]);
            String[] sections = opcode == 5 ? UPDATE_SECTIONS : SECTIONS;
            for (int i = 0; i < 4; i++) out.append(i == 0 ? "; " : ", ").append(sections[i]).append(": ").append(counts[i]);
            out.append('\n');
            for (int s = 0; s < 4; s++) {
                for (int n = 0; ; n++) {
                    if (!parseRr(handle, s, n, rr)) {
                        if (errno() != Errno.ENODEV) out.append(";; ns_parserr: ").append(ErrnoNames.describe(errno())).append('\n');
                        else if (n > 0) out.append('\n');
                        break;
                    }
                    if (n == 0) out.append(";; ").append(sections[s]).append(" SECTION:\n");
                    String owner = latin1(cbytes(rr));
                    if (owner.isEmpty()) owner = ".";
                    int type = mem().readShort(rr + DnsNames.RR_TYPE) & 0xffff;
                    int cls = mem().readShort(rr + DnsNames.RR_CLASS) & 0xffff;
                    if (s == 0) {
                        out.append(";;\t").append(owner).append(", type = ").append(typeName(type))
                                .append(", class = ").append(className(cls)).append('\n');
                    } else {
                        String text = formatRr(msg, len, rr, null, null);
                        out.append(text == null ? ";; ns_sprintrr: Invalid argument" : text).append('\n');
                    }
                }
            }
            if (counts[0] == 0 && counts[1] == 0 && counts[2] == 0 && counts[3] == 0) out.append('\n');
        } finally {
            stdio.writeTo(file, out.toString().getBytes(StandardCharsets.ISO_8859_1));
            heap().free(handle);
            heap().free(rr);
        }
    }

    private boolean parse(long msg, int len, long handle) {
        try {
            names.initparse(msg, len, handle);
            return true;
        } catch (DnsNames.DnsError e) {
            process.setErrno(e.errno);
            return false;
        }
    }

    private boolean parseRr(long handle, int section, int n, long rr) {
        try {
            names.parserr(handle, section, n, rr);
            return true;
        } catch (DnsNames.DnsError e) {
            process.setErrno(e.errno);
            return false;
        }
    }

    private long sprintrr(long msg, long msglen, long rr, byte[] nameCtx, byte[] origin, long buf, long size) {
        String text = formatRr(msg, msglen, rr, nameCtx, origin);
        return emit(text, buf, size);
    }

    private long emit(String text, long buf, long size) {
        if (text == null) return fail(Errno.EINVAL);
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length + 1 > size) return fail(Errno.ENOSPC);
        writeBytesZ(buf, b);
        return b.length;
    }

    private String formatRr(long msg, long msglen, long rr, byte[] nameCtx, byte[] origin) {
        String name = latin1(cbytes(rr));
        int type = mem().readShort(rr + DnsNames.RR_TYPE) & 0xffff, cls = mem().readShort(rr + DnsNames.RR_CLASS) & 0xffff;
        long ttl = mem().readInt(rr + DnsNames.RR_TTL) & 0xffffffffL;
        int rdlen = mem().readShort(rr + DnsNames.RR_RDLENGTH) & 0xffff;
        return DnsRecordText.format(names, mem(), msg, msglen, name, cls, type, ttl, mem().readLong(rr + DnsNames.RR_RDATA),
                rdlen, nameCtx == null ? null : latin1(nameCtx), origin == null ? null : latin1(origin));
    }

    private long sprintrrf(long msg, long msglen, byte[] name, int cls, int type, long ttl, long rdata, long rdlen,
                           byte[] nameCtx, byte[] origin, long buf, long size) {
        String text = DnsRecordText.format(names, mem(), msg, msglen, latin1(name), cls, type, ttl & 0xffffffffL, rdata,
                (int) rdlen, nameCtx == null ? null : latin1(nameCtx), origin == null ? null : latin1(origin));
        return emit(text, buf, size);
    }

    private long locNtoa(long binary, long ascii) {
        String text = DnsLocation.ntoa(mem().read(binary, 16));
        long dst = ascii != 0 ? ascii : staticBuffer("loc_ntoa", 100);
        mem().writeCString(dst, text);
        return dst;
    }
}
