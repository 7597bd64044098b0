package org.mdemu.guest.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.binder.BinderNdkLibrary;
import org.mdemu.guest.binder.BinderThreadPool;
import org.mdemu.guest.binder.VsockRpcServer;
import org.mdemu.guest.bionic.PollFunctions;
import org.mdemu.guest.bionic.PthreadConds;
import org.mdemu.guest.bionic.PthreadMutexes;
import org.mdemu.guest.bionic.PthreadOnceBarriersSpins;
import org.mdemu.guest.bionic.PthreadRwlocks;
import org.mdemu.guest.bionic.Pthreads;
import org.mdemu.guest.bionic.Semaphores;
import org.mdemu.guest.bionic.DirentFunctions;
import org.mdemu.guest.bionic.FileFunctions;
import org.mdemu.guest.bionic.MemoryFunctions;
import org.mdemu.guest.bionic.PrintfFormatter;
import org.mdemu.guest.bionic.PropertyFunctions;
import org.mdemu.guest.bionic.ResourceFunctions;
import org.mdemu.guest.bionic.StatFunctions;
import org.mdemu.guest.bionic.ProcessEnvironment;
import org.mdemu.guest.bionic.RandomNumbers;
import org.mdemu.guest.bionic.StdioFunctions;
import org.mdemu.guest.bionic.StdlibFunctions;
import org.mdemu.guest.bionic.StringFunctions;
import org.mdemu.guest.bionic.SystemFunctions;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.kernel.SyscallTable;
import org.mdemu.guest.liblog.AndroidLog;
import org.mdemu.guest.libm.MathFunctions;
import org.mdemu.guest.payload.VmPayloadLibrary;
import org.mdemu.guest.vfs.FileTable;

/**
 * The guest's system libraries (/system/lib64 role): libc, libm, libdl, liblog, libvm_payload, libbinder_ndk and libz, each a binding
 * table filled by its sections. Built with a live process to run a payload, or with none (null services) to read
 * the tables for documentation and import checks; declaring rows never touches the process.
 */
public final class SystemImage {
    private final Map<String, LibraryTable> tables = new LinkedHashMap<>();
    private final AndroidLog log;
    private final StdlibFunctions stdlib;
    private final org.mdemu.guest.bionic.ThreadLocalStorage tls;
    private final org.mdemu.guest.bionic.LibcCompletion completion;

    /** Everything a live image needs; fields are null for a documentation-only image. */
    public record Services(GuestProcess process, FileTable files, LinuxKernel kernel, SyscallTable syscalls,
                           long hwcap, int cpus, Map<String, String> properties, Map<String, String> environment,
                           Runnable beforeExit, Runnable onPayloadReady, LibDl libdl,
                           org.mdemu.guest.identity.PayloadIdentity identity,
                           org.mdemu.guest.identity.VmSecret secret,
                           org.mdemu.guest.identity.InstanceRecord instance, boolean encryptedStorage,
                           org.mdemu.guest.payload.PayloadDice dice) {}

