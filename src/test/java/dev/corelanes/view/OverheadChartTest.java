package dev.corelanes.view;

import dev.corelanes.engine.lab.Measurement;
import dev.corelanes.engine.lab.OverheadLab;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverheadChartTest {

    private static Measurement of(String name, long... nanos) {
        return new Measurement(name, "", java.util.Arrays.stream(nanos).boxed().toList(), true, "");
    }

    @Test
    void theAxisSpansWholeDecadesAroundEverySpread() {
        List<Measurement> ms = List.of(of("virtual thread", 400, 500, 1_600), of("native process", 1_800_000, 2_000_000));
        assertArrayEquals(new double[] {2, 7}, OverheadChart.decades(ms));
    }

    @Test
    void anUnavailableMeasurementSaysWhyInsteadOfABar() {
        SvgSurface svg = new SvgSurface();
        OverheadChart.paint(svg, List.of(of("platform thread", 80_000, 90_000, 100_000),
                Measurement.unavailable("worker JVM", "", "worker processes are not available here")), 960, false);
        String doc = svg.toString();
        assertTrue(doc.contains("not measured: worker processes are not available here"));
        assertTrue(doc.contains(">90.0 µs</text>"), "the median is written beside its bar");
    }

    @Test
    void everyBarIsLabelledWithWhatAndHowItWasTimedAndColouredByWhoTakesPart() {
        List<Measurement> ms = List.of(
                new Measurement(OverheadLab.THREAD_HAND_OFF, "a turn there and back; each side parks until woken",
                        List.of(20_000L, 24_300L, 30_000L), true, ""),
                new Measurement(OverheadLab.THREAD_QUEUES, "a value there and back, two SynchronousQueues",
                        List.of(1_000L, 1_140L, 1_300L), true, ""),
                new Measurement(OverheadLab.PIPE_WORKER, "a ping line and its pong, the worker protocol",
                        List.of(50_000L, 60_000L, 70_000L), true, ""));
        SvgSurface svg = new SvgSurface();
        OverheadChart.paint(svg, ms, 960, false);
        String doc = svg.toString();
        for (Measurement m : ms) {
            assertTrue(doc.contains(">" + m.name() + "</text>"), m.name());
            assertTrue(doc.contains(">" + m.description() + "</text>"), m.description());
        }
        // the label column fits the longest label, so no name runs into its bar
        double column = OverheadChart.labelWidth(ms, 960);
        assertTrue(column >= 20 + TimelineLayout.textWidth(OverheadLab.PIPE_WORKER, 13), "column " + column);
        assertTrue(column <= 960 * 0.42);
        assertFalse(OverheadChart.isProcess(ms.get(0)));
        assertFalse(OverheadChart.isProcess(ms.get(1)));
        assertTrue(OverheadChart.isProcess(ms.get(2)));
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertEquals("503 ns", OverheadChart.duration(503));
        assertEquals("88.7 µs", OverheadChart.duration(88_742));
        assertEquals("1.86 ms", OverheadChart.duration(1_863_289));
        assertEquals("147 ms", OverheadChart.duration(147_337_222));
    }
}
