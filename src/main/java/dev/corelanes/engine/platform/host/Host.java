package dev.corelanes.engine.platform.host;

import dev.corelanes.engine.platform.CoreProbe;
import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.platform.MemoryReader;
import dev.corelanes.engine.platform.NativeEnvironment;
import dev.corelanes.engine.platform.Os;
import dev.corelanes.engine.platform.OsThreadClock;
import dev.corelanes.engine.platform.PerfEvents;
import dev.corelanes.engine.platform.ProcessTable;
import dev.corelanes.engine.platform.SelfKill;
import dev.corelanes.engine.platform.ThreadTable;
import dev.corelanes.engine.platform.linux.ForeignProbe;
import dev.corelanes.engine.platform.linux.LinuxAffinity;
import dev.corelanes.engine.platform.linux.LinuxCoreProbe;
import dev.corelanes.engine.platform.linux.LinuxEnvironment;
import dev.corelanes.engine.platform.linux.LinuxMemory;
import dev.corelanes.engine.platform.linux.LinuxPerfEvents;
import dev.corelanes.engine.platform.linux.LinuxSelfKill;
import dev.corelanes.engine.platform.linux.LinuxThreadClock;
import dev.corelanes.engine.platform.linux.ProcTable;
import dev.corelanes.engine.platform.linux.ThreadStatProbe;
import dev.corelanes.engine.platform.mac.MacCoreProbe;
import dev.corelanes.engine.platform.mac.MacCoreProbes;
import dev.corelanes.engine.platform.mac.MacMemory;
import dev.corelanes.engine.platform.mac.MacSelfKill;
import dev.corelanes.engine.platform.mac.MacThreadTable;
import dev.corelanes.engine.platform.other.OshiMemory;
import dev.corelanes.engine.platform.windows.WindowsAffinity;
import dev.corelanes.engine.platform.windows.WindowsCoreProbe;
import dev.corelanes.engine.platform.windows.WindowsMemory;
import dev.corelanes.engine.platform.windows.WindowsSelfKill;
import dev.corelanes.engine.platform.windows.WindowsThreadTable;

/**
 * The one place that picks each OS's implementation of the platform interfaces, by {@link Os}. The rest of
 * CoreLanes asks here and never names {@code linux}, {@code windows} or {@code mac} (ArchitectureTest). A choice
 * that needs a native library binds it only when first used, so picking costs nothing, and a worker process on
 * Linux loads no JNA. Each {@code xxx(Os)} form lets a test see what another OS would get.
 */
public final class Host {

    private static volatile CoreProbe coreProbe;
    private static volatile CpuAffinity affinity;
    private static volatile OsThreadClock threadClock;
    private static volatile MemoryReader memory;

    private Host() {
    }

    /** The core probe of this machine, found once; a probe that fails to load becomes an honest "unknown". */
    public static CoreProbe coreProbe() {
        CoreProbe p = coreProbe;
        if (p == null) {
            synchronized (Host.class) {
                p = coreProbe;
                if (p == null) {
                    p = coreProbe(Os.current());
                    coreProbe = p;
                }
            }
        }
        return p;
    }

    /**
     * The core probe a worker process starts with: on Linux {@code /proc/thread-self/stat}, which needs nothing set
     * up before the worker's {@code hello} (binding the native call costs a cold JVM tens of milliseconds); elsewhere,
     * or when that file gives no core, {@link #coreProbe()}.
     */
    public static CoreProbe workerCoreProbe() {
        if (Os.current().isLinux()) {
            var stat = ThreadStatProbe.linux();
            if (stat.isPresent()) {
                return stat.get();
            }
        }
        return coreProbe();
    }

    static CoreProbe coreProbe(Os os) {
        try {
            return switch (os) {
                case LINUX -> {
                    // The JDK's own foreign calls first (Java 22+): a worker then never loads JNA at all.
                    var foreign = ForeignProbe.linux();
                    yield foreign.isPresent() && foreign.get().currentCore() >= 0 ? foreign.get() : check(new LinuxCoreProbe());
                }
                case WINDOWS -> check(new WindowsCoreProbe());
                case MAC -> MacCoreProbes.load(MacCoreProbe::new, System.getProperty("os.version"));
                case OTHER -> CoreProbe.unknown("core unknown: CoreLanes has no way to read the current CPU of a "
                        + "thread on " + System.getProperty("os.name"));
            };
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no native access here
            return CoreProbe.unknown("core unknown: the native call could not be loaded (" + e.getMessage() + ")");
        }
    }