    public SystemImage(Services s) {
        PrintfFormatter formatter = new PrintfFormatter(s.process() == null ? null : s.process().memory(),
                () -> org.mdemu.guest.bionic.ErrnoNames.describe(
                        s.process().memory().readInt(s.process().currentThread().errnoAddress())),
                s.process() == null ? null : message -> s.process().control().crash(6, "FORTIFY: " + message));
        LibraryTable libc = new LibraryTable("libc.so", "LIBC");
        PropertyFunctions properties = new PropertyFunctions(s.process(), s.properties());
        stdlib = new StdlibFunctions(s.process(), s.beforeExit());
        ProcessEnvironment environment = new ProcessEnvironment(s.process(), s.environment());
        java.util.function.Supplier<String> tmpdir = () -> java.util.Objects.requireNonNullElse(
                environment.get("TMPDIR"), "/data/local/tmp");
        StdioFunctions stdio = new StdioFunctions(s.process(), s.files(), formatter, tmpdir);
        org.mdemu.guest.bionic.WideCharFunctions wide = new org.mdemu.guest.bionic.WideCharFunctions(s.process(), formatter);
        org.mdemu.guest.bionic.TimeZones zones = new org.mdemu.guest.bionic.TimeZones(s.process(), environment::get);
        libc.declare(new StringFunctions(s.process()), stdio, wide,
                new org.mdemu.guest.bionic.MultibyteConversions(s.process()),
                new org.mdemu.guest.bionic.WideClasses(s.process()),
                new org.mdemu.guest.bionic.WideStdio(s.process(), stdio, wide, formatter),
                stdlib, environment, new RandomNumbers(s.process(), s.kernel()),
                new org.mdemu.guest.bionic.CtypeFunctions(s.process()), new org.mdemu.guest.bionic.LocaleFunctions(s.process()),
                new org.mdemu.guest.bionic.TimeFunctions(s.process(), zones),
                new SystemFunctions(s.process(), s.kernel(), s.syscalls(), s.hwcap(), s.cpus()),
                new FileFunctions(s.process(), s.kernel(), s.files()), new StatFunctions(s.process(), s.kernel()),
                new DirentFunctions(s.process(), s.kernel(), s.files()), new MemoryFunctions(s.process(), s.kernel()),
                new ResourceFunctions(s.process(), s.kernel()), properties);
        // What the NDK's libc++_shared.so, libc++abi and libunwind import beyond the sections above.
        org.mdemu.guest.bionic.AbortMessage abortMessage = new org.mdemu.guest.bionic.AbortMessage(s.process());
        org.mdemu.guest.bionic.ThreadExitDestructors threadLocalDestructors =
                new org.mdemu.guest.bionic.ThreadExitDestructors(s.process());
        stdlib.finalizeThreadFirst(threadLocalDestructors::finalizeCurrentThread);
        stdlib.recordAbortMessagesIn(abortMessage);
        libc.declare(abortMessage, threadLocalDestructors,
                new org.mdemu.guest.bionic.SyslogFunctions(s.process(), formatter, () -> environment.programName()),
                new org.mdemu.guest.bionic.SendfileFunctions(s.process(), s.kernel()),
                new org.mdemu.guest.bionic.IoctlFunction(s.process(), s.syscalls()),
                new org.mdemu.guest.bionic.LocaleVariants());
        tls = new org.mdemu.guest.bionic.ThreadLocalStorage(s.process());
        completion = new org.mdemu.guest.bionic.LibcCompletion(s.process(), s.kernel(), s.files(), stdio,
                formatter, environment::get, properties, s.properties(), tls, codeMap(s.libdl()));
        libc.declare(zones, completion);
        PthreadMutexes mutexes = new PthreadMutexes(s.process());
        libc.declare(tls, new Pthreads(s.process(), tls, threadLocalDestructors), mutexes, new PthreadConds(s.process(), mutexes),
                new PthreadRwlocks(s.process()), new PthreadOnceBarriersSpins(s.process()), new Semaphores(s.process()));
        libc.declare(new PollFunctions(s.process(), s.kernel()), new org.mdemu.guest.bionic.ChannelFunctions(s.process(), s.kernel()),
                new org.mdemu.guest.bionic.SignalFunctions(s.process()));
        LibDl dl = s.libdl() == null ? LibDl.declarationsOnly() : s.libdl();
        LibraryTable libm = MathFunctions.newTable();
        libm.declare(new MathFunctions());
        LibraryTable libdl = new LibraryTable("libdl.so", "LIBC");
        libdl.declare(dl);
        LibraryTable liblog = AndroidLog.newTable();
        log = new AndroidLog(s.process(), formatter, abortMessage);
        liblog.declare(log);
        BinderThreadPool binderThreads = new BinderThreadPool(s.process());
        BinderNdkLibrary binderNdk = new BinderNdkLibrary(s.process(), binderThreads);
        LibraryTable libbinderNdk = BinderNdkLibrary.newTable();
        libbinderNdk.declare(binderNdk);
        LibraryTable vmPayload = VmPayloadLibrary.newTable();
        vmPayload.declare(new VmPayloadLibrary(s.process(), s.onPayloadReady(), s.identity(), s.secret()));
        vmPayload.declare(new org.mdemu.guest.payload.EncryptedStoreFunctions(s.process(), s.encryptedStorage()),
                new org.mdemu.guest.payload.RollbackProtectedSecrets(s.process(), s.instance(), s.secret()),
                new org.mdemu.guest.payload.InstanceStatus(s.process(), s.identity()),
                new org.mdemu.guest.payload.DiceFunctions(s.process(), s.dice()),
                new org.mdemu.guest.payload.AttestationFunctions(s.process(), s.dice(),
                        org.mdemu.guest.attestation.VmSecureRandom.of(s.kernel() == null ? null : s.kernel().random())),
                new VsockRpcServer(s.process(), binderNdk, binderThreads,
                        () -> s.kernel() == null ? null : s.kernel().sockets().vsock(),
                        name -> s.libdl() == null ? 0 : s.libdl().globalSymbol(name)));
        LibraryTable libz = org.mdemu.guest.libz.Zlib.newTable(s.process(), s.kernel());
        for (LibraryTable t : List.of(libc, libm, libdl, liblog, vmPayload, libbinderNdk, libz)) tables.put(t.soname(), t);
    }

