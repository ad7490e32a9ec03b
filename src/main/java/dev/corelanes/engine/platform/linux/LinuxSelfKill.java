package dev.corelanes.engine.platform.linux;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.corelanes.engine.platform.SelfKill;

/** Linux: {@code kill(getpid(), SIGKILL)} from glibc. Bound only when called. */
public final class LinuxSelfKill implements SelfKill {

    @Override
    public void now() {
        Calls.kill(Math.toIntExact(ProcessHandle.current().pid()), 9);
    }

    private static final class Calls {
        static {
            Native.register(Calls.class, Platform.C_LIBRARY_NAME);
        }

        static native int kill(int pid, int signal);
    }
}
