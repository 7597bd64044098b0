package org.mdemu.junit;

import android.os.IBinder;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;

/**
 * The extension behind {@link MdemuTest}. VMs live in the JUnit context they belong to (the class's for
 * {@link Payload.Scope#PER_CLASS}, the test's otherwise) as closeable resources, so JUnit stops them and deletes
 * their instances when that context ends, also in parallel runs. Around each test a watchdog stops VMs that outlive
 * their {@link Payload#timeoutSeconds()}; a failing test gets the last output of its VMs attached.
 */
public final class MdemuExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MdemuExtension.class);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mdemu-junit-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** The VMs of one context, by the name of the field or parameter they were made for. */
    private static final class Vms implements ExtensionContext.Store.CloseableResource {
        final Map<String, PayloadVm> byName = new LinkedHashMap<>();

        synchronized PayloadVm get(String name) {
            return byName.get(name);
        }

        synchronized void put(String name, PayloadVm vm) {
            byName.put(name, vm);
        }

        synchronized List<PayloadVm> all() {
            return new ArrayList<>(byName.values());
        }

        @Override
        public void close() {
            for (PayloadVm vm : all()) vm.close();
        }
    }

    /**
     * The context's own VMs. Keyed by the context's id: a store lookup falls back to the ancestors' stores, so under
     * a common key a test's VMs would join its class's (closed only after the last test) and be listed twice.
     */
    private static Vms vms(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(context.getUniqueId(), k -> new Vms(), Vms.class);
    }

    // ---- lifecycle ----

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        for (Field f : payloadFields(testClass)) {
            Payload p = f.getAnnotation(Payload.class);
            if (!Modifier.isStatic(f.getModifiers())) continue;
            if (p.scope() != Payload.Scope.PER_CLASS) {
                throw new ExtensionConfigurationException("@Payload field " + f.getName() + " is static: give it"
                        + " scope = PER_CLASS, or make it an instance field for a VM per test");
            }
            PayloadVm vm = startFor(context, f.getName(), p, classSeed(testClass));
            inject(f, null, vm);
        }
        for (Field f : serviceFields(testClass)) {
            if (Modifier.isStatic(f.getModifiers())) {
                inject(f, null, service(context, f.getType(), f.getAnnotation(VsockService.class), testClass));
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Object instance = context.getRequiredTestInstance();
        Class<?> testClass = context.getRequiredTestClass();
        for (Field f : payloadFields(testClass)) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            Payload p = f.getAnnotation(Payload.class);
            if (p.scope() == Payload.Scope.PER_CLASS) {
                // An instance field with a class-wide VM: the test instance is per class, or the VM is shared anyway.
                ExtensionContext classContext = context.getParent().orElse(context);
                PayloadVm vm = vms(classContext).get(f.getName());
                if (vm == null) vm = startFor(classContext, f.getName(), p, classSeed(testClass));
                inject(f, instance, vm);
            } else {
                inject(f, instance, startFor(context, f.getName(), p, seed(context)));
            }
        }
        for (Field f : serviceFields(testClass)) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            inject(f, instance, service(context, f.getType(), f.getAnnotation(VsockService.class), testClass));
        }
        arm(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        disarm(context);
        if (context.getExecutionException().isPresent()) return; // already reported with the output
        List<PayloadVm> hung = new ArrayList<>();
        for (PayloadVm vm : testVms(context)) {
            if (vm.stoppedBy() != null) hung.add(vm);
        }
        if (!hung.isEmpty()) {
            StringBuilder s = new StringBuilder("a payload outlived its test's timeout and was stopped:");
            for (PayloadVm vm : hung) s.append(vm.report());
            throw new AssertionError(s.toString());
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        List<PayloadVm> vms = testVms(context);
        if (!vms.isEmpty()) {
            StringBuilder s = new StringBuilder("output of the test's payloads:");
            for (PayloadVm vm : vms) s.append(vm.report());
            throwable.addSuppressed(new PayloadOutputReport(s.toString()));
        }
        throw throwable;
    }

    /** The payloads' output attached to a failure (a suppressed exception: no stack trace of its own). */
    static final class PayloadOutputReport extends Exception {
        PayloadOutputReport(String message) {
            super(message, null, false, false);
        }
    }

    // ---- timeouts ----

    private record Watch(List<ScheduledFuture<?>> timers) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            for (ScheduledFuture<?> t : timers) t.cancel(false);
        }
    }

    private void arm(ExtensionContext context) {
        List<ScheduledFuture<?>> timers = new ArrayList<>();
        for (Map.Entry<PayloadVm, Long> e : timeouts(context).entrySet()) {
            PayloadVm vm = e.getKey();
            long seconds = e.getValue();
            timers.add(WATCHDOG.schedule(() -> vm.stopBecause("the test ran past the payload's timeout of " + seconds
                    + " s (@Payload(timeoutSeconds))"), seconds, TimeUnit.SECONDS));
        }
        context.getStore(NAMESPACE).put(Watch.class, new Watch(timers));
    }

    private void disarm(ExtensionContext context) {
        Watch w = context.getStore(NAMESPACE).remove(Watch.class, Watch.class);
        if (w != null) w.close();
    }

    private final Map<PayloadVm, Long> timeoutsOf = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private Map<PayloadVm, Long> timeouts(ExtensionContext context) {
        Map<PayloadVm, Long> result = new LinkedHashMap<>();
        for (PayloadVm vm : testVms(context)) {
            Long t = timeoutsOf.get(vm);
            if (t != null && t > 0) result.put(vm, t);
        }
        return result;
    }

    // ---- starting VMs ----

    private PayloadVm startFor(ExtensionContext owner, String key, Payload p, Long seed) throws Exception {
        VirtualMachineConfig.Builder b = new VirtualMachineConfig.Builder()
                .setApkPath(Path.of(p.apk()).toAbsolutePath())
                .setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true)
                .setProtectedVm(p.protectedVm());
        if (!p.binary().isEmpty()) b.setPayloadBinaryName(p.binary());
        else if (!p.configPath().isEmpty()) b.setPayloadConfigPath(p.configPath());
        else throw new ExtensionConfigurationException("@Payload(apk = \"" + p.apk() + "\") names neither a binary nor a"
                + " configPath");
        if (p.memoryMib() > 0) b.setMemoryBytes((long) p.memoryMib() << 20);
        if (p.encryptedStorageBytes() > 0) b.setEncryptedStorageBytes(p.encryptedStorageBytes());
        if (seed != null) b.setDeterministic(seed);
        String name = p.name().isEmpty() ? key.replaceAll("[^A-Za-z0-9_.-]", "_") : p.name();
        PayloadVm vm = PayloadVm.start(name, b.build());
        vms(owner).put(key, vm);
        timeoutsOf.put(vm, p.timeoutSeconds());
        Duration wait = Duration.ofSeconds(p.timeoutSeconds() > 0 ? p.timeoutSeconds() : 600);
        switch (p.waitFor()) {
            case STARTED -> vm.awaitStarted(wait);
            case READY -> vm.awaitReady(wait);
            case NOTHING -> { }
        }
        return vm;
    }

    private static Long seed(ExtensionContext context) {
        Optional<Deterministic> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, Deterministic.class));
        if (onMethod.isPresent()) return onMethod.get().seed();
        return classSeed(context.getRequiredTestClass());
    }

    private static Long classSeed(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, Deterministic.class).map(Deterministic::seed).orElse(null);
    }

    /** The VMs a test uses: its own and its class's (outer classes' too, for @Nested tests). */
    private static List<PayloadVm> testVms(ExtensionContext context) {
        List<PayloadVm> all = new ArrayList<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestClass().isEmpty()) break;
            Vms v = c.getStore(NAMESPACE).get(c.getUniqueId(), Vms.class);
            if (v != null) all.addAll(v.all());
        }
        return all;
    }

    // ---- services ----

    private Object service(ExtensionContext context, Class<?> type, VsockService s, Class<?> testClass) throws Exception {
        PayloadVm vm = payloadForService(context, s, testClass);
        IBinder root = vm.connectToVsockServer(s.port());
        return PayloadVm.asInterface(type, root);
    }

    private PayloadVm payloadForService(ExtensionContext context, VsockService s, Class<?> testClass) {
        List<PayloadVm> candidates = new ArrayList<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestClass().isEmpty()) break;
            Vms v = c.getStore(NAMESPACE).get(c.getUniqueId(), Vms.class);
            if (v == null) continue;
            synchronized (v) {
                for (Map.Entry<String, PayloadVm> e : v.byName.entrySet()) {
                    if (s.payload().isEmpty() || e.getKey().equals(s.payload())) candidates.add(e.getValue());
                }
            }
        }
        if (candidates.size() == 1) return candidates.get(0);
        String which = s.payload().isEmpty() ? "" : " named " + s.payload();
        throw new ExtensionConfigurationException("@VsockService(port = " + s.port() + ") of " + testClass.getName()
                + " needs exactly one @Payload" + which + " (started before it); found " + candidates.size());
    }

    // ---- parameters ----

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> type = pc.getParameter().getType();
        if (pc.isAnnotated(Payload.class)) return type == VirtualMachine.class || type == PayloadVm.class;
        return pc.isAnnotated(VsockService.class);
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        Parameter parameter = pc.getParameter();
        try {
            if (pc.isAnnotated(Payload.class)) {
                Payload p = pc.findAnnotation(Payload.class).orElseThrow();
                if (p.scope() == Payload.Scope.PER_CLASS) {
                    throw new ExtensionConfigurationException("a @Payload parameter is started for its test: PER_CLASS"
                            + " scope needs a static field");
                }
                String key = "parameter " + pc.getIndex() + " (" + parameter.getName() + ")";
                PayloadVm vm = startFor(ec, p.name().isEmpty() ? key : p.name(), p, seed(ec));
                // The watchdog armed in beforeEach did not know this VM: arm its own, closed with the test.
                if (p.timeoutSeconds() > 0) {
                    ScheduledFuture<?> t = WATCHDOG.schedule(() -> vm.stopBecause("the test ran past the payload's"
                            + " timeout of " + p.timeoutSeconds() + " s (@Payload(timeoutSeconds))"),
                            p.timeoutSeconds(), TimeUnit.SECONDS);
                    ec.getStore(NAMESPACE).put(key + " watch", new Watch(List.of(t)));
                }
                return parameter.getType() == PayloadVm.class ? vm : vm.vm();
            }
            VsockService s = pc.findAnnotation(VsockService.class).orElseThrow();
            return service(ec, parameter.getType(), s, ec.getRequiredTestClass());
        } catch (ExtensionConfigurationException e) {
            throw e;
        } catch (Exception e) {
            throw new ParameterResolutionException("cannot provide " + parameter + ": " + e.getMessage(), e);
        }
    }

    // ---- fields ----

    private static List<Field> payloadFields(Class<?> testClass) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(testClass, Payload.class, f -> true,
                HierarchyTraversalMode.TOP_DOWN);
        for (Field f : fields) {
            if (f.getType() != VirtualMachine.class && f.getType() != PayloadVm.class) {
                throw new ExtensionConfigurationException("@Payload field " + f.getName() + " of " + testClass.getName()
                        + " must be a VirtualMachine or a PayloadVm, not " + f.getType().getName());
            }
        }
        return fields;
    }

    private static List<Field> serviceFields(Class<?> testClass) {
        return AnnotationSupport.findAnnotatedFields(testClass, VsockService.class, f -> true,
                HierarchyTraversalMode.TOP_DOWN);
    }

    private static void inject(Field f, Object instance, Object value) throws IllegalAccessException {
        if (value instanceof PayloadVm vm && f.getType() == VirtualMachine.class) value = vm.vm();
        f.setAccessible(true);
        f.set(instance, value);
    }
}
