package org.mdemu.guest.bionic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.sched.StopPoints;

/**
 * fts.h and ftw.h: walking a file tree. The walk's order and the FTSENT states follow bionic's fts (OpenBSD's):
 * each directory is returned before its entries (FTS_D) and again after them (FTS_DP), unreadable ones as FTS_DNR,
 * cycles as FTS_DC, failed stats as FTS_NS, dangling symbolic links as FTS_SLNONE, and fts_set's FTS_AGAIN,
 * FTS_FOLLOW and FTS_SKIP take effect on the next fts_read. ftw and nftw are bionic's translation of that walk.
 * FTSENTs live in guest memory with bionic's layout; the walk's own state stays here. The walk never changes the
 * working directory (every walk behaves as FTS_NOCHDIR: fts_accpath is the full path).
 */
public final class FileTreeWalk extends GuestSection {
    // fts_open options.
    static final int FTS_COMFOLLOW = 0x1, FTS_LOGICAL = 0x2, FTS_NOCHDIR = 0x4, FTS_NOSTAT = 0x8, FTS_PHYSICAL = 0x10,
            FTS_SEEDOT = 0x20, FTS_XDEV = 0x40, FTS_OPTIONMASK = 0xff, FTS_NAMEONLY = 0x1000, FTS_STOP = 0x2000,
            FTS_FOR_FTW = 0x4000;
    // fts_info values.
    static final int FTS_D = 1, FTS_DC = 2, FTS_DEFAULT = 3, FTS_DNR = 4, FTS_DOT = 5, FTS_DP = 6, FTS_ERR = 7,
            FTS_F = 8, FTS_INIT = 9, FTS_NS = 10, FTS_NSOK = 11, FTS_SL = 12, FTS_SLNONE = 13;
    // fts_set instructions.
    static final int FTS_AGAIN = 1, FTS_FOLLOW = 2, FTS_NOINSTR = 3, FTS_SKIP = 4;
    // ftw flags and callback types.
    static final int FTW_F = 0, FTW_D = 1, FTW_DNR = 2, FTW_DP = 3, FTW_NS = 4, FTW_SL = 5, FTW_SLN = 6;
    static final int FTW_PHYS = 0x1, FTW_MOUNT = 0x2, FTW_DEPTH = 0x4, FTW_CHDIR = 0x8;
    // FTSENT field offsets (LP64).
    private static final long E_CYCLE = 0, E_PARENT = 8, E_LINK = 16, E_ACCPATH = 40, E_PATH = 48, E_ERRNO = 56,
            E_SYMFD = 60, E_PATHLEN = 64, E_NAMELEN = 72, E_INO = 80, E_DEV = 88, E_NLINK = 96, E_LEVEL = 100,
            E_INFO = 102, E_FLAGS = 104, E_INSTR = 106, E_STATP = 112, E_NAME = 120;
    // FTS field offsets.
    private static final long F_CUR = 0, F_CHILD = 8, F_DEV = 24, F_PATH = 32, F_RFD = 40, F_OPTIONS = 72;
    private static final int FTS_SIZE = 80, STAT_SIZE = 128;
    private static final int S_IFMT = 0xf000, S_IFDIR = 0x4000, S_IFLNK = 0xa000, S_IFREG = 0x8000;
    private static final int DT_UNKNOWN = 0, DT_DIR = 4;

    private Rows rows;
    private final Map<Long, Walk> walks = new HashMap<>();

    public FileTreeWalk(GuestProcess process) {
        super(process);
    }

    /** One node: its guest FTSENT and what the walk needs to know of it. */
    private static final class Node {
        long entry;
        Node parent;
        List<Node> children;
        int index;
        String path;
        String name;
        int level;
        long dev, ino;
    }

