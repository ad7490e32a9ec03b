package dev.corelanes.engine.platform;

import java.util.Map;

/**
 * The machine's process table with process groups and sessions — what killing a child with everything it
 * started needs beyond {@link ProcessHandle#descendants()}, which loses a process whose parent died. Linux reads
 * it from {@code /proc}; where no OS source is wired in, it is not {@link #available()} and the caller kills
 * descendants only.
 */
public interface ProcessTable {

    /** True when groups and sessions can be read here. */
    boolean available();

    /** One process, or null when it is gone or unreadable. */
    ProcessEntry read(long pid);

    /** Every process that can be read, by pid (empty when not available). */
    Map<Long, ProcessEntry> all();

    /** The table of an OS that has none here. */
    ProcessTable NONE = new ProcessTable() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public ProcessEntry read(long pid) {
            return null;
        }

        @Override
        public Map<Long, ProcessEntry> all() {
            return Map.of();
        }
    };
}
