package dev.corelanes.engine.platform.windows;

import com.sun.jna.Native;
import dev.corelanes.engine.platform.SelfKill;

/**
 * Windows: {@code TerminateProcess(GetCurrentProcess(), exitCode)}, which, when a process terminates itself,
 * "stops execution of the calling thread and does not return" (Microsoft's documentation). Bound only when called.
 */
public final class WindowsSelfKill implements SelfKill {

    private final int exitCode;

    public WindowsSelfKill(int exitCode) {
        this.exitCode = exitCode;
    }

    @Override
    public void now() {
        Calls.TerminateProcess(Calls.GetCurrentProcess(), exitCode);
    }

    private static final class Calls {
        static {
            Native.register(Calls.class, "kernel32");
        }

        static native long GetCurrentProcess();

        static native int TerminateProcess(long process, int exitCode);
    }
}
