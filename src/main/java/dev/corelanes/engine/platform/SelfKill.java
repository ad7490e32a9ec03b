package dev.corelanes.engine.platform;

/**
 * This process killed by the OS from inside, the way a kill from outside would — without the JVM's exit path.
 * The process API cannot do that ({@code ProcessHandle.current().destroyForcibly()} is refused).
 */
@FunctionalInterface
public interface SelfKill {

    /** Kills this process; returns (or throws) only when the OS call could not be made. */
    void now();
}
