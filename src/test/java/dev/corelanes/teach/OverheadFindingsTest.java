package dev.corelanes.teach;

import dev.corelanes.engine.lab.Measurement;
import dev.corelanes.engine.lab.OverheadLab;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab's words follow its figures, whichever way they come out (fixed figures, so certain outcomes). */
class OverheadFindingsTest {

    private static Measurement m(String name, long nanos) {
        return new Measurement(name, name, List.of(nanos, nanos, nanos), true, "");
    }

    /** This machine's shape: the pipe to cat beats the queues, and is about a bare hand-off. */
    private static List<Measurement> pipeCheap() {
        return List.of(m(OverheadLab.PLATFORM_THREAD, 90_000), m(OverheadLab.VIRTUAL_THREAD, 900),
                m(OverheadLab.WORKER_JVM, 120_000_000), m(OverheadLab.NATIVE_PROCESS, 1_800_000),
                m(OverheadLab.THREAD_HAND_OFF, 5_000), m(OverheadLab.THREAD_QUEUES, 40_000),
                m(OverheadLab.PIPE_CAT, 2_500), m(OverheadLab.PIPE_WORKER, 20_000));
    }

    private static String all(OverheadFindings f) {
        return f.headline() + " " + String.join(" ", f.explanation());
    }

    @Test
    void aPipeCheaperThanAThreadHandOffIsSaidWithWhy() {
        OverheadFindings f = OverheadFindings.of(pipeCheap());
        assertEquals("On this machine starting a process cost ×20 a thread; a message through a pipe was CHEAPER "
                + "than a hand-off between threads.", f.headline());
        String text = all(f);
        assertTrue(text.contains("Why the pipe beat the queues"), text);
        assertTrue(text.contains("5.00 µs (park/unpark"), text);
        assertTrue(text.contains("40.0 µs (through two queues)"), text);
        assertTrue(text.contains("(cat) 2.50 µs"), text);
        assertTrue(text.contains("20.0 µs, ×8.0 the bare pipe"), text);
        assertTrue(text.contains("costs more to START"), text);
        assertFalse(text.contains("The pipe costs more"), text);
    }

    @Test
    void aDearerPipeIsSaidAsDearer() {
        List<Measurement> ms = new ArrayList<>(pipeCheap());
        ms.set(6, m(OverheadLab.PIPE_CAT, 50_000));
        OverheadFindings f = OverheadFindings.of(ms);
        assertTrue(f.headline().endsWith("a message through a pipe cost ×10 a hand-off between threads."),
                f.headline());
        String text = all(f);
        assertTrue(text.contains("The pipe costs more"), text);
        assertFalse(text.contains("beat"), text);
        assertFalse(text.contains("need not cost more"), text);
    }

    @Test
    void closeFiguresAreAboutTheSameNotAWinner() {
        List<Measurement> ms = new ArrayList<>(pipeCheap());
        ms.set(3, m(OverheadLab.NATIVE_PROCESS, 100_000));
        ms.set(6, m(OverheadLab.PIPE_CAT, 6_000));
        OverheadFindings f = OverheadFindings.of(ms);
        assertEquals("On this machine starting a process cost about as much as a thread; a message cost about the "
                + "same between processes as between threads.", f.headline());
        assertFalse(all(f).contains("START"), all(f));
    }

    @Test
    void onlyWhatWasMeasuredIsCompared() {
        List<Measurement> ms = new ArrayList<>(pipeCheap());
        ms.set(6, Measurement.unavailable(OverheadLab.PIPE_CAT, "pipe", "no /bin/cat on this OS"));
        ms.set(7, Measurement.unavailable(OverheadLab.PIPE_WORKER, "pipe", "worker processes are not available here"));
        OverheadFindings f = OverheadFindings.of(ms);
        assertEquals("On this machine starting a process cost ×20 a thread.", f.headline());
        assertFalse(all(f).contains("pipe"), all(f));

        OverheadFindings none = OverheadFindings.of(List.of());
        assertTrue(none.headline().startsWith("Not enough was measured"), none.headline());
        assertTrue(none.explanation().isEmpty());
    }
}
