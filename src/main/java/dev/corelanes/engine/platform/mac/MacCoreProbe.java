package dev.corelanes.engine.platform.mac;

import com.sun.jna.Native;
import dev.corelanes.engine.platform.CoreProbe;

/**
 * macOS 11+: libSystem's {@code int pthread_cpu_number_np(size_t *cpu)}, on Apple silicon and Intel Macs.
 * The number is the CPU the thread runs on at the call, as on the other systems.
 */
public final class MacCoreProbe implements CoreProbe {
    static {
        Native.register(MacCoreProbe.class, "System");
    }

    // size_t * as a one-element long array: macOS runs 64-bit only.
    private static native int pthread_cpu_number_np(long[] cpu);

    private final ThreadLocal<long[]> slot = ThreadLocal.withInitial(() -> new long[1]);

    @Override
    public int currentCore() {
        long[] cpu = slot.get();
        return pthread_cpu_number_np(cpu) == 0 ? (int) cpu[0] : NO_CORE;
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
