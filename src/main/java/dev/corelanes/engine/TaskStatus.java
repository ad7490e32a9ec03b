package dev.corelanes.engine;

import java.util.Locale;

/** How a task, or a whole run, ended. */
public enum TaskStatus {
    COMPLETED, CANCELLED, FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskStatus parse(String text) {
        for (TaskStatus s : values()) {
            if (s.id().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status '" + text + "'");
    }
}