    /** The linker's view libc's unwinder and backtrace functions need. */
    private static org.mdemu.guest.bionic.CodeMap codeMap(LibDl dl) {
        if (dl == null) return org.mdemu.guest.bionic.CodeMap.NONE;
        return new org.mdemu.guest.bionic.CodeMap() {
            @Override
            public List<Module> modules() {
                return dl.loadedObjects().stream().map(o -> new Module(o.bias(), o.phdrAddress(), o.phdrCount()))
                        .toList();
            }

            @Override
            public Location locate(long address) {
                LibDl.Location l = dl.locate(address);
                return l == null ? null : new Location(l.path(), l.base(), l.symbol(), l.symbolAddress());
            }

            @Override
            public long symbol(String name) {
                return dl.globalSymbol(name);
            }
        };
    }

    /** A documentation-only image: the tables without a process behind them. */
    public static SystemImage forInspection() {
        return new SystemImage(new Services(null, null, null, null, 0, 1, Map.of(), Map.of(), () -> { }, () -> { },
                null, null, null, null, false, null));
    }

    public List<LibraryTable> tables() {
        return new ArrayList<>(tables.values());
    }

    public LibraryTable table(String soname) {
        return tables.get(soname);
    }

    AndroidLog log() {
        return log;
    }

    org.mdemu.guest.bionic.ThreadLocalStorage tls() {
        return tls;
    }

    /** Tombstone lines for the crash details the payload registered. */
    public List<String> crashDetailLines() {
        return completion.crashDetailLines();
    }

    /** In fork's child: drops what the child does not inherit (timers). */
    public void afterForkInChild() {
        completion.afterForkInChild();
    }

    /** What __register_atfork recorded: fork runs these. */
    public org.mdemu.guest.bionic.SignalWaits.ForkHandlers forkHandlers() {
        return completion.forkHandlers();
    }

    StdlibFunctions stdlib() {
        return stdlib;
    }

    /** Microdroid-like system properties; ro.debuggable and ro.boot.microdroid.debuggable follow the debug level. */
    public static Map<String, String> microdroidProperties(boolean debuggable) {
        Map<String, String> p = new LinkedHashMap<>();
        // What microdroid/build.prop and its genrule give an arm64 image: the ABI, the ro.build.version.* copied from
        // the system image it was built with (Android 14 here), updatable APEXes and adb over vsock.
        p.put("ro.build.version.sdk", "34");
        p.put("ro.build.version.release", "14");
        p.put("ro.build.version.codename", "REL");
        p.put("ro.build.version.security_patch", "2023-12-05");
        p.put("ro.build.version.known_codenames", "Base,Base11,Cupcake,Donut,Eclair,Froyo,Gingerbread,Honeycomb,"
                + "IceCreamSandwich,IceCreamSandwichMR1,JellyBean,JellyBeanMR1,JellyBeanMR2,Kitkat,KitkatWatch,Lollipop,"
                + "LollipopMR1,M,N,NMR1,O,OMR1,P,Q,R,S,Sv2,Tiramisu,UpsideDownCake");
        p.put("ro.product.cpu.abi", "arm64-v8a");
        p.put("ro.product.cpu.abilist", "arm64-v8a");
        p.put("ro.apex.updatable", "true");
        p.put("ro.adb.secure", "0");
        p.put("service.adb.listen_addrs", "vsock:5555");
        p.put("ro.product.name", "microdroid");
        p.put("ro.hardware", "microdroid");
        p.put("ro.debuggable", debuggable ? "1" : "0");
        p.put("ro.boot.microdroid.debuggable", debuggable ? "1" : "0");
        p.put("ro.boot.hardware", "microdroid");
        return p;
    }

    public static Map<String, String> microdroidEnvironment() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PATH", "/system/bin");
        e.put("ANDROID_ROOT", "/system");
        e.put("ANDROID_DATA", "/data");
        e.put("TMPDIR", "/data/local/tmp");
        return e;
    }

}
