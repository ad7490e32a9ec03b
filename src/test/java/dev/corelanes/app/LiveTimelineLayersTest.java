package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.view.LiveFeed;
import dev.corelanes.view.TimelineModel;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live run redraws only its growing edge: the finished lanes are laid out and painted again only when they
 * change (a span finished), not on every frame, so drawing takes as little as it can from the run it shows.
 * The clock is the test's own: no real time.
 */
@ExtendWith(ApplicationExtension.class)
class LiveTimelineLayersTest {

    private static final long MS = 1_000_000L;
    private TimelinePane pane;

    @Start
    void start(Stage stage) {
        pane = new TimelinePane();
        stage.setScene(new Scene(new StackPane(pane), 1000, 500));
        stage.show();
    }

    @Test
    void framesOfALiveRunRepaintTheFinishedLanesOnlyWhenASpanFinishes() throws Exception {
        AtomicLong clock = new AtomicLong(50 * MS);
        long[] counts = WaitForAsyncUtils.asyncFx(() -> {
            MachineInfo m = new MachineInfo("Test CPU", 2, 2, List.of(), 1L << 33, "TestOS", "Java");
            TimelineModel model = new TimelineModel(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 1, false), m, null);
            model.add(new Span(1, "t1", 0, SpanState.RUNNING, 0, 40 * MS));
            model.opened(new Span(2, "t2", 1, SpanState.RUNNING, 10 * MS, 10 * MS));
            pane.showLive(model, new LiveFeed(), clock::get);
            pane.redraw();
            long still0 = pane.stillDraws();
            long frames0 = pane.framesDrawn();
            double edge0 = pane.frame().xAt(clock.get());
            for (int i = 0; i < 30; i++) {
                clock.addAndGet(10 * MS);
                pane.redraw();
            }
            long still1 = pane.stillDraws();
            long frames1 = pane.framesDrawn();
            double edge1 = pane.frame().xAt(clock.get());
            // A span finishes: it is drawn at once, on the edge; the still layer is not laid out for it.
            int boxes = boxes();
            model.add(new Span(3, "t1", 0, SpanState.RUNNING, 60 * MS, 300 * MS));
            pane.redraw();
            long still2 = pane.stillDraws();
            int boxesWithIt = boxes();
            // A busy machine's hundreds of preemptions: the still layer takes them in once, then stays.
            for (int i = 0; i < dev.corelanes.app.impl.TimelineSkin.SPANS_ON_EDGE; i++) {
                model.add(new Span(4 + i, "t2", 1, SpanState.RUNNING, 300 * MS + i * MS, 300 * MS + i * MS + MS / 2));
            }
            pane.redraw();
            pane.redraw();
            pane.redraw();
            return new long[] {still0, frames0, still1, frames1, still2, Math.round(edge1 - edge0), boxesWithIt - boxes,
                    pane.stillDraws()};
        }).get(30, TimeUnit.SECONDS);
        assertEquals(30, counts[3] - counts[1], "thirty frames drawn");
        assertEquals(counts[0], counts[2], "the finished lanes were not laid out or painted again for any of them");
        assertTrue(counts[5] > 50, "while the now line moved across the plot (" + counts[5] + " px)");
        assertEquals(counts[2], counts[4], "a span that finished is not a reason to repaint the finished lanes");
        assertEquals(1, counts[6], "the span that finished is on screen at once");
        assertEquals(counts[2] + 1, counts[7], "hundreds of spans that finished repaint the still layer once");
    }

    private int boxes() {
        return (int) pane.frame().shapes().stream().filter(s -> s instanceof dev.corelanes.view.Shape.Box).count();
    }
}
