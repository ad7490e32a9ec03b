package dev.corelanes.cli;

import dev.corelanes.engine.process.ChildCommands;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code corelanes memory}: what one more thread and one more process cost, like with like. */
class MemoryCliTest {

    private static final boolean PROC = Files.exists(Path.of("/proc/self/status"));

    @Test
    void threadsAreChargedWhatTheyAddedNotTheWholeProcess() {
        CliTest.Result r = CliTest.cli("memory", "--workers", "4", "--increments", "10000", "--guard", "atomic");
        assertEquals(Cli.OK, r.code(), r.err());
        assertTrue(r.out().contains("expected 40,000, counted 40,000: 0 updates lost"), r.out());
        if (PROC) {
            assertTrue(Pattern.compile("Memory: (the 4 threads added \\S+ \\S+ to this process's resident memory — "
                    + "\\S+ \\S+ a thread|this process's resident memory did not grow while the 4 threads ran)")
                    .matcher(r.out()).find(), r.out());
            assertTrue(r.out().contains("was there already; the threads share it."), r.out());
        } else {
            assertTrue(r.out().contains("Memory: not measured on this OS"), r.out());
        }
        assertTrue(r.out().contains("(Run it with --processes to see what one more process costs.)"), r.out());
    }

    @Test
    void eachProcessShowsItsOwnResidentAndUniqueMemory() {
        assumeTrue(ChildCommands.problem() == null, "children cannot start here");
        CliTest.Result r = CliTest.cli("memory", "--processes", "--workers", "2", "--increments", "10000");
        assertEquals(Cli.OK, r.code(), r.err());
        java.util.List<String> children = r.out().lines().filter(l -> l.startsWith("  child ")).toList();
        assertEquals(2, children.size(), r.out());
        for (int child = 1; child <= 2; child++) {
            String line = children.get(child - 1);
            assertTrue(line.startsWith("  child " + child + " counted 10,000 (its own memory: "), line);
            assertTrue(PROC ? line.matches(".*: \\S+ MiB resident · \\S+ MiB unique\\)")
                    : line.endsWith("not measured on this OS)"), line);
        }
        assertTrue(r.out().contains(PROC ? "One more process adds about " : "Memory: not measured on this OS"),
                r.out());
        assertFalse(r.out().contains("-1"), "no raw 'unknown' figure: " + r.out());
    }
}