    private static CoreProbe check(CoreProbe p) {
        int core = p.currentCore();
        return core >= 0 ? p : CoreProbe.unknown("core unknown: " + p.description() + " returned " + core);
    }

    /** The affinity API of this machine, found once (or an honest "not available"). */
    public static CpuAffinity affinity() {
        CpuAffinity a = affinity;
        if (a == null) {
            synchronized (Host.class) {
                a = affinity;
                if (a == null) {
                    a = affinity(Os.current());
                    affinity = a;
                }
            }
        }
        return a;
    }

    static CpuAffinity affinity(Os os) {
        try {
            CpuAffinity a = switch (os) {
                case LINUX -> new LinuxAffinity();
                case WINDOWS -> new WindowsAffinity();
                case MAC -> CpuAffinity.unsupported("macOS has no API to pin a thread or process to CPUs (its affinity "
                        + "tags are only hints, and Apple silicon ignores them)");
                case OTHER -> CpuAffinity.unsupported(System.getProperty("os.name") + " has no CPU pinning in CoreLanes");
            };
            a.allowedCpus(); // fails here, not in a run, if the call is missing
            return a;
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no native access here
            return CpuAffinity.unsupported("CPU pinning could not be loaded (" + e.getMessage() + ")");
        }
    }

    /** The CPU clock of the calling OS thread (a virtual thread's carrier), found once. */
    public static OsThreadClock threadClock() {
        OsThreadClock c = threadClock;
        if (c == null) {
            synchronized (Host.class) {
                c = threadClock;
                if (c == null) {
                    c = threadClock(Os.current());
                    threadClock = c;
                }
            }
        }
        return c;
    }

    static OsThreadClock threadClock(Os os) {
        if (os.isLinux()) {
            LinuxThreadClock linux = new LinuxThreadClock();
            if (linux.available()) {
                return linux;
            }
            return OsThreadClock.unavailable(linux.unavailableReason());
        }
        return OsThreadClock.unavailable("a virtual thread's CPU time is measured on Linux only");
    }

    /** How this machine reads a process's memory. */
    public static MemoryReader memory() {
        MemoryReader m = memory;
        if (m == null) {
            m = memory(Os.current());
            memory = m;
        }
        return m;
    }

    /** The memory reader {@code os} gets: its own call on Linux, Windows and macOS, OSHI elsewhere. */
    /** The raw calls behind the kernel's perf event records: Linux's, none elsewhere. */
    public static java.util.Optional<PerfEvents> perfEvents() {
        return Os.current().isLinux() ? java.util.Optional.of(new LinuxPerfEvents()) : java.util.Optional.empty();
    }

    public static MemoryReader memory(Os os) {
        return switch (os) {
            case LINUX -> new LinuxMemory();
            case WINDOWS -> new WindowsMemory();
            case MAC -> new MacMemory();
            case OTHER -> new OshiMemory();
        };
    }

    /** The process table with groups and sessions of this machine ({@link ProcessTable#NONE} where none is read). */
    public static ProcessTable processTable() {
        return processTable(Os.current());
    }

    static ProcessTable processTable(Os os) {
        return os.isLinux() ? LINUX_TABLE : ProcessTable.NONE;
    }

    private static final ProcessTable LINUX_TABLE = new ProcTable();

    /**
     * The OS call that kills this process from inside: {@code kill(getpid(), SIGKILL)} on Linux and macOS (and any
     * other POSIX system whose C library JNA finds under Linux's name), {@code TerminateProcess} with
     * {@code exitCode} on Windows.
     */
    public static SelfKill selfKill(Os os, int exitCode) {
        return switch (os) {
            case WINDOWS -> new WindowsSelfKill(exitCode);
            case MAC -> new MacSelfKill();
            case LINUX, OTHER -> new LinuxSelfKill();
        };
    }

    /** The C environment native libraries read: settable on Linux, where JavaFX uses GTK; elsewhere none. */
    public static NativeEnvironment environment(Os os) {
        return os.isLinux() ? new LinuxEnvironment() : NativeEnvironment.NONE;
    }

    /**
     * Another process tree's threads as {@code os} reports them, for {@code corelanes trace} where there is no
     * {@code /proc}: macOS ({@code proc_pidinfo}) and Windows ({@code NtQuerySystemInformation}); null on Linux (its
     * richer /proc reader is the trace's own) and on other systems. Bound when first called.
     */
    public static ThreadTable threadTable(Os os) {
        return switch (os) {
            case MAC -> new MacThreadTable();
            case WINDOWS -> new WindowsThreadTable();
            case LINUX, OTHER -> null;
        };
    }
}
