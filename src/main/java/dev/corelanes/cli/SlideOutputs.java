package dev.corelanes.cli;

import dev.corelanes.engine.files.AtomicFiles;
import dev.corelanes.engine.Trace;
import dev.corelanes.view.ImageFormat;
import dev.corelanes.view.LaneMode;
import dev.corelanes.view.Slide;
import dev.corelanes.view.SlideFiles;
import dev.corelanes.view.SlideHtml;
import dev.corelanes.view.SlideOptions;
import dev.corelanes.view.TimelineFrame;
import dev.corelanes.view.TimelineTheme;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The image options shared by {@code run} and {@code export}: a slide as PNG and/or SVG, no window needed. */
final class SlideOutputs {

    @Option(names = "--png", paramLabel = "FILE", description = "Write the timeline as a slide-ready PNG here.")
    Path png;

    @Option(names = "--svg", paramLabel = "FILE", description = "Write the timeline as SVG (vector, text as text) here.")
    Path svg;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Write the timeline as one self-contained interactive HTML page (hover, zoom, pan; works offline).")
    Path html;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "1",
            description = "PNG pixels per layout pixel, 1–4 (default ${DEFAULT-VALUE}; 2 for crisp slides).")
    double scale;

    @Option(names = "--wide", description = "Frame the image 16:9 (fills a slide).")
    boolean wide;

    @Option(names = "--lanes", paramLabel = "VIEW", defaultValue = "cores",
            description = "cores (a lane per CPU, default) or workers (a lane per thread or process).")
    String lanes;

    @Option(names = "--dark", description = "Dark background (for dark slide decks).")
    boolean dark;

    boolean any() {
        return png != null || svg != null || html != null;
    }

    /** Refuses before any work: a wrong extension, a bad scale (the places are checked by {@link OutputFiles}). */
    void check() {
        if (!(scale >= 1 && scale <= SlideFiles.MAX_SCALE)) {
            throw new UserError("--scale must be between 1 and " + (int) SlideFiles.MAX_SCALE + " (got " + scale + ").");
        }
        laneMode();
        expect(png, ImageFormat.PNG, "--png");
        expect(svg, ImageFormat.SVG, "--svg");
        if (html != null) {
            String name = html.toString().toLowerCase(java.util.Locale.ROOT);
            if (!name.endsWith(".html") && !name.endsWith(".htm")) {
                throw new UserError("--html needs a file name ending in .html (got " + html + ").");
            }
        }
    }

    /** Adds the image files asked for to the command's outputs. */
    void addTo(OutputFiles outputs) {
        outputs.add("--png", png).add("--svg", svg).add("--html", html);
    }

    private static void expect(Path file, ImageFormat format, String flag) {
        if (file == null) {
            return;
        }
        if (!file.toString().toLowerCase(java.util.Locale.ROOT).endsWith("." + format.extension())) {
            throw new UserError(flag + " needs a file name ending in ." + format.extension() + " (got " + file + ").");
        }
    }

    private LaneMode laneMode() {
        return switch (lanes.toLowerCase(java.util.Locale.ROOT)) {
            case "cores" -> LaneMode.CORES;
            case "workers" -> LaneMode.WORKERS;
            default -> throw new UserError("--lanes must be cores or workers (got '" + lanes + "').");
        };
    }

    /**
     * Draws the traces on one slide (stacked, one time axis) and adds the image files asked for to
     * {@code batch}; returns the lines to print once the batch is written.
     */
    List<String> addTo(AtomicFiles.Batch batch, List<Trace> traces) {
        List<String> lines = new ArrayList<>();
        for (OutputFiles.Output o : outputs(traces, true)) {
            batch.add(o.file(), o.content());
            lines.add(o.line());
        }
        return lines;
    }

    /**
     * The image files asked for, each drawn from one slide of the traces (stacked, one time axis), composed once;
     * a slide that cannot be composed makes each image fail with the reason when it is written.
     */
    List<OutputFiles.Output> outputs(List<Trace> traces) {
        return outputs(traces, false);
    }

    /**
     * As {@link #outputs(List)}; {@code refuse}: a PNG too large to draw is refused at once (a {@link UserError},
     * exit 2: the input asked for it) rather than failing on its own when written.
     */
    private List<OutputFiles.Output> outputs(List<Trace> traces, boolean refuse) {
        if (!any()) {
            return List.of();
        }
        SlideOptions o = new SlideOptions(SlideOptions.DEFAULT_WIDTH, 0, wide, true, laneMode(),
                dark ? TimelineTheme.DARK : TimelineTheme.LIGHT);
        Slide.Composed slide;
        try {
            slide = Slide.composeWithPanels(traces.stream().map(Slide.Run::of).toList(), o);
        } catch (RuntimeException | OutOfMemoryError e) {
            String why = e instanceof OutOfMemoryError ? "not enough memory to draw it (the Java heap is full)"
                    : String.valueOf(e.getMessage());
            AtomicFiles.Content fail = out -> {
                throw new java.io.IOException(why);
            };
            List<OutputFiles.Output> failing = new ArrayList<>();
            for (var f : List.of(new Object[] {"--png", png}, new Object[] {"--svg", svg}, new Object[] {"--html", html})) {
                if (f[1] != null) {
                    failing.add(new OutputFiles.Output((String) f[0], (Path) f[1], fail, ""));
                }
            }
            return failing;
        }
        TimelineFrame frame = slide.frame();
        List<OutputFiles.Output> out = new ArrayList<>();
        String tooLarge = png == null ? null : SlideFiles.imageTooLarge(frame, scale);
        if (tooLarge != null && refuse) {
            throw new UserError("--png " + png + ": " + tooLarge + ".");
        }
        if (tooLarge != null) {
            out.add(new OutputFiles.Output("--png", png, stream -> {
                throw new java.io.IOException(tooLarge);
            }, ""));
        } else if (png != null) {
            // Drawn when written, not now: the other outputs need not wait for (or make room beside) its pixels.
            out.add(new OutputFiles.Output("--png", png, stream -> SlideFiles.png(frame, scale).writeTo(stream), String.format(java.util.Locale.ROOT,
                    "Image      %s (PNG %.0f×%.0f)", png, Math.ceil(frame.width() * scale), Math.ceil(frame.height() * scale))));
        }
        if (svg != null) {
            out.add(new OutputFiles.Output("--svg", svg, SlideFiles.svgContent(frame), "Image      " + svg + " (SVG)"));
        }
        if (html != null) {
            out.add(new OutputFiles.Output("--html", html, SlideHtml.content(slide),
                    "Page       " + html + " (interactive HTML, works offline)"));
        }
        return out;
    }
}
