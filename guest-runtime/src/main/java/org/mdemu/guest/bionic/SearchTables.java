package org.mdemu.guest.bionic;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * search.h: binary trees (tsearch and friends, in guest memory with the node layout bionic's NetBSD code uses, so a
 * node pointer's first word is the key as callers expect), linear search, queues (insque/remque), hash tables
 * (hsearch and the reentrant _r forms), and stdlib's qsort_r (guest code beside qsort in hot-routines.so).
 * Comparators and actions are guest functions.
 */
public final class SearchTables extends GuestSection {
    /** struct node_t {const void* key; node_t* llink; node_t* rlink;}. */
    private static final int KEY = 0, LEFT = 8, RIGHT = 16, NODE_SIZE = 24;
    private static final int PREORDER = 0, POSTORDER = 1, ENDORDER = 2, LEAF = 3;
    private static final int FIND = 0, ENTER = 1;
    private static final Support CALLS_GUEST = Support.full("compares through the guest's function");

    /** A hash table: keys (their bytes) to the guest ENTRY holding key and data, in insertion order. */
    private static final class HashTable {
        final Map<String, Long> entries = new LinkedHashMap<>();
    }

    private final Map<Long, HashTable> tables = new HashMap<>();
    private HashTable global;
    private long globalEntries;

    public SearchTables(GuestProcess process) {
        super(process);
    }

    @Override
    public void declare(LibraryTable t) {
        t.functionCallingGuest("tsearch", CALLS_GUEST, f -> f.ret(tsearch(f.ptr(0), f.ptr(1), f.ptr(2), true)));
        t.functionCallingGuest("tfind", CALLS_GUEST, f -> f.ret(tsearch(f.ptr(0), f.ptr(1), f.ptr(2), false)));
        t.functionCallingGuest("tdelete", CALLS_GUEST, f -> f.ret(tdelete(f.ptr(0), f.ptr(1), f.ptr(2))));
        t.functionCallingGuest("twalk", Support.full("calls the guest's action for every visit"),
                f -> walk(f.ptr(0), f.ptr(1), 0));
        t.functionCallingGuest("tdestroy", Support.full("calls the guest's function for every key"),
                f -> destroy(f.ptr(0), f.ptr(1)));
        t.functionCallingGuest("lfind", CALLS_GUEST, f -> f.ret(lfind(f.ptr(0), f.ptr(1), f.ptr(2), f.i64(3), f.ptr(4), false)));
        t.functionCallingGuest("lsearch", CALLS_GUEST, f -> f.ret(lfind(f.ptr(0), f.ptr(1), f.ptr(2), f.i64(3), f.ptr(4), true)));
        t.function("insque", this::insque);
        t.function("remque", this::remque);
        t.function("hcreate", "LIBC_P", Support.FULL, f -> {
            if (global == null) {
                global = new HashTable();
            }
            f.ret(1);
        });
        t.function("hdestroy", "LIBC_P", Support.FULL, f -> {
            if (global != null) freeEntries(global);
            global = null;
        });
        // ENTRY is {char* key; void* data;}: passed by value in x0 and x1.
        t.function("hsearch", "LIBC_P", Support.FULL, f -> f.ret(hsearch(global, f.ptr(0), f.ptr(1), f.i32(2))));
        t.function("hcreate_r", "LIBC_P", Support.FULL, f -> {
            long data = f.ptr(1);
            long handle = heap().calloc(1, 8);
            tables.put(handle, new HashTable());
            mem().writeLong(data, handle);
            f.ret(1);
        });
        t.function("hdestroy_r", "LIBC_P", Support.FULL, f -> {
            long handle = mem().readLong(f.ptr(0));
            HashTable h = tables.remove(handle);
            if (h != null) {
                freeEntries(h);
                heap().free(handle);
            }
            mem().writeLong(f.ptr(0), 0);
        });
        t.function("hsearch_r", "LIBC_P", Support.FULL, f -> {
            HashTable h = tables.get(mem().readLong(f.ptr(4)));
            long entry = hsearch(h, f.ptr(0), f.ptr(1), f.i32(2));
            mem().writeLong(f.ptr(3), entry);
            f.ret(entry != 0 ? 1 : 0);
        });
        t.guestCode("qsort_r", "LIBC_36", Support.full("runs as guest code (introsort, as qsort)"));
    }

    private long compare(long function, long a, long b) {
        return (int) process.calls().call(function, a, b);
    }

    /** tsearch/tfind: the node holding key (inserted if absent and insert is set), or NULL. */
    private long tsearch(long key, long rootp, long compar, boolean insert) {
        if (rootp == 0) return 0;
        long link = rootp;
        while (true) {
            long node = mem().readLong(link);
            if (node == 0) break;
            long r = compare(compar, key, mem().readLong(node + KEY));
            if (r == 0) return node;
            link = node + (r < 0 ? LEFT : RIGHT);
        }
        if (!insert) return 0;
        long node = heap().malloc(NODE_SIZE);
        if (node == 0) return 0;
        mem().writeLong(node + KEY, key);
        mem().writeLong(node + LEFT, 0);
        mem().writeLong(node + RIGHT, 0);
        mem().writeLong(link, node);
        return node;
    }

    /**
     * tdelete: removes the node holding key; returns its parent node (for the root, the deleted root's own address,
     * as bionic's NetBSD code does), or NULL when the key is absent.
     */
    private long tdelete(long key, long rootp, long compar) {
        if (rootp == 0 || mem().readLong(rootp) == 0) return 0;
        long link = rootp;
        long parent = mem().readLong(rootp);
        while (true) {
            long node = mem().readLong(link);
            if (node == 0) return 0;
            long r = compare(compar, key, mem().readLong(node + KEY));
            if (r == 0) break;
            parent = node;
            link = node + (r < 0 ? LEFT : RIGHT);
        }
        long node = mem().readLong(link);
        long left = mem().readLong(node + LEFT), right = mem().readLong(node + RIGHT);
        long replacement;
        if (right == 0) {
            replacement = left;
        } else if (mem().readLong(right + LEFT) == 0) {
            mem().writeLong(right + LEFT, left);
            replacement = right;
        } else {
            long successorParent = right, successor = mem().readLong(right + LEFT);
            while (mem().readLong(successor + LEFT) != 0) {
                successorParent = successor;
                successor = mem().readLong(successor + LEFT);
            }
            mem().writeLong(successorParent + LEFT, mem().readLong(successor + RIGHT));
            mem().writeLong(successor + LEFT, left);
            mem().writeLong(successor + RIGHT, right);
            replacement = successor;
        }
        heap().free(node);
        mem().writeLong(link, replacement);
        return parent;
    }

    /** twalk: preorder, postorder and endorder visits of inner nodes, one leaf visit of leaves, with depths. */
    private void walk(long root, long action, int depth) {
        if (root == 0 || action == 0) return;
        long left = mem().readLong(root + LEFT), right = mem().readLong(root + RIGHT);
        if (left == 0 && right == 0) {
            process.calls().call(action, root, LEAF, depth);
            return;
        }
        process.calls().call(action, root, PREORDER, depth);
        walk(left, action, depth + 1);
        process.calls().call(action, root, POSTORDER, depth);
        walk(right, action, depth + 1);
        process.calls().call(action, root, ENDORDER, depth);
    }

    private void destroy(long root, long freeKey) {
        if (root == 0) return;
        destroy(mem().readLong(root + LEFT), freeKey);
        destroy(mem().readLong(root + RIGHT), freeKey);
        if (freeKey != 0) process.calls().call(freeKey, mem().readLong(root + KEY));
        heap().free(root);
    }

    /** lfind/lsearch(key, base, &nmemb, size, compar): lsearch appends a missing key and bumps nmemb. */
    private long lfind(long key, long base, long nmembp, long size, long compar, boolean append) {
        long count = mem().readLong(nmembp);
        for (long i = 0; i < count; i++) {
            long element = base + i * size;
            if (compare(compar, key, element) == 0) return element;
        }
        if (!append) return 0;
        long element = base + count * size;
        mem().write(element, mem().read(key, (int) size));
        mem().writeLong(nmembp, count + 1);
        return element;
    }

    /** struct qelem {qelem* q_forw; qelem* q_back; ...}: insque(elem, pred) links elem after pred (NULL: alone). */
    private void insque(CallFrame f) {
        long element = f.ptr(0), pred = f.ptr(1);
        if (pred == 0) {
            mem().writeLong(element, 0);
            mem().writeLong(element + 8, 0);
            return;
        }
        long next = mem().readLong(pred);
        mem().writeLong(element, next);
        mem().writeLong(element + 8, pred);
        if (next != 0) mem().writeLong(next + 8, element);
        mem().writeLong(pred, element);
    }

    private void remque(CallFrame f) {
        long element = f.ptr(0);
        long next = mem().readLong(element), prev = mem().readLong(element + 8);
        if (prev != 0) mem().writeLong(prev, next);
        if (next != 0) mem().writeLong(next + 8, prev);
    }

    /**
     * hsearch: FIND returns the entry for key or NULL (ESRCH); ENTER returns the existing entry, or a new one holding
     * the given key and data. Entries are ENTRY structs in guest memory that stay valid until the table is destroyed.
     */
    private long hsearch(HashTable table, long key, long data, int action) {
        if (table == null || key == 0) return failNull(Errno.EINVAL);
        String k = latin1(cbytes(key));
        Long found = table.entries.get(k);
        if (found != null) return found;
        if (action == FIND) return failNull(Errno.ESRCH);
        if (action != ENTER) return failNull(Errno.EINVAL);
        long entry = heap().malloc(16);
        if (entry == 0) return failNull(Errno.ENOMEM);
        mem().writeLong(entry, key);
        mem().writeLong(entry + 8, data);
        table.entries.put(k, entry);
        return entry;
    }

    private void freeEntries(HashTable table) {
        for (long entry : table.entries.values()) heap().free(entry);
        table.entries.clear();
    }
}
