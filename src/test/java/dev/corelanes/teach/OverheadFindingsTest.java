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

    static Measurement m(String name, long nanos) {
        return new Measurement(name, name, List.of(nanos, nanos, nanos), true, "");
    }

    /** A quiet machine's shape: the pipe to cat beats both thread round trips. */
    private static List<Measurement> pipeCheap() {
        return List.of(m(OverheadLab.PLATFORM_THREAD, 90_000), m(OverheadLab.VIRTUAL_THREAD, 900),
                m(OverheadLab.WORKER_JVM, 120_000_000), m(OverheadLab.NATIVE_PROCESS, 1_800_000),
                m(OverheadLab.THREAD_HAND_OFF, 5_000), m(OverheadLab.THREAD_QUEUES, 40_000),
                m(OverheadLab.PIPE_CAT, 2_500), m(OverheadLab.PIPE_WORKER, 20_000));
    }

    /** The busy 2-core laptop of issue 23: spinning queues 1.14 µs, park/unpark 24.3 µs, the pipe 21.5 µs. */
    private static List<Measurement> busyLaptop() {
        return List.of(m(OverheadLab.PLATFORM_THREAD, 160_000), m(OverheadLab.VIRTUAL_THREAD, 7_040),
                m(OverheadLab.WORKER_JVM, 1_270_000_000), m(OverheadLab.NATIVE_PROCESS, 21_600_000),
                m(OverheadLab.THREAD_HAND_OFF, 24_300), m(OverheadLab.THREAD_QUEUES, 1_140),
                m(OverheadLab.PIPE_CAT, 21_500), m(OverheadLab.PIPE_WORKER, 60_000));
    }

    static String all(OverheadFindings f) {
        return f.headline() + " " + String.join(" ", f.explanation());
    }

    @Test
    void aPipeCheaperThanBothThreadRoundTripsIsSaidWithWhy() {
        OverheadFindings f = OverheadFindings.of(pipeCheap());
        assertEquals("On this machine starting a native process (1.80 ms) cost ×20 as much as starting a platform "
                + "thread (90.0 µs); the pipe round trip to cat (2.50 µs) was ×2.0 cheaper than the cheaper thread "
                + "round trip with park/unpark (5.00 µs).", f.headline());
        String text = all(f);
        assertTrue(text.contains("The thread round trip through 2 queues (40.0 µs) cost ×8.0 as much as the thread "
                + "round trip with park/unpark (5.00 µs): the queues add their own bookkeeping"), text);
        assertTrue(text.contains("talking to a thread is not cheaper by itself"), text);
        assertTrue(text.contains("The pipe round trip to a worker JVM (20.0 µs) cost ×8.0 as much as the pipe round "
                + "trip to cat (2.50 µs)"), text);
        assertTrue(text.contains("costs more to START"), text);
        assertFalse(text.contains("copied into the kernel and out again"), text);
    }

    /** Issue 23: the bar of a thread round trip longer than the pipe's, under load, must not be talked away. */
    @Test
    void aThreadRoundTripDearerThanThePipeIsSaidInTheHeadline() {
        OverheadFindings f = OverheadFindings.of(busyLaptop());
        assertEquals("On this machine starting a native process (21.6 ms) cost ×135 as much as starting a platform "
                + "thread (160 µs); the pipe round trip to cat (21.5 µs) cost ×19 as much as the cheaper thread round "
                + "trip through 2 queues (1.14 µs); the thread round trip with park/unpark (24.3 µs) cost more than "
                + "the pipe round trip to cat (21.5 µs).", f.headline());
        String text = all(f);
        assertTrue(text.contains("The thread round trip through 2 queues (1.14 µs) was ×21 cheaper than the thread "
                + "round trip with park/unpark (24.3 µs): a SynchronousQueue spins a moment before it parks"), text);
        assertFalse(text.contains("cheapest"), text);
        assertFalse(text.contains("need not cost more"), text);
    }

    @Test
    void aDearerPipeIsSaidAsDearer() {
        List<Measurement> ms = new ArrayList<>(pipeCheap());
        ms.set(6, m(OverheadLab.PIPE_CAT, 50_000));
        OverheadFindings f = OverheadFindings.of(ms);
        assertTrue(f.headline().endsWith("; the pipe round trip to cat (50.0 µs) cost ×10 as much as the cheaper "
                + "thread round trip with park/unpark (5.00 µs)."), f.headline());
        String text = all(f);
        assertTrue(text.contains("copied into the kernel and out again"), text);
        assertFalse(text.contains("not cheaper by itself"), text);
        assertFalse(text.contains("need not cost more"), text);
    }

    @Test
    void closeFiguresAreAboutTheSameNotAWinner() {
        List<Measurement> ms = new ArrayList<>(pipeCheap());
        ms.set(3, m(OverheadLab.NATIVE_PROCESS, 100_000));
        ms.set(5, m(OverheadLab.THREAD_QUEUES, 7_000));
        ms.set(6, m(OverheadLab.PIPE_CAT, 6_000));
        OverheadFindings f = OverheadFindings.of(ms);
        assertEquals("On this machine starting a native process (100 µs) cost about as much as starting a platform "
                + "thread (90.0 µs); the pipe round trip to cat (6.00 µs) cost about as much as the cheaper thread "
                + "round trip with park/unpark (5.00 µs); the thread round trip through 2 queues (7.00 µs) cost more "
                + "than the pipe round trip to cat (6.00 µs).", f.headline());
        assertFalse(all(f).contains("START"), all(f));
    }

    @Test
    void aProcessThatStartedFasterThanAThreadIsSaidSo() {
        List<Measurement> ms = new ArrayList<>(pipeCheap());
        ms.set(3, m(OverheadLab.NATIVE_PROCESS, 30_000));
        ms.set(1, m(OverheadLab.VIRTUAL_THREAD, 400_000));
        OverheadFindings f = OverheadFindings.of(ms);
        assertTrue(f.headline().startsWith("On this machine starting a native process (30.0 µs) was ×3.0 cheaper than "
                + "starting a platform thread (90.0 µs);"), f.headline());
        String text = all(f);
        assertFalse(text.contains("address space"), text);
        assertTrue(text.contains("Starting a virtual thread (400 µs) cost ×4.4 as much as starting a platform thread "
                + "(90.0 µs)."), text);
        assertFalse(text.contains("without asking the OS"), text);
    }

    @Test
    void onlyWhatWasMeasuredIsCompared() {
        List<Measurement> ms = new ArrayList<>(pipeCheap());
        ms.set(6, Measurement.unavailable(OverheadLab.PIPE_CAT, "pipe", "no /bin/cat on this OS"));
        ms.set(7, Measurement.unavailable(OverheadLab.PIPE_WORKER, "pipe", "worker processes are not available here"));
        OverheadFindings f = OverheadFindings.of(ms);
        assertEquals("On this machine starting a native process (1.80 ms) cost ×20 as much as starting a platform "
                + "thread (90.0 µs).", f.headline());
        assertFalse(all(f).contains("pipe"), all(f));

        List<Measurement> oneThreadRoundTrip = new ArrayList<>(pipeCheap());
        oneThreadRoundTrip.set(5, Measurement.unavailable(OverheadLab.THREAD_QUEUES, "q", "failed"));
        assertFalse(all(OverheadFindings.of(oneThreadRoundTrip)).contains("cheaper thread round trip"),
                "no comparative with nothing to compare against");

        OverheadFindings none = OverheadFindings.of(List.of());
        assertTrue(none.headline().startsWith("Not enough was measured"), none.headline());
        assertTrue(none.explanation().isEmpty());
    }
}
