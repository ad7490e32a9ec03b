package dev.corelanes.engine.platform.mac;

import com.sun.jna.Native;
import dev.corelanes.engine.platform.SelfKill;

/** macOS: libSystem's {@code kill(getpid(), SIGKILL)}; SIGKILL is 9 as on Linux. Bound only when called. */
public final class MacSelfKill implements SelfKill {

    @Override
    public void now() {
        Calls.kill(Math.toIntExact(ProcessHandle.current().pid()), 9);
    }

    private static final class Calls {
        static {
            Native.register(Calls.class, "System");
        }

        static native int kill(int pid, int signal);
    }
}
