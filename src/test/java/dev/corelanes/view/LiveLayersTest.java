package dev.corelanes.view;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live frame in two layers: the still one (finished bars, lanes, axis, key) holds nothing that moves with
 * the clock, the edge holds the open bars and the now line, and together they are the one-pass layout's
 * picture.
 */
class LiveLayersTest {

    private static final long S = 1_000_000_000L;

    private static TimelineModel running() {
        TimelineModel m = new TimelineModel(TimelineFixtures.spec(ExecutionMode.THREADS, 2), TimelineFixtures.machine(2), null);
        m.add(new Span(1, "t1", 0, SpanState.RUNNING, 0, S / 4));
        m.opened(new Span(2, "t2", 1, SpanState.RUNNING, S / 10, S / 10));
        return m;
    }

    private static Viewport at(long now) {
        return new Viewport(0, 2 * S, 1000, 600, LaneMode.CORES, now, TimelineTheme.LIGHT);
    }

    private static boolean hasNowLine(List<Shape> shapes, TimelineTheme theme) {
        return shapes.stream().anyMatch(s -> s instanceof Shape.Line l && l.color().equals(theme.now()));
    }

    @Test
    void theStillLayerHoldsNothingThatMovesAndTheEdgeHoldsTheOpenBarAndTheNowLine() {
        TimelineModel m = running();
        LiveLayers layers = LiveLayers.of(m, at(S / 2), f -> List.of());
        assertFalse(hasNowLine(layers.still().shapes(), TimelineTheme.LIGHT), "no now line in the still layer");
        List<Shape> edge = layers.edge(S / 2);
        assertTrue(hasNowLine(edge, TimelineTheme.LIGHT), "the now line is on the edge");
        // The open bar of task 2 on CPU 1 grows with now: later, it ends further right.
        double early = rightmostBox(layers.edge(S / 2));
        double late = rightmostBox(layers.edge(S));
        assertTrue(late > early + 100, "the open bar grows with now: " + early + " then " + late);
        // The still layer is the same object whatever now is: it was laid out once.
        assertEquals(layers.still().shapes().size(), LiveLayers.of(m, at(S), f -> List.of()).still().shapes().size());
    }

    @Test
    void stillAndEdgeTogetherCoverWhatTheOnePassLayoutDraws() {
        TimelineModel m = running();
        TimelineFrame whole = TimelineLayout.layout(m, at(S / 2));
        LiveLayers layers = LiveLayers.of(m, at(S / 2), f -> List.of());
        TimelineFrame split = layers.frame(S / 2, layers.edge(S / 2));
        // The same texts (labels, axis, key) and the same number of boxes and lines: the open bar here touches
        // no finished one, so nothing merges differently.
        assertEquals(texts(whole.shapes()), texts(split.shapes()));
        assertEquals(whole.shapes().size(), split.shapes().size());
        assertEquals(whole.openEndNanos(), split.openEndNanos());
    }

    private static List<String> texts(List<Shape> shapes) {
        return shapes.stream().filter(s -> s instanceof Shape.Text).map(s -> ((Shape.Text) s).text()).sorted().toList();
    }

    private static double rightmostBox(List<Shape> shapes) {
        return shapes.stream().filter(s -> s instanceof Shape.Box).mapToDouble(s -> ((Shape.Box) s).x() + ((Shape.Box) s).w())
                .max().orElse(-1);
    }
}
