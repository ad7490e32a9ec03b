package dev.corelanes.cli;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.TaskKind;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `corelanes window …` checks its flags like `run` does, before any window would open. */
class WindowCommandTest {

    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        WindowCommand.takeRequest();
        return Cli.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void aWorkloadOrALessonIsHandedToTheWindow() {
        assertEquals(0, cli("window", "--mode", "pool", "--kind", "compute", "--tasks", "4", "--seconds", "0.5",
                "--workers", "2", "--run"));
        WindowCommand.Request r = WindowCommand.takeRequest();
        assertEquals(ExecutionMode.POOL, r.spec().mode());
        assertEquals(TaskKind.COMPUTE, r.spec().kind());
        assertEquals(4, r.spec().tasks());
        assertEquals(2, r.spec().workers());
        assertTrue(r.run());
        assertFalse(r.present(), "presenter mode only when asked");
        assertNull(WindowCommand.takeRequest(), "taken once");

        assertEquals(0, cli("window", "--lesson", "cpu-python", "--present"));
        r = WindowCommand.takeRequest();
        assertEquals("cpu-python", r.lesson().id());
        assertTrue(r.present(), "--present opens the window in presenter mode");
        assertNull(r.spec());

        assertEquals(0, cli("window"));
        r = WindowCommand.takeRequest();
        assertNull(r.spec());
        assertNull(r.lesson());
    }

    @Test
    void mistakesAreOneLineAndExitTwoWithNoWindow() {
        assertEquals(2, cli("window", "--lesson", "nope"));
        assertTrue(err.toString().contains("no lesson 'nope'; the lessons are: do-something"), err.toString());
        assertNull(WindowCommand.takeRequest());
        assertEquals(2, cli("window", "--mode", "threads"));
        assertTrue(err.toString().contains("needs both --mode and --kind"), err.toString());
        assertEquals(2, cli("window", "--mode", "pool", "--kind", "sleep"));
        assertTrue(err.toString().contains("needs --workers"), err.toString());
        assertNull(WindowCommand.takeRequest());
        assertTrue(!err.toString().contains("Exception"), "no stack trace: " + err);
    }
}
