package dev.corelanes.app;

import dev.corelanes.app.canvas.CanvasSurface;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.view.LiveFeed;
import dev.corelanes.view.TimelineModel;
import dev.corelanes.view.TimelinePainter;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live run's growing edge is repainted only where it changed, on small tiles over the finished lanes; the
 * picture on screen must still be the whole frame, with nothing left behind where the now line, a bar's end or
 * its label were a frame before. Each frame's pixels are held against the same frame painted whole on one canvas.
 * The clock is the test's own: no real time.
 */
@ExtendWith(ApplicationExtension.class)
class LiveEdgeTilesTest {

    private static final long MS = 1_000_000L;
    /** Channel units (of 255) a pixel may be off: rounding, see {@link #compare}. */
    private static final int TOLERANCE = 8;
    private TimelinePane pane;

    @Start
    void start(Stage stage) {
        pane = new TimelinePane();
        // TestFX's stage is shared: a window test before may have left it maximized; the frames here are 1000×500.
        stage.setMaximized(false);
        stage.setFullScreen(false);
        stage.setScene(new Scene(new StackPane(pane), 1000, 500));
        stage.sizeToScene();
        stage.show();
    }

    @Test
    void everyLiveFrameOfThreadsLooksAsIfPaintedWhole() throws Exception {
        check(ExecutionMode.THREADS);
    }

    @Test
    void everyLiveFrameOfProcessesLooksAsIfPaintedWhole() throws Exception {
        // Processes' bars are outlined and hatched: a bar that grows changes the hatch lines near its end.
        check(ExecutionMode.PROCESSES);
    }

    private void check(ExecutionMode mode) throws Exception {
        AtomicLong clock = new AtomicLong(50 * MS);
        AtomicLong opened = new AtomicLong();
        List<String> wrong = WaitForAsyncUtils.asyncFx(() -> {
            List<String> bad = new ArrayList<>();
            MachineInfo m = new MachineInfo("Test CPU", 2, 2, List.of(), 1L << 33, "TestOS", "Java");
            TimelineModel model = new TimelineModel(ExperimentSpec.of(mode, TaskKind.COMPUTE, 2, 1, false), m, null);
            model.add(new Span(1, "t1", 0, SpanState.RUNNING, 0, 40 * MS));
            model.opened(new Span(2, "t2", 1, SpanState.RUNNING, 10 * MS, 10 * MS));
            // Over the run's planned second: the range stays, so frames repaint only their edge's tiles.
            pane.showLive(model, new LiveFeed(), clock::get, 1_000 * MS);
            pane.redraw();
            compare("the first frame", bad);
            for (int i = 0; i < 15; i++) {
                clock.addAndGet(60 * MS); // a bar's label, in its middle, moves by more than its width
                pane.redraw();
                compare("frame " + (i + 1), bad);
                if (i == 3) {
                    // A span opens well after the other, so their labels do not move side by side.
                    opened.set(clock.get());
                    model.opened(new Span(3, "t1", 0, SpanState.RUNNING, opened.get(), opened.get()));
                }
                if (i == 9) {
                    // It finishes and the next one opens on that CPU.
                    model.add(new Span(3, "t1", 0, SpanState.RUNNING, opened.get(), clock.get()));
                    model.opened(new Span(4, "t1", 0, SpanState.RUNNING, clock.get(), clock.get()));
                }
            }
            return bad;
        }).get(60, TimeUnit.SECONDS);
        assertEquals(List.of(), wrong, "the tiled edge shows the whole frame, with nothing stale");
    }

