package dev.corelanes.engine.platform.windows;

import com.sun.jna.Native;
import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.platform.CpuList;

import java.util.List;

/**
 * Windows: the process's affinity mask, for the run's length. A thread's mask (SetThreadAffinityMask)
 * would not reach child processes, which inherit the process's mask; so the window shares those CPUs
 * during the run. Only processor group 0 (the first 64 CPUs) can be chosen.
 */
public final class WindowsAffinity implements CpuAffinity {
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
        return CpuAffinity.cpusOf(new long[]{processMask()});
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
        String outside = CpuAffinity.outside(cpus, CpuAffinity.cpusOf(new long[]{original}));
        if (outside != null) {
            throw new IllegalStateException(outside);
        }
        if (SetProcessAffinityMask(GetCurrentProcess(), CpuAffinity.mask(cpus, 1)[0]) == 0) {
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
