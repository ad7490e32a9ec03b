package dev.corelanes.engine.child;

import dev.corelanes.engine.platform.ProcessEntry;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tree of a child, from /proc lines: descendants, and the groups and sessions its members lead. */
class ProcessTreeTest {

    private static ProcessEntry p(long pid, long ppid, long pgrp, long sid) {
        return new ProcessEntry(pid, ppid, pgrp, sid, 'S');
    }

    @Test
    void aReParentedGrandchildIsFoundThroughTheSessionItsChildLeads() {
        long self = ProcessHandle.current().pid();
        // 100: our child (in a session of its own); 101: its child; 102: a grandchild whose parent died (ppid 1).
        Map<Long, ProcessEntry> table = Map.of(
                self, p(self, 1, self, self),
                100L, p(100, self, 100, 100),
                101L, p(101, 100, 100, 100),
                102L, p(102, 1, 101, 100),
                200L, p(200, 1, 200, 200), // someone else's
                300L, p(300, self, self, self)); // another child of ours, in our own group
        assertEquals(Set.of(100L, 101L, 102L), ProcessTree.members(100, Set.of(), table));
    }

    @Test
    void aGroupNotedEarlierStillCountsOnceItsLeaderIsGone() {
        long self = ProcessHandle.current().pid();
        // The program (pid 500) called setpgrp, then died; its forkserver (501) lives on with parent 1.
        Map<Long, ProcessEntry> table = Map.of(
                self, p(self, 1, self, self),
                501L, p(501, 1, 500, self));
        assertEquals(Set.of(500L), ProcessTree.members(500, Set.of(), table));
        assertEquals(Set.of(500L, 501L), ProcessTree.members(500, Set.of(500L), table));
    }

    @Test
    void neverThisJvmNorItsOwnGroup() {
        long self = ProcessHandle.current().pid();
        Map<Long, ProcessEntry> table = Map.of(
                self, p(self, 1, 77, 77),
                78L, p(78, 1, 77, 77),
                100L, p(100, self, 77, 77));
        // even if someone noted our group by mistake
        assertEquals(Set.of(100L), ProcessTree.members(100, Set.of(77L), table));
    }
}
