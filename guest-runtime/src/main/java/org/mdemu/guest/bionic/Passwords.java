package org.mdemu.guest.bionic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * pwd.h and grp.h as bionic answers them: no /etc/passwd, but Android's fixed ids (android_filesystem_config.h's
 * AIDs: root, system, shell, ...), the OEM ranges (oem_2900...), and app ids by name (u0_a123, u0_i5, u1_system,
 * all_a5, u0_a5_cache...). Home is "/" (apps: "/data"), the shell "/bin/sh". Microdroid has no vendor/odm/product
 * passwd files, so their reserved ranges have no names. Results live in per-thread buffers (the _r forms in the
 * caller's buffer, which must hold bionic's whole state, else ERANGE).
 */
public final class Passwords extends GuestSection {
    /** The AIDs in android_filesystem_config.h (system/core), in its order, under their friendly names. */
    static final Map<String, Integer> ANDROID_IDS = new LinkedHashMap<>();

    static {
        Object[][] ids = {{"root", 0}, {"daemon", 1}, {"bin", 2}, {"sys", 3}, {"system", 1000}, {"radio", 1001},
            {"bluetooth", 1002}, {"graphics", 1003}, {"input", 1004}, {"audio", 1005}, {"camera", 1006}, {"log", 1007},
            {"compass", 1008}, {"mount", 1009}, {"wifi", 1010}, {"adb", 1011}, {"install", 1012}, {"media", 1013},
            {"dhcp", 1014}, {"sdcard_rw", 1015}, {"vpn", 1016}, {"keystore", 1017}, {"usb", 1018}, {"drm", 1019},
            {"mdnsr", 1020}, {"gps", 1021}, {"unused1", 1022}, {"media_rw", 1023}, {"mtp", 1024}, {"unused2", 1025},
            {"drmrpc", 1026}, {"nfc", 1027}, {"sdcard_r", 1028}, {"clat", 1029}, {"loop_radio", 1030},
            {"mediadrm", 1031}, {"package_info", 1032}, {"sdcard_pics", 1033}, {"sdcard_av", 1034},
            {"sdcard_all", 1035}, {"logd", 1036}, {"shared_relro", 1037}, {"dbus", 1038}, {"tlsdate", 1039},
            {"mediaex", 1040}, {"audioserver", 1041}, {"metrics_coll", 1042}, {"metricsd", 1043}, {"webserv", 1044},
            {"debuggerd", 1045}, {"mediacodec", 1046}, {"cameraserver", 1047}, {"firewall", 1048}, {"trunks", 1049},
            {"nvram", 1050}, {"dns", 1051}, {"dns_tether", 1052}, {"webview_zygote", 1053},
            {"vehicle_network", 1054}, {"media_audio", 1055}, {"media_video", 1056}, {"media_image", 1057},
            {"tombstoned", 1058}, {"media_obb", 1059}, {"ese", 1060}, {"ota_update", 1061}, {"automotive_evs", 1062},
            {"lowpan", 1063}, {"hsm", 1064}, {"reserved_disk", 1065}, {"statsd", 1066}, {"incidentd", 1067},
            {"secure_element", 1068}, {"lmkd", 1069}, {"llkd", 1070}, {"iorapd", 1071}, {"gpu_service", 1072},
            {"network_stack", 1073}, {"gsid", 1074}, {"fsverity_cert", 1075}, {"credstore", 1076},
            {"external_storage", 1077}, {"ext_data_rw", 1078}, {"ext_obb_rw", 1079}, {"context_hub", 1080},
            {"virtualizationservice", 1081}, {"artd", 1082}, {"uwb", 1083}, {"thread_network", 1084},
            {"diced", 1085}, {"dmesgd", 1086}, {"jc_weaver", 1087}, {"jc_strongbox", 1088},
            {"jc_identitycred", 1089}, {"sdk_sandbox", 1090}, {"security_log_writer", 1091}, {"prng_seeder", 1092},
            {"uprobestats", 1093}, {"cros_ec", 1094}, {"mmd", 1095}, {"shell", 2000}, {"cache", 2001},
            {"diag", 2002}, {"net_bt_admin", 3001}, {"net_bt", 3002}, {"inet", 3003}, {"net_raw", 3004},
            {"net_admin", 3005}, {"net_bw_stats", 3006}, {"net_bw_acct", 3007}, {"readproc", 3009},
            {"wakelock", 3010}, {"uhid", 3011}, {"readtracefs", 3012}, {"virtualmachine", 3013},
            {"everybody", 9997}, {"misc", 9998}, {"nobody", 9999}, {"overflowuid", 65534}};
        for (Object[] id : ids) ANDROID_IDS.put((String) id[0], (Integer) id[1]);
    }

