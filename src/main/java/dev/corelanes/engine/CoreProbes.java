package dev.corelanes.engine;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/** Picks and caches the core probe for this OS; a probe that fails to load becomes an honest "unknown". */
final class CoreProbes {

    private static volatile CoreProbe detected;

    private CoreProbes() {
    }

    static CoreProbe detect() {
        CoreProbe p = detected;
        if (p == null) {
            synchronized (CoreProbes.class) {
                p = detected;
                if (p == null) {
                    p = load();
                    detected = p;
                }
            }
        }
        return p;
    }

    private static CoreProbe load() {
        // The JDK's own foreign calls first (Java 22+, Linux): a worker then never loads JNA at all.
        var foreign = ForeignProbe.linux();
        if (foreign.isPresent() && foreign.get().currentCore() >= 0) {
            return foreign.get();
        }
        try {
            if (Platform.isLinux()) {
                return check(new LinuxCoreProbe());
            }
            if (Platform.isWindows()) {
                return check(new WindowsCoreProbe());
            }
            if (Platform.isMac()) {
                return mac(MacCoreProbe::new, System.getProperty("os.version"));
            }
            return unknown("core unknown: CoreLanes has no way to read the current CPU of a thread on "
                    + System.getProperty("os.name"));
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no native access here
            return unknown("core unknown: the native call could not be loaded (" + e.getMessage() + ")");
        }
    }

    /**
     * macOS: pthread_cpu_number_np() exists from macOS 11; before that, binding it fails and the core is
     * unknown with that reason.
     */
    static CoreProbe mac(java.util.function.Supplier<CoreProbe> load, String osVersion) {
        CoreProbe p;
        try {
            p = load.get();
        } catch (Throwable e) { // UnsatisfiedLinkError, or its NoClassDefFoundError on a second try
            return unknown("core unknown: pthread_cpu_number_np() is missing (it needs macOS 11 or later; this is "
                    + "macOS " + osVersion + ")");
        }
        return check(p);
    }

    private static CoreProbe check(CoreProbe p) {
        int core = p.currentCore();
        return core >= 0 ? p : unknown("core unknown: " + p.description() + " returned " + core);
    }

    static CoreProbe unknown(String why) {
        return new CoreProbe() {
            @Override
            public int currentCore() {
                return Span.NO_CORE;
            }

            @Override
            public boolean available() {
                return false;
            }

            @Override
            public String description() {
                return why;
            }
        };
    }

    /** Linux: glibc's sched_getcpu(), bound by JNA direct mapping (no per-call reflection). */
    static final class LinuxCoreProbe implements CoreProbe {
        static {
            // "libc.so.6", not "c": dlopen("libc.so") fails on distributions where it is a linker script,
            // and JNA then searches the disk and runs ldconfig — ~50 ms of every worker process's start-up.
            Native.register(LinuxCoreProbe.class, Platform.C_LIBRARY_NAME);
        }

        private static native int sched_getcpu();

        @Override
        public int currentCore() {
            return sched_getcpu();
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String description() {
            return "sched_getcpu()";
        }
    }

    /**
     * macOS 11+: libSystem's {@code int pthread_cpu_number_np(size_t *cpu)}, on Apple silicon and Intel Macs.
     * The number is the CPU the thread runs on at the call, as on the other systems.
     */
    static final class MacCoreProbe implements CoreProbe {
        static {
            Native.register(MacCoreProbe.class, "System");
        }

        // size_t * as a one-element long array: macOS runs 64-bit only.
        private static native int pthread_cpu_number_np(long[] cpu);

        private final ThreadLocal<long[]> slot = ThreadLocal.withInitial(() -> new long[1]);

        @Override
        public int currentCore() {
            long[] cpu = slot.get();
            return pthread_cpu_number_np(cpu) == 0 ? (int) cpu[0] : Span.NO_CORE;
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String description() {
            return "pthread_cpu_number_np()";
        }
    }

    /** Windows: kernel32's GetCurrentProcessorNumber() (processor number within its group). */
    static final class WindowsCoreProbe implements CoreProbe {
        static {
            Native.register(WindowsCoreProbe.class, "kernel32");
        }

        private static native int GetCurrentProcessorNumber();

        @Override
        public int currentCore() {
            return GetCurrentProcessorNumber();
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String description() {
            return "GetCurrentProcessorNumber()";
        }
    }
}
