package dev.corelanes.engine.trace;

import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgramOutputTest {

    @Test
    void onlyTheLastCharactersAreKeptAndTheRestIsCounted() {
        ProgramOutput out = new ProgramOutput();
        String line = "x".repeat(999);
        int n = 3 * ProgramOutput.MAX_CHARS / 1000;
        for (int i = 0; i < n; i++) {
            out.append(new ProgramOutput.Line(line + (i % 10), false));
        }
        long kept = out.lines().stream().mapToLong(l -> l.text().length() + 1).sum();
        assertTrue(kept <= ProgramOutput.MAX_CHARS, "kept " + kept);
        assertEquals(n, out.lines().size() + out.droppedLines());
        assertTrue(out.text().startsWith("(" + out.droppedLines() + " earlier lines not kept)\n"));
        assertTrue(out.text().endsWith(line + ((n - 1) % 10) + "\n"), "the newest line is kept");
    }

    @Test
    void aProgramThatWritesMoreThanAPipeHoldsIsNeverBlocked() throws Exception {
        Needs.shell();
        // 4 MB on stdout (a pipe holds 64 KiB), a line without end on stderr, then its last words.
        Process p = new ProcessBuilder("sh", "-c", "head -c 4000000 /dev/zero | tr '\\0' 'a' | fold -w 100; "
                + "head -c 10000 /dev/zero | tr '\\0' 'b' >&2; echo >&2; echo 'the end' >&2").start();
        ProgramOutput out = new ProgramOutput();
        out.drain(p.getInputStream(), p.getErrorStream());
        assertEquals(0, p.waitFor());
        out.awaitEnd(60_000);
        List<ProgramOutput.Line> lines = out.lines();
        List<ProgramOutput.Line> errs = lines.stream().filter(ProgramOutput.Line::stderr).toList();
        assertEquals("the end", errs.get(errs.size() - 1).text());
        assertTrue(lines.stream().anyMatch(l -> !l.stderr() && l.text().equals("a".repeat(100))));
        assertTrue(out.droppedLines() > 0);
        assertTrue(lines.stream().filter(ProgramOutput.Line::stderr)
                .allMatch(l -> l.text().length() <= ProgramOutput.MAX_LINE_CHARS), "a long line is cut");
        assertFalse(lines.stream().anyMatch(l -> l.text().contains("\r")));
    }
}
