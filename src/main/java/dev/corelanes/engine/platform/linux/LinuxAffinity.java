package dev.corelanes.engine.platform.linux;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.platform.CpuList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Linux: glibc's sched_getaffinity/sched_setaffinity, per thread (0 = the calling thread). */
public final class LinuxAffinity implements CpuAffinity {
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
        return CpuAffinity.cpusOf(get(0));
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
        String outside = CpuAffinity.outside(cpus, CpuAffinity.cpusOf(original));
        if (outside != null) {
            throw new IllegalStateException(outside);
        }
        long[] pinned = CpuAffinity.mask(cpus, WORDS);
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
