package dev.corelanes.app;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.hardware.Hardware;

/**
 * The machine's {@link Hardware}, found on its first use rather than when the window is built: OSHI's
 * classes, its native library (JNA) and its first queries then load on the session's sampler thread, after
 * the first frame, instead of delaying the window on the FX thread.
 */
final class DeferredHardware implements Hardware {

    private volatile Hardware found;

    private Hardware hardware() {
        Hardware h = found;
        if (h == null) {
            synchronized (this) {
                h = found;
                if (h == null) {
                    h = Hardware.detect();
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
