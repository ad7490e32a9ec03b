package dev.corelanes.engine.platform.linux;

import dev.corelanes.engine.platform.CoreProbe;

import java.util.Optional;

/**
 * Linux's {@code sched_getcpu()} through the JDK's own foreign function API — on Java 21 there is none.
 *
 * <p>The jar is multi-release: on Java 22 and later the JVM loads {@code META-INF/versions/22}'s
 * {@code ForeignProbe} instead of this one (source in {@code src/main/java22}), which makes the call with
 * {@code java.lang.foreign}, final since Java 22. We compile for Java 21, where that API is a preview and
 * cannot be named; calling it by reflection instead cost a worker ~40 ms of method-handle spinning at start.
 * Here, and from a class folder ({@code mvn javafx:run}, tests), the caller uses JNA as before.
 */
public final class ForeignProbe {

    private ForeignProbe() {
    }

    /** Empty: Java 21 has no final foreign function API (see the class comment). */
    public static Optional<CoreProbe> linux() {
        return Optional.empty();
    }
}