    @Test
    void aFrameInWhichTheNowLineMovedRepaintsFewTiles() throws Exception {
        AtomicLong clock = new AtomicLong(900 * MS);
        long[] counts = WaitForAsyncUtils.asyncFx(() -> {
            MachineInfo m = new MachineInfo("Test CPU", 2, 2, List.of(), 1L << 33, "TestOS", "Java");
            TimelineModel model = new TimelineModel(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 1, false), m, null);
            model.opened(new Span(1, "t1", 0, SpanState.RUNNING, 0, 0));
            model.opened(new Span(2, "t2", 1, SpanState.RUNNING, 0, 0));
            // The range is the run's planned second (it does not grow in these frames); the bars fill most of it.
            pane.showLive(model, new LiveFeed(), clock::get, 1_000 * MS);
            pane.redraw();
            pane.redraw();
            long before = pane.edgeTileRepaints();
            long still = pane.stillDraws();
            clock.addAndGet(5 * MS);
            pane.redraw();
            return new long[] {pane.edgeTileRepaints() - before, pane.edgeTiles(), pane.stillDraws() - still};
        }).get(30, TimeUnit.SECONDS);
        assertEquals(0, counts[2], "the finished lanes were not painted again");
        assertTrue(counts[0] > 0, "the edge moved, so some tile was repainted");
        assertTrue(counts[0] * 2 <= counts[1], "a frame repaints at most half the tiles the edge is on (" + counts[0]
                + " of " + counts[1] + "): around the now line and the bars' labels, not the whole lanes");
    }

    @Test
    void theTilesAreInTheSceneFromTheFirstFrameAndNoNodeIsAddedWhileTheRunGrows() throws Exception {
        // A node added mid-run made the renderer repaint the whole pane around it: the grid goes in at once.
        AtomicLong clock = new AtomicLong(20 * MS);
        List<Integer> nodes = WaitForAsyncUtils.asyncFx(() -> {
            MachineInfo m = new MachineInfo("Test CPU", 2, 2, List.of(), 1L << 33, "TestOS", "Java");
            TimelineModel model = new TimelineModel(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 1, false), m, null);
            model.opened(new Span(1, "t1", 0, SpanState.RUNNING, 0, 0));
            model.opened(new Span(2, "t2", 1, SpanState.RUNNING, 0, 0));
            pane.showLive(model, new LiveFeed(), clock::get, 1_000 * MS);
            List<Integer> counts = new ArrayList<>();
            List<Integer> shown = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                pane.redraw();
                counts.add(pane.lookupAll("Canvas").size());
                shown.add(pane.edgeTiles());
                clock.addAndGet(80 * MS); // the bars grow across the lanes, onto tiles they had not reached
            }
            counts.add(shown.get(0));
            counts.add(shown.get(shown.size() - 1));
            return counts;
        }).get(30, TimeUnit.SECONDS);
        int frames = nodes.size() - 2;
        assertTrue(nodes.get(frames + 1) > nodes.get(frames), "the edge reached tiles it had not shown: " + nodes);
        assertEquals(java.util.Collections.nCopies(frames, nodes.get(0)), nodes.subList(0, frames),
                "the same nodes in the scene every frame");
    }

    /**
     * The pane on screen against its frame painted whole on one canvas. A pixel a shape covers in part is blended
     * twice on screen (on its tile, then over the canvas) and once here, which rounds a few units apart (3 seen
     * at a bar's end); anything stale — a label, a bar's end, the now line where they were — is tens apart.
     */
    private void compare(String what, List<String> bad) {
        Image shown = pane.snapshot(null, null);
        Canvas whole = new Canvas(shown.getWidth(), shown.getHeight());
        TimelinePainter.paint(pane.frame(), new CanvasSurface(whole.getGraphicsContext2D()));
        Image want = whole.snapshot(null, null);
        PixelReader a = shown.getPixelReader();
        PixelReader b = want.getPixelReader();
        int off = 0;
        int most = 0;
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        String first = null;
        for (int y = 0; y < (int) want.getHeight(); y++) {
            for (int x = 0; x < (int) want.getWidth(); x++) {
                int p = a.getArgb(x, y);
                int q = b.getArgb(x, y);
                int apart = channelsApart(p, q);
                if (apart > TOLERANCE) {
                    off++;
                    most = Math.max(most, apart);
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                    if (first == null) {
                        first = String.format("(%d,%d) %08x vs %08x", x, y, p, q);
                    }
                }
            }
        }
        if (off > 0) {
            bad.add(what + ": " + off + " pixels differ by up to " + most + " in (" + x0 + "," + y0 + ")–(" + x1 + ","
                    + y1 + "), first " + first);
        }
    }

    private static int channelsApart(int p, int q) {
        int most = 0;
        for (int s = 0; s < 32; s += 8) {
            most = Math.max(most, Math.abs(((p >> s) & 0xff) - ((q >> s) & 0xff)));
        }
        return most;
    }
}
