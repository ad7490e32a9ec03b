package dev.corelanes.engine.platform;

/**
 * The C environment of this process, which native libraries read ({@code getenv(3)}) and Java cannot change: the
 * installed app's launcher starts its JVM in-process with the user's environment, so a variable the window needs
 * before GTK starts ({@code GDK_GL}) is set here, as the jar's restart sets it for its child. Only where GTK is
 * what JavaFX uses (Linux); elsewhere nothing is set.
 */
public interface NativeEnvironment {

    /** Sets {@code name} to {@code value} unless it is set already; false where that cannot be done. */
    boolean setIfAbsent(String name, String value);

    /** The C library's value of {@code name} (what GTK will read), or null. */
    String get(String name);

    /** Where nothing is set. */
    NativeEnvironment NONE = new NativeEnvironment() {
        @Override
        public boolean setIfAbsent(String name, String value) {
            return false;
        }

        @Override
        public String get(String name) {
            return null;
        }
    };
}
