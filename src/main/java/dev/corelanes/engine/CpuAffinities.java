package dev.corelanes.engine;

import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Picks the affinity API of this OS; one that fails to load becomes an honest "not available". */
final class CpuAffinities {

    private static volatile CpuAffinity detected;

    private CpuAffinities() {
    }

    static CpuAffinity detect() {
        CpuAffinity a = detected;
        if (a == null) {
            synchronized (CpuAffinities.class) {
                a = detected;
                if (a == null) {
                    a = load();
                    detected = a;
                }
            }
        }
        return a;
    }

    private static CpuAffinity load() {
        try {
            if (Platform.isLinux()) {
                LinuxAffinity linux = new LinuxAffinity();
                linux.allowedCpus(); // fails here, not in a run, if the call is missing
                return linux;
            }
            if (Platform.isWindows()) {
                WindowsAffinity windows = new WindowsAffinity();
                windows.allowedCpus();
                return windows;
            }
            if (Platform.isMac()) {
                return unsupported("macOS has no API to pin a thread or process to CPUs (its affinity tags are "
                        + "only hints, and Apple silicon ignores them)");
            }
            return unsupported(System.getProperty("os.name") + " has no CPU pinning in CoreLanes");
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no native access here
            return unsupported("CPU pinning could not be loaded (" + e.getMessage() + ")");
        }
    }

    static CpuAffinity unsupported(String why) {
        return new CpuAffinity() {
            @Override
            public boolean supported() {
                return false;
            }

            @Override
            public String unsupportedReason() {
                return why;
            }

            @Override
            public List<Integer> allowedCpus() {
                List<Integer> all = new ArrayList<>();
                for (int c = 0; c < Runtime.getRuntime().availableProcessors(); c++) {
                    all.add(c);
                }
                return all;
            }

            @Override
            public Pinning pin(List<Integer> cpus) {
                throw new IllegalStateException("cannot use only some cores: " + why);
            }
        };
    }

    /** A CPU set as the kernel's bit mask: bit c of word c / 64. */
    static long[] mask(List<Integer> cpus, int words) {
        long[] m = new long[words];
        for (int c : cpus) {
            m[c / 64] |= 1L << (c % 64);
        }
        return m;
    }

    static List<Integer> cpusOf(long[] mask) {
        List<Integer> cpus = new ArrayList<>();
        for (int w = 0; w < mask.length; w++) {
            for (int b = 0; b < 64; b++) {
                if ((mask[w] & (1L << b)) != 0) {
                    cpus.add(w * 64 + b);
                }
            }
        }
        return cpus;
    }

    /** Linux: glibc's sched_getaffinity/sched_setaffinity, per thread (0 = the calling thread). */
    static final class LinuxAffinity implements CpuAffinity {
        /** A mask for CPU 0 … CpuList.MAX_CPU (8 KiB): larger than glibc's 1024-CPU cpu_set_t, as big machines need. */
        private static final int WORDS = (CpuList.MAX_CPU + 1) / 64;

        static {
            Native.register(LinuxAffinity.class, Platform.C_LIBRARY_NAME);
        }

        // size_t is a long on the 64-bit Linux JDKs CoreLanes runs on.
        private static native int sched_getaffinity(int tid, long size, long[] mask);

        private static native int sched_setaffinity(int tid, long size, long[] mask);

        @Override
        public boolean supported() {
            return true;
        }

        @Override
        public String unsupportedReason() {
            return "";
        }

        @Override
        public List<Integer> allowedCpus() {
            return cpusOf(get(0));
        }

        private static long[] get(int tid) {
            long[] m = new long[WORDS];
            if (sched_getaffinity(tid, WORDS * 8L, m) != 0) {
                throw new IllegalStateException("sched_getaffinity failed (errno " + Native.getLastError() + ")");
            }
            return m;
        }

        @Override
        public Pinning pin(List<Integer> cpus) {
            long[] original = get(0);
            List<Integer> allowed = cpusOf(original);
            List<Integer> outside = cpus.stream().filter(c -> !allowed.contains(c)).toList();
            if (!outside.isEmpty()) {
                throw new IllegalStateException("CPU " + CpuList.format(outside) + " is not usable by this process"
                        + " (it may use CPU " + CpuList.format(allowed) + ")");
            }
            long[] pinned = mask(cpus, WORDS);
            if (sched_setaffinity(0, WORDS * 8L, pinned) != 0) {
                throw new IllegalStateException("the OS refused to pin to CPU " + CpuList.format(cpus) + " (errno "
                        + Native.getLastError() + ")");
            }
            return new Pinning() {
                @Override
                public void pinThisThread() {
                    sched_setaffinity(0, WORDS * 8L, pinned);
                }

                @Override
                public void close() {
                    // Virtual threads' carriers and pool threads outlive the run: find every thread still on
                    // the run's mask and give it back the former one. Threads not of the run are untouched.
                    sched_setaffinity(0, WORDS * 8L, original);
                    for (int tid : threadIds()) {
                        long[] now = new long[WORDS];
                        if (sched_getaffinity(tid, WORDS * 8L, now) == 0 && Arrays.equals(now, pinned)) {
                            sched_setaffinity(tid, WORDS * 8L, original);
                        }
                    }
                }
            };
        }

        private static List<Integer> threadIds() {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                return tasks.map(p -> p.getFileName().toString()).filter(s -> s.chars().allMatch(Character::isDigit))
                        .map(Integer::parseInt).toList();
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        }
    }

    /**
     * Windows: the process's affinity mask, for the run's length. A thread's mask (SetThreadAffinityMask)
     * would not reach child processes, which inherit the process's mask; so the window shares those CPUs
     * during the run. Only processor group 0 (the first 64 CPUs) can be chosen.
     */
    static final class WindowsAffinity implements CpuAffinity {
        static {
            Native.register(WindowsAffinity.class, "kernel32");
        }

        private static native long GetCurrentProcess();

        private static native int GetProcessAffinityMask(long process, long[] processMask, long[] systemMask);

        private static native int SetProcessAffinityMask(long process, long mask);

        @Override
        public boolean supported() {
            return true;
        }

        @Override
        public String unsupportedReason() {
            return "";
        }

        @Override
        public List<Integer> allowedCpus() {
            return cpusOf(new long[]{processMask()});
        }

        private static long processMask() {
            long[] proc = new long[1];
            long[] sys = new long[1];
            if (GetProcessAffinityMask(GetCurrentProcess(), proc, sys) == 0) {
                throw new IllegalStateException("GetProcessAffinityMask failed (error " + Native.getLastError() + ")");
            }
            return proc[0];
        }

        @Override
        public Pinning pin(List<Integer> cpus) {
            long original = processMask();
            List<Integer> allowed = cpusOf(new long[]{original});
            List<Integer> outside = cpus.stream().filter(c -> !allowed.contains(c)).toList();
            if (!outside.isEmpty()) {
                throw new IllegalStateException("CPU " + CpuList.format(outside) + " is not usable by this process"
                        + " (it may use CPU " + CpuList.format(allowed) + ")");
            }
            if (SetProcessAffinityMask(GetCurrentProcess(), mask(cpus, 1)[0]) == 0) {
                throw new IllegalStateException("the OS refused to pin to CPU " + CpuList.format(cpus) + " (error "
                        + Native.getLastError() + ")");
            }
            return new Pinning() {
                @Override
                public void pinThisThread() {
                    // the process's mask covers every thread
                }

                @Override
                public void close() {
                    SetProcessAffinityMask(GetCurrentProcess(), original);
                }
            };
        }
    }
}