    private static final class Walk {
        long fts;
        int options;
        long compar;
        Node rootParent;
        Node cur;
        /** Every FTSENT made for this walk and not yet freed, by address. */
        final Map<Long, Node> live = new HashMap<>();
        boolean stopped;
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        Support walk = Support.partial("bionic's walk and FTSENT states; the working directory never changes (as"
                + " with FTS_NOCHDIR), so fts_accpath is always the full path");
        t.functionCallingGuest("fts_open", walk, f -> f.ret(open(f, f.ptr(0), f.i32(1), f.ptr(2))));
        t.functionCallingGuest("fts_read", walk, f -> f.ret(read(f, f.ptr(0))));
        t.functionCallingGuest("fts_children", walk, f -> f.ret(children(f, f.ptr(0), f.i32(1))));
        t.function("fts_set", walk, f -> {
            int instr = f.i32(2);
            if (instr != 0 && instr != FTS_AGAIN && instr != FTS_FOLLOW && instr != FTS_NOINSTR && instr != FTS_SKIP) {
                f.ret(fail(Errno.EINVAL));
                return;
            }
            mem().writeShort(f.ptr(1) + E_INSTR, instr);
            f.ret(0);
        });
        t.function("fts_close", walk, f -> f.ret(close(f.ptr(0))));
        Support ftw = Support.full("bionic's ftw/nftw over fts (FTW_CHDIR does not change the working directory)");
        for (String name : new String[] {"ftw", "ftw64"}) {
            t.functionCallingGuest(name, ftw, f -> f.ret(nftw(f, f.ptr(0), f.ptr(1), false, f.i32(2), 0)));
        }
        for (String name : new String[] {"nftw", "nftw64"}) {
            t.functionCallingGuest(name, ftw, f -> f.ret(nftw(f, f.ptr(0), f.ptr(1), true, f.i32(2), f.i32(3))));
        }
    }

    private long open(CallFrame f, long argv, int options, long compar) {
        if ((options & ~(FTS_OPTIONMASK | FTS_FOR_FTW)) != 0 || argv == 0) return failNull(Errno.EINVAL);
        if ((options & FTS_LOGICAL) != 0) options |= FTS_NOCHDIR;
        Walk w = new Walk();
        w.options = options;
        w.compar = compar;
        w.fts = heap().calloc(1, FTS_SIZE);
        mem().writeInt(w.fts + F_OPTIONS, options);
        mem().writeLong(w.fts + 64, compar);
        mem().writeInt(w.fts + F_RFD, -1);
        w.rootParent = node(w, null, "", "", -1);
        List<Node> roots = new ArrayList<>();
        for (long p = argv; mem().readLong(p) != 0; p += 8) {
            String path = new String(mem().readCBytes(mem().readLong(p)), StandardCharsets.UTF_8);
            Node n = node(w, w.rootParent, path, path, 0);
            stat(f, w, n, (options & (FTS_COMFOLLOW | FTS_LOGICAL)) != 0);
            if ((options & FTS_FOR_FTW) != 0 && info(n) == FTS_NS) {
                // bionic fails ftw/nftw early on a root it cannot stat, with stat's errno.
                int error = mem().readInt(n.entry + E_ERRNO);
                close(w);
                return failNull(error);
            }
            if (info(n) == FTS_DOT) setInfo(n, FTS_D); // a command-line "." or ".." is a real directory
            roots.add(n);
        }
        if (compar != 0 && roots.size() > 1) roots = sorted(w, roots);
        link(w.rootParent, roots);
        Node init = node(w, null, "", "", 0);
        setInfo(init, FTS_INIT);
        mem().writeLong(init.entry + E_LINK, roots.isEmpty() ? 0 : roots.get(0).entry);
        init.children = roots;
        w.cur = init;
        mem().writeLong(w.fts + F_CUR, init.entry);
        walks.put(w.fts, w);
        return w.fts;
    }