    private static final long APP_START = 10000, APP_END = 19999, CACHE_START = 20000, CACHE_END = 29999,
            EXT_START = 30000, EXT_END = 39999, EXT_CACHE_START = 40000, EXT_CACHE_END = 49999,
            SHARED_START = 50000, SHARED_END = 59999, ISOLATED_START = 90000, ISOLATED_END = 99999,
            USER_OFFSET = 100000, OVERFLOW = 65534;
    private static final long[][] USER_RANGES = {{APP_START, APP_END}, {ISOLATED_START, ISOLATED_END}};
    private static final long[][] GROUP_RANGES = {{APP_START, APP_END}, {CACHE_START, CACHE_END}, {EXT_START, EXT_END},
        {EXT_CACHE_START, EXT_CACHE_END}, {SHARED_START, SHARED_END}, {ISOLATED_START, ISOLATED_END}};
    private static final String[] SECONDARY_USER_PLATFORM = {"system", "radio", "log", "nfc", "bluetooth", "shell",
        "secure_element", "network_stack"};
    /** sizeof(passwd_state_t) and sizeof(group_state_t) in bionic: what the _r forms need in their buffer. */
    private static final int PASSWD_STATE = 152, GROUP_STATE = 88;

    /** A user or group entry: name, id, home directory (users). */
    record Entry(String name, long id, String home) {}

    private final Map<Integer, long[]> cursors = new java.util.HashMap<>();

    public Passwords(GuestProcess process) {
        super(process);
    }

    @Override
    public void declare(LibraryTable t) {
        Support ids = Support.full("Android's fixed ids, OEM ranges and app ids by name, as bionic; Microdroid has no"
                + " passwd/group files");
        t.function("getpwnam", ids, f -> f.ret(passwdResult(byName(latin1(cbytes(f.ptr(0))), false))));
        t.function("getpwuid", ids, f -> f.ret(passwdResult(byId(f.u32(0), false))));
        t.function("getpwnam_r", ids, f -> f.ret(passwdR(byName(latin1(cbytes(f.ptr(0))), false), f.ptr(1), f.ptr(2),
                f.i64(3), f.ptr(4))));
        t.function("getpwuid_r", ids, f -> f.ret(passwdR(byId(f.u32(0), false), f.ptr(1), f.ptr(2), f.i64(3), f.ptr(4))));
        t.function("getgrnam", ids, f -> f.ret(groupResult(byName(latin1(cbytes(f.ptr(0))), true))));
        t.function("getgrgid", ids, f -> f.ret(groupResult(byId(f.u32(0), true))));
        t.function("getgrnam_r", "LIBC_N", ids, f -> f.ret(groupR(byName(latin1(cbytes(f.ptr(0))), true), f.ptr(1),
                f.ptr(2), f.i64(3), f.ptr(4))));
        t.function("getgrgid_r", "LIBC_N", ids, f -> f.ret(groupR(byId(f.u32(0), true), f.ptr(1), f.ptr(2), f.i64(3),
                f.ptr(4))));
        t.function("getpwent", "LIBC_O", ids, f -> f.ret(passwdResult(next(false))));
        t.function("setpwent", "LIBC_O", ids, f -> cursor(false)[0] = 0);
        t.function("endpwent", "LIBC_O", ids, f -> cursor(false)[0] = 0);
        t.function("getgrent", "LIBC_O", ids, f -> f.ret(groupResult(next(true))));
        t.function("setgrent", "LIBC_O", ids, f -> cursor(true)[0] = 0);
        t.function("endgrent", "LIBC_O", ids, f -> cursor(true)[0] = 0);
        t.function("getgrouplist", Support.full("every user is in the one group given, as bionic"), this::getgrouplist);
        t.function("getlogin", f -> f.ret(mem().readLong(passwdResult(byId(0, false)))));
        t.function("getlogin_r", "LIBC_P", Support.FULL, f -> {
            Entry e = byId(0, false);
            byte[] name = latin1(e.name());
            if (name.length + 1 > f.i64(1)) {
                f.ret(Errno.ERANGE);
                return;
            }
            writeBytesZ(f.ptr(0), name);
            f.ret(0);
        });
    }

