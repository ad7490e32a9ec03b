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
        try {
            if (Platform.isLinux()) {
                return check(new LinuxCoreProbe());
            }
            if (Platform.isWindows()) {
                return check(new WindowsCoreProbe());
            }
            return unknown("core unknown: " + System.getProperty("os.name")
                    + " has no API to read the current CPU of a thread");
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no native access here
            return unknown("core unknown: the native call could not be loaded (" + e.getMessage() + ")");
        }
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
