package dev.corelanes.engine.platform;

import java.util.Locale;

/**
 * The one decision of which operating system CoreLanes runs on. Every per-OS branch asks this, never
 * {@code os.name} itself, so a fixture can stand for another OS ({@link #of(String)}) and the rules for
 * telling the systems apart live in one place.
 */
public enum Os {
    LINUX, WINDOWS, MAC, OTHER;

    private static final Os CURRENT = of(System.getProperty("os.name", ""));

    /** The OS this JVM runs on. */
    public static Os current() {
        return CURRENT;
    }

    /**
     * The OS a value of the {@code os.name} property names. The JDK reports "Windows 11", "Windows Server
     * 2022", "Mac OS X" (every macOS release) and "Linux"; anything else (the BSDs, AIX) is {@link #OTHER}.
     */
    public static Os of(String osName) {
        String n = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (n.startsWith("windows")) {
            return WINDOWS;
        }
        if (n.startsWith("mac")) {
            return MAC;
        }
        if (n.startsWith("linux")) {
            return LINUX;
        }
        return OTHER;
    }

    /** The OS's own name for messages ("Windows 11", "Mac OS X"): shown to the user, never decided on. */
    public static String displayName() {
        return System.getProperty("os.name", "this system");
    }

    public boolean isWindows() {
        return this == WINDOWS;
    }

    public boolean isMac() {
        return this == MAC;
    }

    public boolean isLinux() {
        return this == LINUX;
    }
}
