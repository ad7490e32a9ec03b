package dev.corelanes.launch;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C environment of this process, which native libraries read ({@code getenv(3)}) and Java cannot change:
 * the installed app's launcher starts its JVM in-process with the user's environment, so a variable the window
 * needs before GTK starts (GDK_GL) is set here, through JNA, as the jar's restart sets it for its child. Linux
 * and macOS only (Windows has no GTK); loaded only when called.
 */
final class NativeEnvironment {

    private NativeEnvironment() {
    }

    /** Sets {@code name} to {@code value} unless it is set already; false where that cannot be done. */
    static boolean setIfAbsent(String name, String value) {
        if (Platform.isWindows()) {
            return false;
        }
        try {
            return Libc.setenv(name, value, 0) == 0;
        } catch (Throwable e) { // no JNA library here: the window starts as before
            return false;
        }
    }

    /** The C library's view of {@code name} (what GTK will read), or null. */
    static String get(String name) {
        try {
            return Platform.isWindows() ? null : Libc.getenv(name);
        } catch (Throwable e) {
            return null;
        }
    }

    /** libc, registered on first use. */
    static final class Libc {
        static {
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        static native int setenv(String name, String value, int overwrite);

        static native String getenv(String name);
    }
}
