package dev.corelanes.view;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same frame drawn as SVG and as a PNG, by the one painter. */
class SurfacesTest {

    private static final long S = 1_000_000_000L;

    private static TimelineFrame frame() {
        TimelineModel m = new TimelineModel(TimelineFixtures.spec(ExecutionMode.THREADS, 2),
                TimelineFixtures.machine(2), null);
        m.add(new Span(1, "T1", 0, SpanState.RUNNING, 0, S / 2));
        m.add(new Span(2, "T2", 1, SpanState.RUNNING, 0, S / 2));
        m.add(new Span(2, "T2", Span.NO_CORE, SpanState.SLEEPING, S / 2, S));
        return TimelineLayout.layout(m, TimelineFixtures.viewport(S, LaneMode.CORES));
    }

    @Test
    void svgKeepsTextAsText() {
        SvgSurface svg = new SvgSurface();
        TimelinePainter.paint(frame(), svg);
        String doc = svg.toString();
        assertTrue(doc.startsWith("<svg"));
        assertTrue(doc.trim().endsWith("</svg>"));
        assertTrue(doc.contains(">CPU 0</text>"));
        assertTrue(doc.contains(">T1</text>"));
        assertTrue(doc.contains("fill=\"" + Palette.task(1).toHex() + "\""));
        assertTrue(SvgSurface.escape("a<b & \"c\"").equals("a&lt;b &amp; &quot;c&quot;"));
    }

    @Test
    void pngIsDrawnWithoutADisplay(@TempDir Path dir) throws Exception {
        TimelineFrame f = frame();
        Java2dSurface png = new Java2dSurface(2);
        TimelinePainter.paint(f, png);
        Path file = dir.resolve("timeline.png");
        png.writePng(file);
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(2000, read.getWidth());
        assertEquals(1200, read.getHeight());
        // The middle of T1's bar (CPU 0, first quarter of time, away from its label) has T1's colour.
        TimelineFrame.Lane cpu0 = f.lanes().get(0);
        int x = (int) (f.xAt(S / 20) * 2);
        int y = (int) ((cpu0.y() + cpu0.h() / 2) * 2);
        int rgb = read.getRGB(x, y) & 0xffffff;
        Rgb t1 = Palette.task(1);
        assertEquals((t1.r() << 16) | (t1.g() << 8) | t1.b(), rgb);
        assertTrue(Files.size(file) > 1000);
    }
}
