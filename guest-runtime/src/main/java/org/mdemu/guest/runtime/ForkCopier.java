package org.mdemu.guest.runtime;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * fork's copy of a process's Java-side state: the system libraries' sections (atexit lists, stdio streams, the heap's
 * bookkeeping, pthread keys, signal dispositions, dlopen'd libraries, random state...) hold per-process state in Java
 * fields, the way bionic holds it in the process's memory, and the child needs a copy of each.
 *
 * <p>The child's runtime is built by the same code as the parent's (the same sections, wired to the child's process,
 * kernel and files), then {@link #pair paired} with the parent's: field by field, what the parent's object refers to
 * becomes, in the child's, the child's counterpart (an object already paired or {@link #substitute substituted}),
 * the child's own object of the same class with the state copied into it (a section's sub-objects), or a deep copy
 * (collections, arrays, records, state objects). The two processes share only what the caller names
 * ({@code shared}: the file system, vsock, the console, the clock) and what Java cannot copy (JDK objects such as a
 * {@code SecureRandom} or a zlib {@code Deflater}, and lambdas the parent's state holds, which {@link #sharedForeign}
 * lists). Written by hand because no library copies a graph into an existing one while rewiring its services.
 */
final class ForkCopier {
    private final IdentityHashMap<Object, Object> counterpart = new IdentityHashMap<>();
    private final Predicate<Object> shared;
    private final List<String> sharedForeign = new ArrayList<>();
    /** The fields being copied, outermost first: where a shared object was met, for {@link #sharedForeign}. */
    private final java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();

    ForkCopier(Predicate<Object> shared) {
        this.shared = shared;
    }

    /** In the child, parent is child: the two are made deliberately (a forked file table, the child's memory). */
    void substitute(Object parent, Object child) {
        counterpart.put(parent, child);
    }

    /**
     * The JDK objects and lambdas the child shares with its parent because Java cannot copy them, each with the
     * fields it was reached through.
     */
    List<String> sharedForeign() {
        return sharedForeign;
    }

    /** Copies parent's state into child, an object of the same class built for the child process. */
    void pair(Object parent, Object child) {
        if (parent == child || counterpart.containsKey(parent)) return;
        if (parent.getClass() != child.getClass()) {
            throw new IllegalArgumentException("cannot pair " + parent.getClass() + " with " + child.getClass());
        }
        counterpart.put(parent, child);
        for (Field f : fields(parent.getClass())) {
            path.addLast(f.getDeclaringClass().getSimpleName() + "." + f.getName());
            try {
                Object pv = f.get(parent);
                if (f.getType().isPrimitive()) {
                    if (!pv.equals(f.get(child))) f.set(child, pv);
                    continue;
                }
                Object cv = f.get(child);
                Object nv = transfer(pv, cv);
                if (nv != cv) f.set(child, nv);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot copy " + f + " into a forked process", e);
            } finally {
                path.removeLast();
            }
        }
    }

    private Object transfer(Object pv, Object cv) {
        if (pv == null) return null;
        if (counterpart.containsKey(pv)) return counterpart.get(pv);
        if (immutable(pv) || shared.test(pv)) return pv;
        if (pv.getClass().isHidden()) {
            // A lambda: the child's runtime wired its own (bound to the child's objects); the parent's is kept only
            // where the child has none, and listed.
            if (cv != null && cv.getClass().isHidden()) return cv;
            return foreign(pv);
        }
        if (cv != null && cv != pv && cv.getClass() == pv.getClass() && ours(pv) && !pv.getClass().isRecord()) {
            pair(pv, cv);
            return cv;
        }
        if (cv instanceof List<?> childList && pv instanceof List<?> parentList && pairedElements(parentList, childList)) {
            return cv;
        }
        // What Java cannot copy (a lock object, a SecureRandom): the child's own, when its runtime made one.
        if (cv != null && cv.getClass() == pv.getClass() && !copyable(pv)) return cv;
        return copy(pv);
    }

    /** A deep copy of value for the child, or its counterpart when it has one. */
    Object copy(Object value) {
        if (value == null) return null;
        Object known = counterpart.get(value);
        if (known != null) return known;
        if (immutable(value) || shared.test(value)) return value;
        Class<?> type = value.getClass();
        if (type.isHidden()) return foreign(value);
        if (type.isArray()) return copyArray(value);
        if (value instanceof java.util.concurrent.atomic.AtomicLong a) return remember(value, new java.util.concurrent.atomic.AtomicLong(a.get()));
        if (value instanceof java.util.concurrent.atomic.AtomicInteger a) return remember(value, new java.util.concurrent.atomic.AtomicInteger(a.get()));
        if (value instanceof java.util.concurrent.atomic.AtomicBoolean a) return remember(value, new java.util.concurrent.atomic.AtomicBoolean(a.get()));
        if (value instanceof java.util.concurrent.atomic.AtomicReference<?> a) {
            java.util.concurrent.atomic.AtomicReference<Object> r = new java.util.concurrent.atomic.AtomicReference<>();
            remember(value, r);
            r.set(copy(a.get()));
            return r;
        }
        if (value instanceof java.util.BitSet b) return remember(value, b.clone());
        if (value instanceof Map<?, ?> m) return copyMap(m);
        if (value instanceof Collection<?> c) return copyCollection(c);
        if (type.isRecord()) return copyRecord(value);
        if (!ours(value)) return foreign(value);
        Object fresh = allocate(type);
        counterpart.put(value, fresh);
        for (Field f : fields(type)) {
            path.addLast(f.getDeclaringClass().getSimpleName() + "." + f.getName());
            try {
                f.set(fresh, f.getType().isPrimitive() ? f.get(value) : copy(f.get(value)));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot copy " + f + " into a forked process", e);
            } finally {
                path.removeLast();
            }
        }
        return fresh;
    }

    /**
     * A list the child's runtime filled with its own counterparts (a library's sections, in declaration order): its
     * elements are paired one by one with the parent's instead of copied.
     */
    private boolean pairedElements(List<?> parent, List<?> child) {
        if (parent.size() != child.size() || parent.isEmpty()) return false;
        for (int i = 0; i < parent.size(); i++) {
            Object p = parent.get(i), c = child.get(i);
            if (p == null || c == null || p.getClass() != c.getClass() || !ours(p) || p.getClass().isRecord()) return false;
        }
        counterpart.put(parent, child);
        for (int i = 0; i < parent.size(); i++) pair(parent.get(i), child.get(i));
        return true;
    }

    private static boolean copyable(Object v) {
        Class<?> type = v.getClass();
        return type.isArray() || type.isRecord() || ours(v) || v instanceof Map<?, ?> || v instanceof Collection<?>
                || v instanceof java.util.BitSet || v.getClass().getName().startsWith("java.util.concurrent.atomic.");
    }

    private Object remember(Object parent, Object child) {
        counterpart.put(parent, child);
        return child;
    }

    private Object foreign(Object value) {
        String name = value.getClass().getName().replaceAll("\\$\\$Lambda.*", "\\$\\$Lambda") + " at "
                + String.join("/", path);
        if (!sharedForeign.contains(name)) sharedForeign.add(name);
        return value;
    }

    private Object copyArray(Object array) {
        int n = Array.getLength(array);
        Object fresh = Array.newInstance(array.getClass().getComponentType(), n);
        counterpart.put(array, fresh);
        if (array.getClass().getComponentType().isPrimitive()) {
            System.arraycopy(array, 0, fresh, 0, n);
        } else {
            for (int i = 0; i < n; i++) Array.set(fresh, i, copy(Array.get(array, i)));
        }
        return fresh;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object copyMap(Map<?, ?> m) {
        Map fresh;
        if (m instanceof java.util.TreeMap<?, ?> t) fresh = new java.util.TreeMap(t.comparator());
        else if (m instanceof java.util.LinkedHashMap) fresh = new java.util.LinkedHashMap();
        else if (m instanceof java.util.HashMap) fresh = new java.util.HashMap();
        else if (m instanceof java.util.concurrent.ConcurrentSkipListMap<?, ?> t) fresh = new java.util.concurrent.ConcurrentSkipListMap(t.comparator());
        else if (m instanceof java.util.concurrent.ConcurrentHashMap) fresh = new java.util.concurrent.ConcurrentHashMap();
        else if (m instanceof IdentityHashMap) fresh = new IdentityHashMap();
        else return foreign(m);
        counterpart.put(m, fresh);
        for (Map.Entry<?, ?> e : new ArrayList<>(m.entrySet())) fresh.put(copy(e.getKey()), copy(e.getValue()));
        return fresh;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object copyCollection(Collection<?> c) {
        Collection fresh;
        if (c instanceof java.util.ArrayList) fresh = new ArrayList();
        else if (c instanceof java.util.LinkedList) fresh = new java.util.LinkedList();
        else if (c instanceof java.util.ArrayDeque) fresh = new java.util.ArrayDeque();
        else if (c instanceof java.util.LinkedHashSet) fresh = new java.util.LinkedHashSet();
        else if (c instanceof java.util.HashSet) fresh = new java.util.HashSet();
        else if (c instanceof java.util.TreeSet<?> t) fresh = new java.util.TreeSet(t.comparator());
        else if (c instanceof java.util.concurrent.CopyOnWriteArrayList) fresh = new java.util.concurrent.CopyOnWriteArrayList();
        else if (c instanceof java.util.concurrent.ConcurrentLinkedQueue) fresh = new java.util.concurrent.ConcurrentLinkedQueue();
        else if (c instanceof java.util.concurrent.ConcurrentLinkedDeque) fresh = new java.util.concurrent.ConcurrentLinkedDeque();
        else if (c.getClass().getName().startsWith("java.util.ImmutableCollections")) return immutableCopy(c);
        else return foreign(c);
        counterpart.put(c, fresh);
        for (Object e : new ArrayList<>(c)) fresh.add(copy(e));
        return fresh;
    }

    private Object immutableCopy(Collection<?> c) {
        List<Object> items = new ArrayList<>();
        for (Object e : c) items.add(copy(e));
        Object fresh = c instanceof java.util.Set ? java.util.Set.copyOf(items) : List.copyOf(items);
        counterpart.put(c, fresh);
        return fresh;
    }

    private Object copyRecord(Object record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                java.lang.reflect.Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                Object v = accessor.invoke(record);
                values[i] = components[i].getType().isPrimitive() ? v : copy(v);
                types[i] = components[i].getType();
            }
            java.lang.reflect.Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            Object fresh = canonical.newInstance(values);
            counterpart.put(record, fresh);
            return fresh;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + record.getClass().getName() + " into a forked process", e);
        }
    }

    private static Object allocate(Class<?> type) {
        try {
            return UNSAFE.allocateInstance(type);
        } catch (InstantiationException e) {
            throw new IllegalStateException("cannot copy " + type.getName() + " into a forked process", e);
        }
    }

    /** The project's own classes, whose fields the copier may read and write. */
    private static boolean ours(Object value) {
        return value.getClass().getName().startsWith("org.mdemu.");
    }

    private static boolean immutable(Object v) {
        return v instanceof String || v instanceof Number && v.getClass().getName().startsWith("java.lang.")
                || v instanceof Boolean || v instanceof Character || v instanceof Enum<?> || v instanceof Class<?>
                || v instanceof java.nio.charset.Charset || v instanceof java.util.regex.Pattern
                || v instanceof java.time.ZoneId || v instanceof java.math.BigInteger || v instanceof java.math.BigDecimal;
    }

    private static final Map<Class<?>, List<Field>> FIELDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> result = new ArrayList<>();
            for (Class<?> k = t; k != null && k.getName().startsWith("org.mdemu."); k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) continue;
                    f.setAccessible(true);
                    result.add(f);
                }
            }
            return result;
        });
    }

    private static final sun.misc.Unsafe UNSAFE;

    static {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            UNSAFE = (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