    // ---- lookups ----------------------------------------------------------------------------------------------

    private static boolean oem(long id) {
        return (id >= 2900 && id <= 2999) || (id >= 5000 && id <= 5999);
    }

    private static boolean validAppId(long id, boolean group) {
        long appid = id % USER_OFFSET;
        if (appid == OVERFLOW) return false;
        long[][] ranges = group ? GROUP_RANGES : USER_RANGES;
        if (appid < ranges[0][0]) {
            for (String n : SECONDARY_USER_PLATFORM) if (ANDROID_IDS.get(n) == appid) return true;
        }
        if (appid >= SHARED_START && appid <= SHARED_END && appid != id) return false;
        for (long[] r : ranges) if (appid >= r[0] && appid <= r[1]) return true;
        return false;
    }

    private static String nameOfId(long id) {
        for (Map.Entry<String, Integer> e : ANDROID_IDS.entrySet()) if (e.getValue() == id) return e.getKey();
        return null;
    }

    /** The entry for an id, or null (ENOENT). */
    static Entry byId(long id, boolean group) {
        String fixed = nameOfId(id);
        if (fixed != null) return new Entry(fixed, id, "/");
        if (oem(id)) return new Entry("oem_" + id, id, "/");
        if (id < APP_START || !validAppId(id, group)) return null;
        long appid = id % USER_OFFSET, userid = id / USER_OFFSET;
        String name;
        if (appid >= ISOLATED_START) name = "u" + userid + "_i" + (appid - ISOLATED_START);
        else if (group && userid == 0 && appid >= SHARED_START && appid <= SHARED_END) name = "all_a" + (appid - SHARED_START);
        else if (group && appid >= EXT_CACHE_START && appid <= EXT_CACHE_END) name = "u" + userid + "_a" + (appid - EXT_CACHE_START) + "_ext_cache";
        else if (group && appid >= EXT_START && appid <= EXT_END) name = "u" + userid + "_a" + (appid - EXT_START) + "_ext";
        else if (group && appid >= CACHE_START && appid <= CACHE_END) name = "u" + userid + "_a" + (appid - CACHE_START) + "_cache";
        else if (appid < APP_START) name = "u" + userid + "_" + nameOfId(appid);
        else name = "u" + userid + "_a" + (appid - APP_START);
        return new Entry(name, id, appid < APP_START ? "/" : "/data");
    }

    /** The entry for a name, or null (ENOENT). */
    static Entry byName(String name, boolean group) {
        Integer fixed = ANDROID_IDS.get(name);
        if (fixed != null) return new Entry(name, fixed, "/");
        if (name.startsWith("oem_")) {
            long id = parseUnsigned(name, 4);
            if (id >= 0 && oem(id)) return byId(id, group);
        }
        long id = appIdFromName(name, group);
        return id < 0 ? null : byId(id, group);
    }

