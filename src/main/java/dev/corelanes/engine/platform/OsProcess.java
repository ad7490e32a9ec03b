package dev.corelanes.engine.platform;

import java.util.List;

/**
 * One process of a thread table's reading, with its threads.
 *
 * @param pid     process id
 * @param ppid    its parent's id (the one it was started by; Windows keeps it even after that parent ended)
 * @param name    its image or command name, "" when unreadable
 * @param threads its threads at the reading, empty when it is gone or they could not be read
 */
public record OsProcess(int pid, int ppid, String name, List<OsThread> threads) {

    public OsProcess {
        name = name == null ? "" : name;
        threads = List.copyOf(threads);
    }
}
