package dev.corelanes.engine.child;

import dev.corelanes.engine.platform.ProcessEntry;
import dev.corelanes.engine.platform.ProcessTable;
import dev.corelanes.engine.platform.host.Host;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A child and everything it started: its descendants, and on Linux every member of a process group or
 * session that one of them leads. The group matters because a process whose parent has died is re-parented
 * (to init or a sub-reaper) and no longer shows up as anyone's descendant: a Python program's forkserver
 * after the program was killed, or the grandchild of a shell script whose shell was killed first. Killing
 * only the direct child left such a grandchild behind with parent 1, still holding the child's stdout open.
 *
 * <p>Groups and sessions come from the platform's {@link ProcessTable} (Linux reads {@code /proc}); where there is
 * none, only {@link ProcessHandle#descendants()} is known.
 */
final class ProcessTree {

    private static final long SELF = ProcessHandle.current().pid();

    private ProcessTree() {
    }

    /** This machine's process table with groups and sessions (Linux's {@code /proc}; none elsewhere). */
    private static ProcessTable procs() {
        return Host.processTable();
    }

    /** True when process groups and sessions can be read here (Linux). */
    static boolean procAvailable() {
        return procs().available();
    }

    static ProcessEntry read(long pid) {
        return procs().read(pid);
    }

    static Map<Long, ProcessEntry> table() {
        return procs().all();
    }

    /** True when {@code pid} leads its own process group (it called setpgrp or setsid). */
    static boolean leadsGroup(long pid) {
        ProcessEntry p = read(pid);
        return p != null && p.pgrp() == pid && pid != SELF;
    }

    /**
     * The tree of {@code root}: it, its descendants, and the members of {@code groups} and of any group or
     * session a member leads — never this JVM or its own group.
     */
    static Set<Long> members(long root, Set<Long> groups, Map<Long, ProcessEntry> table) {
        long ownGroup = table.containsKey(SELF) ? table.get(SELF).pgrp() : -1;
        Set<Long> leaders = new LinkedHashSet<>(groups);
        Set<Long> out = new LinkedHashSet<>();
        out.add(root);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ProcessEntry p : table.values()) {
                if (p.pid() == SELF || out.contains(p.pid())) {
                    continue;
                }
                boolean inGroup = p.pgrp() != ownGroup && (leaders.contains(p.pgrp()) || leaders.contains(p.session()));
                if (out.contains(p.ppid()) || inGroup) {
                    out.add(p.pid());
                    grew = true;
                }
            }
            for (long m : out) {
                ProcessEntry p = table.get(m);
                if (p != null && (p.pgrp() == m || p.session() == m) && m != ownGroup && leaders.add(m)) {
                    grew = true;
                }
            }
        }
        return out;
    }

    /**
     * Kills {@code root} and everything it started, at once (SIGKILL). Linux: the tree is read again after the
     * kill, so a process forked meanwhile (or re-parented by its parent's death) goes too.
     */
    static void kill(ProcessHandle root, Set<Long> groups) {
        if (!procAvailable()) {
            killDescendantsThenRoot(root);
            return;
        }
        Set<Long> known = new LinkedHashSet<>(groups);
        if (root.isAlive() && leadsGroup(root.pid())) {
            known.add(root.pid());
        }
        for (int pass = 0; pass < 4; pass++) {
            Map<Long, ProcessEntry> table = table();
            List<Long> victims = new ArrayList<>();
            for (long pid : members(root.pid(), known, table)) {
                ProcessEntry p = table.get(pid);
                if (p != null && p.alive()) {
                    victims.add(pid);
                }
            }
            if (pass > 0 && victims.isEmpty()) {
                break;
            }
            if (pass == 0) {
                root.destroyForcibly(); // first, so it starts nothing more
            }
            for (long pid : victims) {
                if (pid != root.pid()) {
                    // ProcessHandle checks the start time: a pid reused meanwhile is not killed.
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            if (victims.isEmpty()) {
                break;
            }
        }
    }

    private static void killDescendantsThenRoot(ProcessHandle root) {
        try {
            // While the root lives its descendants are still its descendants: take them first.
            root.descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (RuntimeException e) {
            // the process table may not be readable; the root itself is still killed below
        }
        root.destroyForcibly();
    }

    /** The members of {@code root}'s tree stopped by a signal (SIGSTOP, SIGTSTP), e.g. {@code kill -STOP}. */
    static List<Long> stopped(long root, Set<Long> groups) {
        Map<Long, ProcessEntry> table = table();
        List<Long> out = new ArrayList<>();
        Set<Long> known = new LinkedHashSet<>(groups);
        ProcessEntry r = table.get(root);
        if (r != null && r.pgrp() == root) {
            known.add(root);
        }
        for (long pid : members(root, known, table)) {
            ProcessEntry p = table.get(pid);
            if (p != null && p.stopped()) {
                out.add(pid);
            }
        }
        return out;
    }

    /** Live members of {@code root}'s tree other than the root itself (what would outlive it). */
    static List<Long> liveOthers(long root, Set<Long> groups) {
        if (!procAvailable()) {
            return ProcessHandle.of(root).map(h -> h.descendants().filter(ProcessHandle::isAlive)
                    .map(ProcessHandle::pid).toList()).orElse(List.of());
        }
        Map<Long, ProcessEntry> table = table();
        List<Long> out = new ArrayList<>();
        for (long pid : members(root, groups, table)) {
            ProcessEntry p = table.get(pid);
            if (pid != root && p != null && p.alive()) {
                out.add(pid);
            }
        }
        return out;
    }
}
