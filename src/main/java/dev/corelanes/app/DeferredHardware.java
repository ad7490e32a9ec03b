package dev.corelanes.app;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.hardware.Hardware;

/**
 * The machine's {@link Hardware}, found on its first use rather than when the window is built: OSHI's
 * classes, its native library (JNA) and its first queries then load on the session's sampler thread, after
 * the first frame, instead of delaying the window on the FX thread.
 */
final class DeferredHardware implements Hardware {

    private final java.util.function.Supplier<Hardware> find;
    private volatile Hardware found;

    DeferredHardware() {
        this(Hardware::detect);
    }

    /** {@code find} is called once, by the first caller of {@link #machine()} or {@link #cpuLoads()}. */
    DeferredHardware(java.util.function.Supplier<Hardware> find) {
        this.find = find;
    }

    private Hardware hardware() {
        Hardware h = found;
        if (h == null) {
            synchronized (this) {
                h = found;
                if (h == null) {
                    h = find.get();
                    found = h;
                }
            }
        }
        return h;
    }

    @Override
    public MachineInfo machine() {
        return hardware().machine();
    }

    @Override
    public double[] cpuLoads() {
        return hardware().cpuLoads();
    }
}
