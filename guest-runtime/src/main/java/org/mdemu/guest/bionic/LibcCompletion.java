package org.mdemu.guest.bionic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.vfs.FileTable;

/**
 * The libc sections that complete bionic's arm64 symbol set (issue 12): declared together so the system image adds
 * them in one place. Each section is its own class; this only wires them to the services they need.
 */
public final class LibcCompletion implements LibrarySection {
    private final List<LibrarySection> sections = new ArrayList<>();
    private final SignalWaits.ForkHandlers forkHandlers = new SignalWaits.ForkHandlers();
    private final SignalTimers timers;

    private final AndroidPlatform platform;

    public LibcCompletion(GuestProcess process, LinuxKernel kernel, FileTable files, StdioFunctions stdio,
                          PrintfFormatter formatter, Function<String, String> environment,
                          PropertyFunctions properties, java.util.Map<String, String> propertyValues,
                          ThreadLocalStorage tls, CodeMap code) {
        NetDatabase netdb = new NetDatabase(process, environment);
        DnsNames names = new DnsNames(process);
        sections.add(new NetworkAddresses(process));
        sections.add(names);
        sections.add(new DnsResolver(process, names, stdio, netdb));
        sections.add(netdb);
        sections.add(new SearchTables(process));
        sections.add(new RegexFunctions(process));
        sections.add(new PathPatterns(process));
        sections.add(new Passwords(process));
        sections.add(new FloatClassification(process));
        sections.add(new Messages(process, stdio, formatter));
        sections.add(new OptionParsing(process, stdio, environment));
        sections.add(new IconvFunctions(process));
        sections.add(new C11Threads(process));
        sections.add(new StdioExtras(process, stdio, environment));
        sections.add(new ProcessIdentity(process, kernel == null ? null : kernel.processes()));
        sections.add(new Terminals(process));
        sections.add(new FileExtras(process, files));
        ProcessFunctions processFunctions = new ProcessFunctions(process, kernel, files, stdio, environment);
        processFunctions.useForkHandlers(forkHandlers);
        sections.add(processFunctions);
        sections.add(new SystemTables(process));
        sections.add(new MallocExtras(process, stdio));
        sections.add(new SystemPropertyExtras(process, properties));
        sections.add(new FdSanitizer(process, kernel, propertyValues));
        sections.add(new ThreadProperties(process, tls));
        sections.add(new FileTreeWalk(process));
        sections.add(new Unwinder(process, code));
        platform = new AndroidPlatform(process, kernel, propertyValues, code::symbol);
        sections.add(platform);
        timers = new SignalTimers(process);
        sections.add(timers);
        sections.add(new SignalWaits(process, timers, forkHandlers));
    }

    /** The tombstone lines of the crash details the payload registered (android_crash_detail_register). */
    public java.util.List<String> crashDetailLines() {
        return platform.crashDetailLines();
    }

    /** The handlers __register_atfork recorded, for fork to run. */
    /** In fork's child, once it holds a copy of the parent's state: what Linux does not let it inherit. */
    public void afterForkInChild() {
        timers.clearAfterFork();
    }

    public SignalWaits.ForkHandlers forkHandlers() {
        return forkHandlers;
    }

    @Override
    public void declare(LibraryTable table) {
        for (LibrarySection s : sections) s.declare(table);
    }
}
