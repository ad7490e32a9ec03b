package dev.corelanes.engine;

/** How one task's body ended, and the CPU time its thread used (-1 when the JVM cannot tell). */
public record TaskOutcome(TaskStatus status, long cpuNanos) {
}