    private static long parseUnsigned(String s, int from) {
        long v = 0;
        int i = from;
        for (; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
            v = v * 10 + (s.charAt(i) - '0');
            if (v > 0xffffffffL) return -1;
        }
        return i == from ? -1 : v;
    }

    /** u0_a1234, u2_i5, u1_system, all_a5, u0_a5_cache/_ext/_ext_cache as bionic's app_id_from_name. */
    private static long appIdFromName(String name, boolean group) {
        int end;
        long userid;
        boolean shared = false;
        if (group && name.startsWith("all")) {
            end = 3;
            userid = 0;
            shared = true;
        } else if (name.length() > 1 && name.charAt(0) == 'u' && Character.isDigit(name.charAt(1))) {
            int i = 1;
            long v = 0;
            while (i < name.length() && Character.isDigit(name.charAt(i))) v = v * 10 + (name.charAt(i++) - '0');
            userid = v;
            end = i;
        } else {
            return -1;
        }
        if (end >= name.length() || name.charAt(end) != '_' || end + 1 >= name.length()) return -1;
        String rest = name.substring(end + 1);
        long appid;
        String tail;
        if (rest.length() > 1 && rest.charAt(0) == 'a' && Character.isDigit(rest.charAt(1))) {
            int i = 1;
            long v = 0;
            while (i < rest.length() && Character.isDigit(rest.charAt(i))) v = v * 10 + (rest.charAt(i++) - '0');
            tail = rest.substring(i);
            if (shared) {
                appid = v + SHARED_START;
                if (appid > SHARED_END) return -1;
            } else if (group && tail.equals("_ext_cache")) {
                appid = v + EXT_CACHE_START;
                tail = "";
            } else if (group && tail.equals("_ext")) {
                appid = v + EXT_START;
                tail = "";
            } else if (group && tail.equals("_cache")) {
                appid = v + CACHE_START;
                tail = "";
            } else {
                appid = v + APP_START;
            }
        } else if (rest.length() > 1 && rest.charAt(0) == 'i' && Character.isDigit(rest.charAt(1))) {
            int i = 1;
            long v = 0;
            while (i < rest.length() && Character.isDigit(rest.charAt(i))) v = v * 10 + (rest.charAt(i++) - '0');
            tail = rest.substring(i);
            appid = v + ISOLATED_START;
        } else {
            Integer id = ANDROID_IDS.get(rest);
            if (id == null) return -1;
            boolean allowed = false;
            for (String n : SECONDARY_USER_PLATFORM) allowed |= n.equals(rest);
            if (!allowed) return -1;
            appid = id;
            tail = "";
        }
        if (!tail.isEmpty() || userid > 1000 || appid >= USER_OFFSET) return -1;
        return appid + userid * USER_OFFSET;
    }

    /** $HOME-less home of a user (root's when name is null), for glob's tilde; null if unknown. */
    static String home(GuestProcess process, String name) {
        Entry e = name == null ? byId(0, false) : byName(name, false);
        return e == null ? null : e.home();
    }

    // ---- results ------------------------------------------------------------------------------------------------

    /** struct passwd {pw_name, pw_passwd, pw_uid, pw_gid, pw_gecos, pw_dir, pw_shell} with strings after it. */
    private void writePasswd(Entry e, long pw, long strings) {
        long name = strings, dir = strings + 32, shell = strings + 64;
        writeBytesZ(name, latin1(truncate(e.name())));
        writeBytesZ(dir, latin1(e.home()));
        writeBytesZ(shell, latin1("/bin/sh"));
        mem().writeLong(pw, name);
        mem().writeLong(pw + 8, 0);
        mem().writeInt(pw + 16, (int) e.id());
        mem().writeInt(pw + 20, (int) e.id());
        mem().writeLong(pw + 24, 0);
        mem().writeLong(pw + 32, dir);
        mem().writeLong(pw + 40, shell);
    }

