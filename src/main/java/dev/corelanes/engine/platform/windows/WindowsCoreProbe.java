package dev.corelanes.engine.platform.windows;

import com.sun.jna.Native;
import dev.corelanes.engine.platform.CoreProbe;

/** Windows: kernel32's GetCurrentProcessorNumber() (processor number within its group). */
public final class WindowsCoreProbe implements CoreProbe {
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
