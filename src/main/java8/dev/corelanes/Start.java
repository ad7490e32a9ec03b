package dev.corelanes;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The jar's entry point, compiled for Java 8 on purpose: a student whose default {@code java} is older than
 * 21 gets a message saying what to do instead of an {@code UnsupportedClassVersionError} stack trace. On
 * Java 21 or newer it hands over to {@link Main} at once. Nothing else belongs here.
 */
public final class Start {

    static final int NEEDED = 21;

    private Start() {
    }

    public static void main(String[] args) throws Throwable {
        int feature = feature(System.getProperty("java.specification.version", ""));
        if (feature > 0 && feature < NEEDED) {
            System.err.println(message(feature, System.getProperty("java.home", "?")));
            System.exit(1);
            return;
        }
        Method main = Class.forName("dev.corelanes.Main").getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // as if Main had been called directly
        }
    }

    /** The feature release of a {@code java.specification.version}: "1.8" → 8, "17" → 17; 0 when unreadable. */
    static int feature(String specificationVersion) {
        String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        try {
            return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** What to do, naming the Java that ran and how to get a newer one on each OS. */
    static String message(int feature, String javaHome) {
        return "CoreLanes needs Java " + NEEDED + " or newer, but this `java` is Java " + feature + " (" + javaHome
                + ").\n"
                + "Install a JDK " + NEEDED + "+ and start CoreLanes with its `java`:\n"
                + "  Linux:   your package manager (e.g. `sudo apt install openjdk-21-jdk`,"
                + " `sudo dnf install java-21-openjdk`) or Eclipse Temurin from adoptium.net\n"
                + "  macOS:   `brew install --cask temurin@21`\n"
                + "  Windows: `winget install EclipseAdoptium.Temurin.21.JDK`\n"
                + "then run the same command again (put the new JDK's bin folder first on PATH, or call its java"
                + " by its full path).";
    }
}