    private static String truncate(String s) {
        return s.length() > 31 ? s.substring(0, 31) : s;
    }

    /** struct group {gr_name, gr_passwd, gr_gid, gr_mem} with members {name, NULL} and the name after it. */
    private void writeGroup(Entry e, long gr, long members, long name) {
        writeBytesZ(name, latin1(truncate(e.name())));
        mem().writeLong(members, name);
        mem().writeLong(members + 8, 0);
        mem().writeLong(gr, name);
        mem().writeLong(gr + 8, 0);
        mem().writeInt(gr + 16, (int) e.id());
        mem().writeLong(gr + 24, members);
    }

    private long passwdResult(Entry e) {
        if (e == null) return failNull(Errno.ENOENT);
        long state = staticBuffer("passwd:" + process.currentThread().tid(), PASSWD_STATE);
        writePasswd(e, state, state + 48);
        return state;
    }

    private long groupResult(Entry e) {
        if (e == null) return failNull(Errno.ENOENT);
        long state = staticBuffer("group:" + process.currentThread().tid(), GROUP_STATE);
        writeGroup(e, state, state + 32, state + 48);
        return state;
    }

    /** getpwnam_r/getpwuid_r: 0 with *result set, ENOENT, or ERANGE for a buffer smaller than bionic's state. */
    private long passwdR(Entry e, long pwd, long buf, long size, long result) {
        mem().writeLong(result, 0);
        long p = (buf + 7) & ~7L;
        if (p + PASSWD_STATE > buf + size) return Errno.ERANGE;
        if (e == null) return Errno.ENOENT;
        writePasswd(e, pwd, p + 48);
        mem().writeLong(result, pwd);
        return 0;
    }

    private long groupR(Entry e, long grp, long buf, long size, long result) {
        mem().writeLong(result, 0);
        long p = (buf + 7) & ~7L;
        if (p + GROUP_STATE > buf + size) return Errno.ERANGE;
        if (e == null) return Errno.ENOENT;
        writeGroup(e, grp, p + 32, p + 48);
        mem().writeLong(result, grp);
        return 0;
    }

    private long[] cursor(boolean group) {
        return cursors.computeIfAbsent(process.currentThread().tid() * 2 + (group ? 1 : 0), k -> new long[1]);
    }

    /** getpwent/getgrent: the fixed ids, the OEM ranges, then the first user's app ids. */
    private Entry next(boolean group) {
        long[] c = cursor(group);
        List<String> fixed = new ArrayList<>(ANDROID_IDS.keySet());
        long i = c[0];
        if (i < 0) return null;
        if (i < fixed.size()) {
            c[0]++;
            return byName(fixed.get((int) i), group);
        }
        long oemStart = fixed.size(), oem2Start = oemStart + 100, appsFrom = oem2Start + 1000;
        if (i < oem2Start) {
            c[0]++;
            return byId(2900 + (i - oemStart), group);
        }
        if (i < appsFrom) {
            c[0]++;
            return byId(5000 + (i - oem2Start), group);
        }
        long[][] ranges = group ? GROUP_RANGES : USER_RANGES;
        long offset = i - appsFrom;
        for (long[] r : ranges) {
            long span = r[1] - r[0] + 1;
            if (offset < span) {
                c[0]++;
                return byId(r[0] + offset, group);
            }
            offset -= span;
        }
        c[0] = -1;
        return null;
    }

    private void getgrouplist(CallFrame f) {
        long groups = f.ptr(2), ngroups = f.ptr(3);
        if (mem().readInt(ngroups) < 1) {
            mem().writeInt(ngroups, 1);
            f.ret(-1);
            return;
        }
        mem().writeInt(groups, f.i32(1));
        mem().writeInt(ngroups, 1);
        f.ret(1);
    }
}
