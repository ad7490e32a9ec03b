package dev.corelanes.engine.platform.other;

import dev.corelanes.engine.platform.MemoryReader;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Any other OS OSHI knows (FreeBSD, OpenBSD, Solaris, AIX): resident and private resident memory through OSHI's
 * {@link OSProcess}. OSHI reads no peak, so there is none here. Linux, Windows and macOS read their own calls
 * (their subpackages): a worker process must not load OSHI, and those calls give the peak as well.
 */
public final class OshiMemory implements MemoryReader {

    private volatile OperatingSystem os;

    @Override
    public long resident(long pid) {
        OSProcess p = process(pid);
        return p == null || p.getResidentMemory() <= 0 ? -1 : p.getResidentMemory();
    }

    @Override
    public long unique(long pid) {
        OSProcess p = process(pid);
        return p == null || p.getPrivateResidentMemory() <= 0 ? -1 : p.getPrivateResidentMemory();
    }

    @Override
    public long peakOfSelf() {
        return -1;
    }

    @Override
    public String source() {
        return "OSHI (resident memory)";
    }

    private OSProcess process(long pid) {
        try {
            if (os == null) {
                os = new SystemInfo().getOperatingSystem();
            }
            return pid > Integer.MAX_VALUE ? null : os.getProcess((int) pid);
        } catch (RuntimeException | LinkageError e) { // an OS OSHI does not support, or no native access
            return null;
        }
    }
}
