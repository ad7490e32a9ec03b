package dev.corelanes.engine.platform.linux;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.corelanes.engine.platform.NativeEnvironment;

/** Linux: {@code setenv(3)} and {@code getenv(3)} from glibc. Bound only when called. */
public final class LinuxEnvironment implements NativeEnvironment {

    @Override
    public boolean setIfAbsent(String name, String value) {
        try {
            return Calls.setenv(name, value, 0) == 0;
        } catch (Throwable e) { // no JNA library here: nothing set, the window starts as before
            return false;
        }
    }

    @Override
    public String get(String name) {
        try {
            return Calls.getenv(name);
        } catch (Throwable e) {
            return null;
        }
    }

    private static final class Calls {
        static {
            Native.register(Calls.class, Platform.C_LIBRARY_NAME);
        }

        static native int setenv(String name, String value, int overwrite);

        static native String getenv(String name);
    }
}
