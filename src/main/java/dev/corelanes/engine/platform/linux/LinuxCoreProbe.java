package dev.corelanes.engine.platform.linux;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.corelanes.engine.platform.CoreProbe;

/** Linux: glibc's sched_getcpu(), bound by JNA direct mapping (no per-call reflection). */
public final class LinuxCoreProbe implements CoreProbe {
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
