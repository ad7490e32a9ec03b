package dev.corelanes.engine.lab;

/** How threads protect the shared counter. */
public enum CounterGuard {
    /** {@code count++} on a volatile field: read, add, write — three steps another thread can interleave. */
    NONE("no lock"),
    /** {@code synchronized}: one thread at a time does the three steps. */
    LOCK("lock"),
    /** {@code AtomicLong.incrementAndGet()}: one indivisible CPU instruction. */
    ATOMIC("atomic");

    private final String label;

    CounterGuard(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
