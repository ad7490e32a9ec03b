package dev.corelanes.engine;

import java.util.Locale;

/** What one task does: sleep like {@code time.sleep(s)} (I/O-like) or compute (CPU-bound). */
public enum TaskKind {
    SLEEP, COMPUTE;

    /** The lower-case name used on the command line and in run files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskKind parse(String text) {
        for (TaskKind k : values()) {
            if (k.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return k;
            }
        }
        throw new SpecException("Unknown task kind '" + text + "': use sleep or compute.");
    }
}