    /** A new FTSENT (and its stat buffer) named name at path, under parent. */
    private Node node(Walk w, Node parent, String path, String name, int level) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
        Node n = new Node();
        n.entry = heap().calloc(1, E_NAME + nameBytes.length + 1);
        long statp = heap().calloc(1, STAT_SIZE);
        long pathCopy = mallocString(pathBytes);
        n.parent = parent;
        n.path = path;
        n.name = name;
        n.level = level;
        mem().write(n.entry + E_NAME, nameBytes);
        mem().writeLong(n.entry + E_PARENT, parent == null ? 0 : parent.entry);
        mem().writeLong(n.entry + E_ACCPATH, pathCopy);
        mem().writeLong(n.entry + E_PATH, pathCopy);
        mem().writeInt(n.entry + E_SYMFD, -1);
        mem().writeLong(n.entry + E_PATHLEN, pathBytes.length);
        mem().writeLong(n.entry + E_NAMELEN, nameBytes.length);
        mem().writeShort(n.entry + E_LEVEL, level);
        mem().writeShort(n.entry + E_INSTR, FTS_NOINSTR);
        mem().writeLong(n.entry + E_STATP, statp);
        w.live.put(n.entry, n);
        return n;
    }

    private void free(Walk w, Node n) {
        if (w.live.remove(n.entry) == null) return;
        if (n.children != null) for (Node c : n.children) free(w, c);
        heap().free(mem().readLong(n.entry + E_PATH));
        heap().free(mem().readLong(n.entry + E_STATP));
        heap().free(n.entry);
    }

    private void setInfo(Node n, int info) {
        mem().writeShort(n.entry + E_INFO, info);
    }

    private int info(Node n) {
        return mem().readShort(n.entry + E_INFO) & 0xffff;
    }

    /** fts_stat: fills the entry's stat buffer and decides its fts_info. */
    private void stat(CallFrame f, Walk w, Node n, boolean follow) {
        long statp = mem().readLong(n.entry + E_STATP);
        long path = mem().readLong(n.entry + E_PATH);
        mem().writeInt(n.entry + E_ERRNO, 0);
        boolean logical = (w.options & FTS_LOGICAL) != 0 || follow;
        if (logical) {
            if (rows.call(f, "stat", path, statp) != 0) {
                int error = errno();
                if (error == Errno.ENOENT && rows.call(f, "lstat", path, statp) == 0) {
                    process.setErrno(0);
                    setInfo(n, FTS_SLNONE);
                    fillIds(n, statp);
                    return;
                }
                mem().writeInt(n.entry + E_ERRNO, error);
                mem().write(statp, new byte[STAT_SIZE]);
                setInfo(n, FTS_NS);
                return;
            }
        } else if (rows.call(f, "lstat", path, statp) != 0) {
            mem().writeInt(n.entry + E_ERRNO, errno());
            mem().write(statp, new byte[STAT_SIZE]);
            setInfo(n, FTS_NS);
            return;
        }
        fillIds(n, statp);
        int mode = mem().readInt(statp + 16) & S_IFMT;
        if (mode == S_IFDIR) {
            if (n.level > 0 && (n.name.equals(".") || n.name.equals(".."))) {
                setInfo(n, FTS_DOT);
                return;
            }
            for (Node a = n.parent; a != null && a.level >= 0; a = a.parent) {
                if (a.dev == n.dev && a.ino == n.ino) {
                    mem().writeLong(n.entry + E_CYCLE, a.entry);
                    setInfo(n, FTS_DC);
                    return;
                }
            }
            setInfo(n, FTS_D);
        } else if (mode == S_IFLNK) {
            setInfo(n, FTS_SL);
        } else if (mode == S_IFREG) {
            setInfo(n, FTS_F);
        } else {
            setInfo(n, FTS_DEFAULT);
        }
    }

    /** struct stat (arm64): st_dev at 0, st_ino at 8, st_nlink at 20. */
    private void fillIds(Node n, long statp) {
        n.dev = mem().readLong(statp);
        n.ino = mem().readLong(statp + 8);
        mem().writeLong(n.entry + E_DEV, n.dev);
        mem().writeLong(n.entry + E_INO, n.ino);
        mem().writeInt(n.entry + E_NLINK, mem().readInt(statp + 20));
    }

    /** fts_build: the directory's entries (stat'ed unless nameOnly), sorted by the walk's comparator if any. */
    private List<Node> build(CallFrame f, Walk w, Node dir, boolean nameOnly) {
        long path = mem().readLong(dir.entry + E_PATH);
        long handle = rows.call(f, "opendir", path);
        if (handle == 0) {
            int error = errno();
            if (!nameOnly) {
                setInfo(dir, FTS_DNR);
                mem().writeInt(dir.entry + E_ERRNO, error);
            }
            process.setErrno(error);
            return null;
        }
        List<Node> out = new ArrayList<>();
        String prefix = dir.path.endsWith("/") ? dir.path : dir.path + "/";
        try {
            while (true) {
                StopPoints.check();
                process.setErrno(0);
                long d = rows.call(f, "readdir", handle);
                if (d == 0) break;
                String name = new String(mem().readCBytes(d + 19), StandardCharsets.UTF_8);
                int type = mem().readByte(d + 18) & 0xff;
                if ((name.equals(".") || name.equals("..")) && (w.options & FTS_SEEDOT) == 0) continue;
                Node n = node(w, dir, prefix + name, name, dir.level + 1);
                if (nameOnly) {
                    setInfo(n, FTS_NSOK);
                } else if ((w.options & FTS_NOSTAT) != 0 && type != DT_DIR && type != DT_UNKNOWN) {
                    setInfo(n, FTS_NSOK);
                } else {
                    stat(f, w, n, false);
                }
                out.add(n);
            }
        } finally {
            rows.call(f, "closedir", handle);
        }
        if (w.compar != 0 && out.size() > 1) out = sorted(w, out);
        link(dir, out);
        return out;
    }

    private void link(Node parent, List<Node> children) {
        for (int i = 0; i < children.size(); i++) {
            Node c = children.get(i);
            c.parent = parent;
            mem().writeLong(c.entry + E_PARENT, parent.entry);
            mem().writeLong(c.entry + E_LINK, i + 1 < children.size() ? children.get(i + 1).entry : 0);
        }
        parent.children = children;
    }

    /**
     * Sorts with the guest's comparator, which takes two const FTSENT**: a merge sort written here rather than
     * List.sort, which may throw when a guest comparator is inconsistent (a device's sort just yields some order).
     */
    private List<Node> sorted(Walk w, List<Node> nodes) {
        long a = heap().malloc(8), b = heap().malloc(8);
        try {
            Node[] items = nodes.toArray(new Node[0]);
            Node[] scratch = new Node[items.length];
            for (int width = 1; width < items.length; width *= 2) {
                for (int lo = 0; lo < items.length - width; lo += 2 * width) {
                    int mid = lo + width, hi = Math.min(lo + 2 * width, items.length);
                    int i = lo, j = mid, k = lo;
                    while (i < mid && j < hi) {
                        mem().writeLong(a, items[i].entry);
                        mem().writeLong(b, items[j].entry);
                        scratch[k++] = (int) process.calls().call(w.compar, a, b) <= 0 ? items[i++] : items[j++];
                    }
                    while (i < mid) scratch[k++] = items[i++];
                    while (j < hi) scratch[k++] = items[j++];
                    System.arraycopy(scratch, lo, items, lo, hi - lo);
                }
            }
            return new ArrayList<>(List.of(items));
        } finally {
            heap().free(a);
            heap().free(b);
        }
    }

    private long read(CallFrame f, long fts) {
        Walk w = walks.get(fts);
        if (w == null || w.cur == null || w.stopped) return 0;
        Node p = w.cur;
        int instr = mem().readShort(p.entry + E_INSTR) & 0xffff;
        mem().writeShort(p.entry + E_INSTR, FTS_NOINSTR);
        if (instr == FTS_AGAIN && p.level >= 0 && info(p) != FTS_INIT) {
            stat(f, w, p, false);
            return current(w, p);
        }
        if (instr == FTS_FOLLOW && (info(p) == FTS_SL || info(p) == FTS_SLNONE)) {
            stat(f, w, p, true);
            return current(w, p);
        }
        if (info(p) == FTS_INIT) {
            if (p.children.isEmpty()) {
                w.stopped = true;
                return 0;
            }
            return enter(f, w, p.children.get(0));
        }
        if (info(p) == FTS_D) {
            if (instr == FTS_SKIP || ((w.options & FTS_XDEV) != 0 && p.dev != mem().readLong(w.fts + F_DEV))) {
                releaseChildren(w, p);
                setInfo(p, FTS_DP);
                return current(w, p);
            }
            if (p.children == null || (w.options & FTS_NAMEONLY) != 0) {
                w.options &= ~FTS_NAMEONLY;
                releaseChildren(w, p);
                List<Node> built = build(f, w, p, false);
                if (built == null) return current(w, p);
                if (built.isEmpty()) {
                    setInfo(p, FTS_DP);
                    return current(w, p);
                }
            }
            if (p.children.isEmpty()) {
                setInfo(p, FTS_DP);
                return current(w, p);
            }
            p.index = 0;
            return enter(f, w, p.children.get(0));
        }
        return next(f, w, p);
    }

    /** The node after p: its next sibling (skipping those marked FTS_SKIP), or its parent again, as FTS_DP. */
    private long next(CallFrame f, Walk w, Node p) {
        while (true) {
            Node parent = p.parent;
            List<Node> siblings = parent == null ? List.of() : parent.children;
            int at = siblings.indexOf(p);
            if (at >= 0 && at + 1 < siblings.size()) {
                Node n = siblings.get(at + 1);
                int instr = mem().readShort(n.entry + E_INSTR) & 0xffff;
                if (instr == FTS_SKIP) {
                    p = n;
                    continue;
                }
                return enter(f, w, n);
            }
            if (parent == null || parent.level < 0) {
                w.stopped = true;
                w.cur = null;
                mem().writeLong(w.fts + F_CUR, 0);
                process.setErrno(0);
                return 0;
            }
            releaseChildren(w, parent);
            int error = mem().readInt(parent.entry + E_ERRNO);
            setInfo(parent, error != 0 ? FTS_ERR : FTS_DP);
            if (error != 0) process.setErrno(error);
            return current(w, parent);
        }
    }

    private long enter(CallFrame f, Walk w, Node n) {
        if (n.level == 0) load(w, n);
        int instr = mem().readShort(n.entry + E_INSTR) & 0xffff;
        if (instr == FTS_FOLLOW) {
            mem().writeShort(n.entry + E_INSTR, FTS_NOINSTR);
            stat(f, w, n, true);
        }
        return current(w, n);
    }

    /**
     * fts_load: as a root is reached its fts_name becomes its last path component (fts_path keeps the argument) and
     * the walk's device becomes its device.
     */
    private void load(Walk w, Node n) {
        mem().writeLong(w.fts + F_DEV, n.dev);
        int slash = n.name.lastIndexOf('/');
        if (slash < 0 || (slash == 0 && n.name.length() == 1)) return;
        String name = n.name.substring(slash + 1);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        writeBytesZ(n.entry + E_NAME, bytes);
        mem().writeLong(n.entry + E_NAMELEN, bytes.length);
        n.name = name;
    }

    private long current(Walk w, Node n) {
        w.cur = n;
        mem().writeLong(w.fts + F_CUR, n.entry);
        if (info(n) == FTS_NS || info(n) == FTS_DNR || info(n) == FTS_ERR) {
            process.setErrno(mem().readInt(n.entry + E_ERRNO));
        }
        return n.entry;
    }

    private void releaseChildren(Walk w, Node n) {
        if (n.children == null) return;
        for (Node c : n.children) free(w, c);
        n.children = null;
        mem().writeLong(w.fts + F_CHILD, 0);
    }

    private long children(CallFrame f, long fts, int options) {
        Walk w = walks.get(fts);
        if (w == null) return failNull(Errno.EINVAL);
        if (options != 0 && options != FTS_NAMEONLY) return failNull(Errno.EINVAL);
        Node p = w.cur;
        process.setErrno(0);
        if (w.stopped || p == null) return 0;
        if (info(p) == FTS_INIT) return mem().readLong(p.entry + E_LINK);
        if (info(p) != FTS_D) return 0;
        releaseChildren(w, p);
        if (options == FTS_NAMEONLY) w.options |= FTS_NAMEONLY;
        List<Node> built = build(f, w, p, options == FTS_NAMEONLY);
        if (built == null || built.isEmpty()) return 0;
        mem().writeLong(w.fts + F_CHILD, built.get(0).entry);
        return built.get(0).entry;
    }

    private long close(long fts) {
        Walk w = walks.remove(fts);
        if (w == null) return fail(Errno.EINVAL);
        close(w);
        return 0;
    }

    private void close(Walk w) {
        for (Node n : new ArrayList<>(w.live.values())) {
            if (w.live.containsKey(n.entry)) {
                n.children = null;
                free(w, n);
            }
        }
        heap().free(w.fts);
    }

    /** bionic's do_nftw over the walk. */
    private long nftw(CallFrame f, long path, long callback, boolean extended, int fds, int flags) {
        if (fds < 1) return fail(Errno.EINVAL);
        int options = FTS_LOGICAL | FTS_COMFOLLOW | FTS_NOCHDIR;
        if (extended) {
            options = FTS_COMFOLLOW | ((flags & FTW_PHYS) != 0 ? FTS_PHYSICAL : FTS_LOGICAL);
            if ((flags & FTW_CHDIR) == 0) options |= FTS_NOCHDIR;
            if ((flags & FTW_MOUNT) != 0) options |= FTS_XDEV;
        }
        boolean postorder = (flags & FTW_DEPTH) != 0;
        long argv = heap().calloc(2, 8);
        mem().writeLong(argv, path);
        long fts;
        try {
            fts = open(f, argv, options | FTS_FOR_FTW, 0);
        } finally {
            heap().free(argv);
        }
        if (fts == 0) return -1;
        long error = 0;
        long ftw = heap().calloc(1, 8);
        try {
            long cur;
            while (error == 0 && (cur = read(f, fts)) != 0) {
                int kind;
                switch (mem().readShort(cur + E_INFO) & 0xffff) {
                    case FTS_D -> {
                        if (postorder || rows.call(f, "access", mem().readLong(cur + E_PATH), 4) == -1) continue;
                        kind = FTW_D;
                    }
                    case FTS_DC -> {
                        continue;
                    }
                    case FTS_DNR -> kind = FTW_DNR;
                    case FTS_DP -> {
                        if (!postorder) continue;
                        kind = FTW_DP;
                    }
                    case FTS_F, FTS_DEFAULT -> kind = FTW_F;
                    case FTS_NS, FTS_NSOK -> kind = FTW_NS;
                    case FTS_SL -> kind = FTW_SL;
                    case FTS_SLNONE -> kind = extended ? FTW_SLN : FTW_NS;
                    default -> {
                        error = -1;
                        continue;
                    }
                }
                long entryPath = mem().readLong(cur + E_PATH), statp = mem().readLong(cur + E_STATP);
                if (extended) {
                    mem().writeInt(ftw, (int) (mem().readLong(cur + E_PATHLEN) - mem().readLong(cur + E_NAMELEN)));
                    mem().writeInt(ftw + 4, mem().readShort(cur + E_LEVEL));
                    error = (int) process.calls().call(callback, entryPath, statp, kind, ftw);
                } else {
                    error = (int) process.calls().call(callback, entryPath, statp, kind);
                }
            }
        } finally {
            heap().free(ftw);
        }
        int saved = errno();
        if (close(fts) != 0 && error == 0) {
            error = -1;
        } else {
            process.setErrno(saved);
        }
        return error;
    }
}
